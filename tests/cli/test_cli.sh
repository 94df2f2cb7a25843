#!/usr/bin/env bash
# CLI contract tests: exit codes, one-line errors naming the file, no
# overwriting, the sample render's coverage, the no-display fallback.
# usage: test_cli.sh GLINT IMGTOOL SAMPLE_OBJ
set -u
glint=$1 imgtool=$2 sample=$3
source "$(dirname "$0")/lib.sh" cli

expect 0 "--help" -- "$glint" --help
grep -q "Usage: glint" "$work/out" || fail "--help prints no usage"
expect 0 "render --help" -- "$glint" render --help
grep -q -- "--size WxH" "$work/out" || fail "render --help lists no --size"
expect 0 "view --help" -- "$glint" view --help
expect 0 "--version" -- "$glint" --version
grep -Eq '^glint [0-9]+\.[0-9]+\.[0-9]+$' "$work/out" || fail "--version: $(cat "$work/out")"

expect 2 "missing model" -- "$glint" render "$work/missing.obj" -o "$work/x.png"
one_line_naming "missing.obj"
expect 2 "model is a directory" -- "$glint" render "$work" -o "$work/x.png"
one_line_naming "is a directory"
printf 'this is not\na model\n' >"$work/junk.obj"
expect 2 "model without triangles" -- "$glint" render "$work/junk.obj" -o "$work/x.png"
one_line_naming "junk.obj"
expect 2 "bad size" -- "$glint" render "$sample" -o "$work/x.png" --size 12xbig
one_line_naming "--size"
expect 2 "zero size" -- "$glint" render "$sample" -o "$work/x.png" --size 0x10
expect 2 "unknown flag" -- "$glint" render "$sample" -o "$work/x.png" --shiny
one_line_naming "--shiny"
expect 2 "no output" -- "$glint" render "$sample"
one_line_naming "-o"
expect 2 "bad msaa" -- "$glint" render "$sample" -o "$work/x.png" --msaa 3
[[ ! -e "$work/x.png" ]] || fail "a failed run left $work/x.png"

# The lighting flags: a bad value is one line naming the flag, exit 2.
for bad in "--finish shiny" "--part eyes" "--part =gloss" "--part eyes=shiny" "--roughness 0" \
           "--light-temp 900" "--light-distance -5" "--light-radius 0" "--light-elevation 95" \
           "--exposure lots" "--tonemap filmic" "--view xray" "--viewing-distance 100" \
           "--background #12345" "--background 1,2,300" "--ambient -1" "--ambient-temp 20000" \
           "--angle 3e39"; do
  flag=${bad%% *}
  # shellcheck disable=SC2086
  expect 2 "bad $bad" -- "$glint" render "$sample" -o "$work/bad.png" $bad
  one_line_naming "$flag"
done
# Every view renders, and they differ from one another.
for view in shaded specular diffuse normals silhouette clay squint; do
  expect 0 "view $view" -- "$glint" render "$sample" -o "$work/view-$view.png" --size 160x120 \
    --view "$view" --finish gloss --part base=matte --light-temp 3200 --background 20,20,24
done
checks=$((checks + 1))
[[ $(md5sum "$work"/view-*.png | cut -d' ' -f1 | sort -u | wc -l) == 7 ]] || fail "two views gave the same image"
# The deprecated finishes metal and translucent set the paint: still drawn,
# from flags and from presets, with one warning a run for each.
expect 0 "--finish metal" -- "$glint" render "$sample" -o "$work/finish-metal.png" --size 80x60 \
  --finish metal --part eyes=metal --part base=translucent
checks=$((checks + 1))
[[ $(grep -c "warning: --finish metal is a paint now: use --paint PART=silver" "$work/err") == 1 &&
   $(grep -c "warning: --finish translucent is a paint now" "$work/err") == 1 ]] ||
  fail "deprecated finishes: expected one warning each: $(cat "$work/err")"
printf '{"look": {"finish": "translucent"}}\n' >"$work/translucent.json"
expect 0 "a preset saying translucent" -- "$glint" render "$sample" -o "$work/finish-translucent.png" \
  --size 80x60 --preset "$work/translucent.json"
checks=$((checks + 1))
[[ $(grep -c "warning: --finish translucent is a paint now" "$work/err") == 1 ]] ||
  fail "a preset saying translucent: expected one warning: $(cat "$work/err")"
expect 0 "--finish none" -- "$glint" render "$sample" -o "$work/varnish-none.png" --size 80x60 --finish none
checks=$((checks + 1))
[[ ! -s "$work/err" ]] || fail "--finish none: unexpected stderr: $(cat "$work/err")"
# A transparent background: the corners' alpha is 0, the model's is 255.
expect 0 "transparent" -- "$glint" render "$sample" -o "$work/transparent.png" --size 160x120 --transparent
checks=$((checks + 1))
python3 - "$work/transparent.png" <<'PY' || fail "--transparent: wrong alpha"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[25] == 6, "not RGBA"
width, height = struct.unpack(">II", data[16:24])
chunks, at = b"", 8
while at < len(data):
    length, kind = struct.unpack(">I4s", data[at:at + 8])
    if kind == b"IDAT":
        chunks += data[at + 8:at + 8 + length]
    at += 12 + length
