#!/usr/bin/env bash
# Issue 19's batch numbers in one interleaved run, for a shared machine:
# each round runs every command once, in turn, so a load that comes and goes
# falls on all of them alike. Per command the median wall time and the median
# CPU time (user + system of the process and its children, from
# /usr/bin/time) over the rounds:
#   - glint render of the sample at 1024x1024 (default quality) against
#     f3d --output at 1024x1024 (f3d 1.3.1 needs a display: a running Xvfb);
#   - glint turntable --steps 72 at 512x512 into a folder, threaded (PNGs
#     written while the next frame renders) and GLINT_SERIAL=1, against 72
#     f3d --output calls with the camera 5 degrees further each;
#   - glint check --sweep 360 --step 1 at 512x512, threaded (the detector of
#     step N while N+1 renders) and GLINT_SERIAL=1.
# usage: bench/run_batch.sh [-n ROUNDS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3
[[ ${1:-} == -n ]] && rounds=$2
command -v f3d >/dev/null || { echo "f3d is not installed (apt-get install f3d)" >&2; exit 1; }
sample=$PWD/assets/sample/bust.obj glint=$PWD/build/glint
out=$(mktemp -d /tmp/glint-bench-batch-XXXXXX)
Xvfb :79 -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$out"' EXIT
sleep 1
results=$out/results.txt
measure() { # NAME COMMAND...: appends "NAME wall cpu"
  local name=$1; shift
  rm -rf "$out/work" && mkdir "$out/work"
  /usr/bin/time -o "$out/time" -f "%e %U %S" "$@" >/dev/null 2>"$out/err" ||
    [[ $name == check* ]] || { echo "$name failed: $(tail -3 "$out/err")" >&2; exit 1; }
  read -r wall user sys <"$out/time"
  echo "$name $wall $(python3 -c "print($user + $sys)")" >>"$results"
}
f3d_turntable() {
  for k in $(seq 0 71); do
    DISPLAY=:79 f3d "$sample" --resolution 512,512 --camera-azimuth-angle $((k * 5)) \
      --output "$out/work/f3d-$k.png" >/dev/null 2>&1
  done
  [[ -s $out/work/f3d-71.png ]]
}
export -f f3d_turntable
export sample out
for round in $(seq "$rounds"); do
  echo "round $round of $rounds (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  measure render env -u DISPLAY "$glint" render "$sample" -q --size 1024x1024 -o "$out/work/g.png"
  measure f3d-render env DISPLAY=:79 f3d "$sample" --resolution 1024,1024 --output "$out/work/f.png"
  measure turntable env -u DISPLAY "$glint" turntable "$sample" -q --steps 72 --size 512x512 \
    -o "$out/work/frames"
  measure turntable-serial env -u DISPLAY GLINT_SERIAL=1 "$glint" turntable "$sample" -q \
    --steps 72 --size 512x512 -o "$out/work/frames"
  measure f3d-turntable bash -c f3d_turntable
  measure check env -u DISPLAY "$glint" check "$sample" -q --sweep 360 --step 1 --size 512x512 \
    --report "$out/work/report.json"
  measure check-serial env -u DISPLAY GLINT_SERIAL=1 "$glint" check "$sample" -q --sweep 360 \
    --step 1 --size 512x512 --report "$out/work/report.json"
done
python3 - "$results" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, wall, cpu = line.split()
    runs[name].append((float(wall), float(cpu)))
med = {n: (statistics.median(w for w, _ in r), statistics.median(c for _, c in r)) for n, r in runs.items()}
print("| command | runs | median wall (s) | median CPU (s) | walls (s) |")
print("|---|---:|---:|---:|---|")
for n, r in runs.items():
    print(f"| {n} | {len(r)} | {med[n][0]:.2f} | {med[n][1]:.2f} | {', '.join(f'{w:.2f}' for w, _ in r)} |")
for a, b in (("render", "f3d-render"), ("turntable", "f3d-turntable"),
             ("turntable", "turntable-serial"), ("check", "check-serial")):
    print(f"{a} / {b}: wall {med[a][0] / med[b][0]:.2f}, CPU {med[a][1] / med[b][1]:.2f}")
PY
