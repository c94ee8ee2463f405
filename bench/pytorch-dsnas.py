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

Needs PyTorch and NumPy from Debian (apt-get install -y python3-torch dataset-fashion-mnist; run it with
/usr/bin/python3 where another python3 comes first on the PATH). Usage:
  bench/pytorch-dsnas.py [--epochs 16] [--batch 64] [--lr 0.05] [--alpha-lr 0.01] [--weight-decay 4e-5] [--warmup-epochs 2] [--init pytorch|dsnas]
                         [--flip] [--trainer-data] [--trainer-paths] [--no-split] [--max-steps-per-epoch N] [--threads 2] [--seed 42] [--data /usr/share/datasets/fashion-mnist]
"""
import argparse
import gzip
import math
import time

import numpy as np
import torch
import torch.nn.functional as F

import trainerstreams
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

    def __init__(self, layers, lr, generator, trainer_seed=None):
        """trainer_seed: alpha's initial logits and every path drawn from the trainer's streams for that seed."""
        self.trainer_seed = trainer_seed
        if trainer_seed is None:
            self.alpha = (1 + 0.01 * torch.randn(layers, len(KERNELS), generator=generator)).requires_grad_()
        else:
            self.alpha = torch.tensor(trainerstreams.initial_alpha(layers, len(KERNELS), trainer_seed)).float().requires_grad_()
        self.optimizer = torch.optim.Adam([self.alpha], lr=lr, betas=(0.5, 0.999))
        self.fixed = [None] * layers

    def sample(self, generator, step):
        if self.trainer_seed is not None:
            probabilities = F.softmax(self.alpha.detach().double(), 1).tolist()
            return trainerstreams.path(probabilities, self.fixed, self.trainer_seed, step)
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


def recalibrate(net, path, images, batch, batches=100):
    """BatchNorm running statistics of the child's path re-estimated as a cumulative average over some batches."""
    for module in net.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            module.reset_running_stats()
            module.momentum = None
    net.train()
    with torch.no_grad():
        for start in range(0, min(len(images), batches * batch), batch):
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


def weight_optimizer(net, lr, weight_decay):
    """SGD with momentum 0.9, weight decay on convolution and linear weights only (the trainer's MomentumSgd)."""
    decay = [p for p in net.parameters() if p.dim() > 1]
    other = [p for p in net.parameters() if p.dim() <= 1]
    return torch.optim.SGD([{"params": decay, "weight_decay": weight_decay}, {"params": other, "weight_decay": 0}],
                           lr=lr, momentum=0.9)


def weight_step(net, optimizer, x, y, path, lr):
    """One step of the weights along path at rate lr; returns the loss and each layer's credit dL/dZ."""
    for group in optimizer.param_groups:
        group["lr"] = lr
    gates = torch.ones(len(path), requires_grad=True)
    loss = F.cross_entropy(net(x, path, gates), y, label_smoothing=0.1)
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()
    return loss, gates.grad


def read_array(f):
    """One array as LockstepTrace writes it: rank, dims (big-endian int32), float32 values (big-endian)."""
    rank = int.from_bytes(f.read(4), "big")
    shape = [int.from_bytes(f.read(4), "big") for _ in range(rank)]
    count = int(np.prod(shape)) if shape else 1
    return torch.from_numpy(np.frombuffer(f.read(4 * count), ">f4").astype(np.float32).reshape(shape))


def trainer_order(net):
    """The supernet's tensors in the trainer's parameter order (DJL: block by block, BatchNorm gamma, beta, mean, var)."""
    tensors = []
    for module in net.modules():
        if isinstance(module, (torch.nn.Conv2d, torch.nn.Linear)):
            tensors.append(module.weight)
        elif isinstance(module, torch.nn.BatchNorm2d):
            tensors += [module.weight, module.bias, module.running_mean, module.running_var]
    return tensors


def load_trainer_weights(net, file):
    """The trainer's supernet tensors as LockstepTrace wrote them (weights.bin) copied into net."""
    with open(file, "rb") as f:
        count = int.from_bytes(f.read(4), "big")
        tensors = trainer_order(net)
        assert count == len(tensors), f"trainer has {count} tensors, PyTorch {len(tensors)}"
        for tensor in tensors:
            name = f.read(int.from_bytes(f.read(2), "big")).decode()
            value = read_array(f)
            assert tuple(value.shape) == tuple(tensor.shape), f"{name}: {tuple(value.shape)} vs {tuple(tensor.shape)}"
            with torch.no_grad():
                tensor.copy_(value)


