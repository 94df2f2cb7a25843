#!/usr/bin/env bash
# `glint turntable --steps 72` at 512x512 with the contact sheet, against the
# way f3d users script a turntable: 72 separate `f3d --output` calls, each
# with the camera turned 5 degrees further (--camera-azimuth-angle), same
# model, same size, in the same run. Median of RUNS of each, as a ratio.
# f3d 1.3.1 needs a display to render (without one it writes nothing), so it
# gets a running Xvfb; glint renders headless through EGL.
# usage: bench/run_turntable.sh [-n RUNS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3
[[ ${1:-} == -n ]] && runs=$2
cmake --build build --target glint >/dev/null
command -v f3d >/dev/null || { apt-get install -y -qq --no-install-recommends f3d >/dev/null; }
sample=assets/sample/bust.obj
out=$(mktemp -d /tmp/glint-bench-turntable-XXXXXX)
Xvfb :78 -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$out"' EXIT
sleep 1
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N)
  python3 -c "print($end - $start)"; }
f3d_turntable() {
  for k in $(seq 0 71); do
    DISPLAY=:78 f3d "$sample" --resolution 512,512 --camera-azimuth-angle $((k * 5)) \
      --output "$out/f3d-$k.png" >/dev/null 2>&1
  done
}
glint_times=() f3d_times=()
for run in $(seq "$runs"); do
  glint_times+=("$(seconds env -u DISPLAY build/glint turntable "$sample" -q --steps 72 \
    --size 512x512 -o "$out/sheet.png" --overwrite)")
  f3d_times+=("$(seconds f3d_turntable)")
done
[[ -s $out/f3d-71.png ]] || { echo "f3d wrote no frames" >&2; exit 1; }
python3 - "${glint_times[*]}" "${f3d_times[*]}" <<'PY'
import statistics, sys
glint = statistics.median(float(x) for x in sys.argv[1].split())
f3d = statistics.median(float(x) for x in sys.argv[2].split())
print(f"glint turntable --steps 72 (512x512, sheet): {glint:.2f} s")
print(f"72 x f3d --output (512x512):                {f3d:.2f} s")
print(f"f3d / glint: {f3d / glint:.1f}x")
PY
