#!/usr/bin/env bash
# The viewer's panels (issue 17) under Xvfb, driven by `--script`'s `ui`
# commands through the same widget code a click takes:
# - each control changes the picture exactly as its command-line flag does
#   (the screenshot after `ui set` equals the one of a viewer started with the
#   flag), and Lamp/Reset undoes a lamp change;
# - at 640x400, 1280x720, 2560x1440 and 3840x2160 no HUD panel (the lamp marker and its
#   word among them) overlaps another or the
#   panels' column, the column leaves the model's centre clear, and its text
#   (and the HUD's) grows with the window;
# - a control that does not exist, or a value out of its range, is exit 2 with
#   one line naming the script's line;
# - Ctrl+Z undoes a panel's change and Ctrl+Shift+Z redoes it; the keypad's 3
#   is the right-side view; a glint PNG dropped on the window applies its
#   settings to the model on screen; the detector panel gives `glint check`'s
#   verdict and places, and its first flagged stretch ("Go to 1") holds the
#   turntable there; the live markers are ringed (a tint between dark lines);
#   the Model panel's Scale sets the life sizes' scale (and the screenshot's).
# usage: test_panels.sh GLINT SAMPLE_OBJ
set -u
glint=$1 sample=$2
source "$(dirname "$0")/../cli/lib.sh" panels
command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run is missing (Debian package xvfb)"; exit 1; }
export XVFB_SCREEN=3900x2200x24
# The viewer keeps its recent files in the config folder: the test's own.
export XDG_CONFIG_HOME="$work/config"
xvfb() { bash "$(dirname "$0")/xvfb.sh" "$@"; }
view() { # SCRIPT_NAME SIZE [FLAGS...]: runs the viewer on the sample with $work/SCRIPT_NAME
  local script=$1 size=$2
  shift 2
  xvfb "$glint" view "$sample" --size "$size" "$@" --script "$work/$script" >"$work/out" 2>"$work/err"
}

# 1. Each control against its flag: "PATH|VALUE|FLAG..."
controls=(
  "Lamp/Temperature|3200|--light-temp 3200"
  "Lamp/Azimuth|-60|--light-azimuth -60"
  "Lamp/Radius|2|--light-radius 2"
  "View/View|specular|--view specular"
  "View/Exposure|1|--exposure 1"
  "View/Camera elevation|40|--camera-elevation 40"
  "Model/Varnish|gloss|--finish gloss"
  "Lamp/Room|desk|--room desk"
)
i=0
for entry in "${controls[@]}"; do
  IFS='|' read -r path value flags <<<"$entry"
  i=$((i + 1))
  printf 'set turntable off\nui set "%s" %s\nwait 1\nscreenshot %s/ui-%d.png\nquit\n' \
    "$path" "$value" "$work" "$i" >"$work/ui-$i.txt"
  printf 'set turntable off\nwait 2\nscreenshot %s/flag-%d.png\nquit\n' "$work" "$i" >"$work/flag-$i.txt"
  checks=$((checks + 1))
  view "ui-$i.txt" 400x300 || fail "$path $value: exit $?: $(head -c 300 "$work/err")"
  # shellcheck disable=SC2086 # the flags are words
  view "flag-$i.txt" 400x300 $flags || fail "$flags: exit $?: $(head -c 300 "$work/err")"
  checks=$((checks + 1))
  cmp -s "$work/ui-$i.png" "$work/flag-$i.png" ||
    fail "ui set \"$path\" $value does not show what $flags shows"
done
# A change that does show (the default picture differs from the 3200 K one).
printf 'set turntable off\nwait 2\nscreenshot %s/default.png\nquit\n' "$work" >"$work/default.txt"
view default.txt 400x300
checks=$((checks + 1))
cmp -s "$work/default.png" "$work/ui-1.png" && fail "Lamp/Temperature 3200 changed nothing"
printf 'set turntable off\nui set "Lamp/Azimuth" -60\nui click "Lamp/Reset"\nwait 1\nscreenshot %s/reset.png\nquit\n' \
  "$work" >"$work/reset.txt"
view reset.txt 400x300
checks=$((checks + 1))
cmp -s "$work/default.png" "$work/reset.png" || fail "Lamp/Reset does not put the lamp back"

