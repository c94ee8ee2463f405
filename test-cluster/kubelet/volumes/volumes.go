// Package volumes materialises a pod's volumes as directories under the pod's directory (or points at
// the host directory behind a hostPath/PersistentVolume), to be bind-mounted into its containers.
package volumes

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	authv1 "k8s.io/api/authentication/v1"
	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"kubenas.io/test-cluster/kubelet/podenv"
)

// Getter reads what volumes refer to, with the node's identity.
type Getter interface {
	podenv.Sources
	PVC(namespace, name string) (*v1.PersistentVolumeClaim, error)
	PV(name string) (*v1.PersistentVolume, error)
	Token(ctx context.Context, namespace, serviceAccount string, req *authv1.TokenRequest) (*authv1.TokenRequest, error)
}

// Volume is a prepared volume: the host path to bind-mount and whether it must be read-only.
type Volume struct {
	Path     string
	ReadOnly bool
}

// NotReadyError means the pod cannot start yet (unbound claim, missing ConfigMap, unsupported type):
// containers stay waiting with reason ContainerCreating and this message, and the kubelet retries.
type NotReadyError struct{ Msg string }

func (e *NotReadyError) Error() string { return e.Msg }

func notReady(format string, args ...any) error {
	return &NotReadyError{Msg: fmt.Sprintf(format, args...)}
}

// Pod holds one pod's volume state between refreshes.
type Pod struct {
	Dir         string // <pod dir>/volumes
	Getter      Getter
	Allocatable v1.ResourceList

	mu     sync.Mutex
	hashes map[string]string    // volume -> last published payload
	tokens map[string]tokenInfo // volume/path -> cached token
}

type tokenInfo struct {
	token   string
	refresh time.Time
}

// Prepare creates/refreshes every volume and returns them by name. It is called before containers start
// and then periodically, which is what keeps ConfigMap/Secret/token contents current.
func (p *Pod) Prepare(ctx context.Context, pod *v1.Pod, podIPs, hostIPs []string) (map[string]Volume, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.hashes == nil {
		p.hashes, p.tokens = map[string]string{}, map[string]tokenInfo{}
	}
	var fsGroup *int64
	if pod.Spec.SecurityContext != nil {
		fsGroup = pod.Spec.SecurityContext.FSGroup
	}
	out := map[string]Volume{}
	for i := range pod.Spec.Volumes {
		vol := &pod.Spec.Volumes[i]
		dir := filepath.Join(p.Dir, vol.Name)
		var files map[string]file
		var err error
		switch {
		case vol.EmptyDir != nil:
			if err := os.MkdirAll(dir, 0o777); err != nil {
				return nil, err
			}
			if err := os.Chmod(dir, 0o777); err != nil {
				return nil, err
			}
			if fsGroup != nil {
				_ = os.Chown(dir, -1, int(*fsGroup))
				_ = os.Chmod(dir, 0o777|os.ModeSetgid)
			}
			out[vol.Name] = Volume{Path: dir}
			continue
		case vol.HostPath != nil:
			v, err := hostPath(vol.HostPath)
			if err != nil {
				return nil, err
			}
			out[vol.Name] = v
			continue
		case vol.PersistentVolumeClaim != nil:
			v, err := p.claim(pod, vol.PersistentVolumeClaim)
			if err != nil {
				return nil, err
			}
			out[vol.Name] = v
			continue
		case vol.ConfigMap != nil:
			files, err = p.configMapFiles(pod.Namespace, vol.ConfigMap.Name, vol.ConfigMap.Items, vol.ConfigMap.Optional, mode(vol.ConfigMap.DefaultMode))
		case vol.Secret != nil:
			files, err = p.secretFiles(pod.Namespace, vol.Secret.SecretName, vol.Secret.Items, vol.Secret.Optional, mode(vol.Secret.DefaultMode))
		case vol.DownwardAPI != nil:
			files, err = p.downwardFiles(pod, vol.DownwardAPI.Items, mode(vol.DownwardAPI.DefaultMode), podIPs, hostIPs)
		case vol.Projected != nil:
			files, err = p.projectedFiles(ctx, pod, vol.Name, vol.Projected, podIPs, hostIPs)
		default:
			return nil, notReady("volume %q: unsupported volume type (the process kubelet supports emptyDir, hostPath, "+
				"persistentVolumeClaim, configMap, secret, downwardAPI and projected)", vol.Name)
		}
		if err != nil {
			return nil, fmt.Errorf("MountVolume.SetUp failed for volume %q: %w", vol.Name, err)
		}
		if h := payloadHash(files); h != p.hashes[vol.Name] {
			if err := writeAtomic(dir, files, fsGroup); err != nil {
				return nil, fmt.Errorf("volume %q: %w", vol.Name, err)
			}
			p.hashes[vol.Name] = h
		}
		out[vol.Name] = Volume{Path: dir, ReadOnly: true}
	}
	return out, nil
}

