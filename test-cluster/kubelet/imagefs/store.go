package imagefs

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Store keeps one unpacked root file system per image digest under a directory (the kubelet's state dir), the way a
// runtime keeps pulled images: the first container of an image unpacks it, the others reuse it.
type Store struct {
	dir   string
	mu    sync.Mutex
	locks map[string]*sync.Mutex
}

var stores sync.Map // dir → *Store: every node of the kubelet shares one per directory

// Shared is the store of a directory, the same one for every caller in this process.
func Shared(dir string) *Store {
	s, _ := stores.LoadOrStore(dir, &Store{dir: dir, locks: map[string]*sync.Mutex{}})
	return s.(*Store)
}

// RootFS gives the image in tarball and the directory of its unpacked root file system, unpacking it when this
// image (by digest) has not been unpacked yet. A rebuilt tarball with other content has another digest.
func (s *Store) RootFS(tarball string) (string, *Image, error) {
	img, err := Open(tarball)
	if err != nil {
		return "", nil, err
	}
	key := strings.ReplaceAll(img.Digest, ":", "-")
	lock := s.lock(key)
	lock.Lock()
	defer lock.Unlock()
	final := filepath.Join(s.dir, key)
	root := filepath.Join(final, "rootfs")
	if _, err := os.Stat(root); err == nil {
		return root, img, nil
	}
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return "", nil, err
	}
	// Unpacked beside the final place and renamed when complete: a crash leaves a temporary directory, never a
	// half-unpacked image that would be taken for a whole one.
	tmp, err := os.MkdirTemp(s.dir, ".unpack-"+key+"-")
	if err != nil {
		return "", nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return "", nil, err
	}
	if err := os.Mkdir(filepath.Join(tmp, "rootfs"), 0o755); err != nil {
		return "", nil, err
	}
	if err := img.Unpack(filepath.Join(tmp, "rootfs")); err != nil {
		os.RemoveAll(tmp)
		return "", nil, fmt.Errorf("unpacking %s: %w", tarball, err)
	}
	if err := os.Rename(tmp, final); err != nil {
		os.RemoveAll(tmp)
		return "", nil, err
	}
	return root, img, nil
}

func (s *Store) lock(key string) *sync.Mutex {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.locks[key]
	if l == nil {
		l = &sync.Mutex{}
		s.locks[key] = l
	}
	return l
}
