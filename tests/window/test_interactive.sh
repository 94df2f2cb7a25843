#!/usr/bin/env bash
# The viewer's cheap frames while something moves (docs/viewer.md, "On a
# software renderer"), under Xvfb: with the turntable turning the frames are
# drawn at a reduced internal size from the model's coarse copy, and when it
# stops full-size frames of the whole mesh follow (both read from --stats),
# in compare mode one viewport a frame; frames at rest that change nothing
# draw nothing; a screenshot right after a drag is the full-quality picture,
# byte for byte the one drawn with `set interactive off`.
# usage: test_interactive.sh GLINT IMGTOOL
set -u
glint=$1 imgtool=$2
work=$(mktemp -d /tmp/glint-test-interactive-XXXXXX)
trap 'rm -rf "$work"' EXIT
command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run is missing (Debian package xvfb)"; exit 1; }
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
xvfb() { bash "$(dirname "$0")/xvfb.sh" "$@"; }

# 1. Turning, then at rest: 40 frames at rest outlast the 0.15 s settle time
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
full = re.search(r"full quality back \d+ times, median \d+ ms after the last motion.*; (\d+) triangles drawn", text)
assert tri and full, text
drawn, model, drawn_full = int(tri[1]), int(tri[2]), int(full[1])
assert model > 100000, model  # the sample bust
assert 0 < drawn <= 2 * 16000 < model, (drawn, model)
assert drawn_full >= model, (drawn_full, model)
# At rest, frames that change nothing show the pictures drawn already.
undrawn = re.search(r"(\d+) frames shown again undrawn", text)
assert undrawn and int(undrawn[1]) >= int(rest[2]) - 2, (undrawn, rest[2])
PY

# 1b. Compare mode comes back one viewport a frame: each of the first two
# frames at rest draws one more viewport at full quality while the others
# keep their cheap picture; the third completes the picture. The turntable
# stopping ends the motion: the frame right after it is a full one, so the
# cheap frames are the 13 turning ones (the first 10 frames not counted).
cat > "$work/compare.txt" <<SCRIPT
set compare 3
set turntable on
wait 12
set turntable off
wait 30
quit
SCRIPT
xvfb "$glint" view --size 640x400 --no-vsync --stats --script "$work/compare.txt" >"$work/compare.log" 2>&1 ||
  fail "the compare script failed: $(tail -3 "$work/compare.log")"
python3 - "$work/compare.log" <<'PY' || fail "compare's return: $(grep 'at rest' "$work/compare.log")"
import re, sys
text = open(sys.argv[1]).read()
cheap = re.search(r"interactive median [\d.]+ ms .* over (\d+) frames", text)
assert cheap and int(cheap[1]) == 3, cheap and cheap[0]
back = re.search(r"full quality back (\d+) times, median (\d+) ms after the last motion, (\d+) frames of them one viewport at a time", text)
assert back and int(back[1]) == 1 and int(back[3]) == 2, back and back.groups()
# The frame that completed it drew one viewport (the shadow map was kept).
full = re.search(r"; (\d+) triangles drawn\n", text[text.index("at rest median"):])
model = int(re.search(r"the model has (\d+)", text)[1])
assert full and int(full[1]) == model, (full and full[1], model)
PY

# 1c. The live detector: --stats counts its analyses and the turntable's
# travel, and the turntable never runs ahead of the analyses (about a degree
# each, the detector's step; held while one runs), whatever the machine's load.
printf 'set detector on\nset turntable on\nwait 24\nquit\n' >"$work/detector.txt"
xvfb "$glint" view --size 320x200 --no-vsync --stats --script "$work/detector.txt" >"$work/detector.log" 2>&1 ||
  fail "the detector script failed: $(tail -3 "$work/detector.log")"
python3 - "$work/detector.log" <<'PY' || fail "the detector's pace: $(grep 'live detector' "$work/detector.log")"
import re, sys
text = open(sys.argv[1]).read()
m = re.search(r"live detector: \d+ of \d+ frames drawn while an analysis ran; (\d+) analyses, the turntable turned (\d+) deg", text)
assert m, text
analyses, turned = int(m[1]), int(m[2])
assert analyses >= 2, analyses
assert turned <= 2.2 * analyses + 3, (analyses, turned)
PY

# 1d. The frame never waits for the detector's analysis render (issue 17): it
# runs on the worker's own GL context, a hidden window's sharing the viewer's,
# so no frame draws one (before, every analysis was drawn inside a frame).
python3 - "$work/detector.log" <<'PY' || fail "frames waited for the detector's render: $(grep 'live detector' "$work/detector.log")"
import re, sys
text = open(sys.argv[1]).read()
m = re.search(r"live detector: .*; (\d+) analyses, .*; (\d+) frames waited for an analysis render", text)
assert m and int(m[1]) >= 1 and int(m[2]) == 0, text
assert "renders inside the frame" not in text, text
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
# The same in compare mode, whose return is one viewport a frame.
shot cheap3 "set compare 3"
shot full3 "set compare 3
set interactive off"
"$imgtool" compare "$work/cheap3.png" "$work/full3.png" --max-mean 0 --max-p999 0 >/dev/null ||
  fail "compare mode's screenshot after a drag is not the full-quality picture"
# `set interactive` takes a switch only.
printf 'set interactive sometimes\nquit\n' >"$work/bad.txt"
xvfb "$glint" view --size 640x400 --script "$work/bad.txt" >"$work/bad.log" 2>&1
[[ $? -eq 2 ]] && grep -q "bad.txt:1: set interactive: bad value" "$work/bad.log" ||
  fail "a bad 'set interactive' value: $(cat "$work/bad.log")"

[[ $failures -eq 0 ]] && echo "test_interactive: all checks passed" || exit 1
