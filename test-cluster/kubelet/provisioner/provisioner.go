// Package provisioner is a tiny dynamic provisioner for the test cluster: one host directory per
// PersistentVolume, served as a hostPath PV, with the claim pre-bound so the real PV controller binds
// it. It also deletes released volumes (reclaim policy Delete) and grows volumes on claim resize.
package provisioner

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	v1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/utils/ptr"
)

const (
	annStorageProvisioner     = "volume.kubernetes.io/storage-provisioner"
	annBetaStorageProvisioner = "volume.beta.kubernetes.io/storage-provisioner"
	annProvisionedBy          = "pv.kubernetes.io/provisioned-by"
	defaultClass              = "standard"
)

// Provisioner serves one provisioner name.
type Provisioner struct {
	name   string
	dir    string
	client kubernetes.Interface
	log    *slog.Logger
	queue  workqueue.TypedRateLimitingInterface[string]
	pvcs   cache.Indexer
	pvs    cache.Indexer
	scs    cache.Indexer
}

// New builds a provisioner with the admin kubeconfig.
func New(kubeconfig, name, dir string, log *slog.Logger) (*Provisioner, error) {
	rc, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return nil, fmt.Errorf("provisioner kubeconfig: %w", err)
	}
	rc.UserAgent = "process-kubelet-provisioner"
	client, err := kubernetes.NewForConfig(rc)
	if err != nil {
		return nil, err
	}
	return &Provisioner{name: name, dir: dir, client: client, log: log.With("component", "provisioner"),
		queue: workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[string]())}, nil
}

