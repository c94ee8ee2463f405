package io.kubenas.images;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * The root file system that an image's layers make, applied in order as a container runtime does: a later layer
 * replaces a path, `.wh.NAME` deletes NAME of the layers below, `.wh..wh..opq` empties a directory of them. Only the
 * metadata is kept (type, mode, owner, size, link target): enough to check where files are and who may write them.
 */
final class FileTree {

    enum Type { FILE, DIRECTORY, SYMLINK, HARDLINK, OTHER }

    record Node(String path, Type type, int mode, long uid, long gid, long size, String linkTarget) {
        boolean writableByOthersThanRoot() {
            return (mode & 0022) != 0 || uid != 0;
        }
    }

    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    private final TreeMap<String, Node> nodes = new TreeMap<>();

    void apply(TarArchiveEntry entry) {
        String path = clean(entry.getName());
        String name = path.substring(path.lastIndexOf('/') + 1);
        String dir = path.substring(0, path.lastIndexOf('/'));
        if (name.equals(OPAQUE)) {
            removeUnder(dir);
            return;
        }
        if (name.startsWith(WHITEOUT)) {
            String gone = dir + "/" + name.substring(WHITEOUT.length());
            nodes.remove(gone);
            removeUnder(gone);
            return;
        }
        Type type = entry.isDirectory() ? Type.DIRECTORY
                : entry.isSymbolicLink() ? Type.SYMLINK
                : entry.isLink() ? Type.HARDLINK
                : entry.isFile() ? Type.FILE : Type.OTHER;
        if (type != Type.DIRECTORY) {
            removeUnder(path); // a file replacing a directory hides what the directory held
        }
        String link = type == Type.HARDLINK ? clean(entry.getLinkName()) : entry.getLinkName();
        nodes.put(path, new Node(path, type, entry.getMode() & 07777, entry.getLongUserId(), entry.getLongGroupId(),
                entry.getSize(), link));
    }

    Optional<Node> get(String path) {
        return Optional.ofNullable(nodes.get(clean(path)));
    }

    /**
     * The node a path finally names, following symbolic links as the kernel would inside the container (absolute
     * targets from the image's root, relative ones from the link's directory), and hard links to their file.
     */
    Optional<Node> resolve(String path) {
        String current = clean(path);
        for (int hops = 0; hops < 40; hops++) {
            String resolved = resolveParents(current);
            if (resolved == null) {
                return Optional.empty();
            }
            Node node = nodes.get(resolved);
            if (node == null) {
                return Optional.empty();
            }
            switch (node.type()) {
                case SYMLINK -> current = target(resolved, node.linkTarget());
                case HARDLINK -> current = node.linkTarget();
                default -> {
                    return Optional.of(node);
                }
            }
        }
        return Optional.empty(); // a loop
    }

    /** The entries directly inside a directory (not following links), by name. */
    List<Node> list(String directory) {
        String prefix = clean(directory) + "/";
        List<Node> out = new ArrayList<>();
        for (Map.Entry<String, Node> e : nodes.tailMap(prefix).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            if (e.getKey().indexOf('/', prefix.length()) < 0) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /** Every node at or under a path. */
    List<Node> walk(String directory) {
        String top = clean(directory);
        List<Node> out = new ArrayList<>();
        for (Map.Entry<String, Node> e : nodes.tailMap(top).entrySet()) {
            if (!e.getKey().equals(top) && !e.getKey().startsWith(top + "/")) {
                break;
            }
            out.add(e.getValue());
        }
        return out;
    }

    // The parents of a path with their symbolic links followed, so that /usr/bin/java under a linked /usr works.
    private String resolveParents(String path) {
        int slash = path.lastIndexOf('/');
        if (slash <= 0) {
            return path;
        }
        String parentPath = path.substring(0, slash);
        Optional<Node> parent = resolve(parentPath);
        if (parent.isPresent()) {
            return parent.get().type() == Type.DIRECTORY ? parent.get().path() + path.substring(slash) : null;
        }
        // A layer may hold a file without an entry for its directory: the directory exists implicitly.
        String real = resolveParents(parentPath);
        return real != null && !nodes.containsKey(real) && !walk(real).isEmpty() ? real + path.substring(slash) : null;
    }

    private static String target(String linkPath, String target) {
        if (target.startsWith("/")) {
            return clean(target);
        }
        return clean(linkPath.substring(0, linkPath.lastIndexOf('/')) + "/" + target);
    }

    private void removeUnder(String dir) {
        nodes.subMap(dir + "/", dir + "0").clear(); // '0' sorts right after '/'
    }

    /** "/a/./b/../c/" and "a/c" both become "/a/c"; ".." never climbs above the root, as in a chroot. */
    static String clean(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            parts.add(part);
        }
        return "/" + String.join("/", parts);
    }
}
