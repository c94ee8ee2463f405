package io.kubenas.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC against what the operator calls: every call allowed, nothing more. The table is written
 * from the operator's code; change it with the code.
 */
class OperatorRbacTest {
    private static final String OPERATOR = "kubenas";
    private static final String NAMESPACED_VALUES = Helm.CHART.resolve("ci/namespaced-values.yaml").toString();

    /** One row of the table: a resource and the verbs the operator uses on it, and where. */
    record Need(String apiGroup, String resource, String usedBy, List<String> verbs) {
    }

    /** One (apiGroup, resource, verb) a rule allows. */
    record Grant(String apiGroup, String resource, String verb) implements Comparable<Grant> {
        @Override
        public int compareTo(Grant other) {
            return toString().compareTo(other.toString());
        }
    }

    private static final List<String> READ = List.of("get", "list", "watch");
    // update next to patch: JOSDK dependents write by PUT when server-side apply is off; it allows nothing patch does not.
    private static final List<String> WRITE = List.of("get", "list", "watch", "create", "patch", "update");
    private static final List<String> WRITE_AND_DELETE = List.of("get", "list", "watch", "create", "patch", "update", "delete");

    /**
     * What the operator calls in each watched namespace: the dependents in
     * operator/src/main/java/io/kubenas/operator/dependent/ (declared in NasSearchReconciler's @Workflow),
     * the reconciler's own informers, StatusWriter and EventRecorder. No finalizer is used (the reconciler
     * is no Cleaner and every deleting dependent is GarbageCollected), so no nassearches patch/update and no
     * nassearches/finalizers.
     */
    static final List<Need> OPERATOR_NEEDS = List.of(
            new Need("kubenas.io", "nassearches", "the primary informer", READ),
            new Need("kubenas.io", "nassearches/status", "controller/StatusWriter: server-side apply, or JSON patch, of status only",
                    List.of("get", "patch")),
            new Need("", "configmaps", "SpecConfigMapDependent (CRUD, garbage-collected), ProgressConfigMapDependent (created only);"
                    + " also what trainer-role.yaml grants", WRITE),
            new Need("", "persistentvolumeclaims", "CheckpointVolumeDependent: created, owner references patched, never deleted", WRITE),
            new Need("", "serviceaccounts", "TrainerServiceAccountDependent (garbage-collected)", WRITE),
            new Need("rbac.authorization.k8s.io", "roles", "TrainerRoleDependent (garbage-collected)", WRITE),
            new Need("rbac.authorization.k8s.io", "rolebindings", "TrainerRoleBindingDependent (garbage-collected)", WRITE),
            new Need("batch", "jobs", "TrainerJobDependent: deadline patched; deleted to stop an attempt (TrainerWanted)", WRITE_AND_DELETE),
            new Need("apps", "deployments", "ServingDeploymentDependent: deleted when ServingWanted turns false", WRITE_AND_DELETE),
            new Need("", "services", "ServingServiceDependent: deleted when ServingWanted turns false", WRITE_AND_DELETE),
            new Need("", "pods", "the trainer-pods informer of NasSearchReconciler", READ),
            new Need("", "events", "events/EventRecorder: creates a new Event per transition", List.of("create")));

    /** JOSDK's LeaderElectionManager checks get/create/update on the Lease at start, in the lease namespace; fabric8's
     * LeaseLock renews it with a PATCH (the real API server refused the renewal without it). */
    static final List<Need> LEADER_ELECTION_NEEDS = List.of(
            new Need("coordination.k8s.io", "leases", "config/Beans leader election", List.of("get", "create", "update", "patch")));

    @Test
    void clusterRoleAllowsEveryCallTheOperatorMakes() {
        Set<Grant> granted = grants(Rendered.of(Helm.template()).named(ClusterRole.class, OPERATOR).getRules());
        assertThat(missing(OPERATOR_NEEDS, granted)).as("operator calls the ClusterRole does not allow").isEmpty();
    }

