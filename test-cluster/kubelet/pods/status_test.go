package pods

import (
	"testing"
	"time"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func running() v1.ContainerState { return v1.ContainerState{Running: &v1.ContainerStateRunning{}} }
func exited(code int32) v1.ContainerState {
	return v1.ContainerState{Terminated: &v1.ContainerStateTerminated{ExitCode: code}}
}
func waitingState(reason string) v1.ContainerState {
	return v1.ContainerState{Waiting: &v1.ContainerStateWaiting{Reason: reason}}
}

func TestComputePhase(t *testing.T) {
	never := &v1.PodSpec{RestartPolicy: v1.RestartPolicyNever}
	always := &v1.PodSpec{RestartPolicy: v1.RestartPolicyAlways}
	onFailure := &v1.PodSpec{RestartPolicy: v1.RestartPolicyOnFailure}
	cases := []struct {
		name        string
		spec        *v1.PodSpec
		init, main  []ctrView
		terminating bool
		want        v1.PodPhase
	}{
		{"creating", never, nil, []ctrView{{State: waitingState("ContainerCreating")}}, false, v1.PodPending},
		{"init running", never, []ctrView{{State: running()}}, []ctrView{{State: waitingState("PodInitializing")}}, false, v1.PodPending},
		{"init failed never", never, []ctrView{{State: exited(1)}}, []ctrView{{}}, false, v1.PodFailed},
		{"init failed retried", onFailure, []ctrView{{State: exited(1)}}, []ctrView{{}}, false, v1.PodPending},
		{"running", never, nil, []ctrView{{State: running()}, {State: exited(0)}}, false, v1.PodRunning},
		{"succeeded", never, nil, []ctrView{{State: exited(0)}}, false, v1.PodSucceeded},
		{"failed", never, nil, []ctrView{{State: exited(0)}, {State: exited(2)}}, false, v1.PodFailed},
		{"crashloop always", always, nil, []ctrView{{State: waitingState("CrashLoopBackOff"), LastState: exited(1)}}, false, v1.PodRunning},
		{"onfailure done", onFailure, nil, []ctrView{{State: exited(0)}}, false, v1.PodSucceeded},
		{"onfailure backoff", onFailure, nil, []ctrView{{State: waitingState("CrashLoopBackOff"), LastState: exited(3)}}, false, v1.PodRunning},
		{"deleted always", always, nil, []ctrView{{State: exited(137)}}, true, v1.PodFailed},
		{"deleted clean", always, nil, []ctrView{{State: exited(0)}}, true, v1.PodSucceeded},
	}
	for _, tc := range cases {
		if got := computePhase(tc.spec, tc.init, tc.main, tc.terminating); got != tc.want {
			t.Errorf("%s: got %s want %s", tc.name, got, tc.want)
		}
	}
}

func TestBuildStatusConditions(t *testing.T) {
	old := metav1.NewTime(time.Now().Add(-time.Hour).Truncate(time.Second))
	now := metav1.NewTime(time.Now().Truncate(time.Second))
	pod := &v1.Pod{Status: v1.PodStatus{Conditions: []v1.PodCondition{
		{Type: v1.PodInitialized, Status: v1.ConditionTrue, LastTransitionTime: old},
		{Type: v1.PodReady, Status: v1.ConditionTrue, LastTransitionTime: old},
	}}}
	st := buildStatus(statusInput{
		Pod: pod, SandboxReady: true, HostIP: "10.244.0.1", PodIPs: []string{"10.244.1.2"},
		Main:  []ctrView{{Name: "a", Ready: true, State: running(), ContainerID: "process://1", Image: "img"}, {Name: "b", State: running()}},
		Phase: v1.PodRunning, Now: now,
	})
	got := map[v1.PodConditionType]v1.PodCondition{}
	for _, c := range st.Conditions {
		got[c.Type] = c
	}
	if c := got[v1.PodInitialized]; c.Status != v1.ConditionTrue || !c.LastTransitionTime.Equal(&old) {
		t.Errorf("Initialized: %+v", c)
	}
	if c := got[v1.PodReady]; c.Status != v1.ConditionFalse || c.Reason != "ContainersNotReady" ||
		c.Message != "containers with unready status: [b]" || !c.LastTransitionTime.Equal(&now) {
		t.Errorf("Ready: %+v", c)
	}
	if st.PodIP != "10.244.1.2" || st.HostIPs[0].IP != "10.244.0.1" || st.ContainerStatuses[0].ImageID != "process://img" {
		t.Errorf("status: %+v", st)
	}
	done := buildStatus(statusInput{Pod: pod, Main: []ctrView{{Name: "a", State: exited(0)}}, Phase: v1.PodSucceeded, Now: now})
	for _, c := range done.Conditions {
		if c.Type == v1.PodReady && (c.Status != v1.ConditionFalse || c.Reason != "PodCompleted") {
			t.Errorf("completed Ready: %+v", c)
		}
	}
}
