{{/*
What the operator calls in the namespaces it watches, and nothing more (the chart tests hold the same list,
derived from the operator's dependents). The operator deletes only what a precondition can switch off
(trainer Job, serving Deployment and Service); everything else goes with its NasSearch through owner
references, or is kept (a retained checkpoint volume). No finalizers: nothing needs cleanup before
deletion. update is granted next to patch where the dependents write (without server-side apply they
write by PUT); it allows nothing that patch does not.
RBAC escalation: the operator can only grant the trainer's Role what it holds itself (get/patch on
configmaps).
*/}}
{{- define "kubenas.operatorRules" -}}
- apiGroups: ["kubenas.io"]
  resources: ["nassearches"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["kubenas.io"]
  resources: ["nassearches/status"]
  verbs: ["get", "patch"]
- apiGroups: [""]
  resources: ["configmaps", "persistentvolumeclaims", "serviceaccounts"]
  verbs: ["get", "list", "watch", "create", "patch", "update"]
- apiGroups: ["rbac.authorization.k8s.io"]
  resources: ["roles", "rolebindings"]
  verbs: ["get", "list", "watch", "create", "patch", "update"]
- apiGroups: [""]
  resources: ["services"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
- apiGroups: ["batch"]
  resources: ["jobs"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- if .Values.watchKueueWorkloads }}
- apiGroups: ["kueue.x-k8s.io"]
  resources: ["workloads"]
  verbs: ["get", "list", "watch"]
{{- end }}
{{- end -}}
