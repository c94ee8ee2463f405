package io.kubenas.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.images.FileTree.Type;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;

/** The layer semantics the structure tests rely on, on hand-made entries (no image needed). */
class FileTreeTest {

    private final FileTree tree = new FileTree();

    @Test
    void whiteoutDeletesAFileAndEverythingUnderADirectoryOfLowerLayers() {
        tree.apply(dir("etc/"));
        tree.apply(file("etc/passwd"));
        tree.apply(dir("opt/app/"));
        tree.apply(file("opt/app/a.jar"));
        tree.apply(file("opt/app-other"));
        tree.apply(file("etc/.wh.passwd"));
        tree.apply(file("opt/.wh.app"));

        assertThat(tree.get("/etc/passwd")).isEmpty();
        assertThat(tree.get("/opt/app")).isEmpty();
        assertThat(tree.get("/opt/app/a.jar")).isEmpty();
        assertThat(tree.get("/opt/app-other")).as("a sibling whose name starts alike").isPresent();
    }

    @Test
    void opaqueWhiteoutEmptiesADirectoryButKeepsItAndLaterEntries() {
        tree.apply(dir("data/"));
        tree.apply(file("data/old"));
        tree.apply(file("data/.wh..wh..opq"));
        tree.apply(file("data/new"));

        assertThat(tree.get("/data")).isPresent();
        assertThat(tree.list("/data")).extracting(FileTree.Node::path).containsExactly("/data/new");
    }

    @Test
    void laterLayerReplacesADirectoryWithAFileAndHidesItsContents() {
        tree.apply(dir("x/"));
        tree.apply(file("x/y"));
        tree.apply(file("x"));

        assertThat(tree.get("/x").orElseThrow().type()).isEqualTo(Type.FILE);
        assertThat(tree.get("/x/y")).isEmpty();
    }

    @Test
    void resolvesAbsoluteAndRelativeSymlinksInsideTheImageRoot() {
        tree.apply(dir("usr/lib/jvm/bin/"));
        tree.apply(file("usr/lib/jvm/bin/java"));
        tree.apply(dir("etc/alternatives/"));
        tree.apply(link("etc/alternatives/java", "/usr/lib/jvm/bin/java"));
        tree.apply(dir("usr/bin/"));
        tree.apply(link("usr/bin/java", "../../etc/alternatives/java"));
        tree.apply(link("bin", "usr/bin"));

        assertThat(tree.resolve("/bin/java").orElseThrow().path()).isEqualTo("/usr/lib/jvm/bin/java");
    }

    @Test
    void dotDotNeverClimbsAboveTheRoot() {
        assertThat(FileTree.clean("../../etc/./passwd")).isEqualTo("/etc/passwd");
        assertThat(FileTree.clean("./a/b/../c/")).isEqualTo("/a/c");
    }

    @Test
    void symlinkLoopResolvesToNothing() {
        tree.apply(link("a", "b"));
        tree.apply(link("b", "a"));

        assertThat(tree.resolve("/a")).isEmpty();
    }

    private static TarArchiveEntry dir(String name) {
        return new TarArchiveEntry(name);
    }

    private static TarArchiveEntry file(String name) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(1);
        return e;
    }

    private static TarArchiveEntry link(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        e.setLinkName(target);
        return e;
    }
}