raw = zlib.decompress(chunks)
stride = 1 + 4 * width
def alpha(x, y):  # stb writes filter type per row; undo the filters first
    return rows[y][4 * x + 3]
rows, previous = [], bytearray(4 * width)
for y in range(height):
    kind, line = raw[y * stride], bytearray(raw[y * stride + 1:(y + 1) * stride])
    for i in range(len(line)):
        a = line[i - 4] if i >= 4 else 0
        b = previous[i]
        c = previous[i - 4] if i >= 4 else 0
        if kind == 1: line[i] = (line[i] + a) & 255
        elif kind == 2: line[i] = (line[i] + b) & 255
        elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif kind == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line); previous = line
assert alpha(0, 0) == 0 and alpha(width - 1, height - 1) == 0
assert alpha(width // 2, height // 2) == 255
PY

expect 0 "render the sample" -- "$glint" render "$sample" -o "$work/x.png" --size 800x600
grep -q "wrote $work/x.png" "$work/out" || fail "render does not say where it wrote"
checks=$((checks + 1))
"$imgtool" coverage "$work/x.png" --min 0.05 --max 0.60 --width 800 --height 600 ||
  fail "sample render: coverage, corners or size"

before=$(md5sum <"$work/x.png")
expect 4 "existing output" -- "$glint" render "$sample" -o "$work/x.png" --size 64x48 </dev/null
one_line_naming "--overwrite"
checks=$((checks + 1))
[[ $(md5sum <"$work/x.png") == "$before" ]] || fail "an existing file was overwritten"
expect 0 "overwrite" -- "$glint" render "$sample" -o "$work/x.png" --size 64x48 --overwrite
checks=$((checks + 1))
[[ $(md5sum <"$work/x.png") != "$before" ]] || fail "--overwrite did not replace the file"
checks=$((checks + 1))
leftovers=$(find "$work" -name '.*.glint-*' | wc -l)
[[ $leftovers == 0 ]] || fail "temporary files left behind: $leftovers"

expect 0 "second render" -- "$glint" render "$sample" -o "$work/y.png" --size 800x600 --angle 0
expect 0 "turned render" -- "$glint" render "$sample" -o "$work/z.png" --size 800x600 --angle 90
checks=$((checks + 1))
"$imgtool" compare "$work/x.png" "$work/x.png" --max-mean 0 --max-p999 0 >/dev/null ||
  fail "an image differs from itself"
# x.png was overwritten at 64x48; render it again at 800x600 to compare two runs.
expect 0 "first render again" -- "$glint" render "$sample" -o "$work/x.png" --size 800x600 --overwrite
checks=$((checks + 1))
"$imgtool" compare "$work/x.png" "$work/y.png" --max-mean 0.004 --max-p999 1 ||
  fail "two renders of the same settings differ"
checks=$((checks + 1))
if "$imgtool" compare "$work/x.png" "$work/z.png" --max-mean 0.5 --max-p999 8 >/dev/null; then
  fail "the turntable angle does not change the image"
fi

expect 4 "output folder missing" -- "$glint" render "$sample" -o "$work/no/such/x.png" --size 64x48
one_line_naming "no/such/x.png"

# No display: `glint` says so on one line, renders headless, prints the files.
mkdir -p "$work/fallback"
expect 0 "no-display fallback" -- "$glint" --output-dir "$work/fallback" --size 320x240
grep -q "no display" "$work/err" || fail "fallback does not say there is no display"
checks=$((checks + 1))
mapfile -t written < <(sed -n 's/^glint: wrote \([^ ]*\) .*/\1/p' "$work/out")
[[ ${#written[@]} == 2 && -s ${written[0]:-} && -s ${written[1]:-} ]] ||
  fail "fallback did not print two files that exist: $(cat "$work/out")"
[[ ${written[0]:-} == *bust-*.png && ${written[1]:-} == *.json ]] || fail "fallback names: ${written[*]}"
grep -q "\"turntable_deg\"" "${written[1]:-/nonexistent}" 2>/dev/null || fail "the settings file lacks the turntable"
expect 0 "second fallback" -- "$glint" --output-dir "$work/fallback" --size 320x240
checks=$((checks + 1))
[[ $(find "$work/fallback" -name '*.png' | wc -l) == 2 ]] || fail "a second fallback run overwrote the first"

# glint info: the sample's parts and real size, text and JSON.
expect 0 "info" -- "$glint" info "$sample"
for part in skin lips eyes irises pupils cap cloth armor base; do
  checks=$((checks + 1))
  grep -qE "^ +[0-9]+ $part +[0-9]+ triangles" "$work/out" || fail "info does not list part '$part' with its number"
done
grep -q "x 75.11 mm (width x depth x height" "$work/out" || fail "info does not give the bust's 75 mm height: $(grep size "$work/out")"
expect 0 "info --json" -- "$glint" info --json "$sample"
checks=$((checks + 1))
python3 - "$work/out" <<'PY' || fail "info --json: unexpected content"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == 2 and d["format"] == "OBJ"
assert [p["name"] for p in d["parts"]] == ["skin", "lips", "eyes", "irises", "pupils", "cap", "cloth", "armor", "base"]
assert 50000 <= d["triangles"] <= 300000
assert abs(d["size_mm"]["height"] - 75.1) < 0.1
# The file's material is the paint: the gorget's Pm 1 and Pr 0.75 are its paint's.
armor = d["parts"][7]["paint"]
assert armor["metallic"] == 1 and abs(armor["roughness"] - 0.75) < 1e-6, armor
PY
expect 0 "info in cm" -- "$glint" info --json --units cm "$sample"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["units"]["name"] == "cm" and d["units"]["reason"] == "--units cm"' "$work/out" || fail "--units cm not reported"
expect 2 "bad units" -- "$glint" info --units furlong "$sample"
one_line_naming "--units"
expect 2 "bad crease" -- "$glint" info --crease-angle 0 "$sample"
one_line_naming "--crease-angle"
expect 2 "file over the cap" -- "$glint" info --max-file-mb 1 "$sample"
one_line_naming "over the limit"
expect 2 "info missing" -- "$glint" info "$work/missing.stl"
one_line_naming "missing.stl"
# An STL is read by content, whatever its name says.
printf 'solid tri\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid tri\n' >"$work/triangle.obj"
expect 0 "STL named .obj" -- "$glint" info "$work/triangle.obj"
grep -q "ASCII STL" "$work/out" || fail "an ASCII STL named .obj was not read as STL"
printf 'solid tri\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nendloop\n' >"$work/broken.stl"
expect 2 "broken STL" -- "$glint" info "$work/broken.stl"
one_line_naming "broken.stl:3"

# Presets: the settings glint writes beside a picture re-render it exactly;
# flags override a preset; a bad preset is one line naming the file and key.
mkdir -p "$work/presets"
expect 0 "view fallback for a preset" -- "$glint" view "$sample" --size 160x120 --part eyes=gloss \
  --finish satin --light-temp 3200 --background '#203040' --no-shadows --output-dir "$work/presets"
shot=$(ls "$work/presets"/*.png) preset=$(ls "$work/presets"/*.json)
expect 0 "render --preset" -- "$glint" render --preset "$preset" -o "$work/presets/again.png"
checks=$((checks + 1))
cmp -s "$shot" "$work/presets/again.png" || fail "a preset did not re-render its picture exactly"
printf '{"model": "%s", "image": {"width": 96, "height": 72}, "lamp": {"kelvin": 2700}}' "$sample" \
  >"$work/presets/warm.json"
expect 0 "info from a preset" -- "$glint" info --preset "$work/presets/warm.json" --json
checks=$((checks + 1))
grep -q '"parts"' "$work/out" && grep -q 'bust.obj' "$work/out" || fail "info --preset did not describe the preset's model"
expect 0 "a flag overrides the preset" -- "$glint" render --preset "$work/presets/warm.json" \
  --light-temp 6500 -o "$work/presets/override.png"
expect 0 "the same without a preset" -- "$glint" render "$sample" --size 96x72 --light-temp 6500 \
  -o "$work/presets/direct.png"
checks=$((checks + 1))
cmp -s "$work/presets/override.png" "$work/presets/direct.png" || fail "a flag did not override a preset"
printf '{"lamp": {"radius_mm": 0}}' >"$work/presets/radius.json"
expect 2 "preset out of range" -- "$glint" render "$sample" --preset "$work/presets/radius.json" -o "$work/p.png"
one_line_naming "radius.json: lamp.radius_mm: expected"
printf '{"lamp": {"kelvin": "warm"}}' >"$work/presets/type.json"
expect 2 "preset of the wrong type" -- "$glint" check "$sample" --preset "$work/presets/type.json"
one_line_naming "type.json: lamp.kelvin"
# The detector's sweep and display model in a preset: `glint check` reads them as its flags.
printf '{"check": {"sweep_deg": 10, "step_deg": 5, "display": {"width_px": 1000}}}' \
  >"$work/presets/check.json"
checks=$((checks + 1))
"$glint" check "$sample" --size 64x64 --preset "$work/presets/check.json" \
  --report "$work/presets/check-report.json" -q 2>"$work/err"
[[ $? == [01] ]] || fail "check with settings from a preset: $(cat "$work/err")"
python3 - "$work/presets/check-report.json" <<'PY' || fail "check did not take its settings from the preset"
import json, sys
check = json.load(open(sys.argv[1]))["check"]
assert (check["sweep_deg"], check["steps"], check["display"]["width_px"]) == (10, 3, 1000), check
PY
printf '{"check": {"step_deg": -1}}' >"$work/presets/check-bad.json"
expect 2 "a bad check setting in a preset" -- "$glint" check "$sample" --preset "$work/presets/check-bad.json"
one_line_naming "check-bad.json: check.step_deg"
printf '{"look": {"parts": {"eyes": "shiny"}}}' >"$work/presets/part.json"
expect 2 "preset with a bad finish" -- "$glint" render "$sample" --preset "$work/presets/part.json" -o "$work/p.png"
one_line_naming "part.json: look.parts.eyes"
printf '[1, 2' >"$work/presets/broken.json"
expect 2 "preset that is not JSON" -- "$glint" render "$sample" --preset "$work/presets/broken.json" -o "$work/p.png"
one_line_naming "broken.json"
expect 2 "missing preset" -- "$glint" render "$sample" --preset "$work/presets/none.json" -o "$work/p.png"
one_line_naming "none.json"
printf '{"look": {"finsh": "gloss"}}' >"$work/presets/typo.json"
expect 0 "preset with an unknown key" -- "$glint" render "$sample" --preset "$work/presets/typo.json" \
  --size 64x48 -o "$work/presets/typo.png"
grep -q "unknown key 'look.finsh'" "$work/err" || fail "an unknown preset key was not warned about"
[[ ! -e "$work/p.png" ]] || fail "a bad preset left $work/p.png"

# glint turntable: a contact sheet of the documented size, or numbered frames
# byte-identical to single renders; never over existing files; bad flags exit 2.
expect 0 "turntable --help" -- "$glint" turntable --help
expect 0 "turntable sheet" -- "$glint" turntable "$sample" --steps 5 --columns 3 --size 80x60 \
  -o "$work/sheet.png"
checks=$((checks + 1))
python3 - "$work/sheet.png" <<'PY' || fail "turntable sheet: wrong size or no labels"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
width, height = struct.unpack(">II", data[16:24])
# 3 columns of 80 px with 8 px gaps and 16 px margins; 2 rows of 60 + 24 px labels,
# an 8 px gap, a 78 px title strip and the margins.
assert (width, height) == (2 * 16 + 3 * 80 + 2 * 8, 2 * 16 + 78 + 2 * (60 + 24) + 8), (width, height)
PY
expect 0 "turntable frames" -- "$glint" turntable "$sample" --steps 4 --size 64x48 -o "$work/frames"
checks=$((checks + 1))
[[ $(ls "$work/frames" | wc -l) == 4 && -f "$work/frames/bust-003.png" ]] ||
  fail "turntable frames: $(ls "$work/frames")"
expect 0 "render at 90 degrees" -- "$glint" render "$sample" --size 64x48 --angle 90 -o "$work/r90.png"
checks=$((checks + 1))
cmp -s "$work/frames/bust-001.png" "$work/r90.png" || fail "turntable frame 1 is not the render at 90 degrees"
expect 4 "turntable frames exist" -- "$glint" turntable "$sample" --steps 4 --size 64x48 -o "$work/frames"
one_line_naming "bust-000.png"
expect 4 "turntable sheet exists" -- "$glint" turntable "$sample" --steps 2 -o "$work/sheet.png"
one_line_naming "sheet.png"
for bad in "--steps 1" "--steps 2.5" "--columns 0" "--sweep 0" "--size 0x5"; do
  flag=${bad%% *}
  # shellcheck disable=SC2086
  expect 2 "turntable $bad" -- "$glint" turntable "$sample" -o "$work/t.png" $bad
  one_line_naming "$flag"
done
expect 2 "turntable without output" -- "$glint" turntable "$sample"
# --video: through ffmpeg when it is installed, a clear line when it is not.
expect 4 "turntable --video without ffmpeg" -- env PATH=/nonexistent "$glint" turntable "$sample" \
  --steps 2 --size 64x48 --video "$work/t.mp4"
one_line_naming "needs ffmpeg, which is not installed"
[[ ! -e $work/t.mp4 ]] || fail "turntable --video without ffmpeg left a file"
if command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null; then
  expect 0 "turntable --video" -- "$glint" turntable "$sample" --steps 6 --size 65x49 \
    --video "$work/t.mp4" --fps 12
  checks=$((checks + 1))
  frames=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames,width \
    -of csv=p=0 "$work/t.mp4")
  [[ $frames == "66,6" ]] || fail "turntable --video: width,frames $frames, expected 66,6 (padded to even)"
  expect 4 "turntable --video exists" -- "$glint" turntable "$sample" --steps 2 --video "$work/t.mp4"
  ls -a "$work" | grep -q "glint-" && fail "turntable --video left a temporary file"
fi
one_line_naming "-o"

# glint compare: a finish per column, an angle per row; the sheet's size.
expect 0 "compare --help" -- "$glint" compare --help
expect 0 "compare" -- "$glint" compare "$sample" --finishes matte,gloss --angles 0,90,180 \
  --size 64x48 -o "$work/compare.png"
checks=$((checks + 1))
python3 - "$work/compare.png" <<'PY' || fail "compare sheet: wrong size"
import struct, sys
width, height = struct.unpack(">II", open(sys.argv[1], "rb").read()[16:24])
# 2 columns of 64 px, 3 rows of 48 + 24 px labels, 28 px column headers.
assert (width, height) == (2 * 16 + 2 * 64 + 8, 2 * 16 + 78 + 28 + 3 * (48 + 24) + 2 * 8), (width, height)
PY
# --check: the detector on each frame; gloss on the sample's fine detail is
# flagged at 256 px (the gorget's pinpoints; jitter before its paint went from
# roughness 0.45 to 0.75), matte is not; a footer row is added under the columns.
expect 0 "compare --check" -- "$glint" compare "$sample" --check --finishes matte,gloss \
  --size 256x256 -o "$work/compare-check.png"
grep -q "matte: PASS" "$work/out" || fail "compare --check: matte not PASS: $(cat "$work/out")"
grep -q "gloss: flagged .*PIN" "$work/out" || fail "compare --check: gloss not flagged: $(cat "$work/out")"
checks=$((checks + 1))
# ... with its feature read at life size, at the scale it prints (issue 21).
grep -Eq "gloss: flagged .*; pinpoints [0-9.]+ mm across .* at life size \(1:10\)" "$work/out" &&
  grep -q "^glint compare: scale 1:10, inferred from the" "$work/out" ||
  fail "compare --check: no life size: $(cat "$work/out")"
python3 - "$work/compare-check.png" <<'PY' || fail "compare --check sheet: wrong size"
import struct, sys
width, height = struct.unpack(">II", open(sys.argv[1], "rb").read()[16:24])
assert (width, height) == (2 * 16 + 2 * 256 + 8, 2 * 16 + 78 + 28 + (256 + 24) + 28), (width, height)
PY
expect 4 "compare sheet exists" -- "$glint" compare "$sample" -o "$work/compare.png"
one_line_naming "compare.png"
for bad in "--finishes shiny" "--finishes matte,,gloss,x" "--angles 0,abc" "--angles 400" "--size 9x"; do
  flag=${bad%% *}
  # shellcheck disable=SC2086
  expect 2 "compare $bad" -- "$glint" compare "$sample" -o "$work/c.png" $bad
  one_line_naming "$flag"
done
[[ ! -e "$work/c.png" ]] || fail "a refused compare left $work/c.png"

# glint check: bad flags and models are one line and exit 2, before any rendering.
expect 0 "check --help" -- "$glint" check --help
grep -q -- "--report FILE" "$work/out" || fail "check --help lists no --report"
for bad in "--sweep 0" "--sweep 400" "--step 0" "--step lots" "--max-steps 1" "--max-steps 2.5" \
           "--display-distance 10" "--display-width -1" "--display-px 100.5" "--ppd 0" \
           "--size 8x8" "--view normals" "--finish shiny"; do
  flag=${bad%% *}
  # shellcheck disable=SC2086
  expect 2 "check $bad" -- "$glint" check "$sample" $bad
  one_line_naming "$flag"
done
expect 2 "check without a model" -- "$glint" check
one_line_naming "no MODEL"
expect 2 "check a missing model" -- "$glint" check "$work/missing.obj"
one_line_naming "missing.obj"
expect 2 "check junk" -- "$glint" check "$work/junk.obj"
one_line_naming "junk.obj"
echo '{}' >"$work/taken.json"
expect 4 "check report exists" -- "$glint" check "$sample" --report "$work/taken.json"
one_line_naming "taken.json"
grep -q '^{}$' "$work/taken.json" || fail "check overwrote an existing report"
expect 4 "check report in a missing folder" -- "$glint" check "$sample" --report "$work/no/r.json"
one_line_naming "no/r.json"
# A short sweep of the sample writes a report that parses and says what it did.
expect 0 "check a short sweep" -- "$glint" check "$sample" --size 128x128 --sweep 4 --step 2 --finish matte \
  --report "$work/r.json" --plot "$work/plot.png"
checks=$((checks + 1))
python3 - "$work/r.json" <<'PY' || fail "check report: wrong shape"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["schema"] == "glint-check-report" and r["version"] == 4, r.get("schema")
assert r["summary"]["text"].startswith("PASS: ") and "\n" not in r["summary"]["text"], r["summary"]
assert r["verdict"] == "pass" and r["fails"] == [], (r["verdict"], r["fails"])
assert [f["angle_deg"] for f in r["frames"]] == [0, 2, 4], r["frames"]
assert r["check"]["steps"] == 3 and r["check"]["step_deg"] == 2
assert set(r["ranges"]) == {"PIN", "HAIR", "JIT", "NOISE", "FACET"}
assert r["settings"]["image"]["width"] == 128
PY
[[ -s "$work/plot.png" ]] || fail "check wrote no plot"
grep -q "^PASS" "$work/out" || fail "check printed no PASS line: $(cat "$work/out")"

# Settings inside the PNG: every picture carries its preset as an iTXt chunk
# "glint-preset", the same bytes as the sidecar JSON; --preset takes the PNG
# (known by its signature) and re-renders it byte for byte. A PNG without the
# chunk, cut short or damaged is one line naming it, exit 2.
no_unknown_keys() { # a preset glint wrote is read without a warning
  checks=$((checks + 1))
  grep -q "unknown key" "$work/err" && fail "$1: $(cat "$work/err")"
}
png_settings() { # the glint-preset text of a PNG, as glint writes it
  python3 - "$1" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
at = 8
while at + 8 <= len(data):
    length, kind = struct.unpack(">I4s", data[at:at + 8])
    body = data[at + 8:at + 8 + length]
    if kind == b"iTXt" and body.startswith(b"glint-preset\0\0\0\0\0"):
        sys.stdout.buffer.write(body[len(b"glint-preset") + 5:])
    at += 12 + length
PY
}
mkdir -p "$work/inpng/rel"
checks=$((checks + 1))
cmp -s <(png_settings "$shot") "$preset" || fail "the fallback's PNG does not hold its sidecar's settings"
expect 0 "render for a PNG preset" -- "$glint" render "$sample" --size 160x120 --finish satin \
  --part eyes=gloss --light-temp 3200 --angle 30 -o "$work/inpng/a.png"
expect 0 "render --preset a PNG" -- "$glint" render --preset "$work/inpng/a.png" -o "$work/inpng/b.png"
checks=$((checks + 1))
cmp -s "$work/inpng/a.png" "$work/inpng/b.png" || fail "a PNG's settings did not re-render it byte for byte"
checks=$((checks + 1))
"$imgtool" compare "$work/inpng/a.png" "$work/inpng/b.png" --max-mean 0 --max-p999 0 >/dev/null ||
  fail "a PNG preset's re-render has other pixels"
cp "$work/inpng/a.png" "$work/inpng/named.json"
expect 0 "a PNG named .json is a PNG" -- "$glint" render --preset "$work/inpng/named.json" --size 80x60 \
  --light-temp 6500 -o "$work/inpng/flags.png"
expect 0 "the same flags without a preset" -- "$glint" render "$sample" --size 80x60 --finish satin \
  --part eyes=gloss --light-temp 6500 --angle 30 -o "$work/inpng/direct.png"
checks=$((checks + 1))
cmp -s "$work/inpng/flags.png" "$work/inpng/direct.png" || fail "flags did not override a PNG preset"
# A model path in the chunk is relative to the PNG's folder, as in a JSON preset.
ln -s "$(cd "$(dirname "$sample")" && pwd)" "$work/inpng/rel/models"
python3 - "$work/inpng/a.png" "$work/inpng/rel/shot.png" "models/$(basename "$sample")" <<'PY'
import json, struct, sys, zlib
data = open(sys.argv[1], "rb").read()
out, at = data[:8], 8
while at < len(data):
    length, kind = struct.unpack(">I4s", data[at:at + 8])
    body = data[at + 8:at + 8 + length]
    if kind == b"iTXt":
        settings = json.loads(body[len(b"glint-preset") + 5:])
        settings["model"] = sys.argv[3]
        body = b"glint-preset\0\0\0\0\0" + json.dumps(settings).encode()
    out += struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    at += 12 + length
open(sys.argv[2], "wb").write(out)
PY
expect 0 "a PNG preset's relative model" -- "$glint" render --preset "$work/inpng/rel/shot.png" \
  -o "$work/inpng/rel.png"
checks=$((checks + 1))
"$imgtool" compare "$work/inpng/a.png" "$work/inpng/rel.png" --max-mean 0 --max-p999 0 >/dev/null ||
  fail "a PNG preset with a relative model did not re-render the picture"
"$imgtool" crop "$work/inpng/a.png" 0 0 80 60 "$work/inpng/foreign.png" # written without settings
expect 2 "a PNG without settings" -- "$glint" render --preset "$work/inpng/foreign.png" -o "$work/p.png"
one_line_naming "foreign.png: no glint settings in this PNG (written by another program?)"
head -c 600 "$work/inpng/a.png" >"$work/inpng/cut.png"
expect 2 "a truncated PNG preset" -- "$glint" render --preset "$work/inpng/cut.png" -o "$work/p.png"
one_line_naming "cut.png: truncated PNG"
python3 - "$work/inpng/a.png" "$work/inpng/bad-crc.png" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
data[33 + 8 + 40] ^= 1  # a byte of the settings' text
open(sys.argv[2], "wb").write(data)
PY
expect 2 "a PNG preset with a bad CRC" -- "$glint" check --preset "$work/inpng/bad-crc.png"
one_line_naming "bad-crc.png: corrupt PNG: the iTXt chunk at byte 33 fails its CRC"
[[ ! -e "$work/p.png" ]] || fail "a bad PNG preset left $work/p.png"
# Turntable frames and sheets, compare sheets and check plots carry settings too:
# a frame's are its own; a sheet's are its first cell's, plus what the grid holds.
expect 0 "render --preset a turntable frame" -- "$glint" render --preset "$work/frames/bust-001.png" \
  -o "$work/inpng/frame1.png"
checks=$((checks + 1))
cmp -s "$work/frames/bust-001.png" "$work/inpng/frame1.png" || fail "a turntable frame's settings did not re-render it"
expect 0 "render --preset a turntable sheet" -- "$glint" render --preset "$work/sheet.png" \
  -o "$work/inpng/sheet-first.png"
no_unknown_keys "a turntable sheet's settings"
expect 0 "the turntable sheet's first cell" -- "$glint" render "$sample" --size 80x60 -o "$work/inpng/cell.png"
checks=$((checks + 1))
cmp -s "$work/inpng/sheet-first.png" "$work/inpng/cell.png" || fail "a turntable sheet's settings are not its first cell's"
expect 0 "render --preset a compare sheet" -- "$glint" render --preset "$work/compare.png" \
  -o "$work/inpng/compare-first.png"
no_unknown_keys "a compare sheet's settings"
expect 0 "the compare sheet's first cell" -- "$glint" render "$sample" --size 64x48 --finish matte \
  -o "$work/inpng/compare-cell.png"
checks=$((checks + 1))
cmp -s "$work/inpng/compare-first.png" "$work/inpng/compare-cell.png" ||
  fail "a compare sheet's settings are not its first cell's"
checks=$((checks + 1))
python3 - <(png_settings "$work/sheet.png") <(png_settings "$work/compare.png") \
  <(png_settings "$work/plot.png") <<'PY' || fail "a sheet's or plot's settings lack what they show"
import json, sys
turntable, compare, plot = (json.load(open(name)) for name in sys.argv[1:4])
assert turntable["sheet"] == {"command": "turntable", "steps": 5, "sweep_deg": 360, "columns": 3}, turntable["sheet"]
assert compare["sheet"]["finishes"] == ["matte", "gloss"] and compare["sheet"]["angles_deg"] == [0, 90, 180]
assert compare["look"]["finish"] == "matte" and compare["turntable_deg"] == 0
assert plot["image"]["width"] == 128 and plot["check"]["steps"] == 3 and plot["check"]["step_deg"] == 2
PY
expect 0 "render --preset a check plot" -- "$glint" render --preset "$work/plot.png" -o "$work/inpng/plot.png"
no_unknown_keys "a check plot's settings"

# --focus PART: one part (the eyes, named in any case) framed from the same
# distance through a narrower lens: another picture, which its settings
# re-render byte for byte; an unknown part is one line listing the parts, for
# every drawing command, before anything is written.
here=$(cd "$(dirname "$0")" && pwd)
expect 0 "render --focus" -- "$glint" render "$sample" --focus EYES --size 96x72 -o "$work/focus.png"
expect 0 "render unfocused" -- "$glint" render "$sample" --size 96x72 -o "$work/unfocused.png"
checks=$((checks + 1))
python3 "$here/pixels.py" "$work/focus.png" "$work/unfocused.png" && fail "--focus eyes drew the whole model"
expect 0 "render --focus 3 (the eyes by number)" -- "$glint" render "$sample" --focus 3 --size 96x72 \
  -o "$work/focus3.png"
checks=$((checks + 1))
python3 "$here/pixels.py" "$work/focus.png" "$work/focus3.png" || fail "--focus 3 is not --focus eyes"
expect 0 "render --preset a focused render" -- "$glint" render --preset "$work/focus.png" \
  -o "$work/focus-again.png"
no_unknown_keys "a focused render's settings"
checks=$((checks + 1))
cmp -s "$work/focus.png" "$work/focus-again.png" || fail "a focused render's settings did not re-render it"
expect 0 "--focus all over a focused preset" -- "$glint" render --preset "$work/focus.png" --focus all \
  -o "$work/focus-all.png"
checks=$((checks + 1))
python3 "$here/pixels.py" "$work/focus-all.png" "$work/unfocused.png" || fail "--focus all is not the whole model"
checks=$((checks + 1))
python3 - <(png_settings "$work/focus-all.png") <<'PY' || fail "--focus all's settings name a part"
import json, sys
assert "focus" not in json.load(open(sys.argv[1]))["camera"]
PY
checks=$((checks + 1))
python3 - <(png_settings "$work/focus.png") <<'PY' || fail "a focused render's settings do not name the part"
import json, sys
assert json.load(open(sys.argv[1]))["camera"]["focus"] == "eyes"
PY
# A compare sheet on the face: its first cell is `render --focus skin` in that finish.
expect 0 "compare --focus skin" -- "$glint" compare "$sample" --focus skin --finishes matte,gloss \
  --size 64x48 -o "$work/face.png"
"$imgtool" crop "$work/face.png" 16 122 64 48 "$work/face-matte.png" || fail "cannot crop face.png"
expect 0 "render --focus skin" -- "$glint" render "$sample" --focus skin --finish matte --size 64x48 \
  -o "$work/face-render.png"
checks=$((checks + 1))
"$imgtool" compare "$work/face-matte.png" "$work/face-render.png" --max-mean 0 --max-p999 0 >/dev/null ||
  fail "compare --focus skin's matte cell is not render --focus skin --finish matte"
for command in render turntable compare check; do
  out=(-o "$work/nope.png")
  [[ $command == check ]] && out=()
  expect 2 "$command --focus nope" -- "$glint" $command "$sample" --focus nope "${out[@]}"
  one_line_naming "--focus nope: .*bust.obj has no part 'nope' (its parts: skin, lips, eyes, "
done
[[ ! -e "$work/nope.png" ]] || fail "an unknown --focus left $work/nope.png"

# compare --lamps: the columns are lamp set-ups (a temperature; a place and
# a bulb), each cell the frame `glint render` draws with that lamp; the
# sheet's settings hold the list, and --preset makes the sheet again.
expect 0 "compare --lamps" -- "$glint" compare "$sample" --lamps 3200,az-60el20r3 --angles 0,90 \
  --size 64x48 -o "$work/lamps.png"
grep -q "2 lamps x 2 angles" "$work/out" || fail "compare --lamps: $(cat "$work/out")"
# cell (column c, row r) of a 64x48 sheet with headers: x 16 + 72c, y 122 + 80r
"$imgtool" crop "$work/lamps.png" 16 122 64 48 "$work/lamp-a0.png" &&
  "$imgtool" crop "$work/lamps.png" 88 122 64 48 "$work/lamp-b0.png" &&
  "$imgtool" crop "$work/lamps.png" 88 202 64 48 "$work/lamp-b90.png" || fail "cannot crop the lamps sheet"
expect 0 "render at 3200 K" -- "$glint" render "$sample" --light-temp 3200 --size 64x48 -o "$work/lamp-a.png"
expect 0 "render the second lamp at 90" -- "$glint" render "$sample" --light-azimuth -60 \
  --light-elevation 20 --light-radius 3 --angle 90 --size 64x48 -o "$work/lamp-b.png"
checks=$((checks + 3))
"$imgtool" compare "$work/lamp-a0.png" "$work/lamp-a.png" --max-mean 0 --max-p999 0 >/dev/null ||
  fail "compare --lamps' 3200 column is not render --light-temp 3200"
"$imgtool" compare "$work/lamp-b90.png" "$work/lamp-b.png" --max-mean 0 --max-p999 0 >/dev/null ||
  fail "compare --lamps' az-60el20r3 column is not that render"
"$imgtool" compare "$work/lamp-a0.png" "$work/lamp-b0.png" --max-mean 0 --max-p999 0 >/dev/null &&
  fail "compare --lamps' two columns are the same picture"
checks=$((checks + 1))
python3 - <(png_settings "$work/lamps.png") <<'PY' || fail "a lamps sheet's settings lack its lamps"
import json, sys
sheet = json.load(open(sys.argv[1]))
# each column in full: what an item left out is the --light-* defaults' lamp
assert sheet["sheet"]["lamps"] == ["3200Kaz40el45d250r10", "4000Kaz-60el20d250r3"], sheet["sheet"]
assert "finishes" not in sheet["sheet"], sheet["sheet"]
assert sheet["lamp"]["kelvin"] == 3200, sheet["lamp"]
PY
expect 0 "compare --preset a lamps sheet" -- "$glint" compare --preset "$work/lamps.png" \
  -o "$work/lamps-again.png"
checks=$((checks + 1))
python3 "$here/pixels.py" "$work/lamps.png" "$work/lamps-again.png" ||
  fail "compare --preset of a lamps sheet did not make it again"
expect 0 "compare --lamps --check" -- "$glint" compare "$sample" --lamps 3200,6500 --check \
  --size 64x64 -o "$work/lamps-check.png"
grep -q "^glint compare: 3200 K: " "$work/out" && grep -q "^glint compare: 6500 K: " "$work/out" ||
  fail "compare --lamps --check: no verdict per lamp: $(cat "$work/out")"
expect 2 "compare --lamps with --finishes" -- "$glint" compare "$sample" --lamps 3200 \
  --finishes matte -o "$work/c.png"
one_line_naming "--lamps and --finishes"
# A flag's kind of columns replaces a preset's other kind, as flags override presets.
expect 0 "compare --preset a lamps sheet --finishes" -- "$glint" compare --preset "$work/lamps.png" \
  --finishes matte,gloss --angles 0 -o "$work/lamps-to-finishes.png"
grep -q "2 finishes x 1 angles" "$work/out" || fail "--finishes over a lamps sheet's preset: $(cat "$work/out")"
expect 0 "compare --preset a finishes sheet --lamps" -- "$glint" compare --preset "$work/compare.png" \
  --lamps 3200,6500,az0 --angles 0 -o "$work/finishes-to-lamps.png"
grep -q "3 lamps x 1 angles" "$work/out" || fail "--lamps over a finishes sheet's preset: $(cat "$work/out")"
for bad in "3200,,6500" "900" "az" "az40az50" "warm" "el95" "1600,1700,1800,1900,2000,2100,2200,2300,2400"; do
  expect 2 "compare --lamps $bad" -- "$glint" compare "$sample" --lamps "$bad" -o "$work/c.png"
  one_line_naming "--lamps $bad: "
done
[[ ! -e "$work/c.png" ]] || fail "a refused compare --lamps left $work/c.png"

# No OpenGL at all: glvnd finds no EGL vendor.
expect 3 "no context" -- env __EGL_VENDOR_LIBRARY_FILENAMES=/nonexistent.json \
  "$glint" render "$sample" -o "$work/none.png"
one_line_naming "cannot create an OpenGL 3.3 context"

echo "$((checks - failures)) passed, $failures failed"
[[ $failures == 0 ]]
