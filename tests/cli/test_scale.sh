#!/usr/bin/env bash
# --scale 1:N and the scale glint infers for sizes at life size
# (docs/detector.md, "Life size"): `info` prints it (a bust by its name, a
# 32 mm standing figure by its proportions at 1:56), --scale and a preset's
# model_scale set it (a render's PNG keeps it), and a bad value is one line
# naming it, exit 2, before any model is read or context made.
# usage: test_scale.sh GLINT SAMPLE_OBJ
set -u
glint=$1 sample=$2
source "$(dirname "$0")/lib.sh" scale

# A 32 mm figure on a 25 mm base (one part, the base unnamed): legs, body,
# arms, head, as boxes.
python3 - "$work/knight.obj" <<'PY'
import sys
boxes = [((-12.5, 0, -12.5), (12.5, 3, 12.5)), ((-2.5, 3, -1), (-0.5, 17, 1)),
         ((0.5, 3, -1), (2.5, 17, 1)), ((-3.5, 17, -1.5), (3.5, 27, 1.5)),
         ((-5, 16, -1), (-3.5, 27, 1)), ((3.5, 16, -1), (5, 27, 1)),
         ((-1.8, 28.4, -1.8), (1.8, 32, 1.8))]
lines = []
for b, (lo, hi) in enumerate(boxes):
    for k in range(8):
        lines.append("v %g %g %g" % tuple(hi[c] if k >> c & 1 else lo[c] for c in range(3)))
    for f in ((1, 3, 4, 2), (5, 6, 8, 7), (1, 2, 6, 5), (3, 7, 8, 4), (1, 5, 7, 3), (2, 4, 8, 6)):
        lines.append("f " + " ".join(str(i + 8 * b) for i in f))
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY

expect 0 "info, a standing figure" -- "$glint" info "$work/knight.obj"
grep -qx "scale 1:56, inferred from the 32 mm height as a standing figure (its proportions); --scale to set" \
  "$work/out" || fail "info: the figure's inferred scale: $(cat "$work/out")"
expect 0 "info --json, a standing figure" -- "$glint" info "$work/knight.obj" --json
python3 - "$work/out" <<'PY' || fail "info --json: the figure's scale"
import json, sys
s = json.load(open(sys.argv[1]))["scale"]
assert s == {"n": 56, "given": False, "figure": "standing figure", "height_mm": 32,
             "why": "its proportions"}, s
PY
expect 0 "info, the sample" -- "$glint" info "$sample"
grep -qx "scale 1:10, inferred from the 61 mm height as a bust (its name); --scale to set" \
  "$work/out" || fail "info: the sample's inferred scale: $(cat "$work/out")"
expect 0 "info --scale 1:24" -- "$glint" info "$work/knight.obj" --scale 1:24
grep -qx "scale 1:24, as set" "$work/out" || fail "info --scale 1:24: $(cat "$work/out")"

# A preset's model_scale, and a render's PNG keeping the scale it was given.
printf '{"model": "%s", "model_scale": "1:32"}\n' "$work/knight.obj" >"$work/preset.json"
expect 0 "info --preset with model_scale" -- "$glint" info --preset "$work/preset.json"
grep -qx "scale 1:32, as set" "$work/out" || fail "a preset's model_scale: $(cat "$work/out")"
expect 0 "render --scale 1:35" -- "$glint" render "$work/knight.obj" --size 64x64 --scale 1:35 \
  -o "$work/knight.png"
expect 0 "info --preset PNG" -- "$glint" info --preset "$work/knight.png"
grep -qx "scale 1:35, as set" "$work/out" || fail "the PNG's scale: $(cat "$work/out")"
expect 0 "render without --scale" -- "$glint" render "$work/knight.obj" --size 64x64 \
  -o "$work/inferred.png"
expect 0 "info --preset PNG, inferred" -- "$glint" info --preset "$work/inferred.png"
grep -q "^scale 1:56, inferred" "$work/out" || fail "an inferred scale was pinned: $(cat "$work/out")"

# Bad values: one line naming the value, exit 2.
for bad in 1:0 0:56 2:56 1: 1:abc 1:56x 1:1e9 -3 ""; do
  for command in check info render; do
    expect 2 "$command --scale '$bad'" -- "$glint" $command "$work/knight.obj" --scale "$bad"
    one_line_saying "--scale $bad: expected a scale 1:N, N from 1 to 10000"
  done
done
printf '{"model": "%s", "model_scale": "1:0"}\n' "$work/knight.obj" >"$work/bad.json"
expect 2 "a preset's bad model_scale" -- "$glint" info --preset "$work/bad.json"
one_line_saying "bad.json: model_scale: expected a scale 1:N"

echo "test_scale: $checks checks, $failures failed"
[[ $failures == 0 ]]