func mode(m *int32) os.FileMode {
	if m == nil {
		return 0o644
	}
	return os.FileMode(*m) & os.ModePerm
}

func itemMode(m *int32, def os.FileMode) os.FileMode {
	if m == nil {
		return def
	}
	return os.FileMode(*m) & os.ModePerm
}

func hostPath(hp *v1.HostPathVolumeSource) (Volume, error) {
	t := v1.HostPathUnset
	if hp.Type != nil {
		t = *hp.Type
	}
	st, err := os.Stat(hp.Path)
	switch t {
	case v1.HostPathDirectoryOrCreate:
		if err != nil {
			if err := os.MkdirAll(hp.Path, 0o755); err != nil {
				return Volume{}, err
			}
		}
	case v1.HostPathFileOrCreate:
		if err != nil {
			if err := os.MkdirAll(filepath.Dir(hp.Path), 0o755); err != nil {
				return Volume{}, err
			}
			f, err := os.OpenFile(hp.Path, os.O_CREATE|os.O_WRONLY, 0o644)
			if err != nil {
				return Volume{}, err
			}
			f.Close()
		}
	case v1.HostPathDirectory:
		if err != nil || !st.IsDir() {
			return Volume{}, notReady("hostPath type check failed: %s is not a directory", hp.Path)
		}
	case v1.HostPathFile:
		if err != nil || !st.Mode().IsRegular() {
			return Volume{}, notReady("hostPath type check failed: %s is not a file", hp.Path)
		}
	case v1.HostPathUnset:
		if err != nil {
			return Volume{}, notReady("hostPath %s does not exist", hp.Path)
		}
	default:
		if err != nil {
			return Volume{}, notReady("hostPath %s does not exist", hp.Path)
		}
	}
	return Volume{Path: hp.Path}, nil
}

func (p *Pod) claim(pod *v1.Pod, src *v1.PersistentVolumeClaimVolumeSource) (Volume, error) {
	pvc, err := p.Getter.PVC(pod.Namespace, src.ClaimName)
	if apierrors.IsNotFound(err) {
		return Volume{}, notReady("persistentvolumeclaim %q not found", src.ClaimName)
	}
	if err != nil {
		return Volume{}, err
	}
	if pvc.Status.Phase != v1.ClaimBound || pvc.Spec.VolumeName == "" {
		return Volume{}, notReady("waiting for PersistentVolumeClaim %s/%s to be bound", pod.Namespace, src.ClaimName)
	}
	pv, err := p.Getter.PV(pvc.Spec.VolumeName)
	if err != nil {
		return Volume{}, notReady("persistentvolume %q: %v", pvc.Spec.VolumeName, err)
	}
	var path string
	switch {
	case pv.Spec.HostPath != nil:
		path = pv.Spec.HostPath.Path
	case pv.Spec.Local != nil:
		path = pv.Spec.Local.Path
	default:
		return Volume{}, notReady("persistentvolume %q: only hostPath and local volumes can be mounted by the process kubelet", pv.Name)
	}
	if _, err := os.Stat(path); err != nil {
		return Volume{}, notReady("persistentvolume %q: %v", pv.Name, err)
	}
	return Volume{Path: path, ReadOnly: src.ReadOnly}, nil
}

func keyItems(data map[string][]byte, items []v1.KeyToPath, def os.FileMode, optional bool, kind string) (map[string]file, error) {
	files := map[string]file{}
	if len(items) == 0 {
		for k, v := range data {
			files[k] = file{data: v, mode: def}
		}
		return files, nil
	}
	for _, it := range items {
		v, ok := data[it.Key]
		if !ok {
			if optional {
				continue
			}
			return nil, fmt.Errorf("%s references non-existent config key: %s", kind, it.Key)
		}
		files[it.Path] = file{data: v, mode: itemMode(it.Mode, def)}
	}
	return files, nil
}

func (p *Pod) configMapFiles(ns, name string, items []v1.KeyToPath, optional *bool, def os.FileMode) (map[string]file, error) {
	opt := optional != nil && *optional
	cm, err := p.Getter.ConfigMap(ns, name)
	if err != nil {
		if apierrors.IsNotFound(err) {
			if opt {
				return map[string]file{}, nil
			}
			return nil, notReady("configmap %q not found", name)
		}
		return nil, err
	}
	data := map[string][]byte{}
	for k, v := range cm.Data {
		data[k] = []byte(v)
	}
	for k, v := range cm.BinaryData {
		data[k] = v
	}
	return keyItems(data, items, def, opt, "configmap")
}

