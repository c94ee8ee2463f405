#!/usr/bin/env bash
# TENAS_DSNAS against DSNAS for the same total budget (not a test; issue 7's second figure).
#
# 1. DSNAS: examples/fashion-mnist.yaml as it is. Its device-seconds T are read from its progress file.
# 2. TENAS_DSNAS: the same manifest with strategy TENAS_DSNAS and the `tenas` block of
#    examples/fashion-mnist-tenas.yaml, and a budget of exactly T device-seconds: its pruning is paid out of
#    the same budget, so it stops (and exports its child) when T is spent, before its last steps if pruning
#    took longer than the smaller space saves.
# Prints, for both: pruning seconds, device-seconds, steps, wall time, peak RSS, and the child's validation and
# test accuracy. The DSNAS row is also the Fashion-MNIST example's end-to-end figure (issue 3).
#
# Usage: bench/tenas-vs-dsnas.sh [MAX_STEPS_PER_EPOCH]   (a quick, shortened pair; default: whole epochs)
# Needs Fashion-MNIST (apt-get install -y dataset-fashion-mnist). Run it on an otherwise idle machine: the
# pair takes about 40 minutes on 2 cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
steps="${1:-}"
work="$(mktemp -d -t kubenas-tenas-bench-XXXXXX)"
trap 'rm -rf "$work"' EXIT

# manifest STRATEGY [BUDGET_SECONDS]: the DSNAS example, optionally as TENAS_DSNAS with a budget in seconds.
manifest() {
  python3 - "$root/examples/fashion-mnist.yaml" "$root/examples/fashion-mnist-tenas.yaml" "$steps" "$@" <<'PY'
import re, sys
text, tenas_example, steps, strategy = open(sys.argv[1]).read(), open(sys.argv[2]).read(), sys.argv[3], sys.argv[4]
if steps:
    text = re.sub(r"(?m)^(    batchSize: .*)$", rf"\1\n    maxStepsPerEpoch: {steps}", text)
if strategy == "TENAS_DSNAS":
    tenas = re.search(r"(?m)^  tenas:\n(?:    .*\n)+", tenas_example).group(0)
    text = re.sub(r"(?m)^  strategy: DSNAS.*$", "  strategy: TENAS_DSNAS\n" + tenas.rstrip("\n"), text)
    text = re.sub(r"(?m)^    deviceHours: .*$", f"    deviceHours: {float(sys.argv[5]) / 3600:.6f}", text)
    text = re.sub(r"(?m)^  name: .*$", "  name: fashion-mnist-tenas-dsnas", text)
print(text, end="")
PY
}

run() { # NAME MANIFEST
  echo "running $1 (log: $work/$1.log)..." >&2
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$work/$1.time" "$root/kubenas" run "$2" --workdir "$work/$1" > "$work/$1.log" 2>&1 || {
    tail -30 "$work/$1.log" >&2; exit 1; }
  end=$(date +%s.%N)
  python3 -c "print(round($end - $start))" > "$work/$1.wall"
}

(cd "$root" && mvn -B -q -pl trainer-image -am install -DskipTests >&2)
manifest DSNAS > "$work/dsnas.yaml"
run dsnas "$work/dsnas.yaml"
total=$(python3 -c "import json; print(json.load(open('$work/dsnas/progress.json'))['budget']['deviceSecondsUsed'])")
manifest TENAS_DSNAS "$total" > "$work/tenas-dsnas.yaml"
run tenas-dsnas "$work/tenas-dsnas.yaml"

python3 - "$work" <<'PY'
import json, re, sys
work = sys.argv[1]
print(f"{'':12} {'pruning s':>9} {'device-s':>9} {'steps':>6} {'wall s':>6} {'RSS MiB':>7} {'img/s':>6} {'validation':>10} {'test':>7}  outcome, child")
for name in ("dsnas", "tenas-dsnas"):
    p = json.load(open(f"{work}/{name}/progress.json"))
    child, budget, tenas, prog = p.get("child") or {}, p.get("budget") or {}, p.get("tenas") or {}, p.get("progress") or {}
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(f"{work}/{name}.time").read()).group(1)) / 1024
    wall = open(f"{work}/{name}.wall").read().strip()
    print(f"{name:12} {tenas.get('seconds', 0):>9.1f} {budget.get('deviceSecondsUsed'):>9.1f} {prog.get('step'):>6} {wall:>6} {rss:>7.0f} "
          f"{prog.get('imagesPerSecond') or 0:>6.0f} {child.get('validationAccuracy'):>10.4f} {child.get('testAccuracy'):>7.4f}  "
          f"{p.get('outcome')}, {' '.join(child.get('ops', []))}")
PY
