#!/usr/bin/env bash
# Drives the real viewer window under Xvfb with a --script, through the same
# event path as a person's mouse and keys, and checks what each step shows:
# finishes, the lamp drag, the turntable, compare mode, views, the help sheet,
# the live detector, a resize to 1x1 and back, dropping a broken file, F12.
# Each screenshot's settings JSON must re-render the same image with
# `glint render --preset` within the render threshold (docs/testing.md).
# usage: test_viewer.sh GLINT IMGTOOL SAMPLE_OBJ VIEWER_MD
set -u
glint=$1 imgtool=$2 sample=$3 viewer_md=$4
work=$(mktemp -d /tmp/glint-test-viewer-XXXXXX)
trap 'rm -rf "$work"' EXIT
command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run is missing (Debian package xvfb)"; exit 1; }
failures=0 checks=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() { checks=$((checks + 1)); }
# The command's own exit status, whatever xvfb-run's clean-up did (xvfb.sh).
xvfb() { bash "$(dirname "$0")/xvfb.sh" "$@"; }
# Same image within the render threshold (docs/testing.md).
same() { "$imgtool" compare "$1" "$2" --max-mean 0.5 --max-p999 2 >/dev/null; }
# Clearly different: the mean difference is over 0.3/255 or a 99.9th percentile over 3.
differs() { ! "$imgtool" compare "$1" "$2" --max-mean 0.3 --max-p999 3 >/dev/null; }

printf 'solid broken\n  facet normal 0 0 1\n    outer loop\n      vertex 0 0 nan\n' > "$work/broken.stl"
mkdir "$work/shots"
cat > "$work/script.txt" <<SCRIPT
# The turntable stands still so each picture is of a known angle.
set turntable off
set turntable_deg 20
wait 1
screenshot $work/base.png
screenshot-window $work/hud.png
key 3
wait 1
screenshot $work/gloss.png
key 1
wait 1
screenshot $work/matte.png
set select eyes
key Z
wait 1
screenshot $work/focus.png
set select all
key Z
wait 1
screenshot $work/unfocused.png
set focus eyes
wait 1
screenshot $work/focus-set.png
set focus all
key P
wait 1
screenshot $work/painted.png
key Shift+P
key U
wait 2
screenshot $work/up-next.png
key U
key U
key U
key U
key U
wait 3
screenshot $work/up-back.png
drag Ctrl+left 200 150 260 110
wait 1
screenshot $work/lamp.png
drag left 200 150 240 150
scroll 2
wait 1
screenshot $work/orbit.png
key Home
key Right
wait 1
screenshot $work/step.png
key Space
wait 15
key Space
wait 1
screenshot $work/turned.png
key C
wait 1
screenshot $work/compare.png
key C
key V
wait 1
screenshot $work/specular.png
key Shift+V
key H
wait 1
screenshot-window $work/help.png
key Esc
key D
set turntable on
wait 12
screenshot-window $work/detector.png
set turntable off
resize 1 1
wait 3
resize 400 300
wait 3
screenshot $work/before-drop.png
drop $work/broken.stl
wait 2
screenshot $work/after-drop.png
key F12
screenshot $work/saved.png
screenshot-offscreen $work/offscreen.png
key Ctrl+S
wait 1
quit
SCRIPT
xvfb "$glint" view "$sample" --size 400x300 --screenshot-dir "$work/shots" --shot-size 400x300 \
  --script "$work/script.txt" >"$work/out.txt" 2>"$work/err.txt"
code=$?
check
[[ $code == 0 ]] || { fail "the scripted viewer exited $code"; cat "$work/err.txt"; }

# Each change shows.
for pair in "gloss matte finish 3 against 1" "lamp matte the lamp drag" \
            "orbit lamp the orbit and zoom" "turned step the turntable" \
            "specular base the specular view" "help hud the help sheet" \
            "painted matte P (paint every part grey primer)" \
            "up-next matte U (the next up axis)" "focus matte Z (frame the selected eyes)"; do
  set -- $pair
  check
  [[ -f $work/$1.png && -f $work/$2.png ]] && differs "$work/$1.png" "$work/$2.png" ||
    fail "${*:3} did not change the picture ($1.png against $2.png)"
