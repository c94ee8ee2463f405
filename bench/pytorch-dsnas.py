#!/usr/bin/env python3
"""Reference accuracy (not a test): a whole DSNAS search of the `tiny` space on Fashion-MNIST in native PyTorch.

docs/algorithms.md §5 quotes a PyTorch prototype ("10 minutes = 16 epochs, argmax child 92.1% test") whose
code is not in the repository. This script is that recipe written down from docs/algorithms.md §2, so the
trainer's accuracy can be compared with PyTorch's own on the same machine, same data and same schedule:

- per step one candidate per layer drawn from softmax(alpha) (fixed layers keep their op), only that path runs,
  each layer's output scaled by a gate Z = 1 that requires gradient;
- label-smoothed cross-entropy (0.1); weights: SGD momentum 0.9, weight decay 4e-5 on conv/linear weights only,
  cosine learning rate to zero; unsampled candidates are not touched (their gradient is None);
- alpha: Adam betas (0.5, 0.999), gradient (dL/dZ) * (onehot(s) - softmax(alpha)), skipped during the
  architecture warm-up; early fixing at each epoch start when top-1 minus top-2 probability >= 0.3;
- the child (argmax per layer) keeps the supernet's weights; its BatchNorm statistics are re-estimated on its
  own path over training batches (as the trainer's DerivedChild does), and it is evaluated on validation and
  test data. Validation = a seeded 10% of the training images, never trained on.

Needs PyTorch and NumPy (Debian: apt-get install -y python3-torch dataset-fashion-mnist). Usage:
  bench/pytorch-dsnas.py [--epochs 16] [--batch 64] [--lr 0.05] [--alpha-lr 0.01] [--warmup-epochs 2] [--init pytorch|dsnas]
                         [--flip] [--max-steps-per-epoch N] [--threads 2] [--seed 42] [--data /usr/share/datasets/fashion-mnist]
"""
import argparse
import gzip
import math
import time

import numpy as np
import torch
import torch.nn.functional as F

from tinyspace import KERNELS, Supernet, initialise

MEAN, STD = 0.286, 0.353  # Fashion-MNIST's pixel statistics (the trainer's Normalization)


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(folder, prefix):
    images = read_idx(f"{folder}/{prefix}-images-idx3-ubyte.gz").astype(np.float32)
    labels = read_idx(f"{folder}/{prefix}-labels-idx1-ubyte.gz").astype(np.int64)
    images = (images / 255.0 - MEAN) / STD
    return torch.from_numpy(images).unsqueeze(1), torch.from_numpy(labels)


class Architecture:
    """Logits alpha per layer, Adam on the DSNAS estimate, early fixing."""

    def __init__(self, layers, lr, generator):
        self.alpha = (1 + 0.01 * torch.randn(layers, len(KERNELS), generator=generator)).requires_grad_()
        self.optimizer = torch.optim.Adam([self.alpha], lr=lr, betas=(0.5, 0.999))
        self.fixed = [None] * layers

    def sample(self, generator):
        probabilities = F.softmax(self.alpha.detach(), 1)
        drawn = torch.multinomial(probabilities, 1, generator=generator).squeeze(1).tolist()
        return [f if f is not None else d for f, d in zip(self.fixed, drawn)]

    def update(self, path, credits):
        probabilities = F.softmax(self.alpha.detach(), 1)
        onehot = F.one_hot(torch.tensor(path), len(KERNELS)).float()
        gradient = credits.unsqueeze(1) * (onehot - probabilities)
        for i, f in enumerate(self.fixed):
            if f is not None:
                gradient[i] = 0
        self.alpha.grad = gradient
        self.optimizer.step()

    def fix_decided(self, threshold=0.3):
        probabilities = F.softmax(self.alpha.detach(), 1)
        for i, row in enumerate(probabilities):
            top = row.topk(2).values
            if self.fixed[i] is None and top[0] - top[1] >= threshold:
                self.fixed[i] = int(row.argmax())

    def child(self):
        return [f if f is not None else int(row.argmax()) for f, row in zip(self.fixed, self.alpha.detach())]


