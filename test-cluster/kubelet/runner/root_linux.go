package runner

import (
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"

	"kubenas.io/test-cluster/kubelet/imagefs"
)

// prepareRoot makes the container's root from a built image's unpacked root file system, in the container's own
// mount namespace: the image's root itself (to be made read-only later) or a writable overlay of it in the
// container's scratch directory, then what a runtime provides inside every container: /proc, /sys (read-only),
// a small /dev with the usual devices, and the machine's /etc/hosts, /etc/resolv.conf and /etc/hostname (no
// runtime DNS here: pods resolve names as the machine does). Returns the directory to chroot into.
func prepareRoot(s *Spec) (string, error) {
	root := s.RootFS
	if s.ReadOnlyRoot {
		// A mount point of its own, so that the root alone can be remounted read-only once everything is mounted.
		if err := unix.Mount(root, root, "", unix.MS_BIND|unix.MS_REC, ""); err != nil {
			return "", fmt.Errorf("bind-mounting the image's root %s: %v", root, err)
		}
	} else {
		if s.ScratchDir == "" {
			return "", fmt.Errorf("a writable root needs a scratch directory")
		}
		upper, work, merged := filepath.Join(s.ScratchDir, "upper"), filepath.Join(s.ScratchDir, "work"), filepath.Join(s.ScratchDir, "merged")
		for _, d := range []string{upper, work, merged} {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return "", err
			}
		}
		opts := fmt.Sprintf("lowerdir=%s,upperdir=%s,workdir=%s", root, upper, work)
		if err := unix.Mount("overlay", merged, "overlay", 0, opts); err != nil {
			return "", fmt.Errorf("a writable root is an overlay of the image (%v); set readOnlyRootFilesystem: true "+
				"where overlayfs cannot be mounted", err)
		}
		root = merged
	}
	inRoot := func(p string) (string, error) { return imagefs.Resolve(root, p) }
	proc, err := inRoot("/proc")
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(proc, 0o555); err != nil {
		return "", err
	}
	if err := unix.Mount("proc", proc, "proc", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, ""); err != nil {
		// Where a fresh proc cannot be mounted (some sandboxes), the machine's is the next best: glibc's loader needs
		// /proc/self/exe for $ORIGIN (java finds libjli.so that way) and the JVM reads its limits there.
		if err := unix.Mount("/proc", proc, "", unix.MS_BIND|unix.MS_REC, ""); err != nil {
			return "", fmt.Errorf("mounting /proc in the image: %v", err)
		}
	}
	sys, err := inRoot("/sys")
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(sys, 0o555); err != nil {
		return "", err
	}
	if err := bindPath(Mount{Source: "/sys", Target: sys, ReadOnly: true}); err != nil {
		return "", err
	}
	if err := mountDev(inRoot); err != nil {
		return "", err
	}
	for _, f := range []string{"/etc/hosts", "/etc/resolv.conf", "/etc/hostname"} {
		if _, err := os.Stat(f); err != nil {
			continue
		}
		target, err := inRoot(f)
		if err != nil {
			return "", err
		}
		if err := bindPath(Mount{Source: f, Target: target, ReadOnly: true}); err != nil {
			return "", err
		}
	}
	return root, nil
}

// mountDev gives the container a /dev of its own (a tmpfs) with the devices every program may use, bound from the
// machine's, shared memory, and the usual links; the image's own /dev (if any) is hidden.
func mountDev(inRoot func(string) (string, error)) error {
	dev, err := inRoot("/dev")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dev, 0o755); err != nil {
		return err
	}
	if err := unix.Mount("tmpfs", dev, "tmpfs", unix.MS_NOSUID|unix.MS_NOEXEC, "mode=755,size=65536k"); err != nil {
		return fmt.Errorf("mounting /dev in the image: %v", err)
	}
	for _, d := range []string{"null", "zero", "full", "random", "urandom", "tty"} {
		if _, err := os.Stat("/dev/" + d); err != nil {
			continue
		}
		if err := bindPath(Mount{Source: "/dev/" + d, Target: filepath.Join(dev, d)}); err != nil {
			return err
		}
	}
	shm := filepath.Join(dev, "shm")
	if err := os.Mkdir(shm, 0o1777); err != nil {
		return err
	}
	if err := unix.Mount("shm", shm, "tmpfs", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, "mode=1777,size=65536k"); err != nil {
		return fmt.Errorf("mounting /dev/shm in the image: %v", err)
	}
	for link, target := range map[string]string{"fd": "/proc/self/fd", "stdin": "/proc/self/fd/0", "stdout": "/proc/self/fd/1",
		"stderr": "/proc/self/fd/2"} {
		if err := os.Symlink(target, filepath.Join(dev, link)); err != nil {
			return err
		}
	}
	return nil
}

// bindPath bind-mounts a path of the machine (opened first, as the volumes are) at a target inside the image.
func bindPath(m Mount) error {
	fd, err := unix.Open(m.Source, unix.O_PATH|unix.O_CLOEXEC, 0)
	if err != nil {
		return fmt.Errorf("%s: %v", m.Source, err)
	}
	defer unix.Close(fd)
	return bindMount(m, fd)
}
