// Package node plays the kubelet of one Node: registration, heartbeats (Lease + Node conditions), the
// test-controlled partition, and one pod worker per pod bound to the node.
package node

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	coordv1 "k8s.io/api/coordination/v1"
	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/scheme"
	typedcorev1 "k8s.io/client-go/kubernetes/typed/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/client-go/tools/record"
	"k8s.io/utils/ptr"

	"kubenas.io/test-cluster/kubelet/config"
	"kubenas.io/test-cluster/kubelet/ipam"
	"kubenas.io/test-cluster/kubelet/pods"
)

const (
	leaseNamespace = "kube-node-lease"
	leaseDuration  = 40
	heartbeatEvery = 10 * time.Second
)

// Node is one node's kubelet.
type Node struct {
	cfg    config.Node
	client kubernetes.Interface
	env    *pods.Node
	log    *slog.Logger
	hostIP net.IP
	podNet *net.IPNet

	silent atomic.Bool
	dead   atomic.Bool

	// pods: the pods bound to this node (its informer's store); a lost machine is replaced once none is left.
	pods cache.Store

	mu      sync.Mutex
	workers map[types.UID]*pods.Worker
	wg      sync.WaitGroup
	ctx     context.Context
}

// New prepares node i of the config (its identity, IPAM and event recorder).
func New(global *config.Config, i int, log *slog.Logger) (*Node, error) {
	nc := global.Nodes[i]
	rc, err := clientcmd.BuildConfigFromFlags("", nc.Kubeconfig)
	if err != nil {
		return nil, fmt.Errorf("node %s: kubeconfig: %w", nc.Name, err)
	}
	rc.UserAgent = "process-kubelet/" + kubeletVersion + " (" + nc.Name + ")"
	rc.QPS, rc.Burst = 50, 100
	client, err := kubernetes.NewForConfig(rc)
	if err != nil {
		return nil, err
	}
	gw, _ := global.Gateway()
	podNet, err := global.NodePodCIDR(i)
	if err != nil {
		return nil, err
	}
	alloc, err := ipam.New(podNet, filepath.Join(global.StateDir, "ipam", nc.Name+".json"))
	if err != nil {
		return nil, err
	}
	broadcaster := record.NewBroadcaster()
	broadcaster.StartRecordingToSink(&typedcorev1.EventSinkImpl{Interface: client.CoreV1().Events("")})
	recorder := broadcaster.NewRecorder(scheme.Scheme, v1.EventSource{Component: "kubelet", Host: nc.Name})
	n := &Node{cfg: nc, client: client, log: log.With("node", nc.Name), hostIP: gw.IP, podNet: podNet,
		workers: map[types.UID]*pods.Worker{}}
	n.env = &pods.Node{
		Name: nc.Name, Client: client, Cfg: global, HostIP: gw.IP.String(), Gateway: gw, IPAM: alloc,
		Allocatable: capacity(nc), Recorder: recorder, Getter: apiGetter{client: client},
		Silent: func() bool { return n.silent.Load() || n.dead.Load() }, Log: n.log,
	}
	return n, nil
}

// Run registers the node, keeps it alive and runs its pods until ctx ends; then it waits for every
// pod worker to stop its processes.
func (n *Node) Run(ctx context.Context) {
	n.ctx = ctx
	for !n.register(ctx) {
		select {
		case <-ctx.Done():
			return
		case <-time.After(2 * time.Second):
		}
	}
	n.log.Info("node registered", "podCIDR", n.podNet.String())

	nodeInformers := informers.NewSharedInformerFactoryWithOptions(n.client, 0,
		informers.WithTweakListOptions(func(o *metav1.ListOptions) {
			o.FieldSelector = fields.OneTermEqualSelector("metadata.name", n.cfg.Name).String()
		}))
	_, _ = nodeInformers.Core().V1().Nodes().Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(obj any) { n.onNode(obj) },
		UpdateFunc: func(_, obj any) { n.onNode(obj) },
		DeleteFunc: func(any) { n.onNodeDeleted(ctx) },
	})
	podInformers := informers.NewSharedInformerFactoryWithOptions(n.client, 0,
		informers.WithTweakListOptions(func(o *metav1.ListOptions) {
			o.FieldSelector = fields.OneTermEqualSelector("spec.nodeName", n.cfg.Name).String()
		}))
	podInformer := podInformers.Core().V1().Pods().Informer()
	n.pods = podInformer.GetStore()
	_, _ = podInformer.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(obj any) { n.onPod(obj) },
		UpdateFunc: func(_, obj any) { n.onPod(obj) },
		DeleteFunc: func(obj any) { n.onPodDeleted(obj) },
	})
	nodeInformers.Start(ctx.Done())
	podInformers.Start(ctx.Done())
	if cache.WaitForCacheSync(ctx.Done(), podInformer.HasSynced) {
		live := map[string]bool{}
		for _, obj := range podInformer.GetStore().List() {
			live[string(obj.(*v1.Pod).UID)] = true
		}
		if err := n.env.IPAM.Retain(live); err != nil {
			n.log.Warn("pruning IP allocations", "err", err)
		}
	}

	tick := time.NewTicker(heartbeatEvery)
	defer tick.Stop()
	n.heartbeat(ctx)
	for {
		select {
		case <-ctx.Done():
			n.wg.Wait()
			nodeInformers.Shutdown()
			podInformers.Shutdown()
			return
		case <-tick.C:
			n.heartbeat(ctx)
		}
	}
}