def replay(args):
    """Takes the steps LockstepTrace wrote, from the trainer's own initial weights, alpha, batches and paths, and
    compares the two programs' losses, credits and alpha window by window (single steps part within a few steps:
    float32 gradients differ by ~1%, and the search amplifies it)."""
    import json
    import struct
    folder = args.replay
    net = Supernet()
    load_trainer_weights(net, f"{folder}/weights.bin")
    with open(f"{folder}/alpha.bin", "rb") as f:
        layers = int.from_bytes(f.read(4), "big")
        logits = []
        for _ in range(layers):
            n = int.from_bytes(f.read(4), "big")
            logits.append(struct.unpack(f">{n}d", f.read(8 * n)))
    architecture = Architecture(layers, args.alpha_lr, torch.Generator().manual_seed(0))
    with torch.no_grad():
        architecture.alpha.copy_(torch.tensor(logits))
    optimizer = weight_optimizer(net, args.lr, args.weight_decay)
    window = 100
    sums = np.zeros(4)
    with open(f"{folder}/batches.bin", "rb") as data, open(f"{folder}/steps.jsonl") as trace:
        for line in trace:
            step = json.loads(line)
            x = read_array(data)
            n = int.from_bytes(data.read(4), "big")
            y = torch.from_numpy(np.frombuffer(data.read(8 * n), ">i8").astype(np.int64))
            path = step["path"]
            loss, credit = weight_step(net, optimizer, x, y, path, step["lr"])
            if step["alphaMoved"]:
                architecture.update(path, credit)
            sums += [step["loss"], loss.item(), np.abs(step["credit"]).mean(), credit.abs().mean().item()]
            if (step["step"] + 1) % window == 0:
                p = F.softmax(architecture.alpha.detach(), 1).numpy()
                print("steps %5d: mean loss trainer %.4f PyTorch %.4f; mean |credit| trainer %.2e PyTorch %.2e; "
                      "mean top probability trainer %.4f PyTorch %.4f"
                      % (step["step"] + 1, *(sums / window), np.max(step["p"], 1).mean(), p.max(1).mean()), flush=True)
                sums[:] = 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=16)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=0.05)
    parser.add_argument("--alpha-lr", type=float, default=0.01)
    parser.add_argument("--weight-decay", type=float, default=4e-5, help="on convolution and linear weights")
    parser.add_argument("--warmup-epochs", type=int, default=2)
    parser.add_argument("--flip", action="store_true")
    split = parser.add_mutually_exclusive_group()
    split.add_argument("--trainer-data", action="store_true",
                        help="the trainer's validation split and per-epoch image order (bench/trainerstreams.py)")
    parser.add_argument("--trainer-paths", action="store_true",
                        help="the trainer's initial alpha and path draws (bench/trainerstreams.py); the initial weights "
                             "need no swap: the trainer draws them from libtorch's generator seeded alike, in the same "
                             "order, and they are bit for bit this program's (checked for seeds 42 and 7)")
    split.add_argument("--no-split", action="store_true",
                        help="train on all 60,000 images (the validation figures then measure training images)")
    parser.add_argument("--init", choices=["pytorch", "dsnas"], default="pytorch",
                        help="pytorch: PyTorch's default initialisation, as the trainer's ShuffleLayers; "
                             "dsnas: the DSNAS/SPOS code's (tinyspace.initialise)")
    parser.add_argument("--max-steps-per-epoch", type=int, default=0, help="caps each epoch, for a quick trial")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--replay", metavar="DIR", help="take the steps the trainer's LockstepTrace wrote into DIR instead")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.replay:
        replay(args)
        return
    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)

    images, labels = load(args.data, "train")
    test_images, test_labels = load(args.data, "t10k")
    order = torch.randperm(len(images), generator=generator)
    held_out = len(images) // 10
    val_images, val_labels = images[order[:held_out]], labels[order[:held_out]]
    train_images, train_labels = images[order[held_out:]], labels[order[held_out:]]
    if args.trainer_data:
        train_index, held_index = trainerstreams.hold_out(labels.tolist(), 10, 0.1, args.seed)
        val_images, val_labels = images[held_index], labels[held_index]
        train_images, train_labels = images[train_index], labels[train_index]
    if args.no_split:
        train_images, train_labels = images[order], labels[order]

    net = Supernet()
    if args.init == "dsnas":
        initialise(net)
    architecture = Architecture(len(net.layers), args.alpha_lr, generator, args.seed if args.trainer_paths else None)
    optimizer = weight_optimizer(net, args.lr, args.weight_decay)
    steps_per_epoch = len(train_images) // args.batch
    if args.max_steps_per_epoch:
        steps_per_epoch = min(steps_per_epoch, args.max_steps_per_epoch)
    total = steps_per_epoch * args.epochs
    started = time.perf_counter()
    step = 0
    for epoch in range(args.epochs):
        if epoch >= args.warmup_epochs:
            architecture.fix_decided()
        shuffled = (torch.tensor(trainerstreams.epoch_order(len(train_images), args.seed, epoch)) if args.trainer_data
                    else torch.randperm(len(train_images), generator=generator))
        for b in range(steps_per_epoch):
            index = shuffled[b * args.batch:(b + 1) * args.batch]
            x, y = train_images[index], train_labels[index]
            if args.flip:
                flips = torch.rand(len(x), generator=generator) < 0.5
                x = torch.where(flips[:, None, None, None], x.flip(3), x)
            path = architecture.sample(generator, step)
            loss, credit = weight_step(net, optimizer, x, y, path, args.lr * 0.5 * (1 + math.cos(math.pi * step / total)))
            if epoch >= args.warmup_epochs:
                architecture.update(path, credit)
            step += 1
        child = architecture.child()
        print(f"epoch {epoch + 1}/{args.epochs}: loss {loss.item():.3f}, child {child}, fixed "
              f"{sum(f is not None for f in architecture.fixed)}, validation accuracy "
              f"{accuracy(net, child, val_images, val_labels):.4f}, {time.perf_counter() - started:.0f} s", flush=True)
    child = architecture.child()
    for batches in (20, 100):
        # the trainer's DerivedChild used 20 batches until 2026-12-03 and uses 100 now: both, to show it does not matter
        recalibrate(net, child, train_images, args.batch, batches)
        print(f"child {child}, BatchNorm statistics from {batches} batches: validation {accuracy(net, child, val_images, val_labels):.4f}, "
              f"test {accuracy(net, child, test_images, test_labels):.4f}", flush=True)
    print(f"wall {time.perf_counter() - started:.0f} s, "
          f"{total * args.batch / (time.perf_counter() - started):.0f} images/s")


if __name__ == "__main__":
    main()
