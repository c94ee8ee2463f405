package io.kubenas.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checks of the rendered objects can fail: hand-written manifests with the mistakes they exist to catch,
 * and the message each must produce (object and JSON path). Without these, a check that never fires would
 * pass every chart test.
 */
class ObjectChecksTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
              namespace: demo
            spec:
              replicas: 1
              selector:
                matchLabels: {app: demo}
              template:
                metadata:
                  labels: {app: demo}
                spec:
                  containers:
                    - name: demo
                      image: example.com/demo:1.0
                      ports:
                        - name: http
                          containerPort: 8080
                      securityContext:
                        readOnlyRootFilesystem: true
            """;

    @Test
    void aCorrectDeploymentHasNoUnknownFields() {
        Deployment deployment = new KubernetesSerialization().unmarshal(DEPLOYMENT, Deployment.class);
        assertThat(UnknownFields.of(deployment)).isEmpty();
        assertThat(Rendered.of(DEPLOYMENT).one(Deployment.class).getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void aMisspelledFieldFailsNamingTheObjectAndItsPath() {
        String typo = DEPLOYMENT.replace("  replicas: 1", "  replicaz: 2");
        Deployment parsed = new KubernetesSerialization().unmarshal(typo, Deployment.class);
        assertThat(parsed.getSpec().getReplicas()).as("fabric8 parses it without complaint").isNull();
        assertThat(UnknownFields.of(parsed)).containsExactly("spec.replicaz");
        assertThatThrownBy(() -> Rendered.of(typo)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Deployment demo/demo: spec.replicaz is not a field of Deployment");
    }

    @Test
    void aMisspelledNestedFieldIsReportedWithItsFullPath() {
        String typo = DEPLOYMENT.replace("readOnlyRootFilesystem", "readOnlyRootFilesytem");
        assertThatThrownBy(() -> Rendered.of(typo)).hasMessageContaining(
                "spec.template.spec.containers[0].securityContext.readOnlyRootFilesytem is not a field of Deployment");
    }

    @Test
    void aMisplacedOrMistypedFieldIsReported() {
        String misplaced = DEPLOYMENT.replace("  replicas: 1", "  replicas: 1\n  nodeSelector: {disk: ssd}");
        assertThatThrownBy(() -> Rendered.of(misplaced)).hasMessageContaining("spec.nodeSelector is not a field");
        String mistyped = DEPLOYMENT.replace("  replicas: 1", "  replicas: two");
        assertThatThrownBy(() -> Rendered.of(mistyped)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("cannot be parsed").hasMessageContaining("\"two\"");
    }

    @Test
    void aKindTheApiDoesNotHaveIsReported() {
        String kind = DEPLOYMENT.replace("kind: Deployment", "kind: Deploymnet");
        assertThatThrownBy(() -> Rendered.of(kind)).hasMessageContaining("Deploymnet demo/demo: no such kind");
        String monitor = """
                apiVersion: monitoring.coreos.com/v1alpha1
                kind: ServiceMonitor
                metadata: {name: m, namespace: demo}
                spec: {}
                """;
        assertThatThrownBy(() -> Rendered.of(monitor)).hasMessageContaining("ServiceMonitor demo/m: no such kind");
    }

    @Test
    void kindChecksReportMissingFieldsAndBrokenReferences() {
        String broken = """
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: operator, namespace: demo}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: demo, namespace: demo}
                spec:
                  selector:
                    matchLabels: {app: demo}
                  template:
                    metadata:
                      labels: {app: other}
                    spec:
                      serviceAccountName: nobody
                      containers:
                        - name: demo
                          ports:
                            - {name: http, containerPort: 8080}
                          readinessProbe:
                            httpGet: {path: /ready, port: health}
                          volumeMounts:
                            - {name: tmp, mountPath: /tmp}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: demo, namespace: demo, labels: {app: other}}
                spec:
                  selector: {app: nothing}
                  ports:
                    - {name: http-metrics, port: 8080, targetPort: metrics}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: demo, namespace: demo}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: missing}
                subjects:
                  - {kind: ServiceAccount, name: operator, namespace: demo}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: demo}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: demo}
                subjects:
                  - {kind: ServiceAccount, name: operator}
                ---
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: demo, namespace: demo}
                spec:
                  selector:
                    matchLabels: {app: metrics}
                  endpoints:
                    - {port: metrics, intervall: 30s}
                """;
        List<String> problems = KindChecks.problems(Rendered.of(broken));
        assertThat(problems).contains(
                "Deployment demo/demo: spec.selector.matchLabels: does not match spec.template.metadata.labels {app=other}",
                "Deployment demo/demo: spec.template.spec.containers[0].image: missing",
                "Deployment demo/demo: spec.template.spec.containers[0].readinessProbe.port: names no port of the container: health",
                "Deployment demo/demo: spec.template.spec.containers[0].volumeMounts[0].name: names no volume of the pod: tmp",
                "Deployment demo/demo: spec.template.spec.serviceAccountName: names no rendered ServiceAccount: nobody",
                "Service demo/demo: spec.selector: selects no rendered pod template: {app=nothing}",
                "RoleBinding demo/demo: roleRef: refers to no rendered Role named missing in demo",
                "ClusterRoleBinding demo: roleRef.kind: a ClusterRoleBinding cannot refer to a Role",
                "ClusterRoleBinding demo: subjects[0].namespace: a ServiceAccount subject needs its namespace",
                "ServiceMonitor demo/demo: spec.selector.matchLabels: selects no rendered Service: {app=metrics}",
                "ServiceMonitor demo/demo: spec.endpoints[0].intervall: not a field of ServiceMonitor (or not one the chart is expected to use)");
    }

    @Test
    void kindChecksReportAConfigMapTheApiServerWouldRefuse() {
        String broken = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: demo, namespace: demo}
                data:
                  dashboards/searches.json: "{}"
                  big.json: "%s"
                """.formatted("x".repeat(KindChecks.CONFIG_MAP_MAX_BYTES));
        assertThat(KindChecks.problems(Rendered.of(broken))).containsExactlyInAnyOrder(
                "ConfigMap demo/demo: data[\"dashboards/searches.json\"]: invalid key",
                "ConfigMap demo/demo: data: " + (KindChecks.CONFIG_MAP_MAX_BYTES + 2 + "dashboards/searches.json".length() + "big.json".length())
                        + " bytes, more than the API server's " + KindChecks.CONFIG_MAP_MAX_BYTES);
    }

    @Test
    void kindChecksReportAServiceTargetPortAndAServiceMonitorPortThatDoNotExist() {
        String broken = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: demo, namespace: demo}
                spec:
                  selector:
                    matchLabels: {app: demo}
                  template:
                    metadata:
                      labels: {app: demo}
                    spec:
                      containers:
                        - name: demo
                          image: example.com/demo:1.0
                          ports:
                            - {name: http, containerPort: 8080}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: demo, namespace: demo, labels: {app: demo}}
                spec:
                  selector: {app: demo}
                  ports:
                    - {name: http-metrics, port: 8080, targetPort: metrics}
                ---
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: demo, namespace: demo}
                spec:
                  selector:
                    matchLabels: {app: demo}
                  endpoints:
                    - {port: metrics, path: /q/metrics, interval: 30 s}
                """;
        assertThat(KindChecks.problems(Rendered.of(broken))).containsExactlyInAnyOrder(
                "Service demo/demo: spec.ports[0].targetPort: names no container port of the selected pods: metrics",
                "ServiceMonitor demo/demo: spec.endpoints[0].port: names no port of Service demo: metrics",
                "ServiceMonitor demo/demo: spec.endpoints[0].interval: not a Prometheus duration: 30 s");
    }
}
