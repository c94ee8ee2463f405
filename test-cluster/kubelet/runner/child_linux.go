package runner

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"kubenas.io/test-cluster/kubelet/imagefs"
)

func init() {
	// setns(CLONE_NEWNET) only moves the calling thread, and exec keeps only the calling thread: pinning
	// the main goroutine to the main thread before anything else runs makes both the same thread.
	if len(os.Args) > 1 && os.Args[1] == SubCommand {
		runtime.LockOSThread()
	}
}

// ChildMain is the `run-container SPEC.json` sub-command. It only returns on failure, after reporting
// the error on fd 3 (and stderr, which is the container log).
func ChildMain(specPath string) int {
	errPipe := os.NewFile(3, "errpipe")
	syscall.CloseOnExec(3)
	if err := setupAndExec(specPath); err != nil {
		msg := err.Error()
		fmt.Fprintf(os.Stderr, "process-kubelet: %s\n", msg)
		if errPipe != nil {
			_, _ = errPipe.WriteString(msg)
		}
		return 128
	}
	return 0 // not reached
}

func setupAndExec(specPath string) error {
	data, err := os.ReadFile(specPath)
	if err != nil {
		return err
	}
	var s Spec
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("spec %s: %v", specPath, err)
	}
	if len(s.Argv) == 0 {
		return fmt.Errorf("no command to run")
	}
	// Our mount namespace is a copy of the host's with shared propagation: make it private first, or the
	// container's bind mounts would propagate back to the host.
	if err := unix.Mount("", "/", "", unix.MS_REC|unix.MS_PRIVATE, ""); err != nil {
		return fmt.Errorf("making / rprivate: %v", err)
	}
	mounts := append([]Mount(nil), s.Mounts...)
	// Parents before children, so that a volume mounted inside another volume's mount path stays visible.
	sort.SliceStable(mounts, func(i, j int) bool {
		return strings.Count(filepath.Clean(mounts[i].Target), "/") < strings.Count(filepath.Clean(mounts[j].Target), "/")
	})
	// Open every source before mounting anything: a volume mounted over a directory that holds other volumes'
	// sources (an emptyDir at /tmp while the kubelet's state lives under /tmp) would otherwise hide them.
	// Mounting from /proc/self/fd/N binds the already opened directory or file, whatever now shadows its path.
	sources := make([]int, len(mounts))
	for i, m := range mounts {
		fd, err := unix.Open(m.Source, unix.O_PATH|unix.O_CLOEXEC, 0)
		if err != nil {
			return fmt.Errorf("volume source %s: %v", m.Source, err)
		}
		sources[i] = fd
	}
	root := ""
	if s.RootFS != "" {
		var err error
		if root, err = prepareRoot(&s); err != nil {
			return err
		}
	}
	for i, m := range mounts {
		if root != "" {
			// The mount path inside the image, its symbolic links followed within the image: never outside it.
			target, err := imagefs.Resolve(root, m.Target)
			if err != nil {
				return fmt.Errorf("mount path %s in the image: %v", m.Target, err)
			}
			m.Target = target
		}
		if err := bindMount(m, sources[i]); err != nil {
			return err
		}
		unix.Close(sources[i])
	}
	if root != "" && s.ReadOnlyRoot {
		// Only the root's own mount: the volumes and /proc, /dev, /tmp... mounted inside keep their own flags.
		if err := unix.Mount("", root, "", unix.MS_BIND|unix.MS_REMOUNT|unix.MS_RDONLY, ""); err != nil {
			return fmt.Errorf("remounting the image's root read-only: %v", err)
		}
	}
	if s.NetnsPath != "" {
		fd, err := unix.Open(s.NetnsPath, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			return fmt.Errorf("opening network namespace %s: %v", s.NetnsPath, err)
		}
		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
			return fmt.Errorf("entering network namespace %s: %v", s.NetnsPath, err)
		}
		unix.Close(fd)
	}
	if root != "" {
		// After the network namespace (entered by path on the host) and before dropping root, which chroot needs.
		if err := unix.Chroot(root); err != nil {
			return fmt.Errorf("chroot into the image's root %s: %v", root, err)
		}
		if err := os.Chdir("/"); err != nil {
			return err
		}
	}
	if s.Groups != nil || s.GID != nil || s.UID != nil {
		groups := make([]int, 0, len(s.Groups))
		for _, g := range s.Groups {
			groups = append(groups, int(g))
		}
		if err := syscall.Setgroups(groups); err != nil {
			return fmt.Errorf("setgroups %v: %v", groups, err)
		}
	}
	if s.GID != nil {
		if err := syscall.Setgid(int(*s.GID)); err != nil {
			return fmt.Errorf("setgid %d: %v", *s.GID, err)
		}
	}
	if s.UID != nil {
		if err := syscall.Setuid(int(*s.UID)); err != nil {
			return fmt.Errorf("setuid %d: %v", *s.UID, err)
		}
	}
	wd := s.WorkingDir
	if wd == "" {
		wd = "/"
	}
	if err := os.Chdir(wd); err != nil {
		return fmt.Errorf("working directory %s: %v", wd, err)
	}
	argv0, err := LookPath(s.Argv[0], envValue(s.Env, "PATH"))
	if err != nil {
		return err
	}
	if err := syscall.Exec(argv0, s.Argv, s.Env); err != nil {
		return fmt.Errorf("exec %s: %v", argv0, err)
	}
	return nil
}

func bindMount(m Mount, source int) error {
	var st unix.Stat_t
	if err := unix.Fstat(source, &st); err != nil {
		return fmt.Errorf("volume source %s: %v", m.Source, err)
	}
	if st.Mode&unix.S_IFMT == unix.S_IFDIR {
		if err := os.MkdirAll(m.Target, 0o755); err != nil {
			return fmt.Errorf("creating mount point %s: %v", m.Target, err)
		}
	} else if _, err := os.Stat(m.Target); err != nil {
		if err := os.MkdirAll(filepath.Dir(m.Target), 0o755); err != nil {
			return fmt.Errorf("creating mount point %s: %v", m.Target, err)
		}
		f, err := os.OpenFile(m.Target, os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return fmt.Errorf("creating mount point %s: %v", m.Target, err)
		}
		f.Close()
	}
	if err := unix.Mount(fmt.Sprintf("/proc/self/fd/%d", source), m.Target, "", unix.MS_BIND|unix.MS_REC, ""); err != nil {
		return fmt.Errorf("bind-mounting %s at %s: %v", m.Source, m.Target, err)
	}
	if m.ReadOnly {
		if err := unix.Mount("", m.Target, "", unix.MS_BIND|unix.MS_REMOUNT|unix.MS_RDONLY|unix.MS_REC, ""); err != nil {
			return fmt.Errorf("remounting %s read-only: %v", m.Target, err)
		}
	}
	return nil
}

func envValue(env []string, key string) string {
	val := ""
	for _, kv := range env {
		if strings.HasPrefix(kv, key+"=") {
			val = kv[len(key)+1:] // last one wins, as with a real environment
		}
	}
	return val
}

// LookPath resolves a command name through the container's PATH (not the kubelet's), like a runtime
// does; names with a slash are used as they are.
func LookPath(name, path string) (string, error) {
	if strings.Contains(name, "/") {
		return name, nil
	}
	if path == "" {
		path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
	}
	for _, dir := range filepath.SplitList(path) {
		if dir == "" {
			dir = "."
		}
		p := filepath.Join(dir, name)
		if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", fmt.Errorf("exec: %q: executable file not found in $PATH", name)
}
