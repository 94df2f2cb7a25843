#!/usr/bin/env bash
# Hostile presets, flags and models (issue 12): malformed JSON names line and
# column, trailing text, NUL bytes and repeated keys are refused, floods of
# unknown keys are capped, out-of-range flags say their range, and models too
# large (or small) to frame are refused instead of rendering nothing.
# usage: test_presets_hostile.sh GLINT IMGTOOL SAMPLE_OBJ
set -u
glint=$1 imgtool=$2 sample=$3
source "$(dirname "$0")/lib.sh" hostile
# A preset is read before anything is rendered, so `info` exercises the reader cheaply.
preset() { expect "$1" "$2" -- "$glint" info "$sample" --preset "$work/$3"; }

# --- presets -----------------------------------------------------------------
printf '{\n  "lamp": {\n    "radius_mm": 3,,\n  }\n}\n' >"$work/comma.json"
preset 2 "malformed JSON" comma.json
one_line_naming "comma.json:3:20: malformed JSON at ','"
printf '{"lamp": {"radius_mm": 3}\n' >"$work/cut.json"
preset 2 "truncated JSON" cut.json
one_line_naming "cut.json:1:25: malformed JSON: the text ends inside the document"
printf '{"lamp": {"radius_mm": 3}}\n\n  junk\n' >"$work/trailing.json"
preset 2 "text after the document" trailing.json
one_line_naming "trailing.json:3:3: text after the end of the JSON document ('junk')"
printf '{"look": {"finish": "gl\0oss"}}' >"$work/nul.json"
preset 2 "NUL inside a string" nul.json
one_line_naming "nul.json:1:24: a NUL byte"
printf '{"lamp": {"radius_mm": 3}}\n\0' >"$work/nul-after.json"
preset 2 "NUL after the document" nul-after.json
one_line_naming "nul-after.json:2:1: a NUL byte"
printf '{"lamp": {"radius_mm": 3, "kelvin": 3000, "radius_mm": 50}}' >"$work/dup.json"
preset 2 "duplicate key" dup.json
one_line_naming "dup.json: key 'lamp.radius_mm' appears twice"
printf '{"look": {"parts": {"eyes": "gloss", "eyes": "matte"}}}' >"$work/dup-part.json"
preset 2 "duplicate part" dup-part.json
one_line_naming "key 'look.parts.eyes' appears twice"
printf '{"lamp": {}, "lamp": {}}' >"$work/dup-top.json"
preset 2 "duplicate top-level key" dup-top.json
one_line_naming "key 'lamp' appears twice"
printf '' >"$work/empty.json"
preset 2 "empty preset" empty.json
one_line_naming "empty.json: empty"
# 100k unknown keys: ten named, then one line with the exact rest.
python3 -c 'print("{" + ",".join("\"k%d\": 1" % i for i in range(100000)) + "}")' >"$work/flood.json"
preset 0 "100k unknown keys" flood.json
checks=$((checks + 1))
[[ $(grep -c "unknown key 'k" "$work/err") == 10 ]] || fail "flood: $(grep -c unknown "$work/err") warnings named"
grep -q "flood.json: \.\.\. and 99990 more unknown keys ignored" "$work/err" ||
  fail "flood: no count line: $(tail -1 "$work/err")"
[[ $(wc -l <"$work/err") == 11 ]] || fail "flood: $(wc -l <"$work/err") lines on stderr"
# The same rules inside a PNG's settings: a picture with a broken chunk is refused.
expect 0 "a render to carry settings" -- "$glint" render "$sample" --size 48x48 -o "$work/shot.png"
expect 0 "its settings are a preset" -- "$glint" render "$sample" --preset "$work/shot.png" \
  --size 48x48 -o "$work/again.png"
# A preset glint wrote still reads, with every key it holds (no warning).
checks=$((checks + 1))
[[ ! -s $work/err ]] || fail "a written preset warns: $(head -3 "$work/err")"

