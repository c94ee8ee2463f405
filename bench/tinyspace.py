"""The `tiny` search space (docs/algorithms.md §1.2) in native PyTorch, for the reference benchmarks.

The same network as the trainer's Supernet / ChildNetwork: stem 3x3 conv 16, two stages of four ShuffleNetV2
units (32 and 64 channels, the first of each stride 2), tail 1x1 conv 128, global pool, linear. Candidate
indexes follow the CRD's order: 0 shuffle3x3, 1 shuffle5x5, 2 shuffle7x7, 3 xception.
"""
import torch
import torch.nn as nn

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


def channels(count, width):
    """A channel count scaled by width, even and at least 2 (the trainer's PrunableSupernet.scale)."""
    return max(2, int(count * width / 2 + 0.5) * 2)  # Java Math.round rounds halves up, Python round to even


def shapes(width=1.0):
    """(input channels, output channels, stride) of the eight choice layers of the `tiny` preset."""
    result, cin = [], channels(16, width)
    for out in (32, 64):
        for i in range(4):
            result.append((cin, max(channels(out, width), cin + 2) if i == 0 else cin, 2 if i == 0 else 1))
            cin = result[-1][1]
    return result


def stem(width=1.0):
    return nn.Sequential(nn.Conv2d(1, channels(16, width), 3, 1, 1, bias=False), bn(channels(16, width)), nn.ReLU())


def tail(width=1.0, classes=10):
    last, out = channels(64, width), channels(128, width)
    return nn.Sequential(pw(last, out), bn(out), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                         nn.Linear(out, classes, bias=False))


def child(path):
    """The child network of a path (one candidate index per layer), as a plain Sequential."""
    layers = [Unit(c, cin, cout, stride) for c, (cin, cout, stride) in zip(path, shapes())]
    return nn.Sequential(*stem(), *layers, *tail())


class Supernet(nn.Module):
    """Every candidate of every layer; forward runs one path and scales each layer's output by its gate Z."""

    def __init__(self, width=1.0):
        super().__init__()
        self.stem = stem(width)
        self.layers = nn.ModuleList(nn.ModuleList(Unit(c, cin, cout, stride) for c in range(len(KERNELS)))
                                    for cin, cout, stride in shapes(width))
        self.tail = tail(width)

    def forward(self, x, path, gates=None):
        x = self.stem(x)
        for i, (layer, c) in enumerate(zip(self.layers, path)):
            x = layer[c](x)
            if gates is not None:
                x = x * gates[i]
        return self.tail(x)

    def forward_mean(self, x, active):
        """TE-NAS's pruning network: each layer outputs the mean of its active candidates (active[i] lists them)."""
        x = self.stem(x)
        for layer, candidates in zip(self.layers, active):
            x = sum(layer[c](x) for c in candidates) / len(candidates)
        return self.tail(x)


def initialise(net):
    """The DSNAS/SPOS code's initialisation (docs/algorithms.md §1): conv N(0, 1/shape[1]), first conv and
    linear N(0, 0.01), BatchNorm gamma 1 and beta 1e-4. Not the trainer's since the one-factor runs of
    docs/benchmarks.md: it uses PyTorch's defaults (what a freshly built module has)."""
    convs = [m for m in net.modules() if isinstance(m, nn.Conv2d)]
    for m in net.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.normal_(m.weight, 0, 0.01 if m is convs[0] else 1.0 / m.weight.shape[1])
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.ones_(m.weight)
            nn.init.constant_(m.bias, 1e-4)
        elif isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, 0, 0.01)


