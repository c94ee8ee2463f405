package io.kubenas.chart;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the API server requires of each kind and fabric8's model does not enforce (it parses a Deployment
 * without an image, or a binding to a Role that does not exist): required fields, names the API server would
 * reject, and the references between the rendered objects (selectors, named ports, volumes, service accounts,
 * role references, the ServiceMonitor's Service). Each problem names the object and the JSON path.
 */
final class KindChecks {
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
    private static final Pattern PROMETHEUS_DURATION = Pattern.compile("0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?");
    private static final Set<String> CLUSTER_SCOPED = Set.of("ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition");
    private static final String RBAC_GROUP = "rbac.authorization.k8s.io";
    private static final Pattern CONFIG_MAP_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    /** The API server refuses a ConfigMap whose data is larger (etcd's request limit is a little above it). */
    static final int CONFIG_MAP_MAX_BYTES = 1024 * 1024;

    /** Fields of monitoring.coreos.com/v1 ServiceMonitor (Prometheus Operator API) the chart may use. */
    private static final Set<String> SERVICE_MONITOR_SPEC = Set.of("endpoints", "selector", "namespaceSelector", "jobLabel",
            "targetLabels", "podTargetLabels", "sampleLimit", "targetLimit", "attachMetadata", "scrapeClass");
    private static final Set<String> SERVICE_MONITOR_ENDPOINT = Set.of("port", "targetPort", "path", "scheme", "params",
            "interval", "scrapeTimeout", "honorLabels", "honorTimestamps", "relabelings", "metricRelabelings", "tlsConfig",
            "bearerTokenSecret", "authorization", "basicAuth", "oauth2", "followRedirects", "enableHttp2", "proxyUrl",
            "filterRunning");

    private final Rendered rendered;
    private final List<String> problems = new ArrayList<>();

    private KindChecks(Rendered rendered) {
        this.rendered = rendered;
    }

    /** Every problem of every rendered object; empty when all are valid for their kind. */
    static List<String> problems(Rendered rendered) {
        KindChecks checks = new KindChecks(rendered);
        checks.run();
        return checks.problems;
    }

    private void run() {
        Set<String> identities = new HashSet<>();
        for (HasMetadata object : rendered.objects()) {
            if (!identities.add(object.getApiVersion() + "/" + Rendered.describe(object))) {
                problem(object, "metadata.name", "rendered twice (the install would fail)");
            }
            metadata(object);
            if (object instanceof Deployment deployment) {
                deployment(deployment);
            } else if (object instanceof Service service) {
                service(service);
            } else if (object instanceof Role role) {
                rules(role, role.getRules(), false);
            } else if (object instanceof ClusterRole role) {
                rules(role, role.getRules(), true);
            } else if (object instanceof RoleBinding binding) {
                binding(binding, binding.getRoleRef(), binding.getSubjects());
            } else if (object instanceof ClusterRoleBinding binding) {
                binding(binding, binding.getRoleRef(), binding.getSubjects());
            } else if (object instanceof CustomResourceDefinition crd) {
                crd(crd);
            } else if (object instanceof ConfigMap configMap) {
                configMap(configMap);
            } else if (object instanceof GenericKubernetesResource custom && "ServiceMonitor".equals(custom.getKind())) {
                serviceMonitor(custom);
            } else if (!(object instanceof ServiceAccount)) {
                problem(object, "kind", "no checks written for this kind: add them to KindChecks");
            }
        }
    }

    private void metadata(HasMetadata object) {
        ObjectMeta meta = object.getMetadata();
        if (blank(object.getApiVersion())) {
            problem(object, "apiVersion", "missing");
        }
        if (meta == null || blank(meta.getName())) {
            problem(object, "metadata.name", "missing");
            return;
        }
        Pattern namePattern = object instanceof Service ? DNS_1035_LABEL : DNS_SUBDOMAIN;
        int maxName = object instanceof Service ? 63 : 253;
        if (!namePattern.matcher(meta.getName()).matches() || meta.getName().length() > maxName) {
            problem(object, "metadata.name", "\"" + meta.getName() + "\" is not a valid name for a " + object.getKind());
        }
        boolean clusterScoped = CLUSTER_SCOPED.contains(object.getKind());
        if (clusterScoped && meta.getNamespace() != null) {
            problem(object, "metadata.namespace", "set on a cluster-scoped kind");
        }
        if (!clusterScoped && (blank(meta.getNamespace()) || !DNS_LABEL.matcher(meta.getNamespace()).matches())) {
            problem(object, "metadata.namespace", "a namespaced object needs a valid namespace, got " + meta.getNamespace());
        }
        labels(object, "metadata.labels", meta.getLabels());
        if (meta.getAnnotations() != null) {
            meta.getAnnotations().keySet().forEach(key -> labelKey(object, "metadata.annotations", key));
        }
    }

    private void labels(HasMetadata object, String path, Map<String, String> labels) {
        if (labels == null) {
            return;
        }
        labels.forEach((key, value) -> {
            labelKey(object, path, key);
            if (value == null || value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
                problem(object, path + "[\"" + key + "\"]", "invalid label value \"" + value + "\"");
            }
        });
    }

    private void labelKey(HasMetadata object, String path, String key) {
        int slash = key.indexOf('/');
        String prefix = slash < 0 ? null : key.substring(0, slash);
        String name = slash < 0 ? key : key.substring(slash + 1);
        boolean valid = name.length() <= 63 && LABEL_NAME.matcher(name).matches()
                && (prefix == null || prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches());
        if (!valid) {
            problem(object, path + "[\"" + key + "\"]", "invalid key");
        }
    }

    private void deployment(Deployment deployment) {
        if (deployment.getSpec() == null) {
            problem(deployment, "spec", "missing");
            return;
        }
        if (deployment.getSpec().getReplicas() != null && deployment.getSpec().getReplicas() < 0) {
            problem(deployment, "spec.replicas", "negative");
        }
        PodTemplateSpec template = deployment.getSpec().getTemplate();
        Map<String, String> selector = deployment.getSpec().getSelector() == null ? null
                : deployment.getSpec().getSelector().getMatchLabels();
        if (selector == null || selector.isEmpty()) {
            problem(deployment, "spec.selector.matchLabels", "missing (apps/v1 requires a selector)");
        }
        if (template == null || template.getSpec() == null) {
            problem(deployment, "spec.template.spec", "missing");
            return;
        }
        Map<String, String> labels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
        labels(deployment, "spec.template.metadata.labels", labels);
        if (selector != null && (labels == null || !labels.entrySet().containsAll(selector.entrySet()))) {
            problem(deployment, "spec.selector.matchLabels", "does not match spec.template.metadata.labels " + labels);
        }
        podSpec(deployment, "spec.template.spec", template.getSpec());
    }

    private void podSpec(HasMetadata owner, String path, PodSpec pod) {
        Set<String> volumes = new HashSet<>();
        if (pod.getVolumes() != null) {
            for (int i = 0; i < pod.getVolumes().size(); i++) {
                Volume volume = pod.getVolumes().get(i);
                if (blank(volume.getName()) || !volumes.add(volume.getName())) {
                    problem(owner, path + ".volumes[" + i + "].name", "missing or repeated");
                }
            }
        }
        if (pod.getContainers() == null || pod.getContainers().isEmpty()) {
            problem(owner, path + ".containers", "a pod needs at least one container");
            return;
        }
        Set<String> containerNames = new HashSet<>();
        List<Container> all = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            all.addAll(pod.getInitContainers());
        }
        for (int i = 0; i < all.size(); i++) {
            Container container = all.get(i);
            String where = i < pod.getContainers().size() ? path + ".containers[" + i + "]"
                    : path + ".initContainers[" + (i - pod.getContainers().size()) + "]";
            container(owner, where, container, volumes);
            if (container.getName() != null && !containerNames.add(container.getName())) {
                problem(owner, where + ".name", "repeated container name " + container.getName());
            }
        }
        if (!blank(pod.getServiceAccountName()) && !rendered.all(ServiceAccount.class).isEmpty()
                && rendered.all(ServiceAccount.class).stream().noneMatch(sa -> sameNamespace(sa, owner)
                        && pod.getServiceAccountName().equals(sa.getMetadata().getName()))) {
            problem(owner, path + ".serviceAccountName", "names no rendered ServiceAccount: " + pod.getServiceAccountName());
        }
    }

    private void container(HasMetadata owner, String path, Container container, Set<String> volumes) {
        if (blank(container.getName()) || !DNS_LABEL.matcher(container.getName()).matches()) {
            problem(owner, path + ".name", "missing or not a DNS label: " + container.getName());
        }
        if (blank(container.getImage())) {
            problem(owner, path + ".image", "missing");
        } else if (container.getImage().endsWith(":") || container.getImage().contains(" ")) {
            problem(owner, path + ".image", "not an image reference: \"" + container.getImage() + "\"");
        }
        if (container.getImagePullPolicy() != null
                && !Set.of("Always", "IfNotPresent", "Never").contains(container.getImagePullPolicy())) {
            problem(owner, path + ".imagePullPolicy", "not Always, IfNotPresent or Never: " + container.getImagePullPolicy());
        }
        Set<String> portNames = new HashSet<>();
        if (container.getPorts() != null) {
            for (int i = 0; i < container.getPorts().size(); i++) {
                ContainerPort port = container.getPorts().get(i);
                if (port.getContainerPort() == null || port.getContainerPort() < 1 || port.getContainerPort() > 65535) {
                    problem(owner, path + ".ports[" + i + "].containerPort", "missing or out of range");
                }
                if (port.getName() != null && (!portName(port.getName()) || !portNames.add(port.getName()))) {
                    problem(owner, path + ".ports[" + i + "].name", "invalid or repeated port name " + port.getName());
                }
            }
        }
        probe(owner, path + ".livenessProbe", container.getLivenessProbe(), portNames);
        probe(owner, path + ".readinessProbe", container.getReadinessProbe(), portNames);
        probe(owner, path + ".startupProbe", container.getStartupProbe(), portNames);
        if (container.getVolumeMounts() != null) {
            for (int i = 0; i < container.getVolumeMounts().size(); i++) {
                VolumeMount mount = container.getVolumeMounts().get(i);
                if (!volumes.contains(mount.getName())) {
                    problem(owner, path + ".volumeMounts[" + i + "].name", "names no volume of the pod: " + mount.getName());
                }
                if (blank(mount.getMountPath()) || !mount.getMountPath().startsWith("/")) {
                    problem(owner, path + ".volumeMounts[" + i + "].mountPath", "missing or not absolute");
                }
            }
        }
        if (container.getEnv() != null) {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < container.getEnv().size(); i++) {
                EnvVar env = container.getEnv().get(i);
                if (blank(env.getName()) || !ENV_NAME.matcher(env.getName()).matches() || !names.add(env.getName())) {
                    problem(owner, path + ".env[" + i + "].name", "missing, invalid or repeated: " + env.getName());
                }
                if (env.getValue() != null && env.getValueFrom() != null) {
                    problem(owner, path + ".env[" + i + "]", "both value and valueFrom");
                }
            }
        }
    }

    private void probe(HasMetadata owner, String path, Probe probe, Set<String> portNames) {
        if (probe == null) {
            return;
        }
        IntOrString port = null;
        int handlers = 0;
        if (probe.getHttpGet() != null) {
            handlers++;
            port = probe.getHttpGet().getPort();
            if (blank(probe.getHttpGet().getPath()) || !probe.getHttpGet().getPath().startsWith("/")) {
                problem(owner, path + ".httpGet.path", "missing or not absolute");
            }
        }
        if (probe.getTcpSocket() != null) {
            handlers++;
            port = probe.getTcpSocket().getPort();
        }
        if (probe.getExec() != null) {
            handlers++;
        }
        if (probe.getGrpc() != null) {
            handlers++;
        }
        if (handlers != 1) {
            problem(owner, path, "needs exactly one of httpGet, tcpSocket, exec, grpc; has " + handlers);
        }
        if (port != null && port.getStrVal() != null && !portNames.contains(port.getStrVal())) {
            problem(owner, path + ".port", "names no port of the container: " + port.getStrVal());
        }
    }

    private void service(Service service) {
        if (service.getSpec() == null || service.getSpec().getPorts() == null || service.getSpec().getPorts().isEmpty()) {
            problem(service, "spec.ports", "a Service needs at least one port");
            return;
        }
        Map<String, String> selector = service.getSpec().getSelector();
        List<PodTemplateSpec> selected = new ArrayList<>();
        if (selector == null || selector.isEmpty()) {
            problem(service, "spec.selector", "missing: the Service would select no pod of the chart");
        } else {
            rendered.all(Deployment.class).stream().filter(d -> sameNamespace(d, service))
                    .map(d -> d.getSpec().getTemplate())
                    .filter(t -> t.getMetadata().getLabels() != null && t.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                    .forEach(selected::add);
            if (selected.isEmpty()) {
                problem(service, "spec.selector", "selects no rendered pod template: " + selector);
            }
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < service.getSpec().getPorts().size(); i++) {
            ServicePort port = service.getSpec().getPorts().get(i);
            String where = "spec.ports[" + i + "]";
            if (port.getPort() == null || port.getPort() < 1 || port.getPort() > 65535) {
                problem(service, where + ".port", "missing or out of range");
            }
            if (service.getSpec().getPorts().size() > 1 && blank(port.getName())) {
                problem(service, where + ".name", "required when a Service has more than one port");
            }
            if (port.getName() != null && (!portName(port.getName()) || !names.add(port.getName()))) {
                problem(service, where + ".name", "invalid or repeated port name " + port.getName());
            }
            String target = port.getTargetPort() == null ? null : port.getTargetPort().getStrVal();
            for (PodTemplateSpec template : selected) {
                boolean found = target == null || template.getSpec().getContainers().stream()
                        .filter(c -> c.getPorts() != null).flatMap(c -> c.getPorts().stream())
                        .anyMatch(p -> target.equals(p.getName()));
                if (!found) {
                    problem(service, where + ".targetPort", "names no container port of the selected pods: " + target);
                }
            }
        }
    }

    private void rules(HasMetadata role, List<PolicyRule> rules, boolean clusterRole) {
        if (rules == null || rules.isEmpty()) {
            problem(role, "rules", "a role without rules grants nothing");
            return;
        }
        for (int i = 0; i < rules.size(); i++) {
            PolicyRule rule = rules.get(i);
            String where = "rules[" + i + "]";
            if (rule.getVerbs() == null || rule.getVerbs().isEmpty()) {
                problem(role, where + ".verbs", "missing");
            }
            boolean urls = rule.getNonResourceURLs() != null && !rule.getNonResourceURLs().isEmpty();
            if (urls && !clusterRole) {
                problem(role, where + ".nonResourceURLs", "only a ClusterRole may grant non-resource URLs");
            }
            if (!urls && (rule.getApiGroups() == null || rule.getApiGroups().isEmpty())) {
                problem(role, where + ".apiGroups", "missing (use \"\" for the core group)");
            }
            if (!urls && (rule.getResources() == null || rule.getResources().isEmpty())) {
                problem(role, where + ".resources", "missing");
            }
        }
    }

    private void binding(HasMetadata binding, RoleRef roleRef, List<Subject> subjects) {
        if (roleRef == null) {
            problem(binding, "roleRef", "missing");
        } else {
            if (!RBAC_GROUP.equals(roleRef.getApiGroup())) {
                problem(binding, "roleRef.apiGroup", "must be " + RBAC_GROUP + ", got " + roleRef.getApiGroup());
            }
            boolean found;
            if ("ClusterRole".equals(roleRef.getKind())) {
                found = rendered.all(ClusterRole.class).stream().anyMatch(r -> r.getMetadata().getName().equals(roleRef.getName()));
            } else if ("Role".equals(roleRef.getKind()) && binding instanceof RoleBinding) {
                found = rendered.all(Role.class).stream().anyMatch(r -> sameNamespace(r, binding)
                        && r.getMetadata().getName().equals(roleRef.getName()));
            } else {
                problem(binding, "roleRef.kind", "a " + binding.getKind() + " cannot refer to a " + roleRef.getKind());
                found = true;
            }
            if (!found) {
                problem(binding, "roleRef", "refers to no rendered " + roleRef.getKind() + " named " + roleRef.getName()
                        + (binding instanceof RoleBinding ? " in " + binding.getMetadata().getNamespace() : ""));
            }
        }
        if (subjects == null || subjects.isEmpty()) {
            problem(binding, "subjects", "a binding without subjects grants nothing");
            return;
        }
        for (int i = 0; i < subjects.size(); i++) {
            Subject subject = subjects.get(i);
            if (!"ServiceAccount".equals(subject.getKind())) {
                continue;
            }
            if (blank(subject.getNamespace())) {
                problem(binding, "subjects[" + i + "].namespace", "a ServiceAccount subject needs its namespace");
            }
            List<ServiceAccount> accounts = rendered.all(ServiceAccount.class);
            if (!accounts.isEmpty() && accounts.stream().noneMatch(sa -> sa.getMetadata().getName().equals(subject.getName())
                    && sa.getMetadata().getNamespace().equals(subject.getNamespace()))) {
                problem(binding, "subjects[" + i + "]", "names no rendered ServiceAccount: " + subject.getNamespace() + "/" + subject.getName());
            }
        }
    }

    private void crd(CustomResourceDefinition crd) {
        if (crd.getSpec() == null || crd.getSpec().getNames() == null || blank(crd.getSpec().getGroup())) {
            problem(crd, "spec", "group and names are required");
            return;
        }
        String expected = crd.getSpec().getNames().getPlural() + "." + crd.getSpec().getGroup();
        if (!expected.equals(crd.getMetadata().getName())) {
            problem(crd, "metadata.name", "must be <plural>.<group> = " + expected);
        }
        List<CustomResourceDefinitionVersion> versions = crd.getSpec().getVersions();
        if (versions == null || versions.stream().filter(v -> Boolean.TRUE.equals(v.getStorage())).count() != 1) {
            problem(crd, "spec.versions", "exactly one version must be the storage version");
        }
    }

    private void configMap(ConfigMap configMap) {
        Map<String, String> data = configMap.getData() == null ? Map.of() : configMap.getData();
        if (data.isEmpty() && (configMap.getBinaryData() == null || configMap.getBinaryData().isEmpty())) {
            problem(configMap, "data", "empty");
        }
        long bytes = 0;
        for (Map.Entry<String, String> entry : data.entrySet()) {
            if (entry.getKey().length() > 253 || !CONFIG_MAP_KEY.matcher(entry.getKey()).matches()) {
                problem(configMap, "data[\"" + entry.getKey() + "\"]", "invalid key");
            }
            bytes += entry.getKey().length() + (entry.getValue() == null ? 0 : entry.getValue().getBytes(StandardCharsets.UTF_8).length);
        }
        if (bytes > CONFIG_MAP_MAX_BYTES) {
            problem(configMap, "data", bytes + " bytes, more than the API server's " + CONFIG_MAP_MAX_BYTES);
        }
    }

    @SuppressWarnings("unchecked")
    private void serviceMonitor(GenericKubernetesResource monitor) {
        if (!Rendered.CUSTOM_KINDS.get("ServiceMonitor").equals(monitor.getApiVersion())) {
            problem(monitor, "apiVersion", "must be monitoring.coreos.com/v1, got " + monitor.getApiVersion());
        }
        if (!(monitor.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec)) {
            problem(monitor, "spec", "missing");
            return;
        }
        unknownKeys(monitor, "spec", (Map<String, Object>) spec, SERVICE_MONITOR_SPEC);
        if (spec.get("namespaceSelector") != null) {
            problem(monitor, "spec.namespaceSelector", "the chart's ServiceMonitor selects its own namespace only");
        }
        Map<String, String> matchLabels = spec.get("selector") instanceof Map<?, ?> selector
                && selector.get("matchLabels") instanceof Map<?, ?> labels ? (Map<String, String>) labels : Map.of();
        if (matchLabels.isEmpty()) {
            problem(monitor, "spec.selector.matchLabels", "missing: it would select every Service of the namespace");
        }
        List<Service> services = rendered.all(Service.class).stream().filter(s -> sameNamespace(s, monitor)
                && s.getMetadata().getLabels() != null && s.getMetadata().getLabels().entrySet().containsAll(matchLabels.entrySet())).toList();
        if (services.isEmpty()) {
            problem(monitor, "spec.selector.matchLabels", "selects no rendered Service: " + matchLabels);
        }
        if (!(spec.get("endpoints") instanceof List<?> endpoints) || endpoints.isEmpty()) {
            problem(monitor, "spec.endpoints", "missing");
            return;
        }
        for (int i = 0; i < endpoints.size(); i++) {
            String where = "spec.endpoints[" + i + "]";
            if (!(endpoints.get(i) instanceof Map<?, ?> endpoint)) {
                problem(monitor, where, "not an object");
                continue;
            }
            unknownKeys(monitor, where, (Map<String, Object>) endpoint, SERVICE_MONITOR_ENDPOINT);
            Object port = endpoint.get("port");
            if (!(port instanceof String portName)) {
                problem(monitor, where + ".port", "the name of a Service port is required");
            } else {
                for (Service service : services) {
                    if (service.getSpec().getPorts().stream().noneMatch(p -> portName.equals(p.getName()))) {
                        problem(monitor, where + ".port", "names no port of Service " + service.getMetadata().getName() + ": " + portName);
                    }
                }
            }
            if (endpoint.get("path") instanceof String path && !path.startsWith("/")) {
                problem(monitor, where + ".path", "not absolute: " + path);
            }
            for (String duration : List.of("interval", "scrapeTimeout")) {
                Object value = endpoint.get(duration);
                if (value != null && !PROMETHEUS_DURATION.matcher(String.valueOf(value)).matches()) {
                    problem(monitor, where + "." + duration, "not a Prometheus duration: " + value);
                }
            }
        }
    }

    private void unknownKeys(HasMetadata object, String path, Map<String, Object> map, Set<String> known) {
        map.keySet().stream().filter(k -> !known.contains(k)).sorted()
                .forEach(k -> problem(object, path + "." + k, "not a field of " + object.getKind() + " (or not one the chart is expected to use)"));
    }

    private static boolean portName(String name) {
        return name.length() <= 15 && PORT_NAME.matcher(name).matches() && name.chars().anyMatch(Character::isLetter) && !name.contains("--");
    }

    private static boolean sameNamespace(HasMetadata a, HasMetadata b) {
        return Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private void problem(HasMetadata object, String path, String message) {
        problems.add(Rendered.describe(object) + ": " + path + ": " + message);
    }
}
