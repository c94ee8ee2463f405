// Package pods runs the pods bound to one node: one worker goroutine per pod drives its sandbox,
// volumes, containers (as local processes), probes and status, like the kubelet's pod workers.
package pods

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"

	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/record"

	"kubenas.io/test-cluster/kubelet/config"
	"kubenas.io/test-cluster/kubelet/ipam"
	"kubenas.io/test-cluster/kubelet/sandbox"
	"kubenas.io/test-cluster/kubelet/volumes"
)

// Node is what the pod workers of one node share.
type Node struct {
	Name        string
	Client      kubernetes.Interface // the node's own identity
	Cfg         *config.Config
	HostIP      string
	Gateway     *net.IPNet
	IPAM        *ipam.Allocator
	Allocatable v1.ResourceList
	Recorder    record.EventRecorder
	Getter      volumes.Getter
	// Silent reports the test-controlled network partition: no API writes, no new containers.
	Silent func() bool
	Log    *slog.Logger
}

// SignalAnnotation makes the kubelet send a signal to the pod's main container once per distinct value.
const SignalAnnotation = "test.kubenas.io/signal"

// Worker owns one pod (by uid).
type Worker struct {
	node *Node
	uid  types.UID
	log  *slog.Logger
	dir  string
	wake chan struct{}
	done chan struct{}

	mu    sync.Mutex
	pod   *v1.Pod
	gone  bool // the pod object disappeared (force deletion, pod GC)
	abort bool // the node's machine is gone: SIGKILL, no grace

	// Everything below belongs to the worker goroutine.
	init, main   []*ctr
	sandboxReady bool
	netTornDown  bool
	podIPs       []string
	startTime    *metav1.Time
	vols         *volumes.Pod
	volPaths     map[string]volumes.Volume
	volErr       error
	volAt        time.Time
	final        v1.PodPhase // set once the pod reached a terminal phase
	finalReason  string
	finalMessage string
	signals      map[string]bool
	condTimes    map[v1.PodConditionType]condTime
	lastPatch    string
	lastPatchAt  time.Time
	lastEvent    string
}

type condTime struct {
	status v1.ConditionStatus
	at     metav1.Time
}

// NewWorker adopts a pod. Its existing status (from an earlier kubelet run) seeds restart counts and
// terminated containers; containers reported running are lost (their processes died with that run).
func NewWorker(node *Node, pod *v1.Pod) *Worker {
	w := &Worker{
		node:      node,
		uid:       pod.UID,
		pod:       pod,
		log:       node.Log.With("pod", pod.Namespace+"/"+pod.Name),
		dir:       filepath.Join(node.Cfg.StateDir, "pods", fmt.Sprintf("%s_%s_%s", pod.Namespace, pod.Name, pod.UID)),
		wake:      make(chan struct{}, 1),
		done:      make(chan struct{}),
		signals:   map[string]bool{},
		condTimes: map[v1.PodConditionType]condTime{},
	}
	w.vols = &volumes.Pod{Dir: filepath.Join(w.dir, "volumes"), Getter: node.Getter, Allocatable: node.Allocatable}
	for i := range pod.Spec.InitContainers {
		w.init = append(w.init, newCtr(pod.Spec.InitContainers[i], true, pod.Status.InitContainerStatuses))
	}
	for i := range pod.Spec.Containers {
		w.main = append(w.main, newCtr(pod.Spec.Containers[i], false, pod.Status.ContainerStatuses))
	}
	if pod.Status.StartTime != nil {
		st := *pod.Status.StartTime
		w.startTime = &st
	}
	if terminal(pod.Status.Phase) {
		w.final, w.finalReason, w.finalMessage = pod.Status.Phase, pod.Status.Reason, pod.Status.Message
	}
	// Signal annotations seen before a restart were already acted on.
	if v, ok := pod.Annotations[SignalAnnotation]; ok && pod.Status.StartTime != nil {
		w.signals[v] = true
	}
	return w
}

