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
                "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Deployment", "Service",
                // watchNodes: read Nodes (cluster-wide) and their Leases (in kube-node-lease)
                "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");
        assertThat(rendered.one(CustomResourceDefinition.class).getMetadata().getName()).isEqualTo("nassearches.kubenas.io");
        assertThat(rendered.all(ClusterRoleBinding.class)).extracting(b -> b.getSubjects().get(0).getName())
                .containsOnly(rendered.one(ServiceAccount.class).getMetadata().getName());
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
                "KUBENAS_OPERATOR_TERMINATION_GRACE_PERIOD", "KUBENAS_OPERATOR_START_TIMEOUT", "KUBENAS_OPERATOR_UNSCHEDULABLE_TIMEOUT",
                "KUBENAS_OPERATOR_NODE_LOST_GRACE", "KUBENAS_OPERATOR_WATCH_NODES", "KUBENAS_OPERATOR_WATCH_KUEUE_WORKLOADS", "KUBENAS_OPERATOR_LEASE_NAME",
                "KUBENAS_OPERATOR_LEASE_NAMESPACE", "KUBENAS_OPERATOR_LOG_FORMAT", "QUARKUS_LOG_CONSOLE_JSON_ENABLED",
                "QUARKUS_OPERATOR_SDK_CONTROLLERS_NASSEARCH_NAMESPACES");
        assertThat(env(operator)).containsEntry("KUBENAS_OPERATOR_LEASE_NAME", "kubenas")
                .containsEntry("KUBENAS_OPERATOR_TERMINATION_GRACE_PERIOD", "120s")
                .containsEntry("KUBENAS_OPERATOR_START_TIMEOUT", "5m")
                .containsEntry("KUBENAS_OPERATOR_UNSCHEDULABLE_TIMEOUT", "30m")
                .containsEntry("KUBENAS_OPERATOR_NODE_LOST_GRACE", "60s")
                .containsEntry("KUBENAS_OPERATOR_WATCH_NODES", "true")
                .containsEntry("KUBENAS_OPERATOR_WATCH_KUEUE_WORKLOADS", "false")
                .containsEntry("KUBENAS_OPERATOR_IMAGE_PULL_POLICY", "IfNotPresent")
                .containsEntry("KUBENAS_OPERATOR_LOG_FORMAT", "text")
                .containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        assertThat(operator.getEnv()).filteredOn(e -> e.getName().equals("KUBENAS_OPERATOR_LEASE_NAMESPACE")).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace"));
    }

    /**
     * One value for every log of kubenas: the operator's own lines (Quarkus' JSON console format) and, through the
     * operator's setting, its trainer and serving pods' (KUBENAS_LOG_FORMAT, set by the operator's PodExtras).
     */
    @Test
    void logsFormatJsonTurnsOnTheOperatorsJsonLinesAndIsPassedOnForItsPods() {
        Container operator = Rendered.of(Helm.template("--set", "logs.format=json")).one(Deployment.class)
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(operator)).containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true")
                .containsEntry("KUBENAS_OPERATOR_LOG_FORMAT", "json");
    }

    @Test
    void trainerImagePullSecretsReachTheOperatorAsOneList() {
        Container operator = Rendered.of(Helm.template("--set", "trainer.imagePullSecrets[0].name=regcred",
                "--set", "trainer.imagePullSecrets[1].name=mirror")).one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(operator)).containsEntry("KUBENAS_OPERATOR_IMAGE_PULL_SECRETS", "regcred,mirror");
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
        assertThat(rendered.objects()).filteredOn(o -> o.getMetadata().getNamespace() == null)
                .as("cluster-scoped objects of a namespace-scoped install: only the CRD (from crds/; helm install --skip-crds leaves it out)")
                .extracting(o -> o.getKind()).containsOnly("CustomResourceDefinition");
        assertThat(rendered.objects()).filteredOn(o -> o.getMetadata().getNamespace() != null)
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).as(Rendered.describe(o))
                        .isIn("team-a", "team-b", "kubenas-system"));
    }

    @Test
    void schedulingPullPolicyAndPodSettingsComeFromValues() {
        Deployment deployment = Rendered.of(Helm.template("-f", Helm.CHART.resolve("ci/all-options-values.yaml").toString()))
                .one(Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/os", "linux").containsEntry("node-role.example.com/control", "true");
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("dedicated");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        assertThat(pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().get(0).getMatchExpressions().get(0).getValues()).containsExactly("amd64", "arm64");
        assertThat(pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()).hasSize(1);
        assertThat(pod.getImagePullSecrets()).extracting(r -> r.getName()).containsExactly("registry-credentials");
        assertThat(pod.getServiceAccountName()).isEqualTo("kubenas-operator");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("example.com/owner", "platform-team");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        Container operator = pod.getContainers().get(0);
        assertThat(operator.getImage()).isEqualTo("registry.example.com/kubenas/operator:0.1.0-rc1");
        assertThat(operator.getImagePullPolicy()).isEqualTo("Always");
        assertThat(operator.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(env(operator)).containsEntry("KUBENAS_OPERATOR_TRAINER_IMAGE", "registry.example.com/kubenas/trainer:0.1.0-cu128")
                .containsEntry("KUBENAS_OPERATOR_IMAGE_PULL_POLICY", "Always")
                .containsEntry("KUBENAS_OPERATOR_TERMINATION_GRACE_PERIOD", "5m")
                .containsEntry("QUARKUS_LOG_LEVEL", "DEBUG");
    }

    @Test
    void defaultsScheduleAnywhereAndPullIfNotPresent() {
        PodSpec pod = rendered().one(Deployment.class).getSpec().getTemplate().getSpec();
        assertThat(pod.getNodeSelector()).isNullOrEmpty();
        assertThat(pod.getTolerations()).isNullOrEmpty();
        assertThat(pod.getAffinity()).isNull();
        assertThat(pod.getContainers().get(0).getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(pod.getContainers().get(0).getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(pod.getContainers().get(0).getResources().getLimits()).containsKey("memory");
    }

    @Test
    void anExistingServiceAccountIsBoundInsteadOfCreated() {
        Rendered rendered = Rendered.of(Helm.template("--set", "serviceAccount.create=false", "--set", "serviceAccount.name=nas-operator"));
        assertThat(rendered.all(ServiceAccount.class)).isEmpty();
        assertThat(rendered.one(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("nas-operator");
        assertThat(rendered.all(ClusterRoleBinding.class)).allSatisfy(b -> assertThat(b.getSubjects()).singleElement()
                .satisfies(s -> assertThat(s.getName()).isEqualTo("nas-operator")));
        assertThat(rendered.all(RoleBinding.class)).allSatisfy(b -> assertThat(b.getSubjects()).singleElement()
                .satisfies(s -> assertThat(s.getName()).isEqualTo("nas-operator")));
        Helm.Result unnamed = Helm.tryTemplate("--set", "serviceAccount.create=false");
        assertThat(unnamed.exitCode()).isNotZero();
        assertThat(unnamed.err()).contains("serviceAccount.name is required when serviceAccount.create is false");
    }

    @Test
    void metricsServiceIsOptional() {
        Rendered rendered = Rendered.of(Helm.template("--set", "metrics.service.enabled=false"));
        assertThat(rendered.all(Service.class)).isEmpty();
        Service metrics = Rendered.of(Helm.template("--set", "metrics.service.port=9090")).one(Service.class);
        assertThat(metrics.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(9090);
            assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
        });
    }

    @Test
    void notesGiveTheNextSteps() {
        String notes = Helm.notes();
        assertThat(notes).contains("kubectl -n kubenas-system rollout status deployment/kubenas",
                "kubectl apply -f https://raw.githubusercontent.com/kubenas/kubenas/main/examples/fashion-mnist.yaml",
                "kubectl get nas -w", "kubectl describe nas fashion-mnist",
                "kubectl get nas fashion-mnist -o jsonpath='{.status.serving.url}'",
                "kubectl port-forward svc/fashion-mnist-serving 8080:80",
                "curl http://localhost:8080/v2/models/fashion-mnist",
                "StorageClass", "nvidia.com/gpu", "every namespace", "/q/metrics on service/kubenas-metrics port 8080");
        assertThat(notes).doesNotContain("Grafana");
        assertThat(Helm.notes("--set", "grafanaDashboard.enabled=true", "--set", "grafanaDashboard.namespace=monitoring"))
                .contains("Grafana: dashboard \"kubenas / NAS searches\" in ConfigMap monitoring/kubenas-grafana-dashboard (label grafana_dashboard=1)");
        String namespaced = Helm.notes("-f", Helm.CHART.resolve("ci/namespaced-values.yaml").toString());
        assertThat(namespaced).contains("team-a, team-b", "nothing cluster-wide",
                "kubectl -n team-a apply -f", "kubectl -n team-a get nas -w", "kubectl -n team-a describe nas fashion-mnist",
                "amd.com/gpu", "ServiceMonitor kubenas");
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
