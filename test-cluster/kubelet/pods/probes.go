package pods

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"kubenas.io/test-cluster/kubelet/runner"
)

// probeState holds one process's probe results (written by probe goroutines, read by the worker).
type probeState struct {
	mu          sync.Mutex
	hasStartup  bool
	hasReady    bool
	startupOK   bool
	ready       bool
	liveFailed  bool
	failMessage string
	killing     bool
}

// status returns (started, ready) for a running container.
func (s *probeState) status(isInit bool) (bool, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	started := !s.hasStartup || s.startupOK
	if isInit {
		return started, false // init containers are ready only once they completed
	}
	ready := started && (!s.hasReady || s.ready)
	return started, ready
}

func (w *Worker) startProbes(ctx context.Context, pod *v1.Pod, c *ctr, p *proc) *probeState {
	s := &probeState{hasStartup: c.spec.StartupProbe != nil, hasReady: c.spec.ReadinessProbe != nil}
	if c.isInit {
		return s // probes do not apply to (non-sidecar) init containers
	}
	podIP := ""
	if len(w.podIPs) > 0 {
		podIP = w.podIPs[0]
	}
	run := func(kind string, probe *v1.Probe) {
		go w.probeLoop(ctx, kind, probe, s, c, p, podIP, pod)
	}
	if c.spec.StartupProbe != nil {
		run("Startup", c.spec.StartupProbe)
	}
	if c.spec.ReadinessProbe != nil {
		run("Readiness", c.spec.ReadinessProbe)
	}
	if c.spec.LivenessProbe != nil {
		run("Liveness", c.spec.LivenessProbe)
	}
	return s
}

func orDefault(v, def int32) time.Duration {
	if v <= 0 {
		v = def
	}
	return time.Duration(v) * time.Second
}

func (w *Worker) probeLoop(ctx context.Context, kind string, probe *v1.Probe, s *probeState, c *ctr, p *proc, podIP string, pod *v1.Pod) {
	sleep := func(d time.Duration) bool {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return false
		case <-t.C:
			return true
		}
	}
	if kind != "Startup" && s.hasStartup {
		for {
			s.mu.Lock()
			ok := s.startupOK
			s.mu.Unlock()
			if ok {
				break
			}
			if !sleep(200 * time.Millisecond) {
				return
			}
		}
	}
	if !sleep(time.Duration(probe.InitialDelaySeconds) * time.Second) {
		return
	}
	period, timeout := orDefault(probe.PeriodSeconds, 10), orDefault(probe.TimeoutSeconds, 1)
	successThreshold, failureThreshold := int(probe.SuccessThreshold), int(probe.FailureThreshold)
	if successThreshold <= 0 {
		successThreshold = 1
	}
	if failureThreshold <= 0 {
		failureThreshold = 3
	}
	successes, failures := 0, 0
	for {
		err := w.runProbe(ctx, probe, timeout, c, p, podIP)
		if ctx.Err() != nil {
			return
		}
		if err == nil {
			successes, failures = successes+1, 0
		} else {
			successes, failures = 0, failures+1
			w.log.Info("probe failed", "container", c.spec.Name, "probe", kind, "err", err)
			w.event(pod, v1.EventTypeWarning, "Unhealthy", fmt.Sprintf("%s probe failed: %v", kind, err))
		}
		s.mu.Lock()
		switch kind {
		case "Startup":
			if successes >= successThreshold {
				s.startupOK = true
				s.mu.Unlock()
				w.Poke()
				return
			}
			if failures >= failureThreshold {
				s.liveFailed, s.failMessage = true, fmt.Sprintf("Container %s failed startup probe, will be restarted", c.spec.Name)
			}
		case "Readiness":
			if successes >= successThreshold && !s.ready {
				s.ready = true
				defer w.Poke()
			}
			if failures >= failureThreshold && s.ready {
				s.ready = false
				defer w.Poke()
			}
		case "Liveness":
			if failures >= failureThreshold {
				s.liveFailed, s.failMessage = true, fmt.Sprintf("Container %s failed liveness probe, will be restarted", c.spec.Name)
			}
		}
		failed := s.liveFailed
		s.mu.Unlock()
		if failed {
			w.Poke()
			return
		}
		if !sleep(period) {
			return
		}
	}
}

