#!/usr/bin/python3
"""Is the search worth it? (a benchmark, not a test; issue 16 item 4)

Runs a search recipe (default examples/fashion-mnist.yaml) through `./kubenas run`, then trains, from scratch and
with the same recipe and the same total number of training images as the whole search (search and child phase):

- the hand-picked uniform architectures: every layer shuffle3x3, every layer xception;
- N architectures drawn uniformly from the same space (default 5, drawn with --draw-seed);
- the searched child's own architecture (the "retrain" of a two-stage method: search, then train the found
  architecture from scratch).

Every run uses each seed of --seeds. A fixed architecture is the recipe with strategy FIXED (no search), its search
space replaced by explicit layers of the same shapes (read from the searched child's architecture.json), one
candidate each, and its epochs and child epochs merged into one phase, so the learning-rate schedule and the images
are the search's. Prints one Markdown table (test accuracy per seed and mean, parameters, multiply-accumulates per
image (the trainer's FLOPs line), images) and the one-stage vs two-stage compute at the accuracy each reached. Work dirs and logs are kept under --out: an interrupted benchmark resumes where it
stopped (finished runs are read back, an unfinished one resumes from its checkpoint).

Needs Fashion-MNIST (apt-get install -y dataset-fashion-mnist) and PyYAML (Debian python3-yaml). Run it on an
otherwise idle machine: each run of the example takes about as long as the example. --jobs runs that many at once
(the trainer leaves one processor to the JVM, so on 2 cores two runs side by side each keep the speed of one).
  bench/search-vs-random.py [--recipe examples/fashion-mnist.yaml] [--seeds 42 7] [--random 5] [--draw-seed 2026]
                            [--jobs 1] [--out .kubenas/search-vs-random]
"""
import argparse
import concurrent.futures
import copy
import datetime
import json
import os
import platform
import random
import re
import subprocess
import sys
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
UNIFORM = ("shuffle3x3", "xception")


def run(manifest, name, workdir, log):
    """`kubenas run` of a manifest (skipped when its work dir already holds the finished run); its summary."""
    progress_file = os.path.join(workdir, "progress.json")
    if not finished(progress_file):
        path = os.path.join(os.path.dirname(workdir), name + ".yaml")
        with open(path, "w") as f:
            yaml.safe_dump(manifest, f, sort_keys=False)
        print(f"  running {name} (log {log})", file=sys.stderr, flush=True)
        started = time.time()
        with open(log, "a") as out:
            code = subprocess.call([os.path.join(ROOT, "kubenas"), "run", path, "--workdir", workdir],
                                   stdout=out, stderr=subprocess.STDOUT)
        if code != 0 or not finished(progress_file):
            sys.exit(f"{name}: kubenas run exited {code}; see {log}")
        with open(os.path.join(workdir, "wall-seconds"), "w") as f:
            f.write(f"{time.time() - started:.0f}\n")
    progress = json.load(open(progress_file))
    flops = None
    for line in open(log):
        match = re.match(r"FLOPs:\s+(\d+)", line)
        if match:
            flops = int(match.group(1))
    wall_file = os.path.join(workdir, "wall-seconds")
    return {
        "ops": progress["child"]["ops"],
        "parameters": progress["child"]["parameters"],
        "test": progress["child"]["testAccuracy"],
        "flops": flops,
        "steps": progress["progress"]["step"],
        "wall": int(open(wall_file).read()) if os.path.exists(wall_file) else None,
    }


def wall(runs):
    """Mean wall time of the runs this benchmark timed (a run read back from an earlier benchmark may have none)."""
    timed = [r["wall"] for r in runs if r["wall"] is not None]
    return f"{sum(timed) / len(timed) / 60:.0f} min" if timed else "not timed"


def finished(progress_file):
    if not os.path.exists(progress_file):
        return False
    progress = json.load(open(progress_file))
    return (progress.get("child") or {}).get("testAccuracy") is not None


def benchmark_copy(recipe, name, seed):
    """The recipe as every run of this benchmark takes it: its own name and seed, trained to the end (the comparison
    is at equal images: no target, a budget that is never the limit), nothing served."""
    manifest = copy.deepcopy(recipe)
    manifest["metadata"] = {"name": name}
    spec = manifest["spec"]
    spec.setdefault("training", {})["seed"] = seed
    spec.pop("target", None)
    spec.setdefault("budget", {})["deviceHours"] = 24
    spec["serving"] = {"enabled": False}
    return manifest