def recalibrate(net, path, images, batch):
    """BatchNorm running statistics of the child's path re-estimated as a cumulative average over 100 batches."""
    for module in net.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            module.reset_running_stats()
            module.momentum = None
    net.train()
    with torch.no_grad():
        for start in range(0, min(len(images), 100 * batch), batch):
            net(images[start:start + batch], path)
    for module in net.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            module.momentum = 0.1


def accuracy(net, path, images, labels):
    net.eval()
    correct = 0
    with torch.no_grad():
        for start in range(0, len(images), 1000):
            correct += (net(images[start:start + 1000], path).argmax(1) == labels[start:start + 1000]).sum().item()
    net.train()
    return correct / len(images)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=16)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=0.05)
    parser.add_argument("--alpha-lr", type=float, default=0.01)
    parser.add_argument("--warmup-epochs", type=int, default=2)
    parser.add_argument("--flip", action="store_true")
    parser.add_argument("--init", choices=["pytorch", "dsnas"], default="pytorch",
                        help="pytorch: PyTorch's default initialisation, as the trainer's ShuffleLayers; "
                             "dsnas: the DSNAS/SPOS code's (tinyspace.initialise)")
    parser.add_argument("--max-steps-per-epoch", type=int, default=0, help="caps each epoch, for a quick trial")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)

    images, labels = load(args.data, "train")
    test_images, test_labels = load(args.data, "t10k")
    order = torch.randperm(len(images), generator=generator)
    held_out = len(images) // 10
    val_images, val_labels = images[order[:held_out]], labels[order[:held_out]]
    train_images, train_labels = images[order[held_out:]], labels[order[held_out:]]

    net = Supernet()
    if args.init == "dsnas":
        initialise(net)
    architecture = Architecture(len(net.layers), args.alpha_lr, generator)
    decay = [p for p in net.parameters() if p.dim() > 1]
    other = [p for p in net.parameters() if p.dim() <= 1]
    optimizer = torch.optim.SGD([{"params": decay, "weight_decay": 4e-5}, {"params": other, "weight_decay": 0}],
                                lr=args.lr, momentum=0.9)
    steps_per_epoch = len(train_images) // args.batch
    if args.max_steps_per_epoch:
        steps_per_epoch = min(steps_per_epoch, args.max_steps_per_epoch)
    total = steps_per_epoch * args.epochs
    started = time.perf_counter()
    step = 0
    for epoch in range(args.epochs):
        if epoch >= args.warmup_epochs:
            architecture.fix_decided()
        shuffled = torch.randperm(len(train_images), generator=generator)
        for b in range(steps_per_epoch):
            index = shuffled[b * args.batch:(b + 1) * args.batch]
            x, y = train_images[index], train_labels[index]
            if args.flip:
                flips = torch.rand(len(x), generator=generator) < 0.5
                x = torch.where(flips[:, None, None, None], x.flip(3), x)
            for group in optimizer.param_groups:
                group["lr"] = args.lr * 0.5 * (1 + math.cos(math.pi * step / total))
            path = architecture.sample(generator)
            gates = torch.ones(len(path), requires_grad=True)
            loss = F.cross_entropy(net(x, path, gates), y, label_smoothing=0.1)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            if epoch >= args.warmup_epochs:
                architecture.update(path, gates.grad)
            step += 1
        child = architecture.child()
        print(f"epoch {epoch + 1}/{args.epochs}: loss {loss.item():.3f}, child {child}, fixed "
              f"{sum(f is not None for f in architecture.fixed)}, validation accuracy "
              f"{accuracy(net, child, val_images, val_labels):.4f}, {time.perf_counter() - started:.0f} s", flush=True)
    child = architecture.child()
    recalibrate(net, child, train_images, args.batch)
    print(f"child {child}: validation {accuracy(net, child, val_images, val_labels):.4f}, "
          f"test {accuracy(net, child, test_images, test_labels):.4f}, wall {time.perf_counter() - started:.0f} s, "
          f"{total * args.batch / (time.perf_counter() - started):.0f} images/s")


if __name__ == "__main__":
    main()