// checkLiveness kills containers whose liveness/startup probe failed; reap + restart policy do the rest.
func (w *Worker) checkLiveness(pod *v1.Pod) {
	for _, c := range w.main {
		p := c.proc
		if p == nil || p.probes == nil {
			continue
		}
		p.probes.mu.Lock()
		kill := p.probes.liveFailed && !p.probes.killing
		if kill {
			p.probes.killing = true
		}
		msg := p.probes.failMessage
		p.probes.mu.Unlock()
		if kill {
			w.log.Info("killing container", "container", c.spec.Name, "reason", msg)
			w.event(pod, v1.EventTypeNormal, "Killing", msg)
			grace := 30 * time.Second
			if pod.Spec.TerminationGracePeriodSeconds != nil {
				grace = time.Duration(*pod.Spec.TerminationGracePeriodSeconds) * time.Second
			}
			go p.kill(grace)
		}
	}
}

func (w *Worker) runProbe(ctx context.Context, probe *v1.Probe, timeout time.Duration, c *ctr, p *proc, podIP string) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	switch {
	case probe.HTTPGet != nil:
		g := probe.HTTPGet
		port, err := resolvePort(g.Port, &c.spec)
		if err != nil {
			return err
		}
		host := g.Host
		if host == "" {
			host = podIP
		}
		scheme := "http"
		if g.Scheme == v1.URISchemeHTTPS {
			scheme = "https"
		}
		url := fmt.Sprintf("%s://%s%s", scheme, net.JoinHostPort(host, strconv.Itoa(port)), g.Path)
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		req.Header.Set("User-Agent", "kube-probe/1.35")
		for _, h := range g.HTTPHeaders {
			req.Header.Set(h.Name, h.Value)
		}
		client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, DisableKeepAlives: true}}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode < 200 || resp.StatusCode >= 400 {
			return fmt.Errorf("HTTP probe failed with statuscode: %d", resp.StatusCode)
		}
		return nil
	case probe.TCPSocket != nil:
		port, err := resolvePort(probe.TCPSocket.Port, &c.spec)
		if err != nil {
			return err
		}
		host := probe.TCPSocket.Host
		if host == "" {
			host = podIP
		}
		var d net.Dialer
		conn, err := d.DialContext(ctx, "tcp", net.JoinHostPort(host, strconv.Itoa(port)))
		if err != nil {
			return err
		}
		return conn.Close()
	case probe.Exec != nil:
		return w.execProbe(ctx, probe.Exec.Command, p)
	}
	return nil // gRPC probes are not implemented: treated as passing
}

// execProbe runs the command with the container's mounts, network namespace and identity, through the
// same launcher the container itself was started with.
func (w *Worker) execProbe(ctx context.Context, command []string, p *proc) error {
	if len(command) == 0 {
		return fmt.Errorf("exec probe has no command")
	}
	spec := *p.runSpec
	spec.Argv = command
	if spec.RootFS != "" && !spec.ReadOnlyRoot {
		// The container's overlay is mounted in its own mount namespace, which a Go process cannot join (setns of a
		// mount namespace needs a single thread): the probe sees the image's root, read-only, and the same volumes,
		// but not what the container wrote into its root.
		spec.ReadOnlyRoot, spec.ScratchDir = true, ""
	}
	f, err := os.CreateTemp(filepath.Dir(p.logPath), "probe-*.json")
	if err != nil {
		return err
	}
	f.Close()
	defer os.Remove(f.Name())
	if err := runner.WriteSpec(f.Name(), &spec); err != nil {
		return err
	}
	var out bytes.Buffer
	cmd, err := runner.Start(f.Name(), func(cmd *exec.Cmd) { cmd.Stdout, cmd.Stderr = &out, &out })
	if err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("command %v: %v: %s", command, err, bytes.TrimSpace(out.Bytes()))
		}
		return nil
	case <-ctx.Done():
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
		return fmt.Errorf("command %v timed out", command)
	}
}

func resolvePort(port intstr.IntOrString, c *v1.Container) (int, error) {
	if port.Type == intstr.Int {
		return port.IntValue(), nil
	}
	for _, p := range c.Ports {
		if p.Name == port.StrVal {
			return int(p.ContainerPort), nil
		}
	}
	if n, err := strconv.Atoi(port.StrVal); err == nil {
		return n, nil
	}
	return 0, fmt.Errorf("couldn't find port %q in container %s", port.StrVal, c.Name)
}
