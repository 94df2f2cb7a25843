#!/usr/bin/env bash
# The render benchmark for docs/PERFORMANCE.md, in one run:
#  1. frames per second of the headless render loop (bench/render_loop.c) at
#     1280x720 on the sample bust and on the 1M-triangle OBJ of bench/run_load.sh;
#  2. one whole `glint render` of the sample at 1280x720 against
#     `f3d --output` of the same file at the same size, median of RUNS after a
#     warm-up, as a ratio. f3d 1.3.1 needs a display to render (without one it
#     writes nothing and still exits 0), so it gets a running Xvfb; glint
#     renders headless through EGL. Xvfb's start-up is not in f3d's time.
# usage: bench/run_render.sh [-n RUNS]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5
[[ ${1:-} == -n ]] && runs=$2
cmake --build build --target glint glint_render_loop glint_gen_big_mesh >/dev/null
data=build/bench-data
[[ -f $data/bumpy_torus.obj ]] || build/bench/glint_gen_big_mesh "$data" >/dev/null
command -v f3d >/dev/null || { apt-get install -y -qq --no-install-recommends f3d >/dev/null; }
results=build/bench-results
mkdir -p "$results"
out=$(mktemp -d /tmp/glint-bench-render-XXXXXX)
Xvfb :77 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$out"' EXIT
sleep 1

echo "== frame loop (1280x720, 4x MSAA, shadows, tone map; median frame)"
build/bench/glint_render_loop assets/sample/bust.obj 1280x720 60 | tee "$results/render-loop.jsonl"
build/bench/glint_render_loop "$data/bumpy_torus.obj" 1280x720 20 | tee -a "$results/render-loop.jsonl"

echo "== single shot at 1280x720 (whole process, median of $runs)"
env -u DISPLAY python3 bench/measure.py -n "$runs" --json --label glint -- \
  build/glint render assets/sample/bust.obj -q --size 1280x720 -o "$out/glint.png" --overwrite \
  >"$results/render-glint.json"
DISPLAY=:77 python3 bench/measure.py -n "$runs" --json --label f3d -- \
  f3d --dry-run --output="$out/f3d.png" --resolution=1280,720 assets/sample/bust.obj \
  >"$results/render-f3d.json"
[[ -s $out/glint.png && -s $out/f3d.png ]] || { echo "run_render: a tool wrote no image" >&2; exit 1; }
python3 - "$results/render-glint.json" "$results/render-f3d.json" <<'PY'
import json, sys
g, f = (json.load(open(p)) for p in sys.argv[1:3])
print("| tool | median wall (s) | median CPU (s) | peak RSS (MiB) |")
print("|---|---:|---:|---:|")
for r in (g, f):
    print(f"| {r['label']} | {r['median_wall_s']:.3f} | {r['median_cpu_s']:.3f} | {r['median_peak_rss_mib']:.1f} |")
print(f"glint / f3d wall time: {g['median_wall_s'] / f['median_wall_s']:.2f}")
PY
