#!/usr/bin/env bash
# The viewer's cheap frames while something moves (docs/viewer.md, "On a
# software renderer"), under Xvfb: with the turntable turning the frames are
# drawn at a reduced internal size from the model's coarse copy, and when it
# stops full-size frames of the whole mesh follow (both read from --stats); a
# screenshot right after a drag is the full-quality picture, byte for byte
# the one drawn with `set interactive off`.
# usage: test_interactive.sh GLINT IMGTOOL
set -u
glint=$1 imgtool=$2
work=$(mktemp -d /tmp/glint-test-interactive-XXXXXX)
trap 'rm -rf "$work"' EXIT
command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run is missing (Debian package xvfb)"; exit 1; }
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
xvfb() { bash "$(dirname "$0")/xvfb.sh" "$@"; }

# 1. Turning, then at rest: 40 frames at rest outlast the 0.3 s settle time
# on any software renderer (each frame is tens of ms at 640x400).
cat > "$work/turn.txt" <<SCRIPT
set turntable on
wait 15
set turntable off
wait 40
quit
SCRIPT
xvfb "$glint" view --size 640x400 --no-vsync --stats --script "$work/turn.txt" >"$work/turn.log" 2>&1 ||
  fail "the turning script failed: $(tail -3 "$work/turn.log")"
python3 - "$work/turn.log" <<'PY' || fail "the stats: $(grep 'glint view' "$work/turn.log")"
import re, sys
text = open(sys.argv[1]).read()
cheap = re.search(r"interactive median ([\d.]+) ms .* over (\d+) frames.*internal size (\d+)x(\d+) per viewport", text)
rest = re.search(r"at rest median ([\d.]+) ms .* over (\d+) frames.*internal size (\d+)x(\d+) per viewport; full quality back (\d+) times", text)
assert cheap and rest, text
cw, ch, rw, rh = int(cheap[3]), int(cheap[4]), int(rest[3]), int(rest[4])
assert int(cheap[2]) > 0 and int(rest[2]) > 0, text
# Interactive frames drawn smaller, by one divisor both ways; at rest, full.
assert cw < rw and ch < rh, (cw, ch, rw, rh)
assert any(rw // d == cw and rh // d == ch for d in (2, 3)), (cw, ch, rw, rh)
assert rh == 400, rh
# The full frame came back after the turning stopped.
assert int(rest[5]) >= 1, text
# Interactive frames draw the coarse copy (shadow map and lit pass), the
# full frame the model's own triangles (docs/viewer.md).
tri = re.search(r"fewer shadow taps, (\d+) triangles drawn \(the model has (\d+)\)", text)
full = re.search(r"full quality back \d+ times; (\d+) triangles drawn", text)
assert tri and full, text
drawn, model, drawn_full = int(tri[1]), int(tri[2]), int(full[1])
assert model > 100000, model  # the sample bust
assert 0 < drawn <= 2 * 16000 < model, (drawn, model)
assert drawn_full >= model, (drawn_full, model)
PY

# 2. A screenshot straight after a lamp drag (the frame between is a cheap
# one) against the same with every frame at full quality.
shot() { # NAME EXTRA-SETTING
  printf '%s\nset turntable off\nset turntable_deg 20\nwait 1\ndrag Ctrl+left 200 150 260 110\nwait 1\nscreenshot %s\nquit\n' \
    "$2" "$work/$1.png" >"$work/$1.txt"
  xvfb "$glint" view --size 640x400 --no-vsync --script "$work/$1.txt" >"$work/$1.log" 2>&1 ||
    fail "$1: $(tail -3 "$work/$1.log")"
}
shot cheap "set interactive on"
shot full "set interactive off"
"$imgtool" compare "$work/cheap.png" "$work/full.png" --max-mean 0 --max-p999 0 >/dev/null ||
  fail "the screenshot after a drag is not the full-quality picture"
# `set interactive` takes a switch only.
printf 'set interactive sometimes\nquit\n' >"$work/bad.txt"
xvfb "$glint" view --size 640x400 --script "$work/bad.txt" >"$work/bad.log" 2>&1
[[ $? -eq 2 ]] && grep -q "bad.txt:1: set interactive: bad value" "$work/bad.log" ||
  fail "a bad 'set interactive' value: $(cat "$work/bad.log")"

[[ $failures -eq 0 ]] && echo "test_interactive: all checks passed" || exit 1
