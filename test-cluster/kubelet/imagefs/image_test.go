package imagefs

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func sha(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func gz(t *testing.T, data []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeTar(t *testing.T, file string, members map[string][]byte, order []string) {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, name := range order {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(members[name])), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(members[name]); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

const testConfig = `{"architecture":"amd64","os":"linux","config":{"User":"10001:10001","Env":["PATH=/usr/bin:/bin","HOME=/tmp"],` +
	`"Entrypoint":["java","-jar","/opt/kubenas/quarkus-run.jar"],"Cmd":["--help"],"WorkingDir":"/var/lib/kubenas"},` +
	`"rootfs":{"type":"layers","diff_ids":["sha256:a","sha256:b"]}}`

// ociTarball writes an OCI image layout tarball as Jib's buildTar does (gzipped layers under blobs/sha256/).
func ociTarball(t *testing.T, dir string, layers ...[]byte) string {
	members := map[string][]byte{}
	var order []string
	add := func(data []byte) string {
		d := "sha256:" + sha(data)
		name := "blobs/sha256/" + sha(data)
		members[name] = data
		order = append(order, name)
		return d
	}
	var layerDescs []map[string]string
	for _, l := range layers {
		layerDescs = append(layerDescs, map[string]string{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": add(gz(t, l))})
	}
	cfg := add([]byte(testConfig))
	manifest, _ := json.Marshal(map[string]any{"schemaVersion": 2, "config": map[string]string{"digest": cfg}, "layers": layerDescs})
	md := add(manifest)
	index, _ := json.Marshal(map[string]any{"schemaVersion": 2, "manifests": []map[string]string{{"digest": md}}})
	members["index.json"], members["oci-layout"] = index, []byte(`{"imageLayoutVersion":"1.0.0"}`)
	order = append(order, "oci-layout", "index.json")
	file := filepath.Join(dir, "oci.tar")
	writeTar(t, file, members, order)
	return file
}

// dockerSaveTarball writes `docker save`'s layout (manifest.json, plain tar layers), as images/build-base does.
func dockerSaveTarball(t *testing.T, dir string, layers ...[]byte) string {
	members := map[string][]byte{"config.json": []byte(testConfig)}
	order := []string{"config.json"}
	var names []string
	for i, l := range layers {
		name := "./layer" + string(rune('0'+i)) + "/layer.tar"
		members[clean(name)] = l
		order = append(order, clean(name))
		names = append(names, name)
	}
	manifest, _ := json.Marshal([]map[string]any{{"Config": "config.json", "RepoTags": []string{"x:1"}, "Layers": names}})
	members["manifest.json"] = manifest
	order = append(order, "manifest.json")
	file := filepath.Join(dir, "docker.tar")
	writeTar(t, file, members, order)
	return file
}

func twoLayers(t *testing.T) [][]byte {
	return [][]byte{
		layer(t, entry{name: "etc/"}, entry{name: "etc/passwd", body: "root:x:0:0::/root:/bin/sh\nkubenas:x:10001:10001::/nonexistent:/usr/sbin/nologin\n"},
			entry{name: "etc/group", body: "root:x:0:\nkubenas:x:10001:\n"}, entry{name: "tmp/"}, entry{name: "tmp/gone", body: "x"}).Bytes(),
		layer(t, entry{name: "opt/kubenas/"}, entry{name: "opt/kubenas/quarkus-run.jar", body: "jar"}, entry{name: "tmp/.wh.gone"}).Bytes(),
	}
}

func TestOpenReadsJibsOciLayoutAndDockerSaveAlike(t *testing.T) {
	dir := t.TempDir()
	want := Config{Entrypoint: []string{"java", "-jar", "/opt/kubenas/quarkus-run.jar"}, Cmd: []string{"--help"},
		Env: []string{"PATH=/usr/bin:/bin", "HOME=/tmp"}, WorkingDir: "/var/lib/kubenas", User: "10001:10001"}
	for _, tarball := range []string{ociTarball(t, dir, twoLayers(t)...), dockerSaveTarball(t, dir, twoLayers(t)...)} {
		img, err := Open(tarball)
		if err != nil {
			t.Fatalf("%s: %v", tarball, err)
		}
		if !reflect.DeepEqual(img.Config, want) {
			t.Errorf("%s: config %+v, want %+v", tarball, img.Config, want)
		}
		if len(img.Layers) != 2 {
			t.Errorf("%s: %d layers, want 2", tarball, len(img.Layers))
		}
		root := filepath.Join(t.TempDir(), "root")
		if err := os.Mkdir(root, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := img.Unpack(root); err != nil {
			t.Fatalf("%s: Unpack: %v", tarball, err)
		}
		if read(t, filepath.Join(root, "opt/kubenas/quarkus-run.jar")) != "jar" || exists(filepath.Join(root, "tmp/gone")) {
			t.Errorf("%s: the layers were not applied in order", tarball)
		}
	}
}

func TestOpenRefusesATarballThatIsNoImage(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "x.tar")
	writeTar(t, file, map[string][]byte{"hello.txt": []byte("hi")}, []string{"hello.txt"})
	if _, err := Open(file); err == nil {
		t.Fatal("a tarball without index.json or manifest.json was taken for an image")
	}
}

func TestStoreUnpacksAnImageOnceAndReusesItsRootByDigest(t *testing.T) {
	dir := t.TempDir()
	tarball := ociTarball(t, dir, twoLayers(t)...)
	store := Shared(filepath.Join(dir, "images"))
	root, img, err := store.RootFS(tarball)
	if err != nil {
		t.Fatal(err)
	}
	marker := filepath.Join(root, "marker-of-the-first-unpack")
	if err := os.WriteFile(marker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	again, img2, err := store.RootFS(tarball)
	if err != nil {
		t.Fatal(err)
	}
	if again != root || img2.Digest != img.Digest || !exists(marker) {
		t.Fatalf("the second container of the same image got %s, want the cached %s", again, root)
	}
	if Shared(filepath.Join(dir, "images")) != store {
		t.Fatal("Shared gave another store for the same directory")
	}
	// Another image (a rebuilt tarball with other content) gets its own root.
	other := twoLayers(t)
	other[1] = layer(t, entry{name: "opt/kubenas/quarkus-run.jar", body: "jar v2"}).Bytes()
	os.Remove(tarball)
	tarball2 := ociTarball(t, dir, other...)
	root2, _, err := store.RootFS(tarball2)
	if err != nil {
		t.Fatal(err)
	}
	if root2 == root || read(t, filepath.Join(root2, "opt/kubenas/quarkus-run.jar")) != "jar v2" {
		t.Fatalf("a changed image reused the old root %s", root2)
	}
}

func TestUserResolvesNumbersAndNamesThroughTheImagesOwnFiles(t *testing.T) {
	root, _ := sandbox(t)
	apply(t, root, bytes.NewBuffer(twoLayers(t)[0]))
	cases := map[string][2]int64{"10001:10001": {10001, 10001}, "kubenas": {10001, 10001}, "10001": {10001, 10001},
		"kubenas:root": {10001, 0}, "4242": {4242, 0}, "0:10001": {0, 10001}}
	for user, want := range cases {
		uid, gid, err := User(root, user)
		if err != nil {
			t.Fatalf("User(%q): %v", user, err)
		}
		if *uid != want[0] || *gid != want[1] {
			t.Errorf("User(%q) = %d:%d, want %d:%d", user, *uid, *gid, want[0], want[1])
		}
	}
	if _, _, err := User(root, "nobody-here"); err == nil {
		t.Error("an unknown user name resolved")
	}
	if uid, gid, err := User(root, ""); err != nil || uid != nil || gid != nil {
		t.Error("an image without USER must leave the identity to the pod")
	}
}
