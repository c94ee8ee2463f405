package io.kubenas.e2e.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What the API server's audit log records of the operator's writes (test-cluster/up audits every write). */
public final class AuditLog {
    /** The chart's operator ServiceAccount, as the API server authenticates it. */
    public static final String OPERATOR_USER = "system:serviceaccount:" + KubenasRelease.NAMESPACE + ":" + KubenasRelease.NAME;
    private static final Set<String> WRITES = Set.of("create", "update", "patch", "delete");
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditLog() {
    }

    /** When the operator wrote the status of the search {@code namespace/name}, oldest first (completed writes only). */
    public static List<Instant> statusWrites(TestCluster cluster, String namespace, String name) {
        List<Instant> writes = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(cluster.auditLog(), StandardCharsets.UTF_8)) {
            for (String line; (line = lines.readLine()) != null;) {
                JsonNode event = JSON.readTree(line);
                JsonNode ref = event.path("objectRef");
                if ("ResponseComplete".equals(event.path("stage").asText()) && OPERATOR_USER.equals(event.path("user").path("username").asText())
                        && WRITES.contains(event.path("verb").asText()) && "nassearches".equals(ref.path("resource").asText())
                        && "status".equals(ref.path("subresource").asText()) && namespace.equals(ref.path("namespace").asText())
                        && name.equals(ref.path("name").asText()) && event.path("responseStatus").path("code").asInt() < 300) {
                    writes.add(Instant.parse(event.path("requestReceivedTimestamp").asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + cluster.auditLog(), e);
        }
        return writes;
    }
}