// Update hands the worker the latest pod object.
func (w *Worker) Update(pod *v1.Pod) {
	w.mu.Lock()
	w.pod = pod
	w.mu.Unlock()
	w.Poke()
}

// Gone tells the worker its pod object was deleted from the API.
func (w *Worker) Gone() {
	w.mu.Lock()
	w.gone = true
	w.mu.Unlock()
	w.Poke()
}

// Abort kills the pod's processes at once (the node's machine is gone).
func (w *Worker) Abort() {
	w.mu.Lock()
	w.abort = true
	w.mu.Unlock()
	w.Poke()
}

// Resync forces the next status write (after a partition, the API may hold anything).
func (w *Worker) Resync() {
	w.mu.Lock()
	w.lastPatch = ""
	w.mu.Unlock()
	w.Poke()
}

// Poke wakes the worker without blocking.
func (w *Worker) Poke() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Done is closed when the worker has finished with its pod.
func (w *Worker) Done() <-chan struct{} { return w.done }

func (w *Worker) snapshot() (*v1.Pod, bool, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.pod, w.gone, w.abort
}

// Run drives the pod until it is gone/deleted or ctx ends (kubelet shutdown: stop the processes and
// the sandbox, write nothing).
func (w *Worker) Run(ctx context.Context) {
	defer close(w.done)
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		if w.sync(ctx) {
			return
		}
		select {
		case <-ctx.Done():
			// Kubelet shutdown: the pod keeps its IP allocation (persisted), so that a restarted kubelet
			// re-creates the sandbox with the address the API already shows.
			w.killAll(5 * time.Second)
			sandbox.Teardown(context.Background(), string(w.uid))
			return
		case <-w.wake:
		case <-tick.C:
		}
	}
}

func (w *Worker) sync(ctx context.Context) bool {
	pod, gone, abort := w.snapshot()
	w.reap(pod)
	switch {
	case abort:
		w.log.Info("node is gone: killing the pod's processes")
		w.killAll(0)
		w.teardownNetwork()
		return true
	case gone:
		w.log.Info("pod object deleted: stopping its processes")
		w.killAll(gracePeriod(pod, 2*time.Second))
		w.teardownAll()
		return true
	}
	if w.node.Silent() {
		return false
	}
	if pod.DeletionTimestamp != nil {
		return w.terminate(ctx, pod)
	}
	if w.final != "" {
		w.teardownNetwork()
		w.writeStatus(ctx, pod)
		return false
	}
	if w.startTime == nil {
		now := metav1.Now()
		w.startTime = &now
	}
	w.handleSignal(pod)
	if ads := pod.Spec.ActiveDeadlineSeconds; ads != nil && time.Since(w.startTime.Time) > time.Duration(*ads)*time.Second {
		w.log.Info("active deadline exceeded: killing the pod")
		w.event(pod, v1.EventTypeNormal, "DeadlineExceeded", "Pod was active on the node longer than the specified deadline")
		w.killAll(gracePeriod(pod, 30*time.Second))
		w.reap(pod)
		w.final, w.finalReason = v1.PodFailed, "DeadlineExceeded"
		w.finalMessage = "Pod was active on the node longer than the specified deadline"
		w.teardownNetwork()
		w.writeStatus(ctx, pod)
		return false
	}
	if w.ensureSandbox(ctx, pod) && w.ensureVolumes(ctx, pod) {
		w.runContainers(ctx, pod)
	}
	w.checkLiveness(pod)
	if phase := computePhase(&pod.Spec, w.views(w.init), w.views(w.main), false); terminal(phase) {
		w.final = phase
		w.log.Info("pod finished", "phase", phase)
		w.teardownNetwork()
	}
	w.writeStatus(ctx, pod)
	return false
}

