#!/usr/bin/env bash
# Issue 19, item 4: glint's numbers on the device machine's GPU, in one run
# that fits its lease. Here, first: bench/device/pack.sh. Then, with the
# device tool, from the repository's root there:
#   run(command="bash bench/device/run.sh", carry=[".gpu"], timeout_s=540)
# It writes $OUT/gpu.log (also printed) and $OUT/render-gpu.png:
#   - the GPU, and the context glint made: it must be an EGL device, not
#     Mesa's software one or surfaceless (the log says NOT ON THE GPU then);
#   - the render of the sample at 1024x1024 against .gpu's llvmpipe reference
#     (glint_imgtool compare, the baselines' limits);
#   - medians: `glint render` 1024x1024 (7 runs after a warm-up), the frame
#     loop at 1280x720 (the viewer's frame, headless: shadow map, G-buffer,
#     lighting, tone map, glFinish) on the sample in the dark and desk rooms
#     and on a 1M-triangle torus, `turntable --steps 24 --size 512x512`
#     (3 runs), `check --sweep 360 --step 1 --size 512x512` (once, and once
#     with GLINT_SERIAL=1).
# Each step is bounded by `timeout`, so one that hangs costs its bound, not
# the lease. SECONDS at the end says what the run took.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
pack=$PWD/.gpu
out=${OUT:-/tmp/glint-gpu}
mkdir -p "$out"
log=$out/gpu.log
work=$(mktemp -d /tmp/glint-gpu-XXXXXX)
say() { echo "$*" | tee -a "$log"; }
[[ -x $pack/bin/glint ]] || { say "no .gpu/bin/glint: run bench/device/pack.sh here and carry .gpu"; exit 2; }
for deb in "$pack"/deb/*.deb; do dpkg -x "$deb" /; done
ldconfig
export LD_LIBRARY_PATH=$pack/lib
vendor=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
[[ -f $vendor ]] && export __EGL_VENDOR_LIBRARY_FILENAMES=$vendor
unset DISPLAY
bin=$pack/bin sample=$PWD/assets/sample/bust.obj

say "== machine: $(nproc) cores; $(nvidia-smi -L 2>/dev/null | head -1 || echo 'no nvidia-smi')"
timeout 60 "$bin/glint" render "$sample" -v --size 1024x1024 -o "$out/render-gpu.png" \
  --overwrite >"$work/first" 2>&1
say "first render: exit $? (cold caches)"
context=$(grep -E 'EGL|OpenGL' "$work/first" | head -2)
say "context: ${context:-none: $(tail -2 "$work/first")}"
if [[ $context != *"EGL device"* ]]; then
  say "NOT ON THE GPU: glint did not make its context on an EGL hardware device"
fi
timeout 30 "$bin/glint_imgtool" compare "$out/render-gpu.png" "$pack/reference-llvmpipe.png" \
  --max-mean 1 --max-p999 8 2>&1 | sed 's/^/against llvmpipe: /' | tee -a "$log"

middle() { printf '%s\n' "$@" | sort -g | sed -n "$((($# + 1) / 2))p"; } # VALUES...: the median

median() { # NAME RUNS COMMAND...: the median wall and CPU seconds over RUNS runs
  local name=$1 runs=$2 walls=() cpus=()
  shift 2
  for ((k = 0; k < runs; ++k)); do
    local times
    local code=0
    times=$( { TIMEFORMAT='%R %U %S'; time timeout 300 "$@" >/dev/null 2>"$work/err"; } 2>&1 ) ||
      code=$?
    # A check that flags highlights exits 1: a verdict, not a failure.
    if [[ $code != 0 && ! ($code == 1 && $name == check*) ]]; then
      say "$name: exit $code: $(tail -2 "$work/err")"
      return
    fi
    read -r wall user sys <<<"$(tail -1 <<<"$times")"
    walls+=("$wall") cpus+=("$(python3 -c "print(round($user + $sys, 3))")")
  done
  say "$name: median wall $(middle "${walls[@]}") s, CPU $(middle "${cpus[@]}") s (walls ${walls[*]})"
}

say "== glint render, 1024x1024, the sample"
median "render 1024x1024" 7 "$bin/glint" render "$sample" -q --size 1024x1024 \
  -o "$work/r.png" --overwrite

say "== the frame loop at 1280x720 (bench/render_loop.c; median frame)"
timeout 120 "$bin/glint_render_loop" "$sample" 1280x720 120 | tee -a "$log"
timeout 120 "$bin/glint_render_loop" "$sample" 1280x720 120 from-file desk | tee -a "$log"
timeout 120 "$bin/glint_gen_big_mesh" "$work/big" >/dev/null &&
  timeout 120 "$bin/glint_render_loop" "$work/big/bumpy_torus.obj" 1280x720 60 | tee -a "$log"

say "== turntable, 24 frames at 512x512 into a folder"
median "turntable 24" 3 "$bin/glint" turntable "$sample" -q --steps 24 --size 512x512 \
  -o "$work/frames" --overwrite

say "== check, 360 steps of 1 degree at 512x512"
median "check 360" 1 "$bin/glint" check "$sample" -q --sweep 360 --step 1 --size 512x512 \
  --report "$work/report.json" --overwrite
median "check 360, GLINT_SERIAL=1" 1 env GLINT_SERIAL=1 "$bin/glint" check "$sample" -q \
  --sweep 360 --step 1 --size 512x512 --report "$work/report-serial.json" --overwrite
python3 - "$work/report.json" "$work/report-serial.json" <<'PY' | tee -a "$log"
import json, sys
try:
    report, serial = (json.load(open(path)) for path in sys.argv[1:3])
    same = all(report[k] == serial[k] for k in ("verdict", "ranges", "fails"))
    print("check threaded against serial:", "same verdict and ranges" if same else "DIFFERENT")
    print("check:", report["verdict"], "|", report["summary"]["text"])
    print("check ranges:", json.dumps(report["ranges"]))
except Exception as error:
    print("check report unreadable:", error)
PY
say "== done in $SECONDS s"
rm -rf "$work"
