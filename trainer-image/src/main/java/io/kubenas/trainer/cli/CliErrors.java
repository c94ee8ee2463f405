package io.kubenas.trainer.cli;

import io.kubenas.api.progress.TrainerExitCode;
import io.kubenas.api.validation.InvalidNasSearchException;
import io.kubenas.api.validation.ValidationProblem;
import io.kubenas.trainer.child.InvalidChildException;
import io.kubenas.trainer.data.DatasetUnavailableException;
import io.kubenas.trainer.devices.GpusNotVisibleException;
import io.kubenas.trainer.history.InvalidHistoryException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;

/**
 * Turns what can go wrong in a command into a message a person can act on and a documented exit code,
 * never a stack trace on the terminal (the log keeps it for bugs).
 */
public final class CliErrors {
    private static final Logger LOG = Logger.getLogger(CliErrors.class);

    private CliErrors() {
    }

    public static int run(String command, PrintWriter err, Callable<Integer> body) {
        try {
            return body.call();
        } catch (InvalidNasSearchException e) {
            err.println(command + ": the NasSearch is not valid:");
            for (ValidationProblem p : e.problems()) {
                err.println("  " + p);
            }
            return TrainerExitCode.INVALID_INPUT.code();
        } catch (DatasetUnavailableException | InvalidHistoryException | InvalidChildException e) {
            err.println(command + ": " + e.getMessage());
            return TrainerExitCode.INVALID_INPUT.code();
        } catch (GpusNotVisibleException e) {
            err.println(command + ": " + e.getMessage());
            return TrainerExitCode.GPU_NOT_VISIBLE.code();
        } catch (Exception e) {
            LOG.error(command + " failed", e);
            err.println(command + ": failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return TrainerExitCode.FAILED.code();
        } finally {
            err.flush();
        }
    }
}
