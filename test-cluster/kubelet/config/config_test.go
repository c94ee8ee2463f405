package config

import "testing"

const sample = `
stateDir: /tmp/state
apiServer: {host: 10.244.0.1, port: 6443}
network: {bridge: kn0, podCIDR: 10.244.0.0/16}
provisionerKubeconfig: /tmp/admin.kubeconfig
storage: {provisioner: kubenas.io/local-dir, dir: /tmp/volumes}
nodes:
  - name: node-a
    kubeconfig: /tmp/node-a.kubeconfig
    capacity: {cpu: "4", memory: 16Gi, pods: "110"}
    labels: {kubenas.io/pool: cpu}
    taints: [{key: nvidia.com/gpu, value: present, effect: NoSchedule}]
  - name: gpu-a
    kubeconfig: /tmp/gpu-a.kubeconfig
    capacity: {cpu: "8", nvidia.com/gpu: "2"}
images:
  "ghcr.io/kubenas/trainer:0.1.0":
    entrypoint: ["/usr/bin/java", "-jar", "/x.jar"]
    env: {JAVA_HOME: /jvm}
  "ghcr.io/kubenas/*":
    entrypoint: ["/bin/true"]
  "ghcr.io/*":
    entrypoint: ["/bin/false"]
`

func TestParse(t *testing.T) {
	c, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Nodes) != 2 || c.Nodes[0].Taints[0].Effect != "NoSchedule" || c.Nodes[1].Capacity["nvidia.com/gpu"] != "2" {
		t.Fatalf("unexpected nodes: %+v", c.Nodes)
	}
	gw, _ := c.Gateway()
	if gw.String() != "10.244.0.1/16" {
		t.Fatalf("gateway %s", gw)
	}
	n1, _ := c.NodePodCIDR(1)
	if n1.String() != "10.244.2.0/24" {
		t.Fatalf("node 1 cidr %s", n1)
	}
}

func TestParseRejects(t *testing.T) {
	for name, doc := range map[string]string{
		"unknown key":  "stateDir: /x\nbogus: 1\n",
		"relative dir": "stateDir: x\n",
		"no nodes":     "stateDir: /x\napiServer: {host: a, port: 1}\nnetwork: {bridge: b, podCIDR: 10.0.0.0/16}\n",
		"bad cidr": "stateDir: /x\napiServer: {host: a, port: 1}\nnetwork: {bridge: b, podCIDR: 10.0.0.0/24}\n" +
			"nodes: [{name: a, kubeconfig: /k}]\n",
		"bad quantity": "stateDir: /x\napiServer: {host: a, port: 1}\nnetwork: {bridge: b, podCIDR: 10.0.0.0/16}\n" +
			"nodes: [{name: a, kubeconfig: /k, capacity: {cpu: lots}}]\n",
	} {
		if _, err := Parse([]byte(doc)); err == nil {
			t.Errorf("%s: expected an error", name)
		}
	}
}

func TestLookupImage(t *testing.T) {
	c, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"ghcr.io/kubenas/trainer:0.1.0": "/usr/bin/java",
		"ghcr.io/kubenas/trainer:0.2.0": "/bin/true",
		"ghcr.io/other/x:1":             "/bin/false",
	}
	for ref, want := range cases {
		img, ok := c.LookupImage(ref)
		if !ok || img.Entrypoint[0] != want {
			t.Errorf("%s: got %v %v, want %s", ref, img.Entrypoint, ok, want)
		}
	}
	if _, ok := c.LookupImage("docker.io/library/busybox"); ok {
		t.Error("unexpected match")
	}
}

const base = "stateDir: /x\napiServer: {host: a, port: 1}\nnetwork: {bridge: b, podCIDR: 10.0.0.0/16}\n" +
	"nodes: [{name: a, kubeconfig: /k}]\n"

func TestTarballImageTakesEverythingFromTheImage(t *testing.T) {
	c, err := Parse([]byte(base + "images:\n  \"ghcr.io/kubenas/trainer:*\": {tarball: /repo/trainer-image/target/jib-image.tar}\n"))
	if err != nil {
		t.Fatal(err)
	}
	img, ok := c.LookupImage("ghcr.io/kubenas/trainer:0.1.0")
	if !ok || img.Tarball != "/repo/trainer-image/target/jib-image.tar" {
		t.Fatalf("got %+v %v", img, ok)
	}
	for name, entry := range map[string]string{
		"relative tarball":       "{tarball: target/jib-image.tar}",
		"tarball and entrypoint": "{tarball: /t.tar, entrypoint: [/bin/true]}",
		"tarball and files":      "{tarball: /t.tar, files: {/opt: /opt}}",
		"tarball and env":        "{tarball: /t.tar, env: {A: b}}",
	} {
		if _, err := Parse([]byte(base + "images:\n  \"x:1\": " + entry + "\n")); err == nil {
			t.Errorf("%s: expected an error", name)
		}
	}
}