func (n *Node) heartbeat(ctx context.Context) {
	if n.silent.Load() || n.dead.Load() {
		return
	}
	if err := n.renewLease(ctx); err != nil {
		n.log.Warn("renewing lease", "err", err)
	}
	if err := n.patchStatus(ctx); err != nil {
		n.log.Warn("updating node status", "err", err)
	}
}

func (n *Node) onNode(obj any) {
	node, ok := obj.(*v1.Node)
	if !ok {
		return
	}
	stopped := node.Annotations[HeartbeatAnnotation] == "stopped"
	if was := n.silent.Swap(stopped); was != stopped {
		if stopped {
			n.log.Info("heartbeat stopped by annotation: the node goes silent")
			return
		}
		n.log.Info("heartbeat annotation removed: the node resumes")
		go func() {
			n.heartbeat(n.ctx)
			n.mu.Lock()
			defer n.mu.Unlock()
			for _, w := range n.workers {
				w.Resync()
			}
		}()
	}
}

// onNodeDeleted: a silent node whose object is deleted has lost its machine; a live one re-registers,
// as a kubelet does when its Node disappears.
func (n *Node) onNodeDeleted(ctx context.Context) {
	if n.dead.Load() {
		return
	}
	if n.silent.Load() {
		n.log.Info("node deleted while silent: the machine is gone, killing its pods")
		n.dead.Store(true)
		n.mu.Lock()
		for _, w := range n.workers {
			w.Abort()
		}
		n.mu.Unlock()
		go n.replaceMachine(ctx)
		return
	}
	n.log.Info("node object deleted: registering again")
	go func() {
		for !n.register(ctx) && ctx.Err() == nil {
			time.Sleep(2 * time.Second)
		}
	}()
}

// replaceMachine plays a cluster autoscaler replacing a lost machine: once Kubernetes has cleaned up the pods bound
// to the deleted node (the pod garbage collector force-deletes them after its quarantine), a fresh machine of the same
// name registers, so later tests find every node of the config.
func (n *Node) replaceMachine(ctx context.Context) {
	for ctx.Err() == nil {
		if n.pods != nil && len(n.pods.List()) == 0 {
			break
		}
		time.Sleep(2 * time.Second)
	}
	for ctx.Err() == nil && !n.register(ctx) {
		time.Sleep(2 * time.Second)
	}
	if ctx.Err() != nil {
		return
	}
	n.mu.Lock()
	n.workers = map[types.UID]*pods.Worker{}
	n.mu.Unlock()
	n.silent.Store(false)
	n.dead.Store(false)
	n.log.Info("the lost machine is replaced: the node registered again")
}

func (n *Node) onPod(obj any) {
	pod, ok := obj.(*v1.Pod)
	if !ok || n.dead.Load() {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if w, ok := n.workers[pod.UID]; ok {
		w.Update(pod)
		return
	}
	w := pods.NewWorker(n.env, pod)
	n.workers[pod.UID] = w
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		w.Run(n.ctx)
	}()
}

func (n *Node) onPodDeleted(obj any) {
	if t, ok := obj.(cache.DeletedFinalStateUnknown); ok {
		obj = t.Obj
	}
	pod, ok := obj.(*v1.Pod)
	if !ok {
		return
	}
	n.mu.Lock()
	w, ok := n.workers[pod.UID]
	delete(n.workers, pod.UID)
	n.mu.Unlock()
	if ok {
		w.Gone()
	}
}

