# The one place that says where the test cluster's binaries are cached: a directory outside the
# checkout named after the hash of the pins (go.mod and go.sum of kubernetes/ and etcd/) and of the build
# script (its flags), so a changed pin or recipe builds afresh and an unchanged one is reused. The kubelet is ours and small: `build` recompiles it
# every time (Go's build cache makes that seconds), so it needs no key.
kubenas_cluster_bin() {
  local here root key
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  root="${KUBENAS_CLUSTER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubenas/test-cluster}"
  key="$(cd "$here" && sha256sum build etcd/go.mod etcd/go.sum kubernetes/go.mod kubernetes/go.sum | sha256sum | cut -c1-16)"
  echo "$root/$key/bin"
}
