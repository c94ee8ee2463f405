#!/usr/bin/env bash
# DSNAS end-to-end benchmark on Fashion-MNIST (not a test): runs a whole local search, search and child phase,
# exactly as `./kubenas run` does, once per seed, and prints what each run cost and reached:
#   wall time, device-seconds, child test accuracy (never re-initialised), images/s, peak RSS;
#   the served child's accuracy on the 10,000 test images through /v2/models/{name}/infer (bench/served-accuracy.py:
#   the figure that counts is the product's, not the trainer's own number), and its mean over the seeds;
#   the time of a supernet step against the same child network trained alone (StepTimingBenchmark), and of that
#   child's step in native PyTorch the same hour (bench/pytorch-step.py): this machine's speed varies by up to 2x
#   between days, so wall times are only comparable through that ratio.
#
# Usage, from anywhere:  bench/fashion-mnist.sh [--seeds 42,7] [--jobs N] [MANIFEST]
#   MANIFEST  default examples/fashion-mnist.yaml; bench/recipes/defaults-16.yaml is issue 16's 16-epoch recipe
#   --seeds   the training seeds, one run each (default: the manifest's own seed)
#   --jobs    runs at a time (default 1). With 2 the runs share the machine: their wall times are those of runs
#             side by side, and the output says so.
# Needs Fashion-MNIST (apt-get install -y dataset-fashion-mnist), PyYAML for --seeds (Debian python3-yaml) and,
# for the PyTorch ratio, Debian's python3-torch (run by /usr/bin/python3). Run it on an otherwise idle machine:
# every figure is a time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seeds=""; jobs=1; manifest_arg=""
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) seeds="${2:?--seeds needs a comma-separated list, e.g. 42,7}"; shift 2 ;;
    --jobs) jobs="${2:?--jobs needs a number}"; shift 2 ;;
    -h|--help) awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    *) manifest_arg="$1"; shift ;;
  esac
done
manifest="$(realpath "${manifest_arg:-$root/examples/fashion-mnist.yaml}")"
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "--jobs must be a positive number, got '$jobs'" >&2; exit 2; }
work="$(mktemp -d -t kubenas-bench-XXXXXX)"
trap 'rm -rf "$work"' EXIT