func (p *Pod) secretFiles(ns, name string, items []v1.KeyToPath, optional *bool, def os.FileMode) (map[string]file, error) {
	opt := optional != nil && *optional
	s, err := p.Getter.Secret(ns, name)
	if err != nil {
		if apierrors.IsNotFound(err) {
			if opt {
				return map[string]file{}, nil
			}
			return nil, notReady("secret %q not found", name)
		}
		return nil, err
	}
	return keyItems(s.Data, items, def, opt, "secret")
}

func (p *Pod) downwardFiles(pod *v1.Pod, items []v1.DownwardAPIVolumeFile, def os.FileMode, podIPs, hostIPs []string) (map[string]file, error) {
	files := map[string]file{}
	for _, it := range items {
		var v string
		var err error
		switch {
		case it.FieldRef != nil:
			v, err = podenv.FieldValue(pod, it.FieldRef.FieldPath, podIPs, hostIPs)
		case it.ResourceFieldRef != nil:
			v, err = podenv.ResourceValue(pod, it.ResourceFieldRef, it.ResourceFieldRef.ContainerName, p.Allocatable)
		}
		if err != nil {
			return nil, err
		}
		files[it.Path] = file{data: []byte(v), mode: itemMode(it.Mode, def)}
	}
	return files, nil
}

func (p *Pod) projectedFiles(ctx context.Context, pod *v1.Pod, volName string, pr *v1.ProjectedVolumeSource, podIPs, hostIPs []string) (map[string]file, error) {
	def := mode(pr.DefaultMode)
	files := map[string]file{}
	merge := func(m map[string]file, err error) error {
		if err != nil {
			return err
		}
		for k, v := range m {
			files[k] = v
		}
		return nil
	}
	for _, s := range pr.Sources {
		var err error
		switch {
		case s.ConfigMap != nil:
			err = merge(p.configMapFiles(pod.Namespace, s.ConfigMap.Name, s.ConfigMap.Items, s.ConfigMap.Optional, def))
		case s.Secret != nil:
			err = merge(p.secretFiles(pod.Namespace, s.Secret.Name, s.Secret.Items, s.Secret.Optional, def))
		case s.DownwardAPI != nil:
			err = merge(p.downwardFiles(pod, s.DownwardAPI.Items, def, podIPs, hostIPs))
		case s.ServiceAccountToken != nil:
			var tok string
			tok, err = p.token(ctx, pod, volName, s.ServiceAccountToken)
			if err == nil {
				files[s.ServiceAccountToken.Path] = file{data: []byte(tok), mode: def}
			}
		default:
			err = notReady("unsupported projected volume source in volume %q", volName)
		}
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// token returns a cached bound token, requesting a new one at 80% of the old one's lifetime, as the
// kubelet's token manager does.
func (p *Pod) token(ctx context.Context, pod *v1.Pod, volName string, src *v1.ServiceAccountTokenProjection) (string, error) {
	key := volName + "/" + src.Path
	if t, ok := p.tokens[key]; ok && time.Now().Before(t.refresh) {
		return t.token, nil
	}
	exp := int64(3600)
	if src.ExpirationSeconds != nil {
		exp = *src.ExpirationSeconds
	}
	req := &authv1.TokenRequest{Spec: authv1.TokenRequestSpec{
		ExpirationSeconds: &exp,
		BoundObjectRef:    &authv1.BoundObjectReference{Kind: "Pod", APIVersion: "v1", Name: pod.Name, UID: pod.UID},
	}}
	if src.Audience != "" {
		req.Spec.Audiences = []string{src.Audience}
	}
	sa := pod.Spec.ServiceAccountName
	if sa == "" {
		sa = "default"
	}
	issued := time.Now()
	resp, err := p.Getter.Token(ctx, pod.Namespace, sa, req)
	if err != nil {
		return "", fmt.Errorf("failed to fetch token: %w", err)
	}
	life := resp.Status.ExpirationTimestamp.Time.Sub(issued)
	if life <= 0 {
		life = time.Duration(exp) * time.Second
	}
	p.tokens[key] = tokenInfo{token: resp.Status.Token, refresh: issued.Add(life * 8 / 10)}
	return resp.Status.Token, nil
}

// Cleanup removes the pod's volume directories (never the data behind hostPath or PV volumes, which
// are not under the pod directory).
func (p *Pod) Cleanup() error { return os.RemoveAll(p.Dir) }
