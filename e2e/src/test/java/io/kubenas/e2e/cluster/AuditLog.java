package io.kubenas.e2e.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What the API server's audit log records of the operator's writes (test-cluster/up audits every write). */
public final class AuditLog {
    /** The chart's operator ServiceAccount, as the API server authenticates it. */
    public static final String OPERATOR_USER = "system:serviceaccount:" + KubenasRelease.NAMESPACE + ":" + KubenasRelease.NAME;
    /** The verbs test-cluster/up's audit policy records. */
    private static final Set<String> WRITES = Set.of("create", "update", "patch", "delete", "deletecollection");
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditLog() {
    }

    /** When the operator wrote the status of the search {@code namespace/name}, oldest first (completed writes only). */
    public static List<Instant> statusWrites(TestCluster cluster, String namespace, String name) {
        return operatorWrites(cluster.auditLog(), namespace).stream()
                .filter(event -> "nassearches".equals(event.path("objectRef").path("resource").asText())
                        && "status".equals(event.path("objectRef").path("subresource").asText())
                        && name.equals(event.path("objectRef").path("name").asText())
                        && event.path("responseStatus").path("code").asInt() < 300)
                .map(event -> Instant.parse(event.path("requestReceivedTimestamp").asText())).toList();
    }

    /** Every write the operator made in {@code namespace}, as the audit log {@code log} records it (metadata level). */
    public static List<JsonNode> operatorWrites(Path log, String namespace) {
        List<JsonNode> writes = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            for (String line; (line = lines.readLine()) != null;) {
                JsonNode event = JSON.readTree(line);
                if ("ResponseComplete".equals(event.path("stage").asText()) && OPERATOR_USER.equals(event.path("user").path("username").asText())
                        && WRITES.contains(event.path("verb").asText()) && namespace.equals(event.path("objectRef").path("namespace").asText())) {
                    writes.add(event);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
        return writes;
    }
}
