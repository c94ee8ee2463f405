// Package runner starts a container as a local process. The kubelet re-executes its own binary with the
// hidden sub-command `run-container SPEC.json`; that child, already in a fresh mount namespace (the
// clone flag below), sets up the container's view (bind mounts, network namespace, identity, working
// directory) and then execs the container's program, so the pid the kubelet waits on IS the container.
package runner

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

// SubCommand is the hidden argv[1] that turns the kubelet binary into the container launcher.
const SubCommand = "run-container"

// Mount is one bind mount inside the container's mount namespace.
type Mount struct {
	Source   string `json:"source"`
	Target   string `json:"target"`
	ReadOnly bool   `json:"readOnly,omitempty"`
}

// Spec is everything the launcher needs; it is written to a file next to the container's logs, which
// also documents what was started.
type Spec struct {
	Argv       []string `json:"argv"`
	Env        []string `json:"env"`
	WorkingDir string   `json:"workingDir,omitempty"`
	// NetnsPath is the pod's network namespace; empty for hostNetwork pods.
	NetnsPath string  `json:"netnsPath,omitempty"`
	Mounts    []Mount `json:"mounts,omitempty"`
	UID       *int64  `json:"uid,omitempty"`
	GID       *int64  `json:"gid,omitempty"`
	Groups    []int64 `json:"groups,omitempty"`
	// RootFS is a built image's unpacked root file system (shared by every container of that image, never written):
	// the container runs chrooted into it, its mounts inside it. Empty: the machine's root, as for launcher images.
	RootFS string `json:"rootFS,omitempty"`
	// ReadOnlyRoot (securityContext.readOnlyRootFilesystem) mounts RootFS read-only; otherwise the container writes
	// into an overlay of its own in ScratchDir (fresh for each run, as a runtime's container layer).
	ReadOnlyRoot bool   `json:"readOnlyRoot,omitempty"`
	ScratchDir   string `json:"scratchDir,omitempty"`
}

// WriteSpec stores a spec as JSON.
func WriteSpec(path string, s *Spec) error {
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o600)
}

// Command builds the re-exec of this binary for a spec file. The child gets its own mount namespace
// (bind mounts stay private to the container) and its own process group (so a signal reaches
// everything the container forks). errPipe's write end becomes the child's fd 3: the child reports a
// setup failure there; a successful exec closes it (close-on-exec) with nothing written.
func Command(specPath string, errPipe *os.File) (*exec.Cmd, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self, SubCommand, specPath)
	cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWNS, Setpgid: true}
	cmd.ExtraFiles = []*os.File{errPipe}
	cmd.Env = []string{} // the container's env is applied by the child at exec time
	return cmd, nil
}

// Start runs a spec and returns once the container's program has been exec'd (or failed to be).
// The caller owns cmd.Wait. stdout/stderr must be set by configure.
func Start(specPath string, configure func(*exec.Cmd)) (*exec.Cmd, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	cmd, err := Command(specPath, w)
	if err != nil {
		w.Close()
		return nil, err
	}
	if configure != nil {
		configure(cmd)
	}
	if err := cmd.Start(); err != nil {
		w.Close()
		return nil, err
	}
	w.Close()
	buf := make([]byte, 4096)
	n, _ := readFull(r, buf)
	if n > 0 {
		_ = cmd.Wait()
		return nil, fmt.Errorf("%s", buf[:n])
	}
	return cmd, nil
}

func readFull(f *os.File, buf []byte) (int, error) {
	total := 0
	for total < len(buf) {
		n, err := f.Read(buf[total:])
		total += n
		if err != nil {
			return total, err
		}
	}
	return total, nil
}
