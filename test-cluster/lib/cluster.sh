# Functions shared by test-cluster/up and test-cluster/down.

# True when a component recorded in DIR/pids still runs.
cluster_running() {
  local f
  for f in "$1"/pids/*.pid; do
    [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && return 0
  done
  return 1
}

# 10.244.0.0/16 -> 10.244.0.1 (the gateway on the pods' bridge)
cidr_first_host() {
  local base="${1%/*}"
  echo "${base%.*}.$(( ${base##*.} + 1 ))"
}

# A certificate signed by the cluster CA: name, subject, [SANs]. EC keys: fast to make, and accepted
# by every component.
issue_cert() {
  local pki="$1" name="$2" subject="$3" sans="${4:-}"
  [ -f "$pki/$name.crt" ] && return 0
  openssl ecparam -name prime256v1 -genkey -noout -out "$pki/$name.key" 2>/dev/null
  openssl req -new -key "$pki/$name.key" -subj "$subject" -out "$pki/$name.csr" 2>/dev/null
  local ext="$pki/$name.ext"
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    if [ -n "$sans" ]; then echo "extendedKeyUsage=serverAuth,clientAuth"; echo "subjectAltName=$sans"
    else echo "extendedKeyUsage=clientAuth"; fi
  } > "$ext"
  openssl x509 -req -in "$pki/$name.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -days 3650 -sha256 -extfile "$ext" -out "$pki/$name.crt" 2>/dev/null
  rm -f "$pki/$name.csr" "$ext"
}

# The cluster CA, the API server's serving certificate, the client certificates of the admin, the
# controller-manager and the scheduler, and the ServiceAccount token signing key. Kept across restarts.
write_pki() {
  local pki="$1" gateway="$2"
  if [ ! -f "$pki/ca.crt" ]; then
    openssl ecparam -name prime256v1 -genkey -noout -out "$pki/ca.key" 2>/dev/null
    openssl req -x509 -new -key "$pki/ca.key" -subj "/CN=kubenas-test-cluster-ca" -days 3650 -sha256 \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
      -out "$pki/ca.crt" 2>/dev/null
  fi
  issue_cert "$pki" apiserver "/CN=kube-apiserver" \
    "DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:127.0.0.1,IP:$gateway,IP:10.96.0.1"
  issue_cert "$pki" admin "/O=system:masters/CN=kubernetes-admin"
  issue_cert "$pki" controller-manager "/CN=system:kube-controller-manager"
  issue_cert "$pki" scheduler "/CN=system:kube-scheduler"
  if [ ! -f "$pki/sa.key" ]; then
    openssl ecparam -name prime256v1 -genkey -noout -out "$pki/sa.key" 2>/dev/null
    openssl ec -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
  fi
}

# A kubeconfig for the client certificate NAME (certificates embedded, so the file stands alone).
write_kubeconfig() {
  local file="$1" server="$2" pki="$3" name="$4"
  cat > "$file" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: kubenas-test
  cluster:
    server: $server
    certificate-authority-data: $(base64 -w0 < "$pki/ca.crt")
users:
- name: $name
  user:
    client-certificate-data: $(base64 -w0 < "$pki/$name.crt")
    client-key-data: $(base64 -w0 < "$pki/$name.key")
contexts:
- name: kubenas-test
  context: {cluster: kubenas-test, user: $name}
current-context: kubenas-test
EOF
  chmod 600 "$file"
}

# Starts a component in the background, its output in DIR/logs/NAME.log and its pid in DIR/pids/NAME.pid.
start_process() {
  local dir="$1" name="$2"; shift 2
  echo "starting $name" >&2
  setsid "$@" > "$dir/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$dir/pids/$name.pid"
}

# wait_for WHAT SECONDS COMMAND...: polls the command until it succeeds; on time-out shows the logs.
wait_for() {
  local what="$1" seconds="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
      echo "up: $what not ready after $seconds s; the last lines of each log:" >&2
      for log in "$dir"/logs/*.log; do echo "== $log" >&2; tail -n 15 "$log" >&2; done
      exit 1
    fi
    for f in "$dir"/pids/*.pid; do
      kill -0 "$(cat "$f")" 2>/dev/null && continue
      local comp; comp="$(basename "$f" .pid)"
      echo "up: $comp exited while waiting for $what:" >&2; tail -n 30 "$dir/logs/$comp.log" >&2; exit 1
    done
    sleep 1
  done
  echo "$what ready" >&2
}

all_nodes_ready() {
  local kubectl="$1" kubeconfig="$2" config="$3" node
  for node in $(sed -n 's/^  - name: //p' "$config"); do
    [ "$("$kubectl" --kubeconfig "$kubeconfig" get node "$node" \
      -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ] || return 1
  done
}

# The default nodes: two CPU nodes (a lost one leaves another) and one with two GPUs, labelled with their model
# as NVIDIA's GPU feature discovery labels real nodes (Kueue's ResourceFlavor in examples/kueue selects it).
default_nodes() {
  cat <<'EOF'
  - name: cpu-a
    capacity: {cpu: "4", memory: 16Gi, pods: "110", ephemeral-storage: 100Gi}
    labels: {kubenas.io/pool: cpu}
  - name: cpu-b
    capacity: {cpu: "4", memory: 16Gi, pods: "110", ephemeral-storage: 100Gi}
    labels: {kubenas.io/pool: cpu}
  - name: gpu-a
    capacity: {cpu: "8", memory: 32Gi, pods: "110", ephemeral-storage: 100Gi, nvidia.com/gpu: "2"}
    labels: {kubenas.io/pool: gpu, nvidia.com/gpu.product: NVIDIA-A100-SXM4-80GB}
EOF
}

# The default images: kubenas' own, whose files are this checkout's packaged applications, at the paths the
# images hold them (/opt/kubenas), with the flags and environment the images set (operator/pom.xml and
# trainer-image/pom.xml, profile images). With "built" as second argument, the images themselves instead: the
# tarballs `mvn -Pimages package` writes, unpacked and run chrooted by the kubelet.
default_images() {
  local repo="$1" mode="${2:-}" java
  if [ "$mode" = built ]; then
    cat <<EOF
  "ghcr.io/kubenas/trainer:*":
    tarball: "$repo/trainer-image/target/jib-image.tar"
  "ghcr.io/kubenas/operator:*":
    tarball: "$repo/operator/target/jib-image.tar"
EOF
    return
  fi
  java="$(readlink -f "$(command -v java)")"
  cat <<EOF
  "ghcr.io/kubenas/trainer:*":
    files: {/opt/kubenas: "$repo/trainer-image/target/quarkus-app"}
    entrypoint: ["$java", "-Dai.djl.offline=true", "-jar", "/opt/kubenas/quarkus-run.jar"]
    cmd: ["--help"]
    workingDir: /
    env: {OMP_WAIT_POLICY: PASSIVE, DJL_CACHE_DIR: /tmp/djl-cache, HOME: /tmp}
  "ghcr.io/kubenas/operator:*":
    files: {/opt/kubenas: "$repo/operator/target/quarkus-app"}
    entrypoint: ["$java", "-XX:MaxRAMPercentage=75", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar", "/opt/kubenas/quarkus-run.jar"]
    cmd: []
    workingDir: /
    env: {}
EOF
}

# The process kubelet's configuration (see kubelet/README.md), with a client certificate per node
# (CN system:node:<name>, O system:nodes: the Node authorizer and NodeRestriction apply to each).
write_kubelet_config() {
  local config="$1" dir="$2" port="$3" bridge="$4" pod_cidr="$5" gateway="$6" nodes_file="$7" images_file="$8" repo="$9"
  local image_mode="${10:-}" nodes images node
  nodes="$(if [ -n "$nodes_file" ]; then cat "$nodes_file"; else default_nodes; fi)"
  images="$(default_images "$repo" "$image_mode"; if [ -n "$images_file" ]; then sed "s/^/  /" "$images_file"; fi)"
  {
    echo "stateDir: $dir/kubelet"
    echo "apiServer: {host: $gateway, port: $port}"
    echo "network: {bridge: $bridge, podCIDR: $pod_cidr}"
    echo "provisionerKubeconfig: $dir/admin.kubeconfig"
    echo "storage: {provisioner: kubenas.io/local-dir, dir: $dir/volumes}"
    echo "nodes:"
    while IFS= read -r line; do
      echo "$line"
      case "$line" in
        "  - name: "*)
          node="${line#  - name: }"
          issue_cert "$dir/pki" "node-$node" "/O=system:nodes/CN=system:node:$node"
          write_kubeconfig "$dir/node-$node.kubeconfig" "https://127.0.0.1:$port" "$dir/pki" "node-$node"
          echo "    kubeconfig: $dir/node-$node.kubeconfig" ;;
      esac
    done <<< "$nodes"
    echo "images:"
    echo "$images"
  } > "$config"
}
