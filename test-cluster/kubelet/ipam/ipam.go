// Package ipam hands out pod IPs from one node's /24 and persists the allocations, so that a kubelet
// restart never gives a live pod's address to a new pod.
package ipam

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sync"
)

// Allocator owns one subnet. Addresses .0, .1 (kept free as a per-node gateway-like address, as most
// CNIs do) and the broadcast address are never handed out.
type Allocator struct {
	mu     sync.Mutex
	subnet *net.IPNet
	file   string
	byIP   map[string]string // ip -> pod uid
}

// New loads (or starts) the allocation state kept in file.
func New(subnet *net.IPNet, file string) (*Allocator, error) {
	a := &Allocator{subnet: subnet, file: file, byIP: map[string]string{}}
	data, err := os.ReadFile(file)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return nil, err
	default:
		if err := json.Unmarshal(data, &a.byIP); err != nil {
			return nil, fmt.Errorf("ipam state %s: %w", file, err)
		}
	}
	return a, nil
}

// Allocate returns the pod's address, reusing an earlier allocation for the same uid.
func (a *Allocator) Allocate(uid string) (net.IP, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for ip, owner := range a.byIP {
		if owner == uid {
			return net.ParseIP(ip).To4(), nil
		}
	}
	base := a.subnet.IP.To4()
	ones, _ := a.subnet.Mask.Size()
	size := 1 << (32 - ones)
	for off := 2; off < size-1; off++ {
		ip := addOffset(base, off)
		if _, used := a.byIP[ip.String()]; !used {
			a.byIP[ip.String()] = uid
			if err := a.save(); err != nil {
				delete(a.byIP, ip.String())
				return nil, err
			}
			return ip, nil
		}
	}
	return nil, fmt.Errorf("no free address in %s", a.subnet)
}

// Release frees the pod's address (no-op when it has none).
func (a *Allocator) Release(uid string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	changed := false
	for ip, owner := range a.byIP {
		if owner == uid {
			delete(a.byIP, ip)
			changed = true
		}
	}
	if !changed {
		return nil
	}
	return a.save()
}

// Retain drops every allocation whose pod uid is not in live: used once after the first pod list, to
// free addresses of pods deleted while the kubelet was down.
func (a *Allocator) Retain(live map[string]bool) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	for ip, owner := range a.byIP {
		if !live[owner] {
			delete(a.byIP, ip)
		}
	}
	return a.save()
}

func (a *Allocator) save() error {
	data, err := json.MarshalIndent(a.byIP, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(a.file), 0o755); err != nil {
		return err
	}
	tmp := a.file + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, a.file)
}

func addOffset(base net.IP, off int) net.IP {
	v := uint32(base[0])<<24 | uint32(base[1])<<16 | uint32(base[2])<<8 | uint32(base[3])
	v += uint32(off)
	return net.IPv4(byte(v>>24), byte(v>>16), byte(v>>8), byte(v)).To4()
}
