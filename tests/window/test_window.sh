#!/usr/bin/env bash
# Opens the real GLFW window under Xvfb, renders the sample, reads the
# window's back buffer to PNG, and compares it with the headless render of the
# same settings. Both draw into the same offscreen multisampled target and the
# window gets a 1:1 copy, so on one driver they match exactly; the threshold
# (mean < 0.5/255, 99.9th percentile <= 2/255) allows for a window on another
# driver than the headless context, and is documented in docs/testing.md.
# usage: test_window.sh GLINT IMGTOOL SAMPLE_OBJ
set -u
glint=$1 imgtool=$2 sample=$3
work=$(mktemp -d /tmp/glint-test-window-XXXXXX)
trap 'rm -rf "$work"' EXIT
command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run is missing (Debian package xvfb)"; exit 1; }

xvfb-run -a -s "-screen 0 1024x768x24 -nolisten tcp" \
  "$glint" view "$sample" --size 640x480 --angle 30 --snapshot "$work/window.png" || {
  echo "FAIL: the windowed snapshot failed"; exit 1; }
env -u DISPLAY "$glint" render "$sample" --size 640x480 --angle 30 -o "$work/headless.png" || {
  echo "FAIL: the headless render failed"; exit 1; }
failures=0
if ! "$imgtool" compare "$work/window.png" "$work/headless.png" --max-mean 0.5 --max-p999 2 \
     --diff "$work/diff.png"; then
  mkdir -p "${GLINT_TEST_ARTIFACTS:-/tmp}"
  cp "$work"/*.png "${GLINT_TEST_ARTIFACTS:-/tmp}/" 2>/dev/null
  echo "FAIL: window and headless renders differ (images in ${GLINT_TEST_ARTIFACTS:-/tmp})"
  failures=$((failures + 1))
fi

# `glint` with no model opens the window on the bundled sample.
if ! xvfb-run -a -s "-screen 0 1024x768x24 -nolisten tcp" \
     "$glint" --size 400x300 --snapshot "$work/default.png" ||
   ! "$imgtool" coverage "$work/default.png" --min 0.05 --max 0.6 --width 400 --height 300; then
  echo "FAIL: 'glint' with no model did not show the sample in a window"
  failures=$((failures + 1))
fi
echo "$((2 - failures)) passed, $failures failed"
[[ $failures == 0 ]]
