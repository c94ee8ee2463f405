package pods

import (
	"testing"
	"time"

	"kubenas.io/test-cluster/kubelet/config"
)

func TestBackoff(t *testing.T) {
	var b backoff
	t0 := time.Now()
	b.exited(t0, time.Second)
	if w, _ := b.waiting(t0); w {
		t.Fatal("first restart must be immediate")
	}
	b.exited(t0, time.Second)
	if w, _ := b.waiting(t0.Add(9 * time.Second)); !w {
		t.Fatal("second restart must wait 10s")
	}
	if w, _ := b.waiting(t0.Add(10 * time.Second)); w {
		t.Fatal("second restart waited too long")
	}
	for i := 0; i < 10; i++ {
		b.exited(t0, time.Second)
	}
	if b.delay != backoffMax {
		t.Fatalf("delay %s", b.delay)
	}
	b.exited(t0, 11*time.Minute)
	if w, _ := b.waiting(t0); w {
		t.Fatal("long run must reset the back-off")
	}
}

func TestResolveImage(t *testing.T) {
	cfg := &config.Config{Images: map[string]config.Image{"example.com/app:*": {Entrypoint: []string{"/bin/app"}}}}
	if _, err := resolveImage(cfg, "example.com/app:1"); err != nil {
		t.Fatal(err)
	}
	_, err := resolveImage(cfg, "Bad Image!")
	if ie, ok := err.(*imageError); !ok || ie.reason != "InvalidImageName" {
		t.Fatalf("got %v", err)
	}
	_, err = resolveImage(cfg, "busybox")
	if ie, ok := err.(*imageError); !ok || ie.reason != "ErrImagePull" || ie.msg != "no local launcher for image busybox" {
		t.Fatalf("got %v", err)
	}
}