    @Test
    void clusterRoleAllowsNothingTheOperatorDoesNotCall() {
        Set<Grant> granted = grants(Rendered.of(Helm.template()).named(ClusterRole.class, OPERATOR).getRules());
        assertThat(extra(OPERATOR_NEEDS, granted)).as("grants beyond what the operator calls").isEmpty();
    }

    @Test
    void clusterRoleIsBoundToTheOperatorServiceAccount() {
        Rendered rendered = Rendered.of(Helm.template());
        ClusterRoleBinding binding = rendered.named(ClusterRoleBinding.class, OPERATOR);
        assertThat(binding.getRoleRef().getName()).isEqualTo(rendered.named(ClusterRole.class, OPERATOR).getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getNamespace()).isEqualTo("kubenas-system");
        });
    }

    @Test
    void namespacedInstallGrantsExactlyTheOperatorCallsInEachWatchedNamespace() {
        Rendered rendered = Rendered.of(Helm.template("-f", NAMESPACED_VALUES));
        for (String namespace : List.of("team-a", "team-b")) {
            Role role = rendered.all(Role.class).stream().filter(r -> namespace.equals(r.getMetadata().getNamespace()))
                    .findFirst().orElseThrow(() -> new AssertionError("no Role in " + namespace));
            Set<Grant> granted = grants(role.getRules());
            assertThat(missing(OPERATOR_NEEDS, granted)).as("calls not allowed in " + namespace).isEmpty();
            assertThat(extra(OPERATOR_NEEDS, granted)).as("grants beyond the operator's calls in " + namespace).isEmpty();
            assertThat(rendered.all(RoleBinding.class)).anySatisfy(b -> {
                assertThat(b.getMetadata().getNamespace()).isEqualTo(namespace);
                assertThat(b.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
            });
        }
    }

    @Test
    void leaderElectionRoleAllowsOnlyTheLeaseCallsInTheReleaseNamespace() {
        for (Rendered rendered : List.of(Rendered.of(Helm.template()), Rendered.of(Helm.template("-f", NAMESPACED_VALUES)))) {
            Role lease = rendered.all(Role.class).stream().filter(r -> r.getMetadata().getName().endsWith("-leader-election"))
                    .findFirst().orElseThrow(() -> new AssertionError("no leader-election Role"));
            assertThat(lease.getMetadata().getNamespace()).isEqualTo("kubenas-system");
            Set<Grant> granted = grants(lease.getRules());
            assertThat(missing(LEADER_ELECTION_NEEDS, granted)).isEmpty();
            assertThat(extra(LEADER_ELECTION_NEEDS, granted)).isEmpty();
        }
    }

    /** Kueue (controller/KueueWatch): the Workload informer, in the watched namespaces, only with watchKueueWorkloads. */
    static final List<Need> KUEUE_NEEDS = List.of(new Need("kueue.x-k8s.io", "workloads", "controller/KueueWatch: the kueue-workloads informer", READ));

    @Test
    void watchingKueueWorkloadsAddsOnlyReadingWorkloadsWhereverTheOperatorWatches() {
        List<Need> needs = new java.util.ArrayList<>(OPERATOR_NEEDS);
        needs.addAll(KUEUE_NEEDS);
        Set<Grant> clusterWide = grants(Rendered.of(Helm.template("--set", "watchKueueWorkloads=true")).named(ClusterRole.class, OPERATOR).getRules());
        assertThat(missing(needs, clusterWide)).isEmpty();
        assertThat(extra(needs, clusterWide)).isEmpty();
        Rendered namespaced = Rendered.of(Helm.template("-f", NAMESPACED_VALUES, "--set", "watchKueueWorkloads=true"));
        assertThat(namespaced.all(Role.class)).filteredOn(r -> r.getMetadata().getName().equals(OPERATOR)).hasSize(2)
                .allSatisfy(r -> assertThat(extra(needs, grants(r.getRules()))).isEmpty())
                .allSatisfy(r -> assertThat(missing(needs, grants(r.getRules()))).isEmpty());
    }

    /** Lost nodes (controller/NodeWatch): the Node informer, and one read of a NotReady node's Lease. */
    static final List<Need> NODE_NEEDS = List.of(new Need("", "nodes", "controller/NodeWatch: the trainer-nodes informer", READ));
    static final List<Need> NODE_LEASE_NEEDS = List.of(new Need("coordination.k8s.io", "leases", "controller/NodeWatch: a lost node's Lease",
            List.of("get")));

    @Test
    void watchingNodesGrantsOnlyReadingNodesAndGettingTheirLeases() {
        Rendered rendered = Rendered.of(Helm.template());
        Set<Grant> nodes = grants(rendered.named(ClusterRole.class, OPERATOR + "-nodes").getRules());
        assertThat(missing(NODE_NEEDS, nodes)).isEmpty();
        assertThat(extra(NODE_NEEDS, nodes)).isEmpty();
        assertThat(rendered.named(ClusterRoleBinding.class, OPERATOR + "-nodes").getSubjects()).singleElement()
                .satisfies(s -> assertThat(s.getNamespace()).isEqualTo("kubenas-system"));
        Role leases = rendered.named(Role.class, OPERATOR + "-node-leases");
        assertThat(leases.getMetadata().getNamespace()).isEqualTo("kube-node-lease");
        assertThat(missing(NODE_LEASE_NEEDS, grants(leases.getRules()))).isEmpty();
        assertThat(extra(NODE_LEASE_NEEDS, grants(leases.getRules()))).isEmpty();
        assertThat(rendered.named(RoleBinding.class, OPERATOR + "-node-leases").getMetadata().getNamespace()).isEqualTo("kube-node-lease");
    }

    @Test
    void notWatchingNodesGrantsNeitherNodesNorLeases() {
        Rendered rendered = Rendered.of(Helm.template("--set", "watchNodes=false"));
        assertThat(rendered.all(ClusterRole.class)).extracting(r -> r.getMetadata().getName()).containsExactly(OPERATOR);
        assertThat(rendered.all(Role.class)).noneSatisfy(r -> assertThat(r.getMetadata().getNamespace()).isEqualTo("kube-node-lease"));
    }

    /** RBAC escalation prevention: the API server lets the operator create only a Role whose rules it holds. */
    @Test
    void operatorHoldsEverythingTheTrainerRoleGrants() throws IOException {
        Role trainer = new KubernetesSerialization().unmarshal(
                Files.readString(Helm.ROOT.resolve("operator/src/main/resources/templates/trainer-role.yaml")), Role.class);
        Set<Grant> trainerGrants = grants(trainer.getRules());
        assertThat(trainerGrants).isNotEmpty();
        assertThat(grants(Rendered.of(Helm.template()).named(ClusterRole.class, OPERATOR).getRules())).containsAll(trainerGrants);
    }

    static Set<Grant> grants(Collection<PolicyRule> rules) {
        Set<Grant> grants = new TreeSet<>();
        for (PolicyRule rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        grants.add(new Grant(group, resource, verb));
                    }
                }
            }
        }
        return grants;
    }

    private static Set<Grant> needed(List<Need> needs) {
        return needs.stream().flatMap(n -> n.verbs().stream().map(v -> new Grant(n.apiGroup(), n.resource(), v)))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Grant> missing(List<Need> needs, Set<Grant> granted) {
        Set<Grant> missing = needed(needs);
        missing.removeAll(granted);
        return missing;
    }

    private static Set<Grant> extra(List<Need> needs, Set<Grant> granted) {
        Set<Grant> extra = new TreeSet<>(granted);
        extra.removeAll(needed(needs));
        return extra;
    }
}
