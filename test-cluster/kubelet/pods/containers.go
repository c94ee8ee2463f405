package pods

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubenas.io/test-cluster/kubelet/config"
	"kubenas.io/test-cluster/kubelet/imagefs"
	"kubenas.io/test-cluster/kubelet/podenv"
	"kubenas.io/test-cluster/kubelet/runner"
	"kubenas.io/test-cluster/kubelet/sandbox"
	"kubenas.io/test-cluster/kubelet/volumes"
)

// ctr is one container's life across restarts.
type ctr struct {
	spec         v1.Container
	isInit       bool
	restartCount int32
	containerID  string
	proc         *proc
	term         *v1.ContainerStateTerminated // the latest run's end (nil while running / never run)
	prevTerm     *v1.ContainerStateTerminated // the run before (lastTerminationState)
	waitReason   string                       // why it is not running now ("" = not going to run)
	waitMessage  string
	backoff      backoff
	pullBackoff  backoff
}

// proc is one running process of a container.
type proc struct {
	cmd        *exec.Cmd
	pid        int
	startedAt  time.Time
	done       chan struct{}
	waitStatus syscall.WaitStatus
	termLog    string
	logPath    string
	runSpec    *runner.Spec
	probes     *probeState
	stopProbes context.CancelFunc
	killOnce   sync.Once
}

func newCtr(spec v1.Container, isInit bool, statuses []v1.ContainerStatus) *ctr {
	c := &ctr{spec: spec, isInit: isInit}
	for _, s := range statuses {
		if s.Name != spec.Name {
			continue
		}
		c.restartCount = s.RestartCount
		c.containerID = s.ContainerID
		c.prevTerm = s.LastTerminationState.Terminated
		switch {
		case s.State.Terminated != nil:
			c.term = s.State.Terminated
		case s.State.Running != nil:
			c.term = &v1.ContainerStateTerminated{ExitCode: 137, Reason: "Error",
				Message: "process lost on kubelet restart", StartedAt: s.State.Running.StartedAt,
				FinishedAt: metav1.Now(), ContainerID: s.ContainerID}
		case s.State.Waiting != nil && s.LastTerminationState.Terminated != nil:
			c.term, c.prevTerm = s.LastTerminationState.Terminated, nil
		}
	}
	return c
}

// view renders the container's reported status.
func (c *ctr) view() ctrView {
	v := ctrView{Name: c.spec.Name, Image: c.spec.Image, ContainerID: c.containerID, RestartCount: c.restartCount}
	last := func(t *v1.ContainerStateTerminated) v1.ContainerState {
		if t == nil {
			return v1.ContainerState{}
		}
		return v1.ContainerState{Terminated: t}
	}
	switch {
	case c.proc != nil:
		v.State = v1.ContainerState{Running: &v1.ContainerStateRunning{StartedAt: metav1.NewTime(c.proc.startedAt)}}
		v.LastState = last(c.prevTerm)
		v.Started, v.Ready = c.proc.probes.status(c.isInit)
	case c.term != nil && c.waitReason == "":
		v.State = v1.ContainerState{Terminated: c.term}
		v.LastState = last(c.prevTerm)
		v.Ready = c.isInit && c.term.ExitCode == 0
	case c.term != nil:
		v.State = v1.ContainerState{Waiting: &v1.ContainerStateWaiting{Reason: c.waitReason, Message: c.waitMessage}}
		v.LastState = last(c.term)
	default:
		reason := c.waitReason
		if reason == "" {
			reason = "ContainerCreating"
		}
		v.State = v1.ContainerState{Waiting: &v1.ContainerStateWaiting{Reason: reason, Message: c.waitMessage}}
		v.ContainerID = ""
	}
	return v
}

func (w *Worker) views(cs []*ctr) []ctrView {
	out := make([]ctrView, len(cs))
	for i, c := range cs {
		out[i] = c.view()
	}
	return out
}

func (w *Worker) anyRunning() bool {
	for _, c := range append(append([]*ctr{}, w.init...), w.main...) {
		if c.proc != nil {
			return true
		}
	}
	return false
}