echo "building the trainer and its test classes..." >&2
(cd "$root" && mvn -B -q -pl trainer-image -am install -DskipTests >&2)
(cd "$root/trainer-image" && mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/test.classpath" >&2)

# One manifest per run: the given one, or a copy per seed that differs from it only in training.seed.
runs=()
if [ -z "$seeds" ]; then
  runs=(own); cp "$manifest" "$work/own.yaml"
else
  for seed in ${seeds//,/ }; do
    [[ "$seed" =~ ^[0-9]+$ ]] || { echo "--seeds takes whole numbers, got '$seed'" >&2; exit 2; }
    runs+=("seed-$seed")
    python3 - "$manifest" "$seed" "$work/seed-$seed.yaml" <<'PY'
import sys, yaml
source, seed, target = sys.argv[1], int(sys.argv[2]), sys.argv[3]
m = yaml.safe_load(open(source))
m.setdefault("spec", {}).setdefault("training", {})["seed"] = seed
yaml.safe_dump(m, open(target, "w"), sort_keys=False)
PY
  done
fi

# One run: the search through ./kubenas run, then its child served and asked about the test images.
run_one() {
  local name=$1 dir="$work/$1" start end
  mkdir -p "$dir"
  start=$(date +%s.%N)
  if ! /usr/bin/time -v -o "$dir/time.txt" "$root/kubenas" run "$work/$name.yaml" --workdir "$dir/run" > "$dir/run.log" 2>&1; then
    echo "run $name failed; its log ends:" > "$dir/summary.txt"; tail -30 "$dir/run.log" >> "$dir/summary.txt"; return 1
  fi
  end=$(date +%s.%N)
  python3 - "$dir/run/progress.json" "$start" "$end" "$(awk -F': ' '/Maximum resident set size/ {print $2}' "$dir/time.txt")" \
    "$name" > "$dir/summary.txt" <<'PY'
import json, sys
progress_file, start, end, rss_kib, name = sys.argv[1:]
p = json.load(open(progress_file))
child, budget, prog = p.get("child") or {}, p.get("budget") or {}, p.get("progress") or {}
print(f"run                   {name}")
print(f"outcome               {p.get('outcome')} ({p.get('message')})")
print(f"wall time             {float(end) - float(start):.0f} s (whole run: JVM start, data, search, child phase, export)")
print(f"device-seconds        {budget.get('deviceSecondsUsed')} of {budget.get('deviceSecondsLimit')} ({budget.get('used')})")
print(f"epochs / steps        {prog.get('epoch')}/{prog.get('totalEpochs')} epochs, {prog.get('step')} steps")
print(f"child                 {' '.join(child.get('ops', []))} ({child.get('parameters')} parameters)")
print(f"child accuracy        test {child.get('testAccuracy')}, validation {child.get('validationAccuracy')}")
print(f"images/s (last epoch) {prog.get('imagesPerSecond')}")
print(f"peak RSS              {int(rss_kib) / 1024:.0f} MiB")
PY
  "$root/bench/served-accuracy.py" "$dir/run/child" >> "$dir/summary.txt" 2>&1
}

echo "running $manifest: ${runs[*]}, $jobs at a time (progress bars in $work/*/run.log)..." >&2
failed=0; pids=()
for name in "${runs[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || failed=1; done
  run_one "$name" & pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done

echo "manifest              $manifest"
[ "$jobs" -gt 1 ] && [ "${#runs[@]}" -gt 1 ] && echo "note                  $jobs runs at a time on $(nproc) CPUs: wall times are those of runs side by side"
for name in "${runs[@]}"; do echo; cat "$work/$name/summary.txt"; done
[ "$failed" -eq 0 ] || exit 1
if [ "${#runs[@]}" -gt 1 ]; then
  echo
  cat "$work"/*/summary.txt | python3 -c '
import re, statistics, sys
served = [float(m.group(1)) for m in re.finditer(r"^served accuracy\s+([0-9.]+) over", sys.stdin.read(), re.M)]
each = " / ".join(f"{s:.4f}" for s in served)
print(f"served accuracy, mean {statistics.mean(served):.5f} over {len(served)} seeds ({each})")'
fi

echo
echo "timing supernet and child steps..." >&2
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
steps=$(java -Dai.djl.offline=true -cp "$root/trainer-image/target/test-classes:$root/trainer-image/target/classes:$(cat "$work/test.classpath")" \
  io.kubenas.trainer.dsnas.StepTimingBenchmark 150 2>/dev/null | grep -E '^(supernet,|path )')
echo "$steps" | sed 's/^/step timing           /'
# The same paths in native PyTorch, minutes after the trainer's: the trainer's child step over PyTorch's.
echo "$steps" | python3 -c '
import re, subprocess, sys
for line in sys.stdin:
    m = re.match(r"path \[([0-9, ]+)\].*child alone ([0-9.]+) ms", line)
    if not m:
        continue
    path = m.group(1).replace(" ", "")
    reference = subprocess.check_output(["/usr/bin/python3", "pytorch-step.py", "--path", path], cwd=sys.argv[1], text=True).strip()
    pytorch = float(re.search(r"median ([0-9.]+) ms", reference).group(1))
    print(f"same-hour ratio       path [{path}]: trainer child {m.group(2)} ms / PyTorch {pytorch} ms = {float(m.group(2)) / pytorch:.2f}")
' "$root/bench"
echo "measured              $(date -u +%Y-%m-%dT%H:%MZ) on $(hostname) ($(nproc) CPUs)"
