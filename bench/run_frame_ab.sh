#!/usr/bin/env bash
# A before/after of the frame's cost, for a shared machine: an older build
# (OLD_BUILD, e.g. a `git worktree add --detach DIR COMMIT` built with
# glint and glint_render_loop) against this tree's build, interleaved, the
# order reversed every other round. Per round and build: CPU s a frame of
# the sample at 1280x720 = (CPU of 20 frames − CPU of 5) / 15 from
# glint_render_loop (which cancels the start-up), and the CPU s of one
# `glint render` at 1280x720; CPU is user + system of every thread, from
# /usr/bin/time, which other load does not inflate as it does wall time.
# GLINT_AB_SIZE (default 1280x720) and GLINT_AB_FRAMES (default 20) change the
# frame's size and the long run's frames: (CPU of FRAMES - CPU of 5) / (FRAMES - 5).
# usage: bench/run_frame_ab.sh OLD_BUILD [ROUNDS] [NEW_BUILD]   (default 5, build)
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 rounds=${2:-5} new=${3:-build}
size=${GLINT_AB_SIZE:-1280x720} frames=${GLINT_AB_FRAMES:-20}
sample=$PWD/assets/sample/bust.obj
work=$(mktemp -d /tmp/glint-bench-ab-XXXXXX)
trap 'rm -rf "$work"' EXIT
cpu() { /usr/bin/time -f "%U %S" -o "$work/t" "$@" >/dev/null 2>&1; awk '{ print $1 + $2 }' "$work/t"; }
echo "$(nproc) cores, $(uptime | sed 's/.*load average/load average/')"
for r in $(seq 1 "$rounds"); do
  order="old new"
  (( r % 2 )) || order="new old"
  for which in $order; do
    dir=$new
    [[ $which == old ]] && dir=$old
    long=$(cpu "$dir/bench/glint_render_loop" "$sample" "$size" "$frames")
    short=$(cpu "$dir/bench/glint_render_loop" "$sample" "$size" 5)
    render=$(cpu "$dir/glint" render "$sample" -q --size "$size" -o "$work/$which.png" --overwrite)
    awk -v r="$r" -v w="$which" -v a="$long" -v b="$short" -v c="$render" -v n="$frames" \
      'BEGIN { printf "round %d %s: frame %.4f CPU s, render %.2f CPU s\n", r, w, (a - b) / (n - 5), c }'
  done
done
