package node

import (
	"net"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubenas.io/test-cluster/kubelet/config"
)

const (
	// HeartbeatAnnotation set to "stopped" partitions the node (tests of the node-lifecycle controller).
	HeartbeatAnnotation = "test.kubenas.io/heartbeat"
	kubeletVersion      = "v1.35.4"
)

// capacity parses the configured resources; `pods` defaults to the kubelet's 110 because a node
// without it can run no pods at all.
func capacity(n config.Node) v1.ResourceList {
	out := v1.ResourceList{v1.ResourcePods: resource.MustParse("110")}
	for k, v := range n.Capacity {
		if q, err := resource.ParseQuantity(v); err == nil {
			out[v1.ResourceName(k)] = q
		}
	}
	return out
}

func labels(n config.Node) map[string]string {
	l := map[string]string{
		v1.LabelHostname:   n.Name,
		v1.LabelOSStable:   "linux",
		v1.LabelArchStable: "amd64",
	}
	for k, v := range n.Labels {
		l[k] = v
	}
	return l
}

func taints(n config.Node) []v1.Taint {
	var out []v1.Taint
	for _, t := range n.Taints {
		out = append(out, v1.Taint{Key: t.Key, Value: t.Value, Effect: v1.TaintEffect(t.Effect)})
	}
	return out
}

// nodeStatus is what every heartbeat writes: capacity, Ready and the pressure conditions, addresses
// and nodeInfo. lastTransitionTime is filled by the caller from the current object.
func nodeStatus(n config.Node, hostIP net.IP, now metav1.Time) v1.NodeStatus {
	capa := capacity(n)
	cond := func(t v1.NodeConditionType, s v1.ConditionStatus, reason, msg string) v1.NodeCondition {
		return v1.NodeCondition{Type: t, Status: s, Reason: reason, Message: msg, LastHeartbeatTime: now, LastTransitionTime: now}
	}
	return v1.NodeStatus{
		Capacity:    capa,
		Allocatable: capa.DeepCopy(),
		Conditions: []v1.NodeCondition{
			cond(v1.NodeMemoryPressure, v1.ConditionFalse, "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
			cond(v1.NodeDiskPressure, v1.ConditionFalse, "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
			cond(v1.NodePIDPressure, v1.ConditionFalse, "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
			cond(v1.NodeReady, v1.ConditionTrue, "KubeletReady", "kubelet is posting ready status"),
		},
		Addresses: []v1.NodeAddress{{Type: v1.NodeInternalIP, Address: hostIP.String()}, {Type: v1.NodeHostName, Address: n.Name}},
		NodeInfo: v1.NodeSystemInfo{
			KubeletVersion: kubeletVersion, KubeProxyVersion: "", ContainerRuntimeVersion: "process://kubenas",
			OperatingSystem: "linux", Architecture: "amd64", OSImage: "kubenas process kubelet", KernelVersion: "",
			MachineID: n.Name, SystemUUID: n.Name, BootID: n.Name,
		},
		DaemonEndpoints: v1.NodeDaemonEndpoints{KubeletEndpoint: v1.DaemonEndpoint{Port: 10250}},
	}
}
