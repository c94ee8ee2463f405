package io.kubenas.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An image as `docker load` or a registry would see it, read from a tarball alone: Docker's `docker save` layout
 * (manifest.json) or an OCI image layout (index.json, blobs/sha256/), the two Jib writes; layers gzipped or not.
 * The layers are applied in order, whiteouts included, into one {@link FileTree}: the container's root file system.
 */
record ImageTarball(Path path, JsonNode manifest, JsonNode config, List<String> layerDigests, FileTree files) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ImageTarball read(Path tarball) {
        try {
            Map<String, byte[]> members = readMembers(tarball);
            JsonNode manifest;
            JsonNode config;
            List<byte[]> layers = new ArrayList<>();
            List<String> layerDigests = new ArrayList<>();
            if (members.containsKey("index.json")) {
                JsonNode index = JSON.readTree(members.get("index.json"));
                manifest = JSON.readTree(blob(members, index.path("manifests").path(0).path("digest").asText()));
                config = JSON.readTree(blob(members, manifest.path("config").path("digest").asText()));
                for (JsonNode layer : manifest.path("layers")) {
                    layerDigests.add(layer.path("digest").asText());
                    layers.add(blob(members, layer.path("digest").asText()));
                }
            } else if (members.containsKey("manifest.json")) {
                manifest = JSON.readTree(members.get("manifest.json")).path(0);
                config = JSON.readTree(member(members, manifest.path("Config").asText()));
                for (JsonNode layer : manifest.path("Layers")) {
                    byte[] data = member(members, layer.asText());
                    layerDigests.add("sha256:" + Sha256.hex(data));
                    layers.add(data);
                }
            } else {
                throw new IllegalStateException(tarball + " holds neither index.json (OCI layout) nor manifest.json (docker save)");
            }
            FileTree files = new FileTree();
            for (byte[] layer : layers) {
                try (TarArchiveInputStream in = new TarArchiveInputStream(uncompressed(layer))) {
                    for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                        files.apply(e);
                    }
                }
            }
            return new ImageTarball(tarball, manifest, config, List.copyOf(layerDigests), files);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the image tarball " + tarball, e);
        }
    }

    /** The diff IDs the config lists: the digests of the uncompressed layers, which identify them whatever the compression. */
    List<String> diffIds() {
        List<String> ids = new ArrayList<>();
        config.path("rootfs").path("diff_ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    JsonNode containerConfig() {
        return config.path("config");
    }

    List<String> entrypoint() {
        return strings(containerConfig().path("Entrypoint"));
    }

    List<String> cmd() {
        return strings(containerConfig().path("Cmd"));
    }

    /** The environment as a map (the config's KEY=VALUE list; the last one of a key wins, as for a process). */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        for (String kv : strings(containerConfig().path("Env"))) {
            int eq = kv.indexOf('=');
            env.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return env;
    }

    Map<String, String> labels() {
        Map<String, String> labels = new HashMap<>();
        containerConfig().path("Labels").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
        return labels;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, byte[]> readMembers(Path tarball) throws IOException {
        Map<String, byte[]> members = new HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tarball)))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.isFile()) {
                    members.put(normalize(e.getName()), in.readAllBytes());
                }
            }
        }
        return members;
    }

    private static byte[] member(Map<String, byte[]> members, String name) {
        byte[] data = members.get(normalize(name));
        if (data == null) {
            throw new IllegalStateException("the image tarball lists " + name + " but does not hold it");
        }
        return data;
    }

    private static byte[] blob(Map<String, byte[]> members, String digest) {
        byte[] data = member(members, "blobs/" + digest.replace(':', '/'));
        String actual = "sha256:" + Sha256.hex(data);
        if (!actual.equals(digest)) {
            throw new IllegalStateException("blob " + digest + " has the digest " + actual);
        }
        return data;
    }

    private static String normalize(String name) {
        return name.startsWith("./") ? name.substring(2) : name;
    }

    private static InputStream uncompressed(byte[] layer) throws IOException {
        boolean gzip = layer.length > 2 && (layer[0] & 0xff) == 0x1f && (layer[1] & 0xff) == 0x8b;
        InputStream raw = new ByteArrayInputStream(layer);
        return gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
    }
}