// runContainers advances init containers one at a time, then starts/restarts the app containers.
func (w *Worker) runContainers(ctx context.Context, pod *v1.Pod) {
	policy := pod.Spec.RestartPolicy
	for _, c := range w.init {
		if c.proc == nil && c.term != nil && c.term.ExitCode == 0 {
			continue
		}
		if c.proc == nil {
			if c.term == nil {
				w.start(ctx, pod, c)
			} else if policy != v1.RestartPolicyNever {
				w.restart(ctx, pod, c)
			}
		}
		for _, m := range w.main {
			if m.proc == nil && m.term == nil {
				m.waitReason, m.waitMessage = "PodInitializing", ""
			}
		}
		return
	}
	for _, c := range w.main {
		if c.proc != nil {
			continue
		}
		if c.term == nil {
			w.start(ctx, pod, c)
			continue
		}
		if policy == v1.RestartPolicyAlways || (policy == v1.RestartPolicyOnFailure && c.term.ExitCode != 0) {
			w.restart(ctx, pod, c)
		} else {
			c.waitReason, c.waitMessage = "", ""
		}
	}
}

func (w *Worker) restart(ctx context.Context, pod *v1.Pod, c *ctr) {
	if wait, d := c.backoff.waiting(time.Now()); wait {
		msg := fmt.Sprintf("back-off %s restarting failed container=%s pod=%s_%s(%s)", d.Round(time.Second),
			c.spec.Name, pod.Name, pod.Namespace, pod.UID)
		if c.waitReason != "CrashLoopBackOff" {
			w.event(pod, v1.EventTypeWarning, "BackOff", "Back-off restarting failed container "+c.spec.Name+" in pod "+pod.Name)
		}
		c.waitReason, c.waitMessage = "CrashLoopBackOff", msg
		return
	}
	w.start(ctx, pod, c)
}