# Undo and redo a panel's change; the keypad's views; a picture dropped.
printf 'set turntable off\nui set "Lamp/Temperature" 3200\nwait 2\nkey Ctrl+Z\nwait 1\nscreenshot %s/undone.png\nkey Ctrl+Shift+Z\nwait 1\nscreenshot %s/redone.png\nquit\n' \
  "$work" "$work" >"$work/undo.txt"
view undo.txt 400x300 || fail "undo script: exit $?: $(head -c 300 "$work/err")"
checks=$((checks + 2))
cmp -s "$work/default.png" "$work/undone.png" || fail "Ctrl+Z does not undo Lamp/Temperature"
cmp -s "$work/ui-1.png" "$work/redone.png" || fail "Ctrl+Shift+Z does not redo Lamp/Temperature"
printf 'set turntable off\nkey Num3\nwait 1\nscreenshot %s/num3.png\nquit\n' "$work" >"$work/num3.txt"
printf 'set turntable off\nwait 2\nscreenshot %s/side.png\nquit\n' "$work" >"$work/side.txt"
view num3.txt 400x300
view side.txt 400x300 --camera-azimuth 90 --camera-elevation 0
checks=$((checks + 1))
cmp -s "$work/num3.png" "$work/side.png" || fail "Num3 is not the right-side view"
printf 'set turntable off\nwait 1\ndrop %s/ui-1.png\nwait 2\nscreenshot %s/dropped.png\nquit\n' \
  "$work" "$work" >"$work/drop.txt"
view drop.txt 400x300 || fail "drop script: exit $?: $(head -c 300 "$work/err")"
checks=$((checks + 1))
cmp -s "$work/ui-1.png" "$work/dropped.png" ||
  fail "dropping a glint PNG (3200 K) does not apply its settings"

# The detector panel lists the flagged stretches of the turn; "Go to" holds the turntable there.
printf 'set look.finish gloss\nui set "Detector/Live" on\nset turntable on\nwait 200\nui texts %s/detector.txt\nui click "Detector/Go to 1"\nwait 2\nscreenshot %s/go1.png\nwait 3\nscreenshot %s/go2.png\nquit\n' \
  "$work" "$work" "$work" >"$work/goto.txt"
view goto.txt 400x300 || fail "detector panel: exit $?: $(head -c 300 "$work/err")"
# The panel says what `glint check` says: the verdict in words, and under each
# flagged stretch where on the model (part, place, height) its flags are.
checks=$((checks + 2))
grep -q '^Detector: FAIL: the highlights on .* as the model turns (' "$work/detector.txt" ||
  fail "the detector panel does not give check's verdict: $(head -c 400 "$work/detector.txt")"
grep -Eq '^Detector:   (pinpoints|hairlines|jitter|sparkle|facets) on [^,]+, [a-z ]+, [0-9]+ mm up$' \
  "$work/detector.txt" ||
  fail "the detector panel does not place its flags: $(head -c 400 "$work/detector.txt")"
checks=$((checks + 1))
# (The angle in the two screenshots' settings, not their pixels: under ASan a
# screenshot was once seen to differ while the angle held; see the closing note.)
angle1=$(grep -o '"turntable_deg":[^,]*' "$work/go1.json") angle2=$(grep -o '"turntable_deg":[^,]*' "$work/go2.json")
[[ -n $angle1 && $angle1 == "$angle2" ]] && grep -Eq '"turntable_deg":[[:space:]]*[0-9]+,' "$work/go1.json" ||
  fail "Detector/Go to 1 does not hold the turntable at a whole degree: $angle1, then $angle2"

# The live detector's markers: on the gloss sample (pinpoints on the cap and
# armour), each flagged place ringed, a tinted band between dark lines, so it
# reads on white highlights and dark paint (a tint alone did not).
printf 'set look.finish gloss\nset turntable off\nui set "Turntable/Angle" 60\nui set "Detector/Live" on\nwait 6\nscreenshot %s/marks-on.png\nui set "Detector/Live" off\nwait 3\nscreenshot %s/marks-off.png\nquit\n' \
  "$work" "$work" >"$work/marks.txt"
view marks.txt 800x500 || fail "detector markers: exit $?: $(head -c 300 "$work/err")"
checks=$((checks + 1))
python3 "$(dirname "$0")/overlay_marks.py" "$work/marks-on.png" "$work/marks-off.png" >"$work/marks.out" ||
  fail "the live detector's markers are not outlined: $(cat "$work/marks.out")"

