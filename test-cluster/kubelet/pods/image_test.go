package pods

import (
	"archive/tar"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubenas.io/test-cluster/kubelet/config"
	"kubenas.io/test-cluster/kubelet/runner"
)

// builtImage writes a `docker save` tarball of one layer holding /etc/passwd, /etc/group and a program, with user.
func builtImage(t *testing.T, user string) string {
	t.Helper()
	tarOf := func(files map[string]string, order []string) []byte {
		var buf bytes.Buffer
		tw := tar.NewWriter(&buf)
		for _, name := range order {
			body := files[name]
			if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o755, Size: int64(len(body)), Typeflag: tar.TypeReg}); err != nil {
				t.Fatal(err)
			}
			if _, err := tw.Write([]byte(body)); err != nil {
				t.Fatal(err)
			}
		}
		if err := tw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	layer := tarOf(map[string]string{
		"etc/passwd": "root:x:0:0::/root:/bin/sh\napp:x:10001:10002::/nonexistent:/usr/sbin/nologin\n",
		"etc/group":  "root:x:0:\napp:x:10002:\n",
		"bin/app":    "#!/bin/true\n",
	}, []string{"etc/passwd", "etc/group", "bin/app"})
	cfg, _ := json.Marshal(map[string]any{
		"config": map[string]any{"User": user, "Entrypoint": []string{"/bin/app"}, "Cmd": []string{"--serve"},
			"Env": []string{"PATH=/bin", "MODE=image"}, "WorkingDir": "/work"},
		"rootfs": map[string]any{"type": "layers", "diff_ids": []string{"sha256:x"}},
	})
	manifest, _ := json.Marshal([]map[string]any{{"Config": "config.json", "Layers": []string{"layer.tar"}}})
	file := filepath.Join(t.TempDir(), "image.tar")
	if err := os.WriteFile(file, tarOf(map[string]string{"config.json": string(cfg), "layer.tar": string(layer),
		"manifest.json": string(manifest)}, []string{"config.json", "layer.tar", "manifest.json"}), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

func tarballConfig(t *testing.T, tarball string) *config.Config {
	return &config.Config{StateDir: t.TempDir(), Images: map[string]config.Image{"ghcr.io/kubenas/trainer:*": {Tarball: tarball}}}
}

func TestTarballImageRunsItsEntrypointCmdEnvAndWorkingDirInItsUnpackedRoot(t *testing.T) {
	cfg := tarballConfig(t, builtImage(t, "app"))
	img, err := resolveImage(cfg, "ghcr.io/kubenas/trainer:0.1.0")
	if err != nil {
		t.Fatal(err)
	}
	if img.RootFS == "" || !strings.HasPrefix(img.RootFS, filepath.Join(cfg.StateDir, "images")) {
		t.Fatalf("root %q, want one under the kubelet's state dir", img.RootFS)
	}
	if _, err := os.Stat(filepath.Join(img.RootFS, "bin/app")); err != nil {
		t.Fatalf("the image's layer is not unpacked: %v", err)
	}
	if strings.Join(img.Entrypoint, " ") != "/bin/app" || strings.Join(img.Cmd, " ") != "--serve" || img.WorkingDir != "/work" ||
		img.Env["MODE"] != "image" || img.User != "app" {
		t.Fatalf("image config not applied: %+v", img)
	}
}

func TestUnreadableTarballFailsLikeAPull(t *testing.T) {
	cfg := tarballConfig(t, filepath.Join(t.TempDir(), "missing.tar"))
	_, err := resolveImage(cfg, "ghcr.io/kubenas/trainer:0.1.0")
	if ie, ok := err.(*imageError); !ok || ie.reason != "ErrImagePull" {
		t.Fatalf("got %v, want ErrImagePull", err)
	}
}

func identity(t *testing.T, imageUser string, psc *v1.PodSecurityContext) (*runner.Spec, string) {
	t.Helper()
	img, err := resolveImage(tarballConfig(t, builtImage(t, imageUser)), "ghcr.io/kubenas/trainer:1")
	if err != nil {
		t.Fatal(err)
	}
	pod := &v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "p", Namespace: "ns"}, Spec: v1.PodSpec{SecurityContext: psc}}
	spec := &runner.Spec{}
	return spec, applyIdentity(pod, &v1.Container{Name: "c"}, spec, img)
}

func TestImageUserAppliesWhereThePodSetsNone(t *testing.T) {
	yes := true
	spec, msg := identity(t, "10001:10001", &v1.PodSecurityContext{RunAsNonRoot: &yes})
	if msg != "" || *spec.UID != 10001 || *spec.GID != 10001 {
		t.Fatalf("uid %v gid %v msg %q, want the image's 10001:10001", spec.UID, spec.GID, msg)
	}
	spec, msg = identity(t, "app", nil)
	if msg != "" || *spec.UID != 10001 || *spec.GID != 10002 {
		t.Fatalf("named user: uid %v gid %v msg %q, want app's 10001 and its primary group 10002", spec.UID, spec.GID, msg)
	}
}

func TestPodsRunAsUserWinsAndTakesItsPrimaryGroupFromTheImage(t *testing.T) {
	uid, other := int64(10001), int64(4242)
	spec, msg := identity(t, "0:0", &v1.PodSecurityContext{RunAsUser: &uid})
	if msg != "" || *spec.UID != 10001 || *spec.GID != 10002 {
		t.Fatalf("uid %v gid %v msg %q, want 10001 with its image group 10002", spec.UID, spec.GID, msg)
	}
	spec, _ = identity(t, "app", &v1.PodSecurityContext{RunAsUser: &other})
	if *spec.UID != 4242 || *spec.GID != 0 {
		t.Fatalf("a uid unknown to the image gets group 0, got %v:%v", *spec.UID, *spec.GID)
	}
}

func TestRunAsNonRootRefusesARootOrNamedImageUser(t *testing.T) {
	yes := true
	if _, msg := identity(t, "0", &v1.PodSecurityContext{RunAsNonRoot: &yes}); !strings.Contains(msg, "non-root") {
		t.Fatalf("an image running as uid 0 passed runAsNonRoot: %q", msg)
	}
	if _, msg := identity(t, "app", &v1.PodSecurityContext{RunAsNonRoot: &yes}); !strings.Contains(msg, "non-numeric user") {
		t.Fatalf("a named image user passed runAsNonRoot unverified: %q", msg)
	}
	if _, msg := identity(t, "", &v1.PodSecurityContext{RunAsNonRoot: &yes}); !strings.Contains(msg, "will run as root") {
		t.Fatalf("an image with no USER passed runAsNonRoot: %q", msg)
	}
}
