package node

import (
	"context"
	"time"

	authv1 "k8s.io/api/authentication/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

// apiGetter reads pod dependencies straight from the API server with the node's identity. The Node
// authorizer only lets a node `get` objects its pods reference, so no list/watch caches here.
type apiGetter struct{ client kubernetes.Interface }

func timeout() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 10*time.Second)
}

func (g apiGetter) ConfigMap(ns, name string) (*v1.ConfigMap, error) {
	ctx, cancel := timeout()
	defer cancel()
	return g.client.CoreV1().ConfigMaps(ns).Get(ctx, name, metav1.GetOptions{})
}

func (g apiGetter) Secret(ns, name string) (*v1.Secret, error) {
	ctx, cancel := timeout()
	defer cancel()
	return g.client.CoreV1().Secrets(ns).Get(ctx, name, metav1.GetOptions{})
}

func (g apiGetter) PVC(ns, name string) (*v1.PersistentVolumeClaim, error) {
	ctx, cancel := timeout()
	defer cancel()
	return g.client.CoreV1().PersistentVolumeClaims(ns).Get(ctx, name, metav1.GetOptions{})
}

func (g apiGetter) PV(name string) (*v1.PersistentVolume, error) {
	ctx, cancel := timeout()
	defer cancel()
	return g.client.CoreV1().PersistentVolumes().Get(ctx, name, metav1.GetOptions{})
}

func (g apiGetter) Token(ctx context.Context, ns, sa string, req *authv1.TokenRequest) (*authv1.TokenRequest, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	return g.client.CoreV1().ServiceAccounts(ns).CreateToken(ctx, sa, req, metav1.CreateOptions{})
}
