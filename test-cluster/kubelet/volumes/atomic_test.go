package volumes

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteAtomicUpdates(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cfg")
	if err := writeAtomic(dir, map[string]file{"a": {[]byte("1"), 0o644}, "sub/b": {[]byte("2"), 0o600}}, nil); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "sub/b")); string(b) != "2" {
		t.Fatalf("sub/b = %q", b)
	}
	if err := writeAtomic(dir, map[string]file{"a": {[]byte("3"), 0o644}}, nil); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a")); string(b) != "3" {
		t.Fatalf("a = %q", b)
	}
	if _, err := os.Lstat(filepath.Join(dir, "sub")); !os.IsNotExist(err) {
		t.Fatalf("stale entry kept: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 { // ..data, the timestamped dir, a
		t.Fatalf("entries: %v", entries)
	}
	if err := writeAtomic(dir, map[string]file{"../x": {nil, 0o644}}, nil); err == nil {
		t.Fatal("path escape accepted")
	}
}
