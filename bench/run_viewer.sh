#!/usr/bin/env bash
# The viewer's frame time at 1280x720 (issue 6's measure): the sample bust in
# the shaded view with shadows and 4x MSAA, in compare mode (3 viewports), and
# with the live detector on, in the desk room (W: its light and the model's
# occlusion are made in the start-up frames), the turntable turning, vsync off. Each is a
# `glint view --script` run under Xvfb with --stats, which prints the median
# frame time of the frames after the first 10 (start-up); FRAMES per run.
# Each run reports three medians: every frame, the interactive ones (drawn
# cheaply while the turntable turns: docs/viewer.md, "On a software
# renderer") and those at rest, and the CPU seconds of the run (user + system,
# every thread, Xvfb's included: steadier than wall time on a shared machine).
# The detector's line says how many analyses it made and how far the
# turntable turned meanwhile (it waits for the detector's steps). The two
# `rest` runs stop the turntable after 20 frames and say how long after the
# last motion full quality was back ("full quality back ... median N ms").
# -f draws every frame at full quality (`set interactive off`): the frames as
# they were before the cheap path. -b GLINT runs that binary (an older build,
# for a before/after in one run) instead of building BUILD_DIR's.
# usage: bench/run_viewer.sh [-n FRAMES] [-f] [-b GLINT] [BUILD_DIR]   (default 60, build)
set -euo pipefail
cd "$(dirname "$0")/.."
frames=60
[[ ${1:-} == -n ]] && { frames=$2; shift 2; }
full=()
[[ ${1:-} == -f ]] && { full=("set interactive off"); shift; }
glint=
[[ ${1:-} == -b ]] && { glint=$2; shift 2; }
build=${1:-build}
if [[ -z $glint ]]; then
  cmake --build "$build" --target glint >/dev/null
  glint=$build/glint
fi
work=$(mktemp -d /tmp/glint-bench-viewer-XXXXXX)
trap 'rm -rf "$work"' EXIT
run() { # NAME SETTINGS...
  local name=$1
  shift
  { printf '%s\n' "${full[@]}" "$@"; echo "wait $frames"; echo quit; } >"$work/$name.txt"
  /usr/bin/time -f "%U %S" -o "$work/$name.time" \
    xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" "$glint" view --size 1280x720 \
    --no-vsync --stats --script "$work/$name.txt" >"$work/$name.log"
  grep -E 'frames at|interactive median|at rest median|live detector' "$work/$name.log" |
    sed "s/^glint view:/$(printf '%-9s' "$name")/"
  awk -v n="$name" '{ printf "%-9s CPU %.2f s (user + system)\n", n, $1 + $2 }' "$work/$name.time"
}
echo "$(nproc) cores, $(uptime | sed 's/.*load average/load average/')"
run shaded "set turntable on"
run compare "set turntable on" "set compare 3"
run detector "set turntable on" "set detector on"
run desk "set turntable on" "key W"
run rest "set turntable on" "wait 20" "set turntable off"
run rest3 "set turntable on" "set compare 3" "wait 20" "set turntable off"
