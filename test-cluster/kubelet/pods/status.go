package pods

import (
	"fmt"
	"sort"
	"strings"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// ctrView is a container's status as the kubelet reports it; the pure status logic works on these.
type ctrView struct {
	Name         string
	Image        string
	ContainerID  string
	RestartCount int32
	State        v1.ContainerState
	LastState    v1.ContainerState
	Ready        bool
	Started      bool
}

func (c ctrView) succeeded() bool {
	return c.State.Terminated != nil && c.State.Terminated.ExitCode == 0
}

// statusInput is everything buildStatus needs; it has no references to processes or clients.
type statusInput struct {
	Pod          *v1.Pod
	Init, Main   []ctrView
	SandboxReady bool
	HostIP       string
	PodIPs       []string
	StartTime    *metav1.Time
	Phase        v1.PodPhase
	Reason       string
	Message      string
	Now          metav1.Time
}

// computePhase follows the kubelet's getPhase: init containers first (a failed one fails a Never pod),
// then waiting → Pending, running → Running, and only stopped containers → by restart policy.
// terminating means the kubelet has killed the pod for good (deletion, deadline), which makes the
// restart policy irrelevant: the outcome is Succeeded only if every container exited 0.
func computePhase(spec *v1.PodSpec, init, main []ctrView, terminating bool) v1.PodPhase {
	for _, c := range init {
		if c.succeeded() {
			continue
		}
		if c.State.Terminated != nil && (spec.RestartPolicy == v1.RestartPolicyNever || terminating) {
			return v1.PodFailed
		}
		if terminating {
			return v1.PodFailed
		}
		return v1.PodPending
	}
	var waiting, running, stopped, succeeded int
	for _, c := range main {
		switch {
		case c.State.Running != nil:
			running++
		case c.State.Terminated != nil:
			stopped++
			if c.State.Terminated.ExitCode == 0 {
				succeeded++
			}
		case c.State.Waiting != nil && c.LastState.Terminated != nil:
			stopped++
			if c.LastState.Terminated.ExitCode == 0 {
				succeeded++
			}
		default:
			waiting++
		}
	}
	if terminating {
		if running == 0 && waiting == 0 && stopped == succeeded && stopped > 0 {
			return v1.PodSucceeded
		}
		return v1.PodFailed
	}
	switch {
	case waiting > 0:
		return v1.PodPending
	case running > 0:
		return v1.PodRunning
	case stopped > 0:
		switch spec.RestartPolicy {
		case v1.RestartPolicyAlways:
			return v1.PodRunning
		case v1.RestartPolicyOnFailure:
			if stopped == succeeded {
				return v1.PodSucceeded
			}
			return v1.PodRunning
		default:
			if stopped == succeeded {
				return v1.PodSucceeded
			}
			return v1.PodFailed
		}
	}
	return v1.PodPending
}

func terminal(p v1.PodPhase) bool { return p == v1.PodSucceeded || p == v1.PodFailed }

// buildStatus renders the pod status the kubelet would write. Conditions keep their
// lastTransitionTime from the pod's current status while their value does not change.
func buildStatus(in statusInput) v1.PodStatus {
	pod := in.Pod
	st := v1.PodStatus{
		ObservedGeneration: pod.Generation,
		Phase:              in.Phase,
		Reason:             in.Reason,
		Message:            in.Message,
		StartTime:          in.StartTime,
		QOSClass:           pod.Status.QOSClass,
	}
	if in.HostIP != "" {
		st.HostIP = in.HostIP
		st.HostIPs = []v1.HostIP{{IP: in.HostIP}}
	}
	if len(in.PodIPs) > 0 {
		st.PodIP = in.PodIPs[0]
		for _, ip := range in.PodIPs {
			st.PodIPs = append(st.PodIPs, v1.PodIP{IP: ip})
		}
	}
	for _, c := range in.Init {
		st.InitContainerStatuses = append(st.InitContainerStatuses, containerStatus(c))
	}
	for _, c := range in.Main {
		st.ContainerStatuses = append(st.ContainerStatuses, containerStatus(c))
	}

	var notInit, notReady []string
	for _, c := range in.Init {
		if !c.succeeded() {
			notInit = append(notInit, c.Name)
		}
	}
	for _, c := range in.Main {
		if !c.Ready {
			notReady = append(notReady, c.Name)
		}
	}
	cond := func(t v1.PodConditionType, ok bool, reason, msg string) v1.PodCondition {
		status := v1.ConditionFalse
		if ok {
			status, reason, msg = v1.ConditionTrue, "", ""
		}
		c := v1.PodCondition{Type: t, Status: status, Reason: reason, Message: msg, ObservedGeneration: pod.Generation,
			LastTransitionTime: in.Now}
		for _, old := range pod.Status.Conditions {
			if old.Type == t && old.Status == status && !old.LastTransitionTime.IsZero() {
				c.LastTransitionTime = old.LastTransitionTime
			}
		}
		return c
	}
	list := func(names []string) string { return "[" + strings.Join(names, " ") + "]" }

	completed := terminal(in.Phase)
	// A terminal pod's sandbox is gone: the kubelet flips PodReadyToStartContainers to False.
	st.Conditions = append(st.Conditions, cond(v1.PodReadyToStartContainers, in.SandboxReady && !completed, "", ""))
	initReason, initMsg := "ContainersNotInitialized", "containers with incomplete status: "+list(notInit)
	st.Conditions = append(st.Conditions, cond(v1.PodInitialized, len(notInit) == 0, initReason, initMsg))
	readyReason, readyMsg := "ContainersNotReady", "containers with unready status: "+list(notReady)
	if completed {
		readyReason, readyMsg = "PodCompleted", ""
	}
	containersReady := len(notReady) == 0 && !completed
	st.Conditions = append(st.Conditions, cond(v1.ContainersReady, containersReady, readyReason, readyMsg))
	ready, gReason, gMsg := containersReady, readyReason, readyMsg
	if containersReady {
		var missing []string
		for _, g := range pod.Spec.ReadinessGates {
			ok := false
			for _, c := range pod.Status.Conditions {
				if c.Type == g.ConditionType && c.Status == v1.ConditionTrue {
					ok = true
				}
			}
			if !ok {
				missing = append(missing, string(g.ConditionType))
			}
		}
		if len(missing) > 0 {
			sort.Strings(missing)
			ready, gReason = false, "ReadinessGatesNotReady"
			gMsg = fmt.Sprintf("corresponding condition of pod readiness gate %q does not exist.", missing[0])
		}
	}
	st.Conditions = append(st.Conditions, cond(v1.PodReady, ready, gReason, gMsg))
	return st
}

func containerStatus(c ctrView) v1.ContainerStatus {
	started := c.Started
	return v1.ContainerStatus{
		Name:                 c.Name,
		Image:                c.Image,
		ImageID:              imageID(c),
		ContainerID:          c.ContainerID,
		Ready:                c.Ready,
		Started:              &started,
		RestartCount:         c.RestartCount,
		State:                c.State,
		LastTerminationState: c.LastState,
	}
}

func imageID(c ctrView) string {
	if c.ContainerID == "" {
		return ""
	}
	return "process://" + c.Image
}
