{{/*
What the operator calls, and nothing more (checked by the chart tests against the operator's own list).
It can only grant trainer pods what it holds itself: get/patch on configmaps.
*/}}
{{- define "kubenas.operatorRules" -}}
- apiGroups: ["kubenas.io"]
  resources: ["nassearches"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["kubenas.io"]
  resources: ["nassearches/status"]
  verbs: ["get", "patch", "update"]
- apiGroups: ["kubenas.io"]
  resources: ["nassearches/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["configmaps", "persistentvolumeclaims", "serviceaccounts", "services"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch"]
- apiGroups: ["batch"]
  resources: ["jobs"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
- apiGroups: ["rbac.authorization.k8s.io"]
  resources: ["roles", "rolebindings"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
{{- end -}}