// start launches one container process, or records why it cannot start (with the kubelet's reasons).
func (w *Worker) start(ctx context.Context, pod *v1.Pod, c *ctr) {
	fail := func(reason, msg string) {
		if c.waitReason != reason || c.waitMessage != msg {
			w.log.Warn("container cannot start", "container", c.spec.Name, "reason", reason, "message", msg)
			w.event(pod, v1.EventTypeWarning, "Failed", fmt.Sprintf("Error: %s", msg))
		}
		c.waitReason, c.waitMessage = reason, msg
	}
	img, err := resolveImage(w.node.Cfg, c.spec.Image)
	if err != nil {
		var ie *imageError
		if errors.As(err, &ie) && ie.reason == "ErrImagePull" {
			if wait, _ := c.pullBackoff.waiting(time.Now()); wait {
				c.waitReason = "ImagePullBackOff"
				c.waitMessage = fmt.Sprintf("Back-off pulling image %q: ErrImagePull: %s", c.spec.Image, ie.msg)
				return
			}
			c.pullBackoff.exited(time.Now(), 0)
			c.pullBackoff.exited(time.Now(), 0) // the first pull failure already backs off (10 s)
			fail("ErrImagePull", ie.msg)
			return
		}
		if errors.As(err, &ie) {
			fail(ie.reason, ie.msg)
		}
		return
	}
	ectx := &podenv.Context{Pod: pod, PodIPs: w.podIPs, HostIPs: []string{w.node.HostIP}, Allocatable: w.node.Allocatable,
		APIHost: w.node.Cfg.APIServer.Host, APIPort: w.node.Cfg.APIServer.Port, ImageEnv: img.Env}
	env, vars, err := podenv.Env(ectx, &c.spec, w.node.Getter)
	if err != nil {
		var ce *podenv.ConfigError
		if errors.As(err, &ce) {
			fail("CreateContainerConfigError", ce.Msg)
		} else {
			w.log.Warn("resolving environment", "container", c.spec.Name, "err", err)
		}
		return
	}
	argv := podenv.Argv(&c.spec, img.Entrypoint, img.Cmd, vars)
	if len(argv) == 0 {
		fail("CreateContainerError", "no command specified")
		return
	}
	spec := &runner.Spec{Argv: argv, Env: env, WorkingDir: c.spec.WorkingDir, RootFS: img.RootFS}
	if spec.WorkingDir == "" {
		spec.WorkingDir = img.WorkingDir
	}
	if img.RootFS != "" {
		csc := c.spec.SecurityContext
		spec.ReadOnlyRoot = csc != nil && csc.ReadOnlyRootFilesystem != nil && *csc.ReadOnlyRootFilesystem
	}
	if !pod.Spec.HostNetwork {
		ns, _, _ := sandbox.Names(string(pod.UID))
		spec.NetnsPath = sandbox.NetnsPath(ns)
	}
	if msg := applyIdentity(pod, &c.spec, spec, img); msg != "" {
		fail("CreateContainerConfigError", msg)
		return
	}
	mounts, msg := containerMounts(&c.spec, w.volPaths, vars)
	if msg != "" {
		fail("CreateContainerConfigError", msg)
		return
	}
	cdir := filepath.Join(w.dir, c.spec.Name)
	if err := os.MkdirAll(cdir, 0o755); err != nil {
		w.log.Error("container directory", "err", err)
		return
	}
	termLog := filepath.Join(cdir, "termination-log")
	if err := os.WriteFile(termLog, nil, 0o666); err != nil {
		w.log.Error("termination log", "err", err)
		return
	}
	_ = os.Chmod(termLog, 0o666) // any runAsUser may write its termination message
	target := c.spec.TerminationMessagePath
	if target == "" {
		target = v1.TerminationMessagePathDefault
	}
	spec.Mounts = append(imageMounts(img.Image), append(mounts, runner.Mount{Source: termLog, Target: target})...)

	restartCount := c.restartCount
	if c.term != nil {
		restartCount++
	}
	if img.RootFS != "" && !spec.ReadOnlyRoot {
		// Each run starts from the image again, as a runtime's fresh container layer does.
		spec.ScratchDir = filepath.Join(cdir, fmt.Sprintf("%d.root", restartCount))
		_ = os.RemoveAll(spec.ScratchDir)
	}
	logPath := filepath.Join(cdir, fmt.Sprintf("%d.log", restartCount))
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		w.log.Error("container log", "err", err)
		return
	}
	defer logFile.Close()
	current := filepath.Join(cdir, "current.log")
	_ = os.Remove(current)
	_ = os.Symlink(filepath.Base(logPath), current)
	specPath := filepath.Join(cdir, fmt.Sprintf("%d.spec.json", restartCount))
	if err := runner.WriteSpec(specPath, spec); err != nil {
		w.log.Error("container spec", "err", err)
		return
	}
	if c.term == nil && c.restartCount == 0 {
		w.event(pod, v1.EventTypeNormal, "Pulled", fmt.Sprintf("Container image %q already present on machine", c.spec.Image))
	}
	w.event(pod, v1.EventTypeNormal, "Created", "Created container: "+c.spec.Name)
	started := time.Now()
	cmd, err := runner.Start(specPath, func(cmd *exec.Cmd) { cmd.Stdout, cmd.Stderr = logFile, logFile })
	if c.term != nil {
		c.prevTerm = c.term
		c.restartCount = restartCount
	}
	c.term, c.waitReason, c.waitMessage = nil, "", ""
	if err != nil {
		// The runtime created the container but could not start it: the kubelet reports StartError, 128.
		now := metav1.Now()
		c.term = &v1.ContainerStateTerminated{ExitCode: 128, Reason: "StartError", Message: err.Error(),
			StartedAt: metav1.NewTime(started), FinishedAt: now}
		c.backoff.exited(now.Time, 0)
		w.log.Warn("container failed to start", "container", c.spec.Name, "err", err)
		w.event(pod, v1.EventTypeWarning, "Failed", "Error: "+err.Error())
		return
	}
	p := &proc{cmd: cmd, pid: cmd.Process.Pid, startedAt: started, done: make(chan struct{}), termLog: termLog,
		logPath: logPath, runSpec: spec}
	c.proc = p
	c.containerID = fmt.Sprintf("process://%d", p.pid)
	go func() {
		_ = cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok {
			p.waitStatus = ws
		}
		close(p.done)
		w.Poke()
	}()
	probeCtx, cancel := context.WithCancel(context.Background())
	p.stopProbes = cancel
	p.probes = w.startProbes(probeCtx, pod, c, p)
	w.log.Info("container started", "container", c.spec.Name, "pid", p.pid, "argv", strings.Join(argv, " "), "log", logPath)
	w.event(pod, v1.EventTypeNormal, "Started", "Started container "+c.spec.Name)
}

