package io.kubenas.e2e.cluster;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The operator and trainer images built by {@code mvn -Pimages} (Jib's tarballs), as the process kubelet runs them:
 * their references, with the tag the build gave them, map to the tarballs, which the kubelet unpacks into a root file
 * system and runs chrooted as the image's user. Other tags of the same repositories keep mapping to this checkout's
 * jars (test-cluster's defaults), so the chart's default install is unchanged.
 */
public final class BuiltImages {
    public static final String OPERATOR_REPOSITORY = "ghcr.io/kubenas/operator";
    public static final String TRAINER_REPOSITORY = "ghcr.io/kubenas/trainer";
    static final Path OPERATOR_TARBALL = Repo.path("operator/target/jib-image.tar");
    static final Path TRAINER_TARBALL = Repo.path("trainer-image/target/jib-image.tar");

    private BuiltImages() {
    }

    /** The tag the images were built with (the pom's image.tag, given to the tests as kubenas.image.tag). */
    public static String tag() {
        String tag = System.getProperty("kubenas.image.tag");
        if (tag == null || tag.isBlank() || tag.startsWith("${")) {
            throw new IllegalStateException("kubenas.image.tag is not set: run the end-to-end tests through Maven");
        }
        return tag;
    }

    /** Fails, with the command that builds them, when the image tarballs are not there. */
    public static void requireBuilt() {
        for (Path tarball : new Path[] {OPERATOR_TARBALL, TRAINER_TARBALL}) {
            if (!Files.isRegularFile(tarball)) {
                throw new AssertionError("no image tarball at " + tarball + ": build the images first, from " + Repo.root()
                        + ": mvn -B -Pimages package -DskipTests");
            }
        }
    }

    /** The process kubelet's image entries (appended to the cluster's images by {@link TestCluster}). */
    static String imageEntries() {
        return "\"" + OPERATOR_REPOSITORY + ":" + tag() + "\": {tarball: \"" + OPERATOR_TARBALL + "\"}\n"
                + "\"" + TRAINER_REPOSITORY + ":" + tag() + "\": {tarball: \"" + TRAINER_TARBALL + "\"}\n";
    }
}