// terminate runs the kubelet's graceful deletion: stop the containers within the grace period, write
// the terminal status, then delete the object for good (grace 0, guarded by the uid).
func (w *Worker) terminate(ctx context.Context, pod *v1.Pod) bool {
	grace := 30 * time.Second
	if pod.DeletionGracePeriodSeconds != nil {
		grace = time.Duration(*pod.DeletionGracePeriodSeconds) * time.Second
	}
	if w.anyRunning() {
		w.log.Info("pod deleted: stopping containers", "grace", grace)
		for _, c := range w.main {
			if c.proc != nil {
				w.event(pod, v1.EventTypeNormal, "Killing", fmt.Sprintf("Stopping container %s", c.spec.Name))
			}
		}
		w.killAll(grace)
		w.reap(pod)
	}
	if w.final == "" {
		w.final = computePhase(&pod.Spec, w.views(w.init), w.views(w.main), true)
	}
	w.writeStatus(ctx, pod)
	w.teardownAll()
	zero := int64(0)
	uid := pod.UID
	err := w.node.Client.CoreV1().Pods(pod.Namespace).Delete(ctx, pod.Name, metav1.DeleteOptions{
		GracePeriodSeconds: &zero, Preconditions: &metav1.Preconditions{UID: &uid}})
	if err != nil && !apierrors.IsNotFound(err) && !apierrors.IsConflict(err) {
		w.log.Error("deleting pod", "err", err)
		return false
	}
	return true
}

func gracePeriod(pod *v1.Pod, def time.Duration) time.Duration {
	if pod.DeletionGracePeriodSeconds != nil {
		return time.Duration(*pod.DeletionGracePeriodSeconds) * time.Second
	}
	if pod.Spec.TerminationGracePeriodSeconds != nil {
		return time.Duration(*pod.Spec.TerminationGracePeriodSeconds) * time.Second
	}
	return def
}

func (w *Worker) ensureSandbox(ctx context.Context, pod *v1.Pod) bool {
	if w.sandboxReady {
		return true
	}
	if err := os.MkdirAll(w.dir, 0o755); err != nil {
		w.log.Error("creating pod directory", "err", err)
		return false
	}
	if pod.Spec.HostNetwork {
		w.podIPs = []string{w.node.HostIP}
	} else {
		ip, err := w.node.IPAM.Allocate(string(pod.UID))
		if err != nil {
			w.event(pod, v1.EventTypeWarning, "FailedCreatePodSandBox", err.Error())
			return false
		}
		if err := sandbox.Setup(ctx, string(pod.UID), w.node.Cfg.Network.Bridge, ip, w.node.Gateway); err != nil {
			w.log.Error("creating sandbox", "err", err)
			w.event(pod, v1.EventTypeWarning, "FailedCreatePodSandBox", "Failed to create pod sandbox: "+err.Error())
			return false
		}
		w.podIPs = []string{ip.String()}
	}
	w.sandboxReady, w.netTornDown = true, false
	w.log.Info("sandbox ready", "podIP", w.podIPs[0])
	return true
}

// ensureVolumes prepares volumes before the first container and refreshes them every 10 s.
func (w *Worker) ensureVolumes(ctx context.Context, pod *v1.Pod) bool {
	if w.volPaths != nil && w.volErr == nil && time.Since(w.volAt) < 10*time.Second {
		return true
	}
	w.volAt = time.Now()
	paths, err := w.vols.Prepare(ctx, pod, w.podIPs, []string{w.node.HostIP})
	if err != nil {
		if w.volPaths != nil {
			// A refresh failed (object deleted, API hiccup): keep the running containers' volumes as they are.
			w.log.Warn("refreshing volumes", "err", err)
			return true
		}
		w.volErr = err
		w.log.Warn("volumes not ready", "err", err)
		w.event(pod, v1.EventTypeWarning, "FailedMount", err.Error())
		return false
	}
	w.volPaths, w.volErr = paths, nil
	return true
}