// applyIdentity fills uid/gid/groups from the security contexts (the container's wins), then from a built image's
// USER (names through the image's /etc/passwd and /etc/group, as a runtime does), and enforces runAsNonRoot the way
// the kubelet does.
func applyIdentity(pod *v1.Pod, c *v1.Container, spec *runner.Spec, img image) string {
	psc := pod.Spec.SecurityContext
	if psc == nil {
		psc = &v1.PodSecurityContext{}
	}
	csc := c.SecurityContext
	if csc == nil {
		csc = &v1.SecurityContext{}
	}
	spec.UID, spec.GID = psc.RunAsUser, psc.RunAsGroup
	if csc.RunAsUser != nil {
		spec.UID = csc.RunAsUser
	}
	if csc.RunAsGroup != nil {
		spec.GID = csc.RunAsGroup
	}
	nonRoot := psc.RunAsNonRoot
	if csc.RunAsNonRoot != nil {
		nonRoot = csc.RunAsNonRoot
	}
	if img.RootFS != "" {
		if msg := applyImageUser(spec, img, nonRoot != nil && *nonRoot, pod, c); msg != "" {
			return msg
		}
	}
	if nonRoot != nil && *nonRoot {
		if spec.UID == nil {
			return "container has runAsNonRoot and image will run as root (pod: \"" + pod.Name + "_" + pod.Namespace +
				"(" + string(pod.UID) + ")\", container: " + c.Name + ")"
		}
		if *spec.UID == 0 {
			return "container's runAsUser breaks non-root policy (pod: \"" + pod.Name + "_" + pod.Namespace +
				"(" + string(pod.UID) + ")\", container: " + c.Name + ")"
		}
	}
	groups := []int64{}
	if psc.FSGroup != nil {
		groups = append(groups, *psc.FSGroup)
	}
	groups = append(groups, psc.SupplementalGroups...)
	if spec.GID != nil {
		groups = append(groups, *spec.GID)
	}
	if spec.UID != nil || spec.GID != nil || len(groups) > 0 {
		if spec.UID != nil && spec.GID == nil {
			zero := int64(0) // like a runtime: the user's primary group in the image (applyImageUser), else 0
			spec.GID = &zero
		}
		spec.Groups = groups
	}
	return ""
}

// applyImageUser gives a built image's USER to what the security contexts left unset: its uid when no runAsUser,
// its group when no runAsGroup (a runAsUser without runAsGroup gets that uid's primary group in the image). Like the
// kubelet, runAsNonRoot cannot be verified for a user given by name only.
func applyImageUser(spec *runner.Spec, img image, nonRoot bool, pod *v1.Pod, c *v1.Container) string {
	user := img.User
	if spec.UID != nil {
		user = strconv.FormatInt(*spec.UID, 10)
	} else if nonRoot && img.User != "" {
		name, _, _ := strings.Cut(img.User, ":")
		if _, err := strconv.ParseInt(name, 10, 64); err != nil {
			return fmt.Sprintf("container has runAsNonRoot and image has non-numeric user (%s), cannot verify user is non-root "+
				"(pod: %q, container: %s)", name, pod.Name+"_"+pod.Namespace+"("+string(pod.UID)+")", c.Name)
		}
	}
	uid, gid, err := imagefs.User(img.RootFS, user)
	if err != nil {
		return err.Error()
	}
	if spec.UID == nil {
		spec.UID = uid
	}
	if spec.GID == nil {
		spec.GID = gid
	}
	return ""
}

// imageMounts are the image's files, read-only, in a stable order.
func imageMounts(img config.Image) []runner.Mount {
	targets := make([]string, 0, len(img.Files))
	for target := range img.Files {
		targets = append(targets, target)
	}
	sort.Strings(targets)
	out := make([]runner.Mount, 0, len(targets))
	for _, target := range targets {
		out = append(out, runner.Mount{Source: img.Files[target], Target: target, ReadOnly: true})
	}
	return out
}

// containerMounts maps volumeMounts to bind mounts; subPath (and subPathExpr) directories are created
// inside the volume as the kubelet does.
func containerMounts(c *v1.Container, vols map[string]volumes.Volume, vars map[string]string) ([]runner.Mount, string) {
	var out []runner.Mount
	for _, m := range c.VolumeMounts {
		v, ok := vols[m.Name]
		if !ok {
			return nil, fmt.Sprintf("cannot find volume %q to mount into container %q", m.Name, c.Name)
		}
		src := v.Path
		sub := m.SubPath
		if m.SubPathExpr != "" {
			sub = podenv.Expand(m.SubPathExpr, func(k string) (string, bool) { x, ok := vars[k]; return x, ok })
		}
		if sub != "" {
			clean := filepath.Clean(sub)
			if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") {
				return nil, fmt.Sprintf("subPath %q of volume %q must be a relative path inside the volume", sub, m.Name)
			}
			src = filepath.Join(v.Path, clean)
			if _, err := os.Stat(src); err != nil {
				if err := os.MkdirAll(src, 0o777); err != nil {
					return nil, fmt.Sprintf("failed to create subPath directory for volumeMount %q of container %q", m.Name, c.Name)
				}
			}
		}
		out = append(out, runner.Mount{Source: src, Target: m.MountPath, ReadOnly: m.ReadOnly || v.ReadOnly})
	}
	return out, ""
}