done
check
same "$work/up-back.png" "$work/matte.png" || fail "U six times did not bring the model back upright"
check
same "$work/unfocused.png" "$work/matte.png" || fail "Z again did not frame the whole model again"
check
same "$work/focus-set.png" "$work/focus.png" || fail "the script's 'set focus eyes' is not Z on the eyes"
check
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["camera"]["focus"] == "eyes"' \
    "$work/focus.json" || fail "Z's focus is not in the screenshot's settings (camera.focus)"
check
python3 -c 'import json,sys; assert "focus" not in json.load(open(sys.argv[1]))["camera"]' \
    "$work/unfocused.json" || fail "the whole model's screenshot names a focus"
check
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["model_up"] == "z"' \
    "$work/up-next.json" || fail "U did not stand the model on z (up-next.json's model_up)"
check
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["look"]["paints"] == {"all": "grey-primer"}' \
  "$work/painted.json" || fail "P's paint is not in the screenshot's settings (look.paints)"
check
same "$work/before-drop.png" "$work/after-drop.png" ||
  fail "dropping a broken file changed the picture (the old model should stay)"
check
grep -q "broken.stl.*kept bust.obj" "$work/err.txt" ||
  fail "dropping a broken file gave no error naming it: $(cat "$work/err.txt")"

# Screenshots re-render from their JSON with `glint render --preset`.
for name in base gloss focus painted up-next lamp orbit step specular after-drop; do
  check
  if ! env -u DISPLAY "$glint" render --preset "$work/$name.json" -o "$work/$name-render.png" -q; then
    fail "glint render --preset $name.json failed"
  elif ! same "$work/$name.png" "$work/$name-render.png"; then
    fail "$name.png and its re-render from $name.json differ"
    "$imgtool" compare "$work/$name.png" "$work/$name-render.png" --max-mean 0.5 --max-p999 2
  fi
done

# Compare mode: matte | satin | gloss, each viewport as `glint render` draws it. The
# picture is the window left of the panels' column; its three viewports share its width
# as the viewer splits it (x = width * v / 3); the JSON's image is the first viewport's.
check
picture=$(python3 -c 'import struct,sys; print(struct.unpack(">I", open(sys.argv[1],"rb").read()[16:20])[0])' \
  "$work/compare.png")
x1=$((picture / 3)) x2=$((picture * 2 / 3))
"$imgtool" crop "$work/compare.png" 0 0 "$x1" 300 "$work/compare-1.png" &&
"$imgtool" crop "$work/compare.png" "$x1" 0 $((x2 - x1)) 300 "$work/compare-2.png" &&
"$imgtool" crop "$work/compare.png" "$x2" 0 $((picture - x2)) 300 "$work/compare-3.png" &&
env -u DISPLAY "$glint" render --preset "$work/compare.json" -o "$work/compare-1-render.png" -q &&
env -u DISPLAY "$glint" render --preset "$work/compare.json" --finish satin --size "$((x2 - x1))x300" \
  -o "$work/compare-2-render.png" -q &&
env -u DISPLAY "$glint" render --preset "$work/compare.json" --finish gloss --size "$((picture - x2))x300" \
  -o "$work/compare-3-render.png" -q || fail "compare mode's pictures could not be made"
for v in 1 2 3; do
  check
  same "$work/compare-$v.png" "$work/compare-$v-render.png" ||
    fail "compare mode's viewport $v is not $(sed -n "${v}p" <<<$'matte\nsatin\ngloss')"
done
check
differs "$work/compare-1.png" "$work/compare-2.png" || fail "compare mode's viewports look the same"

# F12 names its file after the model and the time, with the settings beside it.
check
shots=("$work"/shots/bust-2*.png)
[[ -f ${shots[0]} && -f ${shots[0]%.png}.json ]] ||
  fail "F12 wrote no bust-YYYYMMDD-HHMMSS.png and .json in --screenshot-dir"
