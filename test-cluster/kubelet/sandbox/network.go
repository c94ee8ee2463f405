// Package sandbox gives each pod what a CRI runtime's sandbox would: a network namespace with one veth
// on the pods' bridge. Everything goes through the `ip` command (iproute2) rather than netlink code,
// because the commands are easy to reproduce by hand when debugging a test cluster.
package sandbox

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
)

// Names derives the namespace and host-side veth names from the pod uid. Linux limits interface names
// to 15 characters; 8 hex digits of the uid keep them unique in practice.
func Names(uid string) (netns, hostVeth, peerVeth string) {
	h := strings.ReplaceAll(uid, "-", "")
	if len(h) > 8 {
		h = h[:8]
	}
	return "kn-" + h, "knv" + h, "knp" + h
}

// NetnsPath is where `ip netns` keeps the namespace's bind mount.
func NetnsPath(netns string) string { return "/var/run/netns/" + netns }

func ip(ctx context.Context, args ...string) error {
	cmd := exec.CommandContext(ctx, "ip", args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("ip %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(out.String()))
	}
	return nil
}

// EnsureBridge creates the bridge when missing, gives it the gateway address and brings it up.
func EnsureBridge(ctx context.Context, bridge string, gateway *net.IPNet) error {
	if _, err := net.InterfaceByName(bridge); err != nil {
		if err := ip(ctx, "link", "add", bridge, "type", "bridge"); err != nil {
			return err
		}
	}
	iface, err := net.InterfaceByName(bridge)
	if err != nil {
		return err
	}
	addrs, _ := iface.Addrs()
	has := false
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.Equal(gateway.IP) {
			has = true
		}
	}
	if !has {
		if err := ip(ctx, "addr", "add", gateway.String(), "dev", bridge); err != nil {
			return err
		}
	}
	return ip(ctx, "link", "set", bridge, "up")
}

// Setup creates the pod's namespace and veth, addresses eth0 and routes through the gateway. Leftovers
// of an earlier run for the same pod (kubelet restart) are removed first, so Setup is idempotent.
func Setup(ctx context.Context, uid, bridge string, podIP net.IP, gateway *net.IPNet) error {
	Teardown(context.WithoutCancel(ctx), uid)
	ns, host, peer := Names(uid)
	ones, _ := gateway.Mask.Size()
	steps := [][]string{
		{"netns", "add", ns},
		{"link", "add", host, "type", "veth", "peer", "name", peer},
		{"link", "set", peer, "netns", ns},
		{"link", "set", host, "master", bridge},
		{"link", "set", host, "up"},
		{"-n", ns, "link", "set", peer, "name", "eth0"},
		{"-n", ns, "addr", "add", fmt.Sprintf("%s/%d", podIP, ones), "dev", "eth0"},
		{"-n", ns, "link", "set", "eth0", "up"},
		{"-n", ns, "link", "set", "lo", "up"},
		{"-n", ns, "route", "add", "default", "via", gateway.IP.String()},
	}
	for _, s := range steps {
		if err := ip(ctx, s...); err != nil {
			Teardown(context.WithoutCancel(ctx), uid)
			return err
		}
	}
	return nil
}

// Teardown removes the namespace and the host veth; missing pieces are not an error.
func Teardown(ctx context.Context, uid string) {
	ns, host, _ := Names(uid)
	if _, err := net.InterfaceByName(host); err == nil {
		_ = ip(ctx, "link", "del", host)
	}
	if _, err := os.Stat(NetnsPath(ns)); err == nil {
		_ = ip(ctx, "netns", "del", ns)
	}
}
