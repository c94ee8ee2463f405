// process-kubelet plays the kubelet for the Nodes of a test cluster, running pods' containers as local
// processes (see test-cluster/kubelet/README-less package docs), plus a local-directory provisioner.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"

	"kubenas.io/test-cluster/kubelet/config"
	"kubenas.io/test-cluster/kubelet/node"
	"kubenas.io/test-cluster/kubelet/provisioner"
	"kubenas.io/test-cluster/kubelet/runner"
	"kubenas.io/test-cluster/kubelet/sandbox"
)

func main() {
	if len(os.Args) > 2 && os.Args[1] == runner.SubCommand {
		os.Exit(runner.ChildMain(os.Args[2]))
	}
	configPath := flag.String("config", "", "the process kubelet's YAML config (written by test-cluster/up)")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if *configPath == "" {
		fmt.Fprintln(os.Stderr, "usage: process-kubelet --config FILE")
		os.Exit(2)
	}
	if err := run(*configPath, log); err != nil {
		log.Error("process-kubelet failed", "err", err)
		os.Exit(1)
	}
}

func run(configPath string, log *slog.Logger) error {
	cfg, err := config.Load(configPath)
	if err != nil {
		return err
	}
	for _, d := range []string{cfg.StateDir, filepath.Join(cfg.StateDir, "pods"), filepath.Join(cfg.StateDir, "ipam")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	gw, _ := cfg.Gateway()
	if err := sandbox.EnsureBridge(ctx, cfg.Network.Bridge, gw); err != nil {
		return fmt.Errorf("bridge %s: %w", cfg.Network.Bridge, err)
	}
	var nodes []*node.Node
	for i := range cfg.Nodes {
		n, err := node.New(cfg, i, log)
		if err != nil {
			return err
		}
		nodes = append(nodes, n)
	}
	var wg sync.WaitGroup
	if cfg.Storage.Provisioner != "" && cfg.ProvisionerKubeconfig != "" {
		p, err := provisioner.New(cfg.ProvisionerKubeconfig, cfg.Storage.Provisioner, cfg.Storage.Dir, log)
		if err != nil {
			return err
		}
		wg.Add(1)
		go func() { defer wg.Done(); p.Run(ctx) }()
	}
	for _, n := range nodes {
		wg.Add(1)
		go func() { defer wg.Done(); n.Run(ctx) }()
	}
	log.Info("process-kubelet running", "nodes", len(nodes), "stateDir", cfg.StateDir)
	<-ctx.Done()
	log.Info("stopping: terminating pod processes and sandboxes")
	wg.Wait()
	log.Info("stopped")
	return nil
}
