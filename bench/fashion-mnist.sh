#!/usr/bin/env bash
# DSNAS end-to-end benchmark on Fashion-MNIST (not a test): runs a whole local search, search and child phase,
# exactly as `./kubenas run` does, and prints what it cost and what it reached:
#   wall time, device-seconds, child test accuracy (never re-initialised), images/s, peak RSS;
#   the served child's accuracy on the 10,000 test images through /v2/models/{name}/infer (bench/served-accuracy.py:
#   the figure that counts is the product's, not the trainer's own number);
#   the time of a supernet step against the same child network trained alone (StepTimingBenchmark), and of that
#   child's step in native PyTorch the same hour (bench/pytorch-step.py): this machine's speed varies by up to 2x
#   between days, so wall times are only comparable through that ratio.
#
# Usage, from anywhere:  bench/fashion-mnist.sh [MANIFEST]   (default examples/fashion-mnist.yaml)
# Needs Fashion-MNIST (apt-get install -y dataset-fashion-mnist) and, for the PyTorch ratio, Debian's
# python3-torch (run by /usr/bin/python3). Run it on an otherwise idle machine: every figure is a time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
manifest="$(realpath "${1:-$root/examples/fashion-mnist.yaml}")"
work="$(mktemp -d -t kubenas-bench-XXXXXX)"
trap 'rm -rf "$work"' EXIT

echo "building the trainer and its test classes..." >&2
(cd "$root" && mvn -B -q -pl trainer-image -am install -DskipTests >&2)
(cd "$root/trainer-image" && mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/test.classpath" >&2)

echo "running $manifest (the progress bar is in $work/run.log)..." >&2
start=$(date +%s.%N)
/usr/bin/time -v -o "$work/time.txt" "$root/kubenas" run "$manifest" --workdir "$work/run" > "$work/run.log" 2>&1 || {
  tail -30 "$work/run.log" >&2; exit 1; }
end=$(date +%s.%N)
rss_kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")

echo "serving the child and classifying the test images through /v2 infer..." >&2
served=$("$root/bench/served-accuracy.py" "$work/run/child")

echo "timing supernet and child steps..." >&2
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
steps=$(java -Dai.djl.offline=true -cp "$root/trainer-image/target/test-classes:$root/trainer-image/target/classes:$(cat "$work/test.classpath")" \
  io.kubenas.trainer.dsnas.StepTimingBenchmark 150 2>/dev/null | grep -E '^(supernet,|path )')

python3 - "$work/run/progress.json" "$start" "$end" "$rss_kib" "$manifest" <<'PY'
import json, sys
progress_file, start, end, rss_kib, manifest = sys.argv[1:]
p = json.load(open(progress_file))
child, budget, prog = p.get("child") or {}, p.get("budget") or {}, p.get("progress") or {}
print(f"manifest              {manifest}")
print(f"outcome               {p.get('outcome')} ({p.get('message')})")
print(f"wall time             {float(end) - float(start):.0f} s (whole run: JVM start, data, search, child phase, export)")
print(f"device-seconds        {budget.get('deviceSecondsUsed')} of {budget.get('deviceSecondsLimit')} ({budget.get('used')})")
print(f"epochs / steps        {prog.get('epoch')}/{prog.get('totalEpochs')} epochs, {prog.get('step')} steps")
print(f"child                 {' '.join(child.get('ops', []))} ({child.get('parameters')} parameters)")
print(f"child accuracy        test {child.get('testAccuracy')}, validation {child.get('validationAccuracy')}")
print(f"images/s (last epoch) {prog.get('imagesPerSecond')}")
print(f"peak RSS              {int(rss_kib) / 1024:.0f} MiB")
PY
echo "$served"
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
