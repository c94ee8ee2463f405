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
import torch.nn as nn
import torch.nn.functional as F

KERNELS = {0: 3, 1: 5, 2: 7, 3: 3}  # shuffle3x3, shuffle5x5, shuffle7x7, xception (three 3x3)


def bn(c):
    return nn.BatchNorm2d(c, eps=1e-2)  # the trainer's ShuffleLayers.BATCH_NORM_EPSILON


def dw(c, k, stride):
    return nn.Conv2d(c, c, k, stride, k // 2, groups=c, bias=False)


def pw(cin, cout):
    return nn.Conv2d(cin, cout, 1, bias=False)


class Unit(nn.Module):
    """A ShuffleNetV2 unit: stride 1 splits even/odd channels, stride 2 adds a projection branch."""

    def __init__(self, candidate, cin, cout, stride):
        super().__init__()
        self.stride = stride
        mid = cout // 2
        main_in = cin if stride == 2 else cin // 2
        main_out = cout - main_in
        if candidate == 3:
            self.main = nn.Sequential(dw(main_in, 3, stride), bn(main_in), pw(main_in, mid), bn(mid), nn.ReLU(),
                                      dw(mid, 3, 1), bn(mid), pw(mid, mid), bn(mid), nn.ReLU(),
                                      dw(mid, 3, 1), bn(mid), pw(mid, main_out), bn(main_out), nn.ReLU())
        else:
            k = KERNELS[candidate]
            self.main = nn.Sequential(pw(main_in, mid), bn(mid), nn.ReLU(), dw(mid, k, stride), bn(mid),
                                      pw(mid, main_out), bn(main_out), nn.ReLU())
        if stride == 2:
            k = KERNELS[candidate]
            self.projection = nn.Sequential(dw(cin, k, 2), bn(cin), pw(cin, cin), bn(cin), nn.ReLU())

    def forward(self, x):
        if self.stride == 1:
            b, c, h, w = x.shape
            pairs = x.reshape(b, c // 2, 2, h, w)
            return torch.cat([pairs[:, :, 0], self.main(pairs[:, :, 1])], 1)
        return torch.cat([self.projection(x), self.main(x)], 1)


def child(path):
    layers, cin = [], 16
    for stage, out in enumerate((32, 64)):
        for i in range(4):
            layers.append(Unit(path[stage * 4 + i], cin, out, 2 if i == 0 else 1))
            cin = out
    return nn.Sequential(nn.Conv2d(1, 16, 3, 1, 1, bias=False), bn(16), nn.ReLU(), *layers,
                         pw(64, 128), bn(128), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(128, 10, bias=False))


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
