"""The trainer's random streams in Python, draw for draw, so that bench/pytorch-dsnas.py can swap one of its own streams
for the trainer's and see whether the accuracy follows (docs/benchmarks.md, "Second seed, and the two programs step by
step"). Each function mirrors one Java class; none is used by the product.

- SplitMix64: io.kubenas.trainer.random.SplitMix64 (mix, nextLong, nextInt, nextDouble, nextGaussian, shuffle);
- hold_out: DatasetLoader.holdOut (stratified validation split, both parts in the original order);
- epoch_order: BatchLoader.epochOrder (the training images' order in an epoch);
- path: PathSampler.sampleForStep (one candidate per layer from softmax(alpha), fixed layers keep theirs);
- initial_alpha: ArchitectureParameters.initial (logits N(1, 0.01^2)).
"""
import math

MASK = (1 << 64) - 1
GOLDEN_GAMMA = 0x9E3779B97F4A7C15
SPLIT_STREAM = 0x5EED0001  # DatasetLoader
SHUFFLE_STREAM = 0x5EED0002  # BatchLoader
ARCHITECTURE_INIT = 1  # SearchStreams
PATH_SAMPLING = 2


def _finalizer(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def _signed(v):
    return v - (1 << 64) if v >> 63 else v


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    @staticmethod
    def mix(*parts):
        h = 0x6A09E667F3BCC909
        for p in parts:
            h = _finalizer(h ^ _finalizer((p + GOLDEN_GAMMA) & MASK))
        return h

    def next_long(self):
        """Unsigned 64 bits (Java's long, read as unsigned)."""
        self.state = (self.state + GOLDEN_GAMMA) & MASK
        return _finalizer(self.state)

    def next_int(self, bound):
        u = self.next_long() >> 1
        r = u % bound
        while u - r + (bound - 1) >= (1 << 63):  # Java's overflow test on a signed long
            u = self.next_long() >> 1
            r = u % bound
        return r

    def next_double(self):
        return (self.next_long() >> 11) * 2.0 ** -53

    def next_gaussian(self):
        u1 = 1.0 - self.next_double()
        u2 = self.next_double()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def shuffle(self, values):
        for i in range(len(values) - 1, 0, -1):
            j = self.next_int(i + 1)
            values[i], values[j] = values[j], values[i]


def hold_out(labels, classes, fraction, seed):
    """(train indices, validation indices) of the images whose labels are given, as the trainer splits them."""
    held = [False] * len(labels)
    for c in range(classes):
        members = [i for i, label in enumerate(labels) if label == c]
        SplitMix64(SplitMix64.mix(seed, SPLIT_STREAM, c)).shuffle(members)
        # Java's Math.round rounds halves up
        for i in members[:int(math.floor(len(members) * fraction + 0.5))]:
            held[i] = True
    return [i for i in range(len(labels)) if not held[i]], [i for i in range(len(labels)) if held[i]]


def epoch_order(count, seed, epoch):
    order = list(range(count))
    SplitMix64(SplitMix64.mix(seed, SHUFFLE_STREAM, epoch)).shuffle(order)
    return order


def path(probabilities, fixed, seed, step):
    """probabilities: per layer the softmax of its alpha row; fixed: per layer the fixed candidate or None."""
    random = SplitMix64(SplitMix64.mix(seed, PATH_SAMPLING, step))
    chosen = []
    for row, f in zip(probabilities, fixed):
        u = random.next_double()  # drawn for fixed layers too, as the trainer does
        if f is not None:
            chosen.append(f)
            continue
        c, cumulative = 0, row[0]
        while u >= cumulative and c < len(row) - 1:
            c += 1
            cumulative += row[c]
        chosen.append(c)
    return chosen


def initial_alpha(layers, candidates, seed):
    random = SplitMix64(SplitMix64.mix(seed, ARCHITECTURE_INIT))
    return [[1.0 + 0.01 * random.next_gaussian() for _ in range(candidates)] for _ in range(layers)]