def fixed(recipe, name, ops, layers, seed):
    """The recipe training one architecture from scratch: same data, schedule and images, one candidate per layer."""
    manifest = benchmark_copy(recipe, name, seed)
    spec = manifest["spec"]
    space = layers["space"]
    spec["searchSpace"] = {
        "stemChannels": space["stemChannels"],
        "tailChannels": space["tailChannels"],
        "layers": [{"outChannels": layer["outChannels"], "stride": layer["stride"], "candidates": [op]}
                   for layer, op in zip(space["layers"], ops)],
    }
    training = spec["training"]
    training["epochs"] = training.get("epochs", 10) + training.get("childEpochs", 0)
    training["childEpochs"] = 0
    training["warmupEpochs"] = 0
    spec.pop("tenas", None)
    spec["strategy"] = "FIXED"
    return manifest


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--recipe", default=os.path.join(ROOT, "examples", "fashion-mnist.yaml"))
    parser.add_argument("--seeds", type=int, nargs="+", default=[42, 7])
    parser.add_argument("--random", type=int, default=5, help="architectures drawn uniformly from the space")
    parser.add_argument("--draw-seed", type=int, default=2026)
    parser.add_argument("--jobs", type=int, default=1, help="runs at once")
    parser.add_argument("--out", default=os.path.join(ROOT, ".kubenas", "search-vs-random"))
    args = parser.parse_args()
    recipe = yaml.safe_load(open(args.recipe))
    os.makedirs(args.out, exist_ok=True)
    print(f"# search vs random, {datetime.date.today()}, {platform.node()} ({os.cpu_count()} CPUs), "
          f"recipe {os.path.relpath(args.recipe, ROOT)}, seeds {args.seeds}", flush=True)

    # The launcher builds the trainer when its sources are newer: once, here, not in two runs at once.
    subprocess.check_call([os.path.join(ROOT, "kubenas"), "--help"], stdout=subprocess.DEVNULL)
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs)

    def go_all(runs):
        """{key: (manifest, name)} -> {key: result}, run args.jobs at a time."""
        futures = {key: pool.submit(run, manifest, name, os.path.join(args.out, name), os.path.join(args.out, name + ".log"))
                   for key, (manifest, name) in runs.items()}
        return {key: future.result() for key, future in futures.items()}

    results = {}  # row label -> {seed: result}
    search_runs = go_all({seed: (benchmark_copy(recipe, f"searched-s{seed}", seed), f"searched-s{seed}") for seed in args.seeds})
    results["searched (one stage)"] = search_runs
    first = os.path.join(args.out, f"searched-s{args.seeds[0]}", "child", "architecture.json")
    layers = json.load(open(first))
    candidates = [layer["candidates"] for layer in layers["space"]["layers"]]

    architectures = [(f"all {op}", [op] * len(candidates)) for op in UNIFORM]
    draw = random.Random(args.draw_seed)
    architectures += [(f"random {i + 1}", [draw.choice(c) for c in candidates]) for i in range(args.random)]
    architectures += [("searched child retrained from scratch", None)]
    runs = {}
    for label, ops in architectures:
        slug = "retrain" if ops is None else re.sub(r"[^a-z0-9]+", "-", label)
        for seed in args.seeds:
            seed_ops = search_runs[seed]["ops"] if ops is None else ops
            runs[(label, seed)] = (fixed(recipe, f"{slug}-s{seed}", seed_ops, layers, seed), f"{slug}-s{seed}")
    done = go_all(runs)
    for label, _ in architectures:
        results[label] = {seed: done[(label, seed)] for seed in args.seeds}
    retrained = results["searched child retrained from scratch"]

    batch = recipe["spec"].get("training", {}).get("batchSize", 64)
    print()
    print("| architecture | " + " | ".join(f"test, seed {s}" for s in args.seeds) +
          " | mean | parameters | multiply-accumulates per image | images per run | wall per run |")
    print("|---|" + "---|" * (len(args.seeds) + 5))
    for label, by_seed in results.items():
        runs = [by_seed[s] for s in args.seeds]
        ops = {" ".join(r["ops"]) for r in runs}
        name = label if len(ops) > 1 or label.startswith("all ") else f"{label}: {ops.pop()}"
        mean = sum(r["test"] for r in runs) / len(runs)
        print(f"| {name} | " + " | ".join(f"{100 * r['test']:.2f}%" for r in runs) +
              f" | **{100 * mean:.2f}%** | {'/'.join(str(p) for p in sorted({r['parameters'] for r in runs}))} | "
              f"{'/'.join(str(f) for f in sorted({r['flops'] for r in runs if r['flops']}))} | "
              f"{runs[0]['steps'] * batch:,} | {wall(runs)} |")
    training = recipe["spec"].get("training", {})
    search_share = training.get("epochs", 10) / (training.get("epochs", 10) + training.get("childEpochs", 0))
    one = sum(r["test"] for r in search_runs.values()) / len(search_runs)
    two = sum(r["test"] for r in retrained.values()) / len(retrained)
    images = search_runs[args.seeds[0]]["steps"] * batch
    print()
    print(f"one stage (search + child phase, never re-initialised): {images:,} images, mean test {100 * one:.2f}%")
    print(f"two stages (the same search, then the child retrained from scratch): {images * search_share:,.0f} + "
          f"{images:,} = {images * (1 + search_share):,.0f} images, mean test {100 * two:.2f}%")


if __name__ == "__main__":
    main()