// reap turns finished processes into terminated states.
func (w *Worker) reap(pod *v1.Pod) {
	for _, c := range append(append([]*ctr{}, w.init...), w.main...) {
		p := c.proc
		if p == nil {
			continue
		}
		select {
		case <-p.done:
		default:
			continue
		}
		p.stopProbes()
		finished := time.Now()
		t := &v1.ContainerStateTerminated{StartedAt: metav1.NewTime(p.startedAt), FinishedAt: metav1.NewTime(finished),
			ContainerID: c.containerID}
		ws := p.waitStatus
		switch {
		case ws.Signaled():
			t.ExitCode, t.Signal = 128+int32(ws.Signal()), int32(ws.Signal())
		default:
			t.ExitCode = int32(ws.ExitStatus())
		}
		t.Reason = "Error"
		if t.ExitCode == 0 {
			t.Reason = "Completed"
		}
		t.Message = terminationMessage(&c.spec, p, t.ExitCode)
		c.proc, c.term = nil, t
		c.backoff.exited(finished, finished.Sub(p.startedAt))
		w.log.Info("container exited", "container", c.spec.Name, "exitCode", t.ExitCode)
	}
}

func terminationMessage(spec *v1.Container, p *proc, exitCode int32) string {
	data, _ := readTail(p.termLog, 4096, 0)
	if len(bytes.TrimSpace(data)) == 0 && exitCode != 0 && spec.TerminationMessagePolicy == v1.TerminationMessageFallbackToLogsOnError {
		data, _ = readTail(p.logPath, 2048, 80)
	}
	return string(data)
}

// readTail returns at most maxBytes (and, if maxLines > 0, maxLines lines) from the end of a file.
func readTail(path string, maxBytes int64, maxLines int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	off := st.Size() - maxBytes
	if off < 0 {
		off = 0
	}
	if maxLines == 0 {
		off = 0 // termination-log: the first 4096 bytes, as the kubelet reads it
	}
	buf := make([]byte, st.Size()-off)
	n, _ := f.ReadAt(buf, off)
	buf = buf[:n]
	if int64(len(buf)) > maxBytes {
		buf = buf[:maxBytes]
	}
	if maxLines > 0 {
		lines := bytes.Split(bytes.TrimSuffix(buf, []byte("\n")), []byte("\n"))
		if len(lines) > maxLines {
			lines = lines[len(lines)-maxLines:]
		}
		buf = append(bytes.Join(lines, []byte("\n")), '\n')
	}
	return buf, nil
}

// kill stops a process group: SIGTERM, then SIGKILL after grace (at once when grace is 0).
func (p *proc) kill(grace time.Duration) {
	p.killOnce.Do(func() {
		if grace > 0 {
			_ = syscall.Kill(-p.pid, syscall.SIGTERM)
			select {
			case <-p.done:
				return
			case <-time.After(grace):
			}
		}
		_ = syscall.Kill(-p.pid, syscall.SIGKILL)
	})
	<-p.done
}

// killAll stops every running container concurrently and waits for them.
func (w *Worker) killAll(grace time.Duration) {
	var wg sync.WaitGroup
	for _, c := range append(append([]*ctr{}, w.init...), w.main...) {
		if p := c.proc; p != nil {
			wg.Add(1)
			go func() { defer wg.Done(); p.kill(grace) }()
		}
	}
	wg.Wait()
	pod, _, _ := w.snapshot()
	w.reap(pod)
}

// handleSignal implements the test annotation: one signal per distinct value to the first container.
func (w *Worker) handleSignal(pod *v1.Pod) {
	val, ok := pod.Annotations[SignalAnnotation]
	if !ok || w.signals[val] || len(w.main) == 0 {
		return
	}
	w.signals[val] = true
	name, _, _ := strings.Cut(val, "#")
	sig, ok := signalByName(name)
	if !ok {
		w.log.Warn("unknown signal in annotation", "value", val)
		return
	}
	if p := w.main[0].proc; p != nil {
		w.log.Info("sending test signal", "signal", name, "pid", p.pid)
		_ = syscall.Kill(-p.pid, sig)
	}
}

func signalByName(name string) (syscall.Signal, bool) {
	name = strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(name)), "SIG")
	table := map[string]syscall.Signal{"KILL": syscall.SIGKILL, "TERM": syscall.SIGTERM, "INT": syscall.SIGINT,
		"HUP": syscall.SIGHUP, "QUIT": syscall.SIGQUIT, "USR1": syscall.SIGUSR1, "USR2": syscall.SIGUSR2,
		"STOP": syscall.SIGSTOP, "CONT": syscall.SIGCONT, "ABRT": syscall.SIGABRT, "SEGV": syscall.SIGSEGV}
	if s, ok := table[name]; ok {
		return s, true
	}
	if n, err := strconv.Atoi(name); err == nil && n > 0 && n < 65 {
		return syscall.Signal(n), true
	}
	return 0, false
}
