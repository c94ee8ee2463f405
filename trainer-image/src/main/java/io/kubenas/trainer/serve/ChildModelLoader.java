package io.kubenas.trainer.serve;

import java.nio.file.Path;

/** Reads an exported child directory into something the server can run. */
public interface ChildModelLoader {
    /**
     * @throws InvalidChildException when the directory is missing, incomplete, corrupt or inconsistent; the
     *                               message names the file and the problem
     */
    LoadedChild load(Path childDir) throws InvalidChildException;
}
