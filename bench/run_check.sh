#!/usr/bin/env bash
# The detector benchmark for docs/PERFORMANCE.md: `glint check` on the sample
# bust, milliseconds a step split by stage (render + readback of the analysis
# buffers, the CPU display transform, the detector) as the report's timing
# gives them, at 512x512 and 1024x1024, median of RUNS; then the target run,
# a 360-degree sweep at 1-degree steps at 512x512, timed all in (start-up,
# model load, 362 renders, detector, report). f3d has no counterpart.
# usage: bench/run_check.sh [-n RUNS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3
[[ ${1:-} == -n ]] && runs=$2
cmake --build build --target glint >/dev/null
out=$(mktemp -d /tmp/glint-bench-check-XXXXXX)
trap 'rm -rf "$out"' EXIT
sample=assets/sample/bust.obj
for size in 512 1024; do
  for run in $(seq "$runs"); do
    env -u DISPLAY build/glint check "$sample" -q --size "${size}x$size" --sweep 20 --step 1 \
      --report "$out/$size-$run.json" >/dev/null || true
  done
  python3 - "$size" "$out"/"$size"-*.json <<'PY'
import json, statistics, sys
size, reports = sys.argv[1], sys.argv[2:]
timing = [json.load(open(r))["timing"] for r in reports]
stages = ("render_ms_per_step", "display_ms_per_step", "detect_ms_per_step")
med = {s: statistics.median(t[s] for t in timing) for s in stages}
total = sum(med.values())
print(f"{size}x{size}: render+readback {med[stages[0]]:.1f} ms, display {med[stages[1]]:.1f} ms, "
      f"detector {med[stages[2]]:.1f} ms, total {total:.1f} ms a step "
      f"(median of {len(reports)} runs of 21 steps + 2 neighbours)")
PY
done
start=$(date +%s.%N)
env -u DISPLAY build/glint check "$sample" -q --size 512x512 --step 1 --report "$out/full.json" \
  >/dev/null || true
end=$(date +%s.%N)
python3 -c "print(f'360 steps of 1 degree at 512x512, all in: {$end - $start:.1f} s')"
