package io.kubenas.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object the chart renders, for every values case, parsed into the typed model and checked against
 * its kind: no field the kind does not define ({@link UnknownFields}), the fields and references the API
 * server requires ({@link KindChecks}), and the restricted pod security profile.
 */
class RenderedObjectsTest {

    /** The default values, each file of helm/kubenas/ci/, and the switches those files do not cover. */
    static Stream<Arguments> valueSets() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("default values", new String[0]));
        for (Path file : Helm.ciValues()) {
            cases.add(Arguments.of("ci/" + file.getFileName(), new String[] {"-f", file.toString()}));
        }
        cases.add(Arguments.of("ServiceMonitor on the default values", new String[] {"--set", "metrics.serviceMonitor.enabled=true"}));
        cases.add(Arguments.of("no metrics Service", new String[] {"--set", "metrics.service.enabled=false"}));
        cases.add(Arguments.of("an existing ServiceAccount", new String[] {"--set", "serviceAccount.create=false",
                "--set", "serviceAccount.name=nas-operator"}));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everyRenderedObjectHasOnlyFieldsItsKindDefines(String name, String[] values) {
        // Rendered.of fails on the first unknown field already; the assertion below says so in the report.
        Rendered rendered = Rendered.of(Helm.template(values));
        for (HasMetadata object : rendered.objects()) {
            if (object instanceof GenericKubernetesResource custom) {
                assertThat(Rendered.CUSTOM_KINDS).as("a kind fabric8 does not know: " + Rendered.describe(object))
                        .containsEntry(custom.getKind(), custom.getApiVersion());
            } else {
                assertThat(UnknownFields.of(object)).as("fields %s does not define", Rendered.describe(object)).isEmpty();
            }
        }
        assertThat(rendered.objects()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everyRenderedObjectIsValidForItsKind(String name, String[] values) {
        assertThat(KindChecks.problems(Rendered.of(Helm.template(values)))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everyPodIsNonRootWithReadOnlyRootAndNoPrivilegeEscalation(String name, String[] values) {
        List<Deployment> deployments = Rendered.of(Helm.template(values)).all(Deployment.class);
        assertThat(deployments).isNotEmpty();
        for (Deployment deployment : deployments) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getHostPath()).as("hostPath volume").isNull());
            List<Container> containers = new ArrayList<>(pod.getContainers());
            if (pod.getInitContainers() != null) {
                containers.addAll(pod.getInitContainers());
            }
            for (Container container : containers) {
                assertThat(container.getSecurityContext()).as(container.getName()).isNotNull();
                assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
                assertThat(container.getSecurityContext().getRunAsNonRoot()).isNotEqualTo(Boolean.FALSE);
                assertThat(container.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);
                assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
                assertThat(container.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
                assertThat(container.getLivenessProbe()).as("liveness probe of " + container.getName()).isNotNull();
                assertThat(container.getReadinessProbe()).as("readiness probe of " + container.getName()).isNotNull();
            }
        }
    }

    @Test
    void serviceMonitorIsOptionalAndScrapesTheMetricsServicePort() {
        assertThat(Rendered.of(Helm.template()).custom("ServiceMonitor")).as("off by default").isEmpty();

        Rendered rendered = Rendered.of(Helm.template("--set", "metrics.serviceMonitor.enabled=true",
                "--set", "metrics.serviceMonitor.labels.release=prometheus"));
        GenericKubernetesResource monitor = rendered.custom("ServiceMonitor").get(0);
        assertThat(rendered.custom("ServiceMonitor")).hasSize(1);
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getMetadata().getNamespace()).isEqualTo("kubenas-system");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
        Service metrics = rendered.one(Service.class);
        Map<String, Object> selector = monitor.get("spec", "selector", "matchLabels");
        assertThat(selector).isNotEmpty();
        assertThat(metrics.getMetadata().getLabels()).containsAllEntriesOf(stringMap(selector));
        List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
        assertThat(endpoints).singleElement().satisfies(endpoint -> {
            assertThat(metrics.getSpec().getPorts()).anySatisfy(p -> assertThat(p.getName()).isEqualTo(endpoint.get("port")));
            assertThat(endpoint).containsEntry("path", "/q/metrics").containsEntry("interval", "30s");
            // Without it Prometheus renames the series' namespace label (the search's) to exported_namespace.
            assertThat(endpoint).containsEntry("honorLabels", true);
        });
    }

    @Test
    void serviceMonitorWithoutTheMetricsServiceIsRefused() {
        Helm.Result result = Helm.tryTemplate("--set", "metrics.serviceMonitor.enabled=true", "--set", "metrics.service.enabled=false");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("metrics.serviceMonitor.enabled needs metrics.service.enabled");
    }

    private static Map<String, String> stringMap(Map<String, Object> map) {
        Map<String, String> strings = new java.util.HashMap<>();
        map.forEach((k, v) -> strings.put(k, String.valueOf(v)));
        return strings;
    }
}
