package imagefs

import (
	"archive/tar"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
)

const (
	whiteoutPrefix = ".wh."
	opaqueWhiteout = ".wh..wh..opq"
	// maxLinkHops is the kernel's limit on symbolic links followed in one lookup (MAXSYMLINKS is 40; openat2 allows 255).
	maxLinkHops = 40
)

// Unpack applies the image's layers, lowest first, into root (an empty directory).
func (img *Image) Unpack(root string) error {
	return img.eachLayer(func(i int, layer io.Reader) error {
		if err := ApplyLayer(root, layer); err != nil {
			return fmt.Errorf("%s: layer %d (%s): %w", img.Tarball, i, img.Layers[i], err)
		}
		return nil
	})
}

// ApplyLayer applies one uncompressed layer to root as a container runtime does: entries replace what lower layers
// put at their path, `.wh.NAME` deletes NAME of the lower layers, `.wh..wh..opq` empties a directory of what the
// lower layers put there. Every path is resolved inside root, following the symbolic links already there as the
// kernel would after chroot(root): a link pointing at `/etc` or at `../../..` leads to root's own /etc or to root, so
// no entry is ever written, linked or deleted outside root. Names with `..` that climb out of the root are refused.
func ApplyLayer(root string, layer io.Reader) error {
	tr := tar.NewReader(layer)
	// What this layer itself created: whiteouts only delete what the layers below put there, even when an opaque
	// directory's marker comes after the entries the same layer adds to it.
	ours := map[string]bool{}
	owner := os.Geteuid() == 0
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := applyEntry(root, h, tr, ours, owner); err != nil {
			return fmt.Errorf("%s: %w", h.Name, err)
		}
	}
}

func applyEntry(root string, h *tar.Header, content io.Reader, ours map[string]bool, owner bool) error {
	name, err := entryName(h.Name)
	if err != nil {
		return err
	}
	if name == "" { // the root itself ("./"): keep the directory the kubelet made
		return nil
	}
	dir, base := path.Split(name)
	parent, err := resolve(root, dir, true)
	if err != nil {
		return err
	}
	switch {
	case base == opaqueWhiteout:
		entries, err := os.ReadDir(parent)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		for _, e := range entries {
			if p := filepath.Join(parent, e.Name()); !ours[p] {
				if err := os.RemoveAll(p); err != nil {
					return err
				}
			}
		}
		return nil
	case strings.HasPrefix(base, whiteoutPrefix):
		gone := filepath.Join(parent, strings.TrimPrefix(base, whiteoutPrefix))
		if ours[gone] {
			return nil
		}
		return os.RemoveAll(gone) // removes a link itself, never what it points to
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	target := filepath.Join(parent, base)
	ours[target] = true
	existing, statErr := os.Lstat(target)
	if statErr == nil && !(h.Typeflag == tar.TypeDir && existing.IsDir()) {
		if err := os.RemoveAll(target); err != nil {
			return err
		}
	}
	switch h.Typeflag {
	case tar.TypeDir:
		if statErr != nil || !existing.IsDir() {
			if err := os.Mkdir(target, 0o755); err != nil {
				return err
			}
		}
	case tar.TypeReg, tar.TypeRegA:
		f, err := os.OpenFile(target, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			return err
		}
		_, err = io.Copy(f, content)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	case tar.TypeSymlink:
		// The target is kept as written: it is only ever followed through resolve (here) or inside the chroot.
		return chownLink(os.Symlink(h.Linkname, target), target, h, owner)
	case tar.TypeLink:
		linkName, err := entryName(h.Linkname)
		if err != nil {
			return fmt.Errorf("hard link to %s: %w", h.Linkname, err)
		}
		source, err := resolve(root, linkName, false)
		if err != nil {
			return err
		}
		if fi, err := os.Lstat(source); err != nil || fi.IsDir() {
			return fmt.Errorf("hard link to %s: no such file in the image", h.Linkname)
		}
		return os.Link(source, target)
	case tar.TypeFifo:
		if err := unix.Mkfifo(target, uint32(h.Mode&0o7777)); err != nil {
			return err
		}
	case tar.TypeChar, tar.TypeBlock:
		// Device files come from the runtime (the kubelet mounts /dev), not from images.
		delete(ours, target)
		return nil
	default:
		delete(ours, target)
		return nil // extended headers and the like carry nothing to write
	}
	if owner {
		if err := os.Lchown(target, h.Uid, h.Gid); err != nil {
			return err
		}
	}
	// After chown, which clears set-user-ID and set-group-ID bits; unix.Chmod keeps the tar's own mode bits.
	if err := unix.Chmod(target, uint32(h.Mode&0o7777)); err != nil {
		return err
	}
	if h.Typeflag != tar.TypeDir {
		return os.Chtimes(target, h.ModTime, h.ModTime)
	}
	return nil
}

func chownLink(err error, target string, h *tar.Header, owner bool) error {
	if err != nil || !owner {
		return err
	}
	return os.Lchown(target, h.Uid, h.Gid)
}

// entryName cleans a layer entry's name into a path relative to the root; a name that climbs above the root is an
// error (a well-formed layer never has one).
func entryName(name string) (string, error) {
	rel := path.Clean(strings.TrimLeft(name, "/"))
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return "", fmt.Errorf("path escapes the image root")
	}
	if rel == "." {
		return "", nil
	}
	return rel, nil
}

// resolve gives the host path of the container path p inside root, following the symbolic links of every component
// (and of the last one when followLast) as the kernel does after chroot(root): absolute targets start again at root,
// ".." at root stays at root. The result is always root or below it.
func resolve(root, p string, followLast bool) (string, error) {
	resolved := ""                                   // relative to root, clean
	rest := strings.Split(strings.Trim(p, "/"), "/") // components still to walk
	hops := 0
	for len(rest) > 0 {
		comp := rest[0]
		rest = rest[1:]
		switch comp {
		case "", ".":
			continue
		case "..":
			resolved = strings.TrimPrefix(path.Dir("/"+resolved), "/")
			continue
		}
		next := path.Join(resolved, comp)
		if len(rest) == 0 && !followLast {
			resolved = next
			break
		}
		fi, err := os.Lstat(filepath.Join(root, next))
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				resolved = next // nothing there yet: no link to follow further down either
				continue
			}
			return "", err
		}
		if fi.Mode()&os.ModeSymlink == 0 {
			resolved = next
			continue
		}
		if hops++; hops > maxLinkHops {
			return "", fmt.Errorf("%s: too many levels of symbolic links", p)
		}
		link, err := os.Readlink(filepath.Join(root, next))
		if err != nil {
			return "", err
		}
		if strings.HasPrefix(link, "/") {
			resolved = ""
		}
		rest = append(strings.Split(link, "/"), rest...)
	}
	return filepath.Join(root, resolved), nil
}

// Resolve is resolve for the kubelet's mounts: the host path where a container path of the image's root is.
func Resolve(root, p string) (string, error) {
	return resolve(root, p, true)
}