# Shots: the size field goes through --shot-size's parser (a bad one is one
# line in the panel) into the offscreen shot; a preset file is loaded as
# --preset reads it (a broken one is one line in the panel, and the viewer goes
# on); recent files are kept in $XDG_CONFIG_HOME/glint/recent.txt, at most 8,
# entries that name no file skipped; the model on screen is the newest and
# "Open 2" opens the one before (the preset).
mkdir -p "$work/config/glint" "$work/shots"
printf '{"lamp": {\n' >"$work/bad.json"
{
  printf 'model %s/gone.obj\nmodel relative.obj\nnot a line of ours\n' "$work"
  for n in 1 2 3 4 5 6 7 8 9 10; do : >"$work/m$n.obj" && printf 'model %s/m%d.obj\n' "$work" "$n"; done
} >"$work/config/glint/recent.txt"
printf 'set turntable off\nui set "Shots/Size" 99999x1\nwait 1\nui texts %s/shots-1.txt\nui set "Shots/Size" 320x200\nui click "Shots/Offscreen shot"\nwait 2\nui set "Shots/Preset file" %s/bad.json\nui click "Shots/Load preset"\nwait 2\nui texts %s/shots-2.txt\nui set "Shots/Preset file" %s/ui-1.json\nui click "Shots/Load preset"\nwait 2\nscreenshot %s/preset.png\nquit\n' \
  "$work" "$work" "$work" "$work" "$work" >"$work/shots.txt"
view shots.txt 400x300 --screenshot-dir "$work/shots" ||
  fail "shots panel: exit $?: $(head -c 300 "$work/err")"
checks=$((checks + 5))
[[ $(grep -c '^Shots: Shots/Size' "$work/shots-1.txt") == 1 ]] &&
  grep -q "^Shots: Shots/Size '99999x1': expected WIDTHxHEIGHT, each 1..16384\$" "$work/shots-1.txt" ||
  fail "a bad Shots/Size is not one line in the panel: $(cat "$work/shots-1.txt")"
python3 - "$work"/shots/*.png <<'PY' || fail "the offscreen shot is not 320x200: $(ls "$work/shots")"
import struct, sys
sizes = [struct.unpack(">II", open(p, "rb").read()[16:24]) for p in sys.argv[1:]]
sys.exit(0 if sizes == [(320, 200)] else 1)
PY
grep -q "^Shots: $work/bad.json:1:[0-9]*: " "$work/shots-2.txt" ||
  fail "a broken preset is not one line in the panel: $(cat "$work/shots-2.txt")"
cmp -s "$work/ui-1.png" "$work/preset.png" || fail "Shots/Load preset (3200 K) does not apply its settings"
real=$(realpath "$work")
recent=$(cat "$work/config/glint/recent.txt")
[[ $(wc -l <<<"$recent") == 8 && $(head -1 <<<"$recent") == "preset $real/ui-1.json" ]] &&
  grep -q "^model .*/bust.obj\$" <<<"$recent" && ! grep -Eq 'gone|relative|ours' <<<"$recent" ||
  fail "recent files: $recent"
printf 'set turntable off\nui click "Shots/Open 2"\nwait 2\nscreenshot %s/recent.png\nquit\n' "$work" >"$work/recent.txt"
view recent.txt 400x300 || fail "recent: exit $?: $(head -c 300 "$work/err")"
checks=$((checks + 1))
cmp -s "$work/ui-1.png" "$work/recent.png" || fail "Shots/Open 2 does not open the preset (Open 1 is the model on screen)"
# The model's scale typed in the Model panel: the life sizes' scale, said in
# the panel and kept in the screenshot's settings as --scale writes it; a
# refused value leaves it.
printf 'set turntable off\nui set "Model/Scale" 1:30\nwait 1\nscreenshot %s/scale.png\nui set "Model/Scale" 1:0\nwait 1\nui texts %s/scale.txt\nquit\n' \
  "$work" "$work" >"$work/scale-script.txt"
view scale-script.txt 400x300 || fail "Model/Scale: exit $?: $(head -c 300 "$work/err")"
checks=$((checks + 3))
grep -q '^Model: scale 1:30, as set$' "$work/scale.txt" || fail "Model/Scale 1:30 is not the scale in force: $(grep -i scale "$work/scale.txt")"
grep -q '"model_scale":[[:space:]]*"1:30"' "$work/scale.json" || fail "the screenshot's settings do not keep the scale 1:30"
grep -q "model_scale 1:0" "$work/err" || fail "Model/Scale 1:0 was not refused: $(head -c 300 "$work/err")"

