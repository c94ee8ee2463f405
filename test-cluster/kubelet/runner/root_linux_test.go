package runner

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The test binary is also the container launcher (run-container, as the kubelet re-executes itself) and, copied into a
// hand-made image root, the container's program (helper mode): what it prints is what a container sees.
func TestMain(m *testing.M) {
	if len(os.Args) > 2 && os.Args[1] == SubCommand {
		os.Exit(ChildMain(os.Args[2]))
	}
	if os.Getenv("KUBENAS_RUNNER_HELPER") == "1" {
		os.Exit(helper())
	}
	os.Exit(m.Run())
}

// helper reports the container's view: identity, working directory, /proc, the volume, the read-only root, the env.
func helper() int {
	report := func(k, v string) { os.Stdout.WriteString(k + "=" + v + "\n") }
	wd, _ := os.Getwd()
	report("uid", strconv.Itoa(os.Getuid()))
	report("gid", strconv.Itoa(os.Getgid()))
	report("wd", wd)
	report("env", os.Getenv("FROM_IMAGE"))
	if _, err := os.Readlink("/proc/self/exe"); err == nil {
		report("proc", "ok")
	}
	if err := os.WriteFile("/data/written", []byte("hi"), 0o644); err == nil {
		report("volume", "ok")
	}
	if err := os.WriteFile("/root-write", nil, 0o644); err != nil {
		report("root", "refused")
	} else {
		report("root", "written")
	}
	if _, err := os.Stat(os.Getenv("HOST_PATH")); err != nil {
		report("host", "invisible")
	}
	if f, err := os.OpenFile("/dev/null", os.O_WRONLY, 0); err == nil {
		f.Close()
		report("devnull", "ok")
	}
	return 0
}

// imageRoot makes an image root holding this test binary as /bin/probe; libc comes from the machine (hostLibs).
func imageRoot(t *testing.T) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "rootfs")
	for _, d := range []string{"bin", "etc", "proc", "sys", "dev", "tmp", "work"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(self)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(filepath.Join(root, "bin/probe"), os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	out.Close()
	return root
}

// hostLibs lends the machine's C library to the image, read-only, as volumes: the test binary is linked against it
// (archive/tar brings in os/user, hence cgo).
func hostLibs() []Mount {
	var out []Mount
	for _, d := range []string{"/lib", "/lib64", "/usr/lib"} {
		if _, err := os.Stat(d); err == nil {
			out = append(out, Mount{Source: d, Target: d, ReadOnly: true})
		}
	}
	return out
}

func run(t *testing.T, s *Spec) map[string]string {
	t.Helper()
	s.Mounts = append(hostLibs(), s.Mounts...)
	specPath := filepath.Join(t.TempDir(), "spec.json")
	if err := WriteSpec(specPath, s); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd, err := Start(specPath, func(c *exec.Cmd) { c.Stdout, c.Stderr = &out, &out })
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("container: %v\n%s", err, out.String())
	}
	seen := map[string]string{}
	for _, line := range strings.Split(out.String(), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			seen[k] = v
		}
	}
	return seen
}

func TestContainerOfABuiltImageRunsChrootedAsItsUserWithVolumesAndAReadOnlyRoot(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root (mount namespaces, chroot), as the process kubelet itself; ./run-tests runs as root")
	}
	root := imageRoot(t)
	data := t.TempDir()
	if err := os.Chmod(data, 0o777); err != nil {
		t.Fatal(err)
	}
	uid, gid := int64(10001), int64(10001)
	seen := run(t, &Spec{Argv: []string{"/bin/probe"}, Env: []string{"KUBENAS_RUNNER_HELPER=1", "FROM_IMAGE=yes", "HOST_PATH=" + data},
		WorkingDir: "/work", RootFS: root, ReadOnlyRoot: true, UID: &uid, GID: &gid, Groups: []int64{gid},
		Mounts: []Mount{{Source: data, Target: "/data"}}})
	want := map[string]string{"uid": "10001", "gid": "10001", "wd": "/work", "env": "yes", "proc": "ok", "volume": "ok",
		"root": "refused", "host": "invisible", "devnull": "ok"}
	for k, v := range want {
		if seen[k] != v {
			t.Errorf("%s = %q, want %q (the container saw %v)", k, seen[k], v, seen)
		}
	}
	if _, err := os.Stat(filepath.Join(data, "written")); err != nil {
		t.Error("the write to the volume did not reach the volume's directory")
	}
	if _, err := os.Stat(filepath.Join(root, "data")); err != nil {
		t.Error("the mount point was not made inside the image's root")
	}
}

func TestWritableRootIsAnOverlayThatLeavesTheSharedImageUntouched(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root (mount namespaces, chroot, overlayfs), as the process kubelet itself; ./run-tests runs as root")
	}
	root := imageRoot(t)
	scratch := t.TempDir()
	seen := run(t, &Spec{Argv: []string{"/bin/probe"}, Env: []string{"KUBENAS_RUNNER_HELPER=1"}, WorkingDir: "/", RootFS: root,
		ScratchDir: scratch})
	if seen["root"] != "written" {
		t.Fatalf("root = %q: a container without readOnlyRootFilesystem writes into its root (saw %v)", seen["root"], seen)
	}
	if _, err := os.Stat(filepath.Join(root, "root-write")); err == nil {
		t.Fatal("the container's write reached the image's shared root")
	}
	if _, err := os.Stat(filepath.Join(scratch, "upper", "root-write")); err != nil {
		t.Fatalf("the write is not in the container's own layer: %v", err)
	}
}
