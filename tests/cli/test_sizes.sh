#!/usr/bin/env bash
# Models of any size and either up axis, as painters' files come: the sample
# scaled 20x (1.5 m: a statue, or a file in the wrong units) and the sample
# read with --units cm are framed and exposed as the sample is, and say why;
# the sample as a Z-up binary STL (as printing files are) stands up.
# usage: test_sizes.sh GLINT IMGTOOL SAMPLE_OBJ
set -u
glint=$1 imgtool=$2 sample=$3
source "$(dirname "$0")/lib.sh" sizes
check() { checks=$((checks + 1)); }
mean_of() { sed -n 's/.*covered mean \([0-9.]*\).*/\1/p' "$1"; }

# The sample as drawn: its coverage and brightness are the reference.
check
"$glint" render "$sample" -o "$work/sample.png" --size 320x240 2>"$work/err" ||
  fail "sample: $(cat "$work/err")"
"$imgtool" coverage "$work/sample.png" --min 0.05 --max 0.6 >"$work/sample.txt" ||
  fail "sample: $(cat "$work/sample.txt")"
reference=$(mean_of "$work/sample.txt")

# Every coordinate of the sample times 20; the materials beside it.
awk '/^v /{ printf "v %.6f %.6f %.6f\n", $2 * 20, $3 * 20, $4 * 20; next } { print }' \
  "$sample" >"$work/statue.obj"
cp "$(dirname "$sample")"/*.mtl "$work/"

# At least 10 % of the frame, and lit at least 3/4 as bright as the sample.
framed() { # NAME GLINT-ARGS...
  local name=$1; shift
  check
  "$glint" render "$@" -o "$work/$name.png" --size 320x240 2>"$work/$name.err" ||
    fail "$name: $(cat "$work/$name.err")"
  local min_mean
  min_mean=$(awk -v r="$reference" 'BEGIN { printf "%.1f", 0.75 * r }')
  "$imgtool" coverage "$work/$name.png" --min 0.10 --max 0.6 --min-mean "$min_mean" \
    >"$work/$name.txt" || fail "$name: $(cat "$work/$name.txt") (sample's mean $reference)"
}
framed statue "$work/statue.obj"
framed centimetres "$sample" --units cm

# The hint: one line, the size as read, never applied.
check
grep -q "the model is 1502 mm tall (reading its units as mm): glint frames it from further back" \
  "$work/statue.err" || fail "statue: no size hint: $(cat "$work/statue.err")"
check
[[ $(grep -c warning "$work/statue.err") == 1 ]] || fail "statue: $(cat "$work/statue.err")"

# The sample as a Z-up binary STL (the file's -Y its front): drawn upright,
# its silhouette is the OBJ's.
python3 - "$sample" "$work/zup.stl" <<'EOF'
import struct, sys
vertices, triangles = [], []
for line in open(sys.argv[1]):
    f = line.split()
    if f and f[0] == "v":
        x, y, z = map(float, f[1:4])
        vertices.append((x, -z, y))  # Y-up to Z-up: upright (X, Y, Z) = file (x, z, -y)
    elif f and f[0] == "f":
        corners = [int(c.split("/")[0]) - 1 for c in f[1:]]
        triangles += [(corners[0], corners[i], corners[i + 1]) for i in range(1, len(corners) - 1)]
with open(sys.argv[2], "wb") as out:
    out.write(b"\0" * 80 + struct.pack("<I", len(triangles)))
    for t in triangles:
        out.write(struct.pack("<3f", 0, 0, 0))
        for c in t:
            out.write(struct.pack("<3f", *vertices[c]))
        out.write(b"\0\0")
EOF
check
"$glint" render "$sample" --view silhouette -o "$work/obj-silhouette.png" --size 320x240 \
  2>/dev/null || fail "OBJ silhouette"
"$glint" render "$work/zup.stl" --view silhouette -o "$work/stl-silhouette.png" --size 320x240 \
  2>"$work/stl.err" || fail "STL silhouette: $(cat "$work/stl.err")"
"$imgtool" compare "$work/obj-silhouette.png" "$work/stl-silhouette.png" --max-mean 0.5 \
  --max-p999 255 >"$work/compare.txt" || fail "Z-up STL is not upright: $(cat "$work/compare.txt")"

echo "test_sizes: $checks checks, $failures failed"
[[ $failures == 0 ]]
