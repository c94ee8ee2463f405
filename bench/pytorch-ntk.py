#!/usr/bin/env python3
"""Reference timing (not a test): one TE-NAS NTK condition number of the thin `tiny` supernet in native PyTorch.

The same work as one kappa evaluation of the trainer's TenasPruner (TenasPruningBenchmark prints its time per
evaluation): the supernet at a width multiplier, every candidate active (each layer outputs the mean of its
four candidates), train-mode BatchNorm, one forward of N images, then one backward per sample of its summed
logits over the kept graph, the gradients of the conv/linear weights and BatchNorm gammas concatenated into a
row, Theta = G G^T and its eigenvalues in float64. Pruning the `tiny` space to one candidate per layer with 3
repeats takes 225 of these (and 225 linear-region counts), so the median here times 225 divided by the cores
bounds what any libtorch-based pruning can take on this machine.

Needs PyTorch (Debian: apt-get install -y python3-torch). Usage:
  bench/pytorch-ntk.py [--width 0.25] [--batch 16] [--threads 1] [--repeats 10]
"""
import argparse
import time

import torch

from tinyspace import KERNELS, Supernet


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--width", type=float, default=0.25)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1, help="intra-op threads (the trainer runs one per worker)")
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    net = Supernet(args.width)
    active = [list(range(len(KERNELS)))] * len(net.layers)
    # TE-NAS differentiates weights and BatchNorm gammas, not biases or betas.
    weights = [p for m in net.modules() for name, p in m.named_parameters(recurse=False) if name == "weight"]
    times = []
    for repeat in range(args.repeats + 2):
        images = torch.randn(args.batch, 1, 28, 28)
        started = time.perf_counter()
        logits = net.forward_mean(images, active)
        rows = []
        for n in range(args.batch):
            gradients = torch.autograd.grad(logits[n].sum(), weights, retain_graph=n < args.batch - 1)
            rows.append(torch.cat([g.flatten() for g in gradients]))
        g = torch.stack(rows).double()
        eigenvalues = torch.linalg.eigvalsh(g @ g.T)
        kappa = (eigenvalues[-1] / eigenvalues[0]).item()
        if repeat >= 2:  # the first two warm the allocator and oneDNN's kernel cache
            times.append((time.perf_counter() - started) * 1e3)
    times.sort()
    print(f"pytorch {torch.__version__}, {args.threads} thread(s): NTK kappa of the width-{args.width} supernet "
          f"({sum(w.numel() for w in weights)} weights, all candidates active), batch {args.batch}: "
          f"median {times[len(times) // 2]:.0f} ms per evaluation (last kappa {kappa:.1f})")


if __name__ == "__main__":
    main()
