package io.kubenas.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChartRenderTest {

    @Test
    void defaultInstallHasCrdOperatorRbacAndMetricsService() {
        Rendered rendered = Rendered.of(Helm.template());
        assertThat(rendered.kinds()).containsExactlyInAnyOrder("CustomResourceDefinition", "ServiceAccount",
                "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Deployment", "Service");
        assertThat(rendered.one(CustomResourceDefinition.class).getMetadata().getName()).isEqualTo("nassearches.kubenas.io");
        assertThat(rendered.one(ClusterRoleBinding.class).getSubjects().get(0).getName())
                .isEqualTo(rendered.one(ServiceAccount.class).getMetadata().getName());
        Service metrics = rendered.one(Service.class);
        assertThat(metrics.getSpec().getSelector()).containsAllEntriesOf(
                rendered.one(Deployment.class).getSpec().getSelector().getMatchLabels());
    }

    @Test
    void operatorPodRunsNonRootWithReadOnlyRootAndNoPrivilegeEscalation() {
        PodSpec pod = rendered().one(Deployment.class).getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container operator = pod.getContainers().get(0);
        assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(operator.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(operator.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(operator.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(operator.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    }

    @Test
    void operatorHasLivenessAndReadinessProbesOnQuarkusHealth() {
        Container operator = rendered().one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
    }

    @Test
    void imagesAndSettingsComeFromValues() {
        Deployment deployment = Rendered.of(Helm.template("--set", "operator.image.tag=9.9.9",
                "--set", "trainer.image.repository=example.com/trainer", "--set", "trainer.image.tag=1.2.3-cu128",
                "--set", "trainer.gpuResourceName=amd.com/gpu")).one(Deployment.class);
        Container operator = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(operator.getImage()).isEqualTo("ghcr.io/kubenas/operator:9.9.9");
        Map<String, String> env = env(operator);
        assertThat(env).containsEntry("KUBENAS_OPERATOR_TRAINER_IMAGE", "example.com/trainer:1.2.3-cu128")
                .containsEntry("KUBENAS_OPERATOR_GPU_RESOURCE_NAME", "amd.com/gpu")
                .containsEntry("QUARKUS_OPERATOR_SDK_CONTROLLERS_NASSEARCH_NAMESPACES", "JOSDK_ALL_NAMESPACES");
    }

    /**
     * The operator reads kubenas.operator.* (operator/.../config/OperatorSettings) and the watched namespaces of
     * its controller (quarkus.operator-sdk.controllers.nassearch.namespaces); a variable it does not read would
     * look like a setting and do nothing.
     */
    @Test
    void operatorGetsExactlyTheSettingsItReads() {
        Container operator = rendered().one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(operator.getEnv()).extracting(EnvVar::getName).containsExactlyInAnyOrder(
                "KUBENAS_OPERATOR_TRAINER_IMAGE", "KUBENAS_OPERATOR_IMAGE_PULL_POLICY", "KUBENAS_OPERATOR_GPU_RESOURCE_NAME",
                "KUBENAS_OPERATOR_TERMINATION_GRACE_PERIOD", "KUBENAS_OPERATOR_LEASE_NAME", "KUBENAS_OPERATOR_LEASE_NAMESPACE",
                "QUARKUS_OPERATOR_SDK_CONTROLLERS_NASSEARCH_NAMESPACES");
        assertThat(env(operator)).containsEntry("KUBENAS_OPERATOR_LEASE_NAME", "kubenas")
                .containsEntry("KUBENAS_OPERATOR_TERMINATION_GRACE_PERIOD", "120s")
                .containsEntry("KUBENAS_OPERATOR_IMAGE_PULL_POLICY", "IfNotPresent");
        assertThat(operator.getEnv()).filteredOn(e -> e.getName().equals("KUBENAS_OPERATOR_LEASE_NAMESPACE")).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace"));
    }

    @Test
    void defaultImageTagsAreTheChartAppVersion() {
        Container operator = rendered().one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(operator.getImage()).isEqualTo("ghcr.io/kubenas/operator:0.1.0");
        assertThat(env(operator)).containsEntry("KUBENAS_OPERATOR_TRAINER_IMAGE", "ghcr.io/kubenas/trainer:0.1.0");
    }

    @Test
    void namespaceScopedInstallNeedsNoClusterWideRbac() {
        Rendered rendered = Rendered.of(Helm.template("-f", Helm.CHART.resolve("ci/namespaced-values.yaml").toString()));
        assertThat(rendered.all(ClusterRole.class)).isEmpty();
        assertThat(rendered.all(ClusterRoleBinding.class)).isEmpty();
        assertThat(rendered.all(Role.class)).extracting(r -> r.getMetadata().getNamespace())
                .containsExactlyInAnyOrder("team-a", "team-b", "kubenas-system");
        assertThat(rendered.all(RoleBinding.class)).extracting(r -> r.getMetadata().getNamespace())
                .containsExactlyInAnyOrder("team-a", "team-b", "kubenas-system");
        Deployment deployment = rendered.one(Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(env(deployment.getSpec().getTemplate().getSpec().getContainers().get(0)))
                .containsEntry("QUARKUS_OPERATOR_SDK_CONTROLLERS_NASSEARCH_NAMESPACES", "team-a,team-b");
        assertThat(rendered.kinds()).contains("ServiceMonitor");
    }

    @Test
    void rbacHasNoWildcards() {
        for (String values : new String[] {null, Helm.CHART.resolve("ci/namespaced-values.yaml").toString()}) {
            Rendered rendered = Rendered.of(values == null ? Helm.template() : Helm.template("-f", values));
            rendered.all(ClusterRole.class).forEach(r -> r.getRules().forEach(rule -> {
                assertThat(rule.getVerbs()).doesNotContain("*");
                assertThat(rule.getResources()).doesNotContain("*");
                assertThat(rule.getApiGroups()).doesNotContain("*");
            }));
            rendered.all(Role.class).forEach(r -> r.getRules().forEach(rule -> {
                assertThat(rule.getVerbs()).doesNotContain("*");
                assertThat(rule.getResources()).doesNotContain("*");
                assertThat(rule.getApiGroups()).doesNotContain("*");
            }));
        }
    }

    private static Rendered rendered() {
        return Rendered.of(Helm.template());
    }

    static Map<String, String> env(Container container) {
        return container.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}