// register creates the Node, or brings an existing one up to date (labels, podCIDR, status). Taints are
// only set at creation: NodeRestriction forbids a node to change its own taints afterwards.
func (n *Node) register(ctx context.Context) bool {
	nodes := n.client.CoreV1().Nodes()
	existing, err := nodes.Get(ctx, n.cfg.Name, metav1.GetOptions{})
	switch {
	case apierrors.IsNotFound(err):
		obj := &v1.Node{
			ObjectMeta: metav1.ObjectMeta{Name: n.cfg.Name, Labels: labels(n.cfg),
				Annotations: map[string]string{"node.alpha.kubernetes.io/ttl": "0"}},
			Spec: v1.NodeSpec{PodCIDR: n.podNet.String(), PodCIDRs: []string{n.podNet.String()}, Taints: taints(n.cfg)},
		}
		if _, err := nodes.Create(ctx, obj, metav1.CreateOptions{}); err != nil && !apierrors.IsAlreadyExists(err) {
			n.log.Error("creating node", "err", err)
			return false
		}
	case err != nil:
		n.log.Error("reading node", "err", err)
		return false
	default:
		patch := map[string]any{"metadata": map[string]any{"labels": labels(n.cfg)}}
		if existing.Spec.PodCIDR == "" {
			patch["spec"] = map[string]any{"podCIDR": n.podNet.String(), "podCIDRs": []string{n.podNet.String()}}
		}
		data, _ := json.Marshal(patch)
		if _, err := nodes.Patch(ctx, n.cfg.Name, types.StrategicMergePatchType, data, metav1.PatchOptions{}); err != nil {
			n.log.Error("updating node", "err", err)
			return false
		}
		n.silent.Store(existing.Annotations[HeartbeatAnnotation] == "stopped")
	}
	if err := n.patchStatus(ctx); err != nil {
		n.log.Error("writing node status", "err", err)
		return false
	}
	if err := n.renewLease(ctx); err != nil {
		n.log.Warn("creating lease", "err", err)
	}
	return true
}

// patchStatus writes the full node status; condition transition times are kept while unchanged.
func (n *Node) patchStatus(ctx context.Context) error {
	current, err := n.client.CoreV1().Nodes().Get(ctx, n.cfg.Name, metav1.GetOptions{})
	if err != nil {
		return err
	}
	now := metav1.NewTime(time.Now().Truncate(time.Second))
	st := nodeStatus(n.cfg, n.hostIP, now)
	for i := range st.Conditions {
		c := &st.Conditions[i]
		for _, old := range current.Status.Conditions {
			if old.Type == c.Type && old.Status == c.Status && !old.LastTransitionTime.IsZero() {
				c.LastTransitionTime = old.LastTransitionTime
			}
		}
	}
	data, err := json.Marshal(map[string]any{"status": st})
	if err != nil {
		return err
	}
	_, err = n.client.CoreV1().Nodes().PatchStatus(ctx, n.cfg.Name, data)
	return err
}

func (n *Node) renewLease(ctx context.Context) error {
	leases := n.client.CoordinationV1().Leases(leaseNamespace)
	now := metav1.NewMicroTime(time.Now())
	lease, err := leases.Get(ctx, n.cfg.Name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		node, err := n.client.CoreV1().Nodes().Get(ctx, n.cfg.Name, metav1.GetOptions{})
		if err != nil {
			return err
		}
		lease = &coordv1.Lease{
			ObjectMeta: metav1.ObjectMeta{Name: n.cfg.Name, Namespace: leaseNamespace,
				OwnerReferences: []metav1.OwnerReference{{APIVersion: "v1", Kind: "Node", Name: node.Name, UID: node.UID}}},
			Spec: coordv1.LeaseSpec{HolderIdentity: ptr.To(n.cfg.Name), LeaseDurationSeconds: ptr.To(int32(leaseDuration)),
				RenewTime: &now},
		}
		_, err = leases.Create(ctx, lease, metav1.CreateOptions{})
		return err
	}
	if err != nil {
		return err
	}
	lease.Spec.HolderIdentity = ptr.To(n.cfg.Name)
	lease.Spec.LeaseDurationSeconds = ptr.To(int32(leaseDuration))
	lease.Spec.RenewTime = &now
	_, err = leases.Update(ctx, lease, metav1.UpdateOptions{})
	return err
}
