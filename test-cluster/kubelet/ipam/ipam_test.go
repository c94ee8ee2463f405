package ipam

import (
	"net"
	"path/filepath"
	"testing"
)

func TestAllocatePersistsAcrossRestart(t *testing.T) {
	_, subnet, _ := net.ParseCIDR("10.244.1.0/24")
	file := filepath.Join(t.TempDir(), "node-a.json")
	a, err := New(subnet, file)
	if err != nil {
		t.Fatal(err)
	}
	ip1, _ := a.Allocate("uid-1")
	ip2, _ := a.Allocate("uid-2")
	if ip1.String() != "10.244.1.2" || ip2.String() != "10.244.1.3" {
		t.Fatalf("got %s %s", ip1, ip2)
	}
	if again, _ := a.Allocate("uid-1"); !again.Equal(ip1) {
		t.Fatalf("same uid got a new address %s", again)
	}
	b, err := New(subnet, file)
	if err != nil {
		t.Fatal(err)
	}
	ip3, _ := b.Allocate("uid-3")
	if ip3.String() != "10.244.1.4" {
		t.Fatalf("restart reused a live address: %s", ip3)
	}
	if err := b.Release("uid-1"); err != nil {
		t.Fatal(err)
	}
	if ip4, _ := b.Allocate("uid-4"); !ip4.Equal(ip1) {
		t.Fatalf("released address not reused: %s", ip4)
	}
	if err := b.Retain(map[string]bool{"uid-4": true}); err != nil {
		t.Fatal(err)
	}
	if ip5, _ := b.Allocate("uid-5"); ip5.String() != "10.244.1.3" {
		t.Fatalf("retain did not free: %s", ip5)
	}
}

func TestExhaustion(t *testing.T) {
	_, subnet, _ := net.ParseCIDR("10.0.0.0/30")
	a, _ := New(subnet, filepath.Join(t.TempDir(), "x.json"))
	if _, err := a.Allocate("a"); err != nil { // only .2 is usable in a /30
		t.Fatal(err)
	}
	if _, err := a.Allocate("b"); err == nil {
		t.Fatal("expected exhaustion")
	}
}