# 2. Layout at three sizes.
for size in 640x400 1280x720 2560x1440 3840x2160; do
  printf 'set turntable off\nwait 2\nui rects %s/rects-%s.txt\nscreenshot-window %s/window-%s.png\nquit\n' \
    "$work" "$size" "$work" "$size" >"$work/layout-$size.txt"
  view "layout-$size.txt" "$size" || fail "layout $size: exit $?: $(head -c 300 "$work/err")"
  checks=$((checks + 1))
  python3 - "$work/rects-$size.txt" "${size%x*}" "${size#*x}" <<'PY' || fail "layout at $size (above)"
import sys
path, width, height = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
hud, column, panels = [], None, []
for line in open(path):
    kind, x, y, w, h, name = line.split(None, 5)
    r = (float(x), float(y), float(w), float(h), name.strip())
    if kind == "hud": hud.append(r)
    elif kind == "column": column = r
    else: panels.append(r)
def overlap(a, b):
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
bad = []
if column is None: bad.append("no panels' column")
else:
    if column[0] <= width / 2: bad.append("the column covers the centre: x %g" % column[0])
    if column[2] > 0.3 * width + 0.5: bad.append("the column is %g px of %g" % (column[2], width))
    for h in hud:
        if overlap(h, column): bad.append("%s overlaps the column" % (h,))
for i, a in enumerate(hud):
    for b in hud[i + 1:]:
        if overlap(a, b): bad.append("%s overlaps %s" % (a, b))
for i, a in enumerate(panels):
    for b in panels[i + 1:]:
        if overlap(a, b): bad.append("%s overlaps %s" % (a, b))
titles = [p[4] for p in panels]
for want in ("Lamp", "Model", "View", "Turntable", "Compare", "Detector", "Shots", "Info"):
    if want not in titles: bad.append("no %s panel" % want)
lamp = [p for p in panels if p[4] == "Lamp"]
if lamp: print("%gx%g: column %g px, Lamp panel %g px tall" % (width, height, column[2], lamp[0][3]))
for b in bad: print(b)
sys.exit(1 if bad else 0)
PY
done
# The text grows with the window: the Lamp panel is taller at 1440 than at 720.
lamp_height() { awk '$1 == "panel" && $6 == "Lamp" { print $5 }' "$work/rects-$1.txt"; }
checks=$((checks + 1))
awk -v a="$(lamp_height 1280x720)" -v b="$(lamp_height 2560x1440)" 'BEGIN { exit !(b > 1.5 * a) }' ||
  fail "the panels' text does not grow: Lamp $(lamp_height 1280x720) px at 720, $(lamp_height 2560x1440) at 1440"
# The HUD's text grows with them up to 4K (the help hint's box; it stopped at
# the 1000-row size before): from 720 to 2160 rows by at least 0.8 of the
# panels' growth.
hint_height() { awk '$1 == "hud" && $2 < 50 && $3 < 50 { print $5 }' "$work/rects-$1.txt"; }
checks=$((checks + 1))
awk -v h1="$(hint_height 1280x720)" -v h3="$(hint_height 3840x2160)" \
  -v l1="$(lamp_height 1280x720)" -v l3="$(lamp_height 3840x2160)" \
  'BEGIN { exit !(h1 > 0 && l1 > 0 && h3 / h1 >= 0.8 * l3 / l1) }' ||
  fail "the HUD's text does not grow with the panels': hint $(hint_height 1280x720) -> $(hint_height 3840x2160) px, Lamp $(lamp_height 1280x720) -> $(lamp_height 3840x2160) px"

# 3. Errors name the script's line.
printf 'wait 1\nui set "Lamp/Nope" 3\nquit\n' >"$work/nope.txt"
expect 2 "no such control" -- view nope.txt 400x300
one_line_saying "nope.txt:2: ui: Lamp/Nope: no such control"
printf 'wait 1\nui set "Lamp/Temperature" 99999\nquit\n' >"$work/range.txt"
expect 2 "out of range" -- view range.txt 400x300
one_line_saying "range.txt:2: ui: Lamp/Temperature: '99999' is not a number from 1500 to 12000"
printf 'ui push "Lamp/Reset"\n' >"$work/verb.txt"
expect 2 "bad ui verb" -- view verb.txt 400x300
one_line_saying "verb.txt:1: bad arguments for 'ui'"

echo "test_panels: $checks checks, $failures failed"
[[ $failures == 0 ]]
