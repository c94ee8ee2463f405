package imagefs

import (
	"archive/tar"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// entry is one tar entry of a hand-made layer: a directory ends in "/", a symlink has link, a hard link hardlink.
type entry struct {
	name, body, link, hardlink string
	mode                       int64
}

func layer(t *testing.T, entries ...entry) *bytes.Buffer {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: e.mode, Typeflag: tar.TypeReg, Size: int64(len(e.body))}
		if h.Mode == 0 {
			h.Mode = 0o644
		}
		switch {
		case strings.HasSuffix(e.name, "/"):
			h.Typeflag, h.Size, h.Mode = tar.TypeDir, 0, 0o755
		case e.link != "":
			h.Typeflag, h.Linkname, h.Size = tar.TypeSymlink, e.link, 0
		case e.hardlink != "":
			h.Typeflag, h.Linkname, h.Size = tar.TypeLink, e.hardlink, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeReg {
			if _, err := tw.Write([]byte(e.body)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf
}

// sandbox is a test root with a sibling directory standing for the host: nothing may appear there.
func sandbox(t *testing.T) (root, host string) {
	t.Helper()
	base := t.TempDir()
	root, host = filepath.Join(base, "root"), filepath.Join(base, "host")
	for _, d := range []string{root, host} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return root, host
}

func apply(t *testing.T, root string, l *bytes.Buffer) {
	t.Helper()
	if err := ApplyLayer(root, l); err != nil {
		t.Fatalf("ApplyLayer: %v", err)
	}
}

func read(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("reading %s: %v", p, err)
	}
	return string(data)
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

func TestLaterLayerReplacesFilesOfEarlierLayersInOrder(t *testing.T) {
	root, _ := sandbox(t)
	apply(t, root, layer(t, entry{name: "etc/"}, entry{name: "etc/motd", body: "one"}, entry{name: "etc/keep", body: "kept"}))
	apply(t, root, layer(t, entry{name: "etc/motd", body: "two"}))
	if got := read(t, filepath.Join(root, "etc/motd")); got != "two" {
		t.Fatalf("etc/motd = %q, want the upper layer's %q", got, "two")
	}
	if got := read(t, filepath.Join(root, "etc/keep")); got != "kept" {
		t.Fatalf("etc/keep = %q: a file the upper layer does not touch must stay", got)
	}
}

func TestWhiteoutDeletesAFileOrADirectoryOfTheLowerLayers(t *testing.T) {
	root, _ := sandbox(t)
	apply(t, root, layer(t, entry{name: "opt/app/"}, entry{name: "opt/app/a.jar", body: "a"}, entry{name: "opt/app-other", body: "b"},
		entry{name: "etc/passwd", body: "root"}))
	apply(t, root, layer(t, entry{name: "opt/.wh.app"}, entry{name: "etc/.wh.passwd"}))
	for _, gone := range []string{"opt/app", "etc/passwd", "opt/.wh.app", "etc/.wh.passwd"} {
		if exists(filepath.Join(root, gone)) {
			t.Errorf("%s still exists", gone)
		}
	}
	if !exists(filepath.Join(root, "opt/app-other")) {
		t.Error("opt/app-other, a sibling with a similar name, was deleted")
	}
}

func TestOpaqueWhiteoutEmptiesALowerDirectoryButKeepsWhatTheSameLayerAdds(t *testing.T) {
	root, _ := sandbox(t)
	apply(t, root, layer(t, entry{name: "data/"}, entry{name: "data/old", body: "old"}, entry{name: "data/sub/"}, entry{name: "data/sub/x", body: "x"}))
	// The layer's own entry comes before the marker in tar order: it must survive.
	apply(t, root, layer(t, entry{name: "data/"}, entry{name: "data/new", body: "new"}, entry{name: "data/.wh..wh..opq"}))
	entries, err := os.ReadDir(filepath.Join(root, "data"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != "new" {
		t.Fatalf("data/ holds %v, want only the upper layer's [new]", names)
	}
}

func TestWhiteoutOfAPathTheSameLayerCreatedLeavesIt(t *testing.T) {
	root, _ := sandbox(t)
	apply(t, root, layer(t, entry{name: "f", body: "mine"}, entry{name: ".wh.f"}))
	if got := read(t, filepath.Join(root, "f")); got != "mine" {
		t.Fatalf("f = %q: a whiteout deletes lower layers' files only", got)
	}
}

func TestEntriesUnderAnAbsoluteSymlinkLandInsideTheRoot(t *testing.T) {
	root, host := sandbox(t)
	// A link to the host's directory by absolute path: inside the image, that path is the image's own.
	apply(t, root, layer(t, entry{name: "evil", link: host}))
	apply(t, root, layer(t, entry{name: "evil/passwd", body: "pwned"}))
	if exists(filepath.Join(host, "passwd")) {
		t.Fatal("a layer wrote through an absolute symlink into the host directory")
	}
	if got := read(t, filepath.Join(root, host, "passwd")); got != "pwned" {
		t.Fatalf("the entry should be at root%s/passwd, got %q", host, got)
	}
}

func TestEntriesUnderADotDotSymlinkStayAtTheRoot(t *testing.T) {
	root, host := sandbox(t)
	apply(t, root, layer(t, entry{name: "up", link: "../../../../../../../.."}, entry{name: "up/host/x", body: "x"},
		entry{name: "hostlink", link: "../host"}, entry{name: "hostlink/y", body: "y"}))
	if exists(filepath.Join(host, "x")) || exists(filepath.Join(host, "y")) {
		t.Fatal("a layer wrote through a relative symlink out of the root")
	}
	if read(t, filepath.Join(root, "host/x")) != "x" || read(t, filepath.Join(root, "host/y")) != "y" {
		t.Fatal("entries below ../ links belong at the root's own host/")
	}
}

func TestWhiteoutThroughASymlinkNeverDeletesOutsideTheRoot(t *testing.T) {
	root, host := sandbox(t)
	victim := filepath.Join(host, "precious")
	if err := os.WriteFile(victim, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	apply(t, root, layer(t, entry{name: "h", link: host}))
	apply(t, root, layer(t, entry{name: "h/.wh.precious"}, entry{name: "h/.wh..wh..opq"}))
	if read(t, victim) != "keep" {
		t.Fatal("a whiteout deleted a host file")
	}
}

func TestHardLinkToAPathOutsideTheRootIsRefusedOrStaysInside(t *testing.T) {
	root, host := sandbox(t)
	secret := filepath.Join(host, "secret")
	if err := os.WriteFile(secret, []byte("secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := ApplyLayer(root, layer(t, entry{name: "steal", hardlink: "../host/secret"})); err == nil {
		t.Fatal("a hard link named with ../ out of the root was accepted")
	}
	rel := strings.TrimPrefix(secret, "/")
	err := ApplyLayer(root, layer(t, entry{name: "steal2", hardlink: rel}))
	if err == nil {
		t.Fatal("a hard link to a file the image does not have was accepted")
	}
	if exists(filepath.Join(root, "steal2")) {
		t.Fatal("steal2 exists")
	}
}

func TestHardLinkToAFileOfTheImageShares(t *testing.T) {
	root, _ := sandbox(t)
	apply(t, root, layer(t, entry{name: "usr/bin/"}, entry{name: "usr/bin/perl", body: "#!", mode: 0o755},
		entry{name: "usr/bin/perl5", hardlink: "usr/bin/perl"}))
	a, _ := os.Stat(filepath.Join(root, "usr/bin/perl"))
	b, _ := os.Stat(filepath.Join(root, "usr/bin/perl5"))
	if a == nil || b == nil || !os.SameFile(a, b) {
		t.Fatal("usr/bin/perl5 is not a hard link of usr/bin/perl")
	}
}

func TestEntryNamedOutOfTheRootIsRefused(t *testing.T) {
	root, host := sandbox(t)
	err := ApplyLayer(root, layer(t, entry{name: "../host/escaped", body: "x"}))
	if err == nil || !strings.Contains(err.Error(), "escapes") {
		t.Fatalf("want an 'escapes' error, got %v", err)
	}
	if exists(filepath.Join(host, "escaped")) {
		t.Fatal("the entry was written outside the root")
	}
}

func TestFileModesIncludingSetuidAreKept(t *testing.T) {
	root, _ := sandbox(t)
	apply(t, root, layer(t, entry{name: "bin/"}, entry{name: "bin/su", body: "x", mode: 0o4755}, entry{name: "etc/shadow", body: "x", mode: 0o640}))
	for p, want := range map[string]os.FileMode{"bin/su": 0o755 | os.ModeSetuid, "etc/shadow": 0o640} {
		fi, err := os.Stat(filepath.Join(root, p))
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode() & (os.ModePerm | os.ModeSetuid); got != want {
			t.Errorf("%s: mode %v, want %v", p, got, want)
		}
	}
}

func TestResolveFollowsLinksLikeAChroot(t *testing.T) {
	root, _ := sandbox(t)
	apply(t, root, layer(t, entry{name: "usr/lib/"}, entry{name: "lib", link: "usr/lib"}, entry{name: "etc/"},
		entry{name: "etc/alternatives/"}, entry{name: "etc/alternatives/java", link: "/usr/lib/jvm/java"},
		entry{name: "loop", link: "loop"}))
	for in, want := range map[string]string{
		"/lib/x":                   "usr/lib/x",
		"/etc/alternatives/java":   "usr/lib/jvm/java",
		"/../../../etc":            "etc",
		"/lib/../../../etc/passwd": "etc/passwd",
	} {
		got, err := Resolve(root, in)
		if err != nil {
			t.Fatalf("Resolve(%s): %v", in, err)
		}
		if got != filepath.Join(root, want) {
			t.Errorf("Resolve(%s) = %s, want root/%s", in, got, want)
		}
	}
	if _, err := Resolve(root, "/loop/x"); err == nil {
		t.Error("a symlink loop resolved")
	}
}
