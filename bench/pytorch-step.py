#!/usr/bin/env python3
"""Reference timing (not a test): one training step of a `tiny`-space child network in native PyTorch.

Builds the same network as the trainer's ChildNetwork for a path of the `tiny` preset (stem 3x3 conv 16,
two stages of four ShuffleNetV2 units 32 and 64 channels, tail 1x1 conv 128, global pool, linear), runs SGD
steps with momentum, weight decay and label-smoothed cross-entropy on random 28x28 batches, and prints the
median step time. Compare with StepTimingBenchmark's "child alone" on the same machine: it tells whether the
trainer's step costs what PyTorch's own costs there (DJL drives the same libtorch kernels).

Needs PyTorch (Debian: apt-get install -y python3-torch). Usage:
  bench/pytorch-step.py [--batch 64] [--path 0,0,0,0,0,0,0,0] [--threads 2] [--steps 100]
"""
import argparse
import time

import torch
import torch.nn.functional as F

from tinyspace import child


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--path", default="0,0,0,0,0,0,0,0")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--steps", type=int, default=100)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    path = [int(c) for c in args.path.split(",")]
    net = child(path)
    decay = [p for n, p in net.named_parameters() if p.dim() > 1]
    other = [p for n, p in net.named_parameters() if p.dim() <= 1]
    optimizer = torch.optim.SGD([{"params": decay, "weight_decay": 4e-5}, {"params": other, "weight_decay": 0}], lr=0.05, momentum=0.9)
    images = [torch.randn(args.batch, 1, 28, 28) for _ in range(8)]
    labels = [torch.randint(0, 10, (args.batch,)) for _ in range(8)]

    def step(i):
        loss = F.cross_entropy(net(images[i % 8]), labels[i % 8], label_smoothing=0.1)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()

    for i in range(20):
        step(i)
    times = []
    for i in range(args.steps):
        started = time.perf_counter()
        step(i)
        times.append((time.perf_counter() - started) * 1e3)
    times.sort()
    params = sum(p.numel() for p in net.parameters())
    print(f"pytorch {torch.__version__}, {args.threads} threads: path {path} ({params} params), batch {args.batch}: "
          f"median {times[len(times) // 2]:.1f} ms/step, {args.batch / times[len(times) // 2] * 1e3:.0f} img/s")


if __name__ == "__main__":
    main()