# --- a check's report as the preset: its settings object must be there -------
printf '{"schema": "glint-check-report", "version": 4, "verdict": "pass"}' >"$work/report.json"
expect 2 "a report without settings" -- "$glint" check --preset "$work/report.json"
one_line_naming "report.json: a check report without its 'settings' object"
printf '{"schema": "glint-check-report", "settings": {"lamp": {"kelvin": 99}}}' >"$work/report.json"
expect 2 "a report's settings are checked as a preset's" -- "$glint" check "$sample" --preset "$work/report.json"
one_line_naming "report.json: lamp.kelvin"

# --- flags say their range ---------------------------------------------------
expect 2 "--steps far out of range" -- "$glint" turntable "$sample" --steps 1000000 -o "$work/t"
one_line_naming "--steps 1000000: .*1000000 is outside 2\.\.720"
expect 2 "--columns out of range" -- "$glint" turntable "$sample" --columns 99 -o "$work/t.png"
one_line_naming "99 is outside 1\.\.32"
expect 2 "--light-distance out of range" -- "$glint" render "$sample" --light-distance 0 -o "$work/x.png"
one_line_naming "0 is outside 1\.\.100000"
expect 2 "--max-file-mb out of range" -- "$glint" info "$sample" --max-file-mb 0.5
one_line_naming "0.5: expected a size in MiB in 1\.\.1048576"
expect 2 "--max-steps states its range" -- "$glint" check "$sample" --max-steps 1000000
one_line_naming "2-20000"

# --- models too large or too small to frame ----------------------------------
stl() { # stl FILE SIZE: a corner tetrahedron SIZE across, binary STL
  python3 - "$1" "$2" <<'PY'
import struct, sys
s = float(sys.argv[2])
t = [((0, 0, 0), (s, 0, 0), (0, s, 0)), ((0, 0, 0), (0, s, 0), (0, 0, s)),
     ((0, 0, 0), (0, 0, s), (s, 0, 0)), ((s, 0, 0), (0, 0, s), (0, s, 0))]
with open(sys.argv[1], "wb") as f:
    f.write(b"\0" * 80 + struct.pack("<I", len(t)))
    for tri in t:
        f.write(struct.pack("<3f", 0, 0, 0))
        for v in tri:
            f.write(struct.pack("<3f", *v))
        f.write(b"\0\0")
PY
}
stl "$work/huge.stl" 3e38
expect 2 "3e38 mm model: render" -- "$glint" render "$work/huge.stl" --size 64x64 -o "$work/huge.png"
one_line_naming "huge.stl: the model is 3e+38 mm across: too large to frame"
[[ ! -e $work/huge.png ]] || fail "a refused model left a picture"
expect 2 "3e38 mm model: check never passes" -- "$glint" check "$work/huge.stl" --size 64x64 --max-steps 2
one_line_naming "huge.stl: the model is 3e+38 mm across"
grep -q PASS "$work/out" && fail "check said PASS on a model it cannot frame"
# A model panned out of view is nothing to judge: no PASS either.
expect 2 "check of an empty view" -- "$glint" check "$sample" --size 32x32 --step 45 --pan 100000,0
one_line_naming "covers no pixel of the 32x32 view"
grep -q PASS "$work/out" && fail "check said PASS on an empty view"
stl "$work/metres.stl" 1e37
expect 2 "coordinates overflow once scaled" -- "$glint" render "$work/metres.stl" --units m -o "$work/m.png"
one_line_naming "metres.stl: the model's coordinates overflow once read as m"
stl "$work/speck.stl" 1e-20
expect 2 "1e-20 mm model" -- "$glint" render "$work/speck.stl" -o "$work/speck.png"
one_line_naming "too small to frame"
# A large but frameable model fills the frame instead of shrinking to a dot
# (a lens wider than 120 degrees is replaced by stepping back).
stl "$work/big.stl" 5000
expect 0 "5 m model renders" -- "$glint" render "$work/big.stl" --size 96x96 --transparent -o "$work/big.png"
stl "$work/small.stl" 30
expect 0 "30 mm model renders" -- "$glint" render "$work/small.stl" --size 96x96 --transparent -o "$work/small.png"
checks=$((checks + 1))
"$imgtool" coverage "$work/big.png" --min 0.02 --max 0.6 >/dev/null ||
  fail "5 m model: $("$imgtool" coverage "$work/big.png" --min 0 --max 1)"

echo "test_presets_hostile: $checks checks, $failures failed"
[[ $failures == 0 ]]