# Each screenshot also holds its settings inside the PNG, the sidecar's very
# bytes (docs/presets.md), so the PNG alone re-renders it.
check
python3 - "${shots[0]}" "${shots[0]%.png}.json" "$work/base.png" "$work/base.json" <<'PY' ||
import struct, sys
def settings(path):
    data, at = open(path, "rb").read(), 8
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"iTXt" and data[at + 8:at + 25] == b"glint-preset\0\0\0\0\0":
            return data[at + 25:at + 8 + length]
        at += 12 + length
for png, json in zip(sys.argv[1::2], sys.argv[2::2]):
    assert settings(png) == open(json, "rb").read(), png
PY
  fail "a screenshot's PNG does not hold its settings JSON"
check
env -u DISPLAY "$glint" render --preset "$work/base.png" -o "$work/base-from-png.png" -q &&
  same "$work/base.png" "$work/base-from-png.png" || fail "base.png does not re-render from itself"

# Ctrl+S saves the viewer's state as a preset: rendered headless it is, pixel for pixel, the
# viewer's own offscreen render of that state (Shift+F12), and within the render threshold
# of the window (a window and a headless context may round a pixel differently).
check
presets=("$work"/shots/bust-2*-preset.json)
if [[ ! -f ${presets[0]} ]]; then
  fail "Ctrl+S wrote no bust-YYYYMMDD-HHMMSS-preset.json in --screenshot-dir"
elif ! env -u DISPLAY "$glint" render --preset "${presets[0]}" -o "$work/saved-render.png" -q; then
  fail "glint render --preset of the preset Ctrl+S saved failed"
else
  # Shift+F12 rendered at --shot-size; the preset holds the picture's size.
  env -u DISPLAY "$glint" render --preset "${presets[0]}" --size 400x300 \
    -o "$work/saved-render-shot.png" -q &&
  "$imgtool" compare "$work/offscreen.png" "$work/saved-render-shot.png" --max-mean 0 --max-p999 0 \
    >/dev/null || fail "the preset Ctrl+S saved does not re-render the viewer's state exactly"
  check
  same "$work/saved.png" "$work/saved-render.png" ||
    fail "the preset Ctrl+S saved does not re-render what the window showed"
fi

# A bad script is refused before the window opens, naming the file and line.
printf 'wait 1\nprss F12\n' > "$work/bad.txt"
check
xvfb "$glint" view "$sample" --script "$work/bad.txt" 2>"$work/bad-err.txt"
code=$?
[[ $code == 2 ]] && grep -q "bad.txt:2: unknown command 'prss'" "$work/bad-err.txt" ||
  fail "a bad script: exit $code, $(cat "$work/bad-err.txt")"
printf 'set lamp.radius_mm -5\n' > "$work/bad-value.txt"
check
xvfb "$glint" view "$sample" --size 200x150 --script "$work/bad-value.txt" 2>"$work/bad-err.txt"
code=$?
[[ $code == 2 ]] && grep -q "lamp.radius_mm" "$work/bad-err.txt" ||
  fail "a bad script value: exit $code, $(cat "$work/bad-err.txt")"

# Every bound key is on the help sheet (`--help` prints the same sheet).
check
"$glint" view --help >"$work/help.txt"
"$glint" view --controls | sed -n 's/^| `\([^`]*\)` |.*/\1/p' >"$work/keys.txt"
[[ $(wc -l <"$work/keys.txt") -gt 30 ]] || fail "--controls listed too few keys"
while read -r key; do
  grep -qE "^  $(printf '%s' "$key" | sed 's/[][\.*^$+]/\\&/g') " "$work/help.txt" ||
    fail "key $key is not on the help sheet"
done <"$work/keys.txt"

# docs/viewer.md holds the controls table exactly as the key table prints it.
check
sed -n '/^<!-- controls:/,/^<!-- end of controls -->/p' "$viewer_md" | sed '1d;$d' >"$work/doc-controls.md"
"$glint" view --controls | diff -u - "$work/doc-controls.md" >"$work/controls.diff" ||
  { fail "docs/viewer.md's controls table is not 'glint view --controls' (regenerate it)"; cat "$work/controls.diff"; }

echo "$((checks - failures)) of $checks checks passed"
[[ $failures == 0 ]]