// Run ensures the default StorageClass and reconciles claims and volumes until ctx ends.
func (p *Provisioner) Run(ctx context.Context) {
	if err := os.MkdirAll(p.dir, 0o755); err != nil {
		p.log.Error("creating volume directory", "err", err)
	}
	for {
		if err := p.ensureClass(ctx); err == nil {
			break
		} else {
			p.log.Warn("ensuring default StorageClass", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(2 * time.Second):
		}
	}
	f := informers.NewSharedInformerFactory(p.client, 5*time.Minute)
	pvcInf := f.Core().V1().PersistentVolumeClaims().Informer()
	pvInf := f.Core().V1().PersistentVolumes().Informer()
	scInf := f.Storage().V1().StorageClasses().Informer()
	enqueue := func(prefix string) cache.ResourceEventHandlerFuncs {
		add := func(obj any) {
			if key, err := cache.DeletionHandlingMetaNamespaceKeyFunc(obj); err == nil {
				p.queue.Add(prefix + key)
			}
		}
		return cache.ResourceEventHandlerFuncs{AddFunc: add, UpdateFunc: func(_, o any) { add(o) }}
	}
	_, _ = pvcInf.AddEventHandler(enqueue("pvc/"))
	_, _ = pvInf.AddEventHandler(enqueue("pv/"))
	p.pvcs, p.pvs, p.scs = pvcInf.GetIndexer(), pvInf.GetIndexer(), scInf.GetIndexer()
	f.Start(ctx.Done())
	cache.WaitForCacheSync(ctx.Done(), pvcInf.HasSynced, pvInf.HasSynced, scInf.HasSynced)
	go func() {
		<-ctx.Done()
		p.queue.ShutDown()
	}()
	for p.next(ctx) {
	}
	f.Shutdown()
}

func (p *Provisioner) next(ctx context.Context) bool {
	key, quit := p.queue.Get()
	if quit {
		return false
	}
	defer p.queue.Done(key)
	var err error
	switch key[:3] {
	case "pvc":
		err = p.syncClaim(ctx, key[4:])
	default:
		err = p.syncVolume(ctx, key[3:])
	}
	if err != nil {
		p.log.Warn("reconcile failed, retrying", "key", key, "err", err)
		p.queue.AddRateLimited(key)
		return true
	}
	p.queue.Forget(key)
	return true
}

func (p *Provisioner) ensureClass(ctx context.Context) error {
	_, err := p.client.StorageV1().StorageClasses().Get(ctx, defaultClass, metav1.GetOptions{})
	if !apierrors.IsNotFound(err) {
		return err
	}
	mode := storagev1.VolumeBindingImmediate
	reclaim := v1.PersistentVolumeReclaimDelete
	sc := &storagev1.StorageClass{
		ObjectMeta: metav1.ObjectMeta{Name: defaultClass,
			Annotations: map[string]string{"storageclass.kubernetes.io/is-default-class": "true"}},
		Provisioner: p.name, ReclaimPolicy: &reclaim, VolumeBindingMode: &mode, AllowVolumeExpansion: ptr.To(true),
	}
	_, err = p.client.StorageV1().StorageClasses().Create(ctx, sc, metav1.CreateOptions{})
	if apierrors.IsAlreadyExists(err) {
		return nil
	}
	if err == nil {
		p.log.Info("created default StorageClass", "name", defaultClass)
	}
	return err
}

func (p *Provisioner) class(name string) *storagev1.StorageClass {
	obj, ok, _ := p.scs.GetByKey(name)
	if !ok {
		if sc, err := p.client.StorageV1().StorageClasses().Get(context.Background(), name, metav1.GetOptions{}); err == nil {
			return sc
		}
		return nil
	}
	return obj.(*storagev1.StorageClass)
}

func (p *Provisioner) ours(pvc *v1.PersistentVolumeClaim) bool {
	return pvc.Annotations[annStorageProvisioner] == p.name || pvc.Annotations[annBetaStorageProvisioner] == p.name
}

func pvName(pvc *v1.PersistentVolumeClaim) string { return "pvc-" + string(pvc.UID) }

func (p *Provisioner) syncClaim(ctx context.Context, key string) error {
	obj, ok, err := p.pvcs.GetByKey(key)
	if err != nil || !ok {
		return err
	}
	pvc := obj.(*v1.PersistentVolumeClaim)
	if !p.ours(pvc) || pvc.DeletionTimestamp != nil {
		return nil
	}
	switch pvc.Status.Phase {
	case v1.ClaimPending:
		if pvc.Spec.VolumeName != "" {
			return nil
		}
		return p.provision(ctx, pvc)
	case v1.ClaimBound:
		return p.resize(ctx, pvc)
	}
	return nil
}

func (p *Provisioner) provision(ctx context.Context, pvc *v1.PersistentVolumeClaim) error {
	name := pvName(pvc)
	if _, exists, _ := p.pvs.GetByKey(name); exists {
		return nil
	}
	className := ptr.Deref(pvc.Spec.StorageClassName, "")
	sc := p.class(className)
	if sc == nil || sc.Provisioner != p.name {
		return nil
	}
	request, ok := pvc.Spec.Resources.Requests[v1.ResourceStorage]
	if !ok {
		return fmt.Errorf("claim %s/%s has no storage request", pvc.Namespace, pvc.Name)
	}
	dir := filepath.Join(p.dir, name)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	_ = os.Chmod(dir, 0o777) // any pod identity may write, as with a fresh filesystem's root
	reclaim := v1.PersistentVolumeReclaimDelete
	if sc.ReclaimPolicy != nil {
		reclaim = *sc.ReclaimPolicy
	}
	pv := &v1.PersistentVolume{
		ObjectMeta: metav1.ObjectMeta{Name: name, Annotations: map[string]string{annProvisionedBy: p.name}},
		Spec: v1.PersistentVolumeSpec{
			Capacity:                      v1.ResourceList{v1.ResourceStorage: request},
			AccessModes:                   pvc.Spec.AccessModes,
			PersistentVolumeReclaimPolicy: reclaim,
			StorageClassName:              className,
			VolumeMode:                    pvc.Spec.VolumeMode,
			PersistentVolumeSource: v1.PersistentVolumeSource{HostPath: &v1.HostPathVolumeSource{
				Path: dir, Type: ptr.To(v1.HostPathDirectory)}},
			ClaimRef: &v1.ObjectReference{Kind: "PersistentVolumeClaim", APIVersion: "v1", Namespace: pvc.Namespace,
				Name: pvc.Name, UID: pvc.UID},
		},
	}
	_, err := p.client.CoreV1().PersistentVolumes().Create(ctx, pv, metav1.CreateOptions{})
	if apierrors.IsAlreadyExists(err) {
		return nil
	}
	if err == nil {
		p.log.Info("provisioned volume", "claim", pvc.Namespace+"/"+pvc.Name, "pv", name, "dir", dir)
	}
	return err
}

// resize grows the PV to the claim's request and reports the new capacity on the claim.
func (p *Provisioner) resize(ctx context.Context, pvc *v1.PersistentVolumeClaim) error {
	want := pvc.Spec.Resources.Requests[v1.ResourceStorage]
	have := pvc.Status.Capacity[v1.ResourceStorage]
	if want.Cmp(have) <= 0 || pvc.Spec.VolumeName == "" {
		return nil
	}
	obj, ok, _ := p.pvs.GetByKey(pvc.Spec.VolumeName)
	if !ok || obj.(*v1.PersistentVolume).Annotations[annProvisionedBy] != p.name {
		return nil
	}
	pv := obj.(*v1.PersistentVolume)
	if sc := p.class(pv.Spec.StorageClassName); sc == nil || !ptr.Deref(sc.AllowVolumeExpansion, false) {
		return nil
	}
	pvCap := pv.Spec.Capacity[v1.ResourceStorage]
	if pvCap.Cmp(want) < 0 {
		patch, _ := json.Marshal(map[string]any{"spec": map[string]any{"capacity": map[string]string{"storage": want.String()}}})
		if _, err := p.client.CoreV1().PersistentVolumes().Patch(ctx, pv.Name, types.MergePatchType, patch, metav1.PatchOptions{}); err != nil {
			return err
		}
	}
	patch, _ := json.Marshal(map[string]any{"status": map[string]any{
		"capacity": map[string]string{"storage": want.String()}, "allocatedResources": map[string]string{"storage": want.String()},
		"conditions": nil, "allocatedResourceStatuses": nil}})
	_, err := p.client.CoreV1().PersistentVolumeClaims(pvc.Namespace).Patch(ctx, pvc.Name, types.MergePatchType, patch,
		metav1.PatchOptions{}, "status")
	if err == nil {
		p.log.Info("resized volume", "claim", pvc.Namespace+"/"+pvc.Name, "size", want.String())
	}
	return err
}

// syncVolume deletes a released volume of ours whose reclaim policy is Delete, data first.
func (p *Provisioner) syncVolume(ctx context.Context, name string) error {
	obj, ok, err := p.pvs.GetByKey(name)
	if err != nil || !ok {
		return err
	}
	pv := obj.(*v1.PersistentVolume)
	if pv.Annotations[annProvisionedBy] != p.name || pv.Status.Phase != v1.VolumeReleased ||
		pv.Spec.PersistentVolumeReclaimPolicy != v1.PersistentVolumeReclaimDelete || pv.DeletionTimestamp != nil {
		return nil
	}
	if pv.Spec.HostPath != nil && filepath.Dir(pv.Spec.HostPath.Path) == filepath.Clean(p.dir) {
		if err := os.RemoveAll(pv.Spec.HostPath.Path); err != nil {
			return err
		}
	}
	err = p.client.CoreV1().PersistentVolumes().Delete(ctx, pv.Name, metav1.DeleteOptions{})
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err == nil {
		p.log.Info("deleted released volume", "pv", pv.Name)
	}
	return err
}
