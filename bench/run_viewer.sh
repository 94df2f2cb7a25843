#!/usr/bin/env bash
# The viewer's frame time at 1280x720 (issue 6's measure): the sample bust in
# the shaded view with shadows and 4x MSAA, in compare mode (3 viewports), and
# with the live detector on, in the desk room (W: its light and the model's
# occlusion are made in the start-up frames), the turntable turning, vsync off. Each is a
# `glint view --script` run under Xvfb with --stats, which prints the median
# frame time of the frames after the first 10 (start-up); FRAMES per run.
# Each run reports three medians: every frame, the interactive ones (drawn
# cheaply while the turntable turns: docs/viewer.md, "On a software
# renderer") and those at rest. -f draws every frame at full quality
# (`set interactive off`): the frames as they were before the cheap path.
# usage: bench/run_viewer.sh [-n FRAMES] [-f] [BUILD_DIR]   (default 60, build)
set -euo pipefail
cd "$(dirname "$0")/.."
frames=60
[[ ${1:-} == -n ]] && { frames=$2; shift 2; }
full=()
[[ ${1:-} == -f ]] && { full=("set interactive off"); shift; }
build=${1:-build}
cmake --build "$build" --target glint >/dev/null
work=$(mktemp -d /tmp/glint-bench-viewer-XXXXXX)
trap 'rm -rf "$work"' EXIT
run() { # NAME SETTINGS...
  local name=$1
  shift
  { printf '%s\n' "${full[@]}" "$@"; echo "wait $frames"; echo quit; } >"$work/$name.txt"
  xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" "$build/glint" view --size 1280x720 \
    --no-vsync --stats --script "$work/$name.txt" |
    grep -E 'frames at|interactive median|at rest median' | sed "s/^glint view:/$(printf '%-9s' "$name")/"

}
echo "$(nproc) cores, $(uptime | sed 's/.*load average/load average/')"
run shaded "set turntable on"
run compare "set turntable on" "set compare 3"
run detector "set turntable on" "set detector on"
run desk "set turntable on" "key W"