func (w *Worker) teardownNetwork() {
	if w.netTornDown {
		return
	}
	w.netTornDown = true
	w.sandboxReady = false
	pod, _, _ := w.snapshot()
	if !pod.Spec.HostNetwork {
		sandbox.Teardown(context.Background(), string(w.uid))
		if err := w.node.IPAM.Release(string(w.uid)); err != nil {
			w.log.Warn("releasing pod IP", "err", err)
		}
	}
}

func (w *Worker) teardownAll() {
	w.teardownNetwork()
	if err := w.vols.Cleanup(); err != nil {
		w.log.Warn("removing volumes", "err", err)
	}
}

func (w *Worker) event(pod *v1.Pod, kind, reason, msg string) {
	if w.node.Recorder == nil || w.node.Silent() {
		return
	}
	key := reason + "\x00" + msg
	if key == w.lastEvent && reason != "Started" && reason != "Killing" {
		return // the recorder aggregates too, but repeated FailedMount every second is pure noise
	}
	w.lastEvent = key
	w.node.Recorder.Event(pod, kind, reason, msg)
}

// writeStatus patches pods/status with the node's identity, as a strategic merge patch that names the
// uid (so it can never land on a re-created pod of the same name) and leaves other writers' conditions
// (PodScheduled, DisruptionTarget, ...) alone.
func (w *Worker) writeStatus(ctx context.Context, pod *v1.Pod) {
	in := statusInput{
		Pod: pod, Init: w.views(w.init), Main: w.views(w.main), SandboxReady: w.sandboxReady,
		HostIP: w.node.HostIP, PodIPs: w.podIPs, StartTime: w.startTime, Now: metav1.NewTime(time.Now().Truncate(time.Second)),
	}
	if w.final != "" {
		in.Phase, in.Reason, in.Message = w.final, w.finalReason, w.finalMessage
		in.SandboxReady = false
	} else {
		in.Phase = computePhase(&pod.Spec, in.Init, in.Main, false)
	}
	if len(in.PodIPs) == 0 && len(pod.Status.PodIPs) > 0 {
		for _, ip := range pod.Status.PodIPs {
			in.PodIPs = append(in.PodIPs, ip.IP)
		}
	}
	st := buildStatus(in)
	for i := range st.Conditions {
		c := &st.Conditions[i]
		if old, ok := w.condTimes[c.Type]; ok && old.status == c.Status {
			c.LastTransitionTime = old.at
		}
		w.condTimes[c.Type] = condTime{status: c.Status, at: c.LastTransitionTime}
	}
	raw, err := json.Marshal(st)
	if err != nil {
		w.log.Error("encoding status", "err", err)
		return
	}
	var fields map[string]any
	_ = json.Unmarshal(raw, &fields)
	for _, k := range []string{"reason", "message", "podIP", "podIPs"} {
		if _, ok := fields[k]; !ok {
			fields[k] = nil
		}
	}
	// podIPs/hostIPs merge by ip in a strategic merge patch: replace them instead, so that an address
	// that changed (sandbox re-created) does not end up next to the old one.
	for _, k := range []string{"podIPs", "hostIPs"} {
		if list, ok := fields[k].([]any); ok {
			fields[k] = append(list, map[string]any{"$patch": "replace"})
		}
	}
	patch, _ := json.Marshal(map[string]any{"metadata": map[string]any{"uid": string(pod.UID)}, "status": fields})
	w.mu.Lock()
	same := string(patch) == w.lastPatch && time.Since(w.lastPatchAt) < time.Minute
	w.mu.Unlock()
	if same {
		return
	}
	_, err = w.node.Client.CoreV1().Pods(pod.Namespace).Patch(ctx, pod.Name, types.StrategicMergePatchType, patch,
		metav1.PatchOptions{}, "status")
	if err != nil {
		if !apierrors.IsNotFound(err) {
			w.log.Warn("writing pod status", "err", err)
		}
		return
	}
	w.mu.Lock()
	w.lastPatch, w.lastPatchAt = string(patch), time.Now()
	w.mu.Unlock()
}
