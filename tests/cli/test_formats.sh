#!/usr/bin/env bash
# Image outputs follow their extension, in any case (issue 20): .png is PNG,
# .jpg/.jpeg is JPEG with the settings beside it as NAME.json (a JPEG has no
# text chunk), anything else is exit 2 on one line before any rendering.
# Every image output: render -o, turntable's sheet, compare -o, check --plot,
# the viewer's --snapshot.
# usage: test_formats.sh GLINT SAMPLE_OBJ
set -u
glint=$1 sample=$(realpath "$2")
source "$(dirname "$0")/lib.sh" formats
magic() { od -An -tx1 -N"$2" "$1" 2>/dev/null | tr -d ' \n'; }
is_jpeg() { # FILE: JPEG bytes (SOI and a marker), not a PNG under another name
  checks=$((checks + 1))
  [[ $(magic "$1" 3) == ffd8ff ]] || fail "$1 is not a JPEG: starts $(magic "$1" 8)"
}
is_png() {
  checks=$((checks + 1))
  [[ $(magic "$1" 8) == 89504e470d0a1a0a ]] || fail "$1 is not a PNG: starts $(magic "$1" 8)"
}
has_settings() { # JSON: the sidecar is glint's settings document
  checks=$((checks + 1))
  python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["schema"] == "glint-preset"' \
    "$1" 2>/dev/null || fail "$1 is not the settings: $(head -c 200 "$1" 2>&1)"
}
absent() {
  checks=$((checks + 1))
  [[ ! -e $1 ]] || fail "$2: $1 was written"
}

cd "$work" || exit 1
small=(--size 96x72 -q)

# render: .jpg, .JPG and .jpeg are JPEG with their settings beside them; .png stays PNG.
expect 0 "render -o x.jpg" -- "$glint" render "$sample" -o x.jpg "${small[@]}"
is_jpeg x.jpg
has_settings x.json
expect 0 "render -o X.JPG" -- "$glint" render "$sample" -o X.JPG "${small[@]}"
is_jpeg X.JPG
has_settings X.json
expect 0 "render -o y.jpeg" -- "$glint" render "$sample" -o y.jpeg "${small[@]}"
is_jpeg y.jpeg
has_settings y.json
expect 0 "render -o p.PNG" -- "$glint" render "$sample" -o p.PNG "${small[@]}"
is_png p.PNG
absent p.json "a PNG carries its settings inside"

# The sidecar holds the bytes a PNG's settings chunk holds for the same render.
python3 - p.PNG x.json <<'PY' || fail "the sidecar differs from the PNG's settings chunk"
import struct, sys, zlib
png = open(sys.argv[1], "rb").read()
pos, text = 8, None
while pos < len(png):
    size, kind = struct.unpack(">I4s", png[pos:pos + 8])
    body = png[pos + 8:pos + 8 + size]
    if kind == b"iTXt" and body.startswith(b"glint-preset\0"):
        rest = body[len(b"glint-preset\0"):]
        compressed = rest[0]
        rest = rest[2:]
        rest = rest[rest.index(b"\0") + 1:]  # language tag
        rest = rest[rest.index(b"\0") + 1:]  # translated keyword
        text = zlib.decompress(rest) if compressed else rest
    pos += 12 + size
assert text is not None, "no glint-preset chunk"
assert text == open(sys.argv[2], "rb").read(), (text[:80], open(sys.argv[2], "rb").read()[:80])
PY
checks=$((checks + 1))

# A JPEG re-renders from its sidecar: lossy, but the same pixels and quality give the same bytes.
expect 0 "render --preset x.json -o again.jpg" -- "$glint" render --preset x.json -o again.jpg -q
is_jpeg again.jpg
checks=$((checks + 1))
cmp -s x.jpg again.jpg || fail "the JPEG re-rendered from its sidecar differs"

# --jpeg-quality: a lower quality is a smaller file of the same render; outside 1-100 is exit 2.
expect 0 "render --jpeg-quality 20" -- "$glint" render --preset x.json -o low.jpg --jpeg-quality 20 -q
is_jpeg low.jpg
checks=$((checks + 1))
(( $(stat -c %s low.jpg) < $(stat -c %s x.jpg) )) ||
  fail "--jpeg-quality 20 is not smaller: $(stat -c %s low.jpg) vs $(stat -c %s x.jpg) bytes"
expect 0 "the same quality again" -- "$glint" render --preset x.json -o low2.jpg --jpeg-quality 20 -q
checks=$((checks + 1))
cmp -s low.jpg low2.jpg || fail "two renders at --jpeg-quality 20 differ"
for bad in 0 101 high; do
  expect 2 "--jpeg-quality $bad" -- "$glint" render "$sample" -o q.jpg --jpeg-quality "$bad" "${small[@]}"
  one_line_saying "glint render: --jpeg-quality $bad"
  absent q.jpg "--jpeg-quality $bad"
done

# Anything else is exit 2, one line naming the flag, the file and what glint writes; nothing written.
# (render also writes .exr: tests/cli/test_exr.sh.)
for name in x.tga x.bmp x.webp x.tiff noextension x.jpg.txt x.exr.txt; do
  expect 2 "render -o $name" -- "$glint" render "$sample" -o "$name" "${small[@]}"
  one_line_saying "glint render: -o $name: glint writes .png, .jpg/.jpeg or .exr"
  absent "$name" "render -o $name"
done
# A JPEG has no alpha.
expect 2 "render --transparent -o t.jpg" -- "$glint" render "$sample" -o t.jpg --transparent "${small[@]}"
one_line_saying "glint render: -o t.jpg: a JPEG has no alpha for --transparent"
absent t.jpg "render --transparent -o t.jpg"
absent t.json "render --transparent -o t.jpg"

# Never clobbered: the JPEG, and its sidecar alone, are refused before rendering (exit 4).
cp x.jpg x.before
expect 4 "render -o x.jpg again" -- "$glint" render "$sample" -o x.jpg "${small[@]}" --light-azimuth 200
one_line_saying "glint render: x.jpg: already exists; pass --overwrite"
checks=$((checks + 1))
cmp -s x.jpg x.before || fail "x.jpg was replaced"
echo '{"mine": true}' >taken.json
expect 4 "render -o taken.jpg with taken.json there" -- "$glint" render "$sample" -o taken.jpg "${small[@]}"
one_line_saying "glint render: taken.json: already exists"
absent taken.jpg "a JPEG whose sidecar name is taken"
checks=$((checks + 1))
grep -q mine taken.json || fail "taken.json was replaced"
expect 0 "render --overwrite -o x.jpg" -- "$glint" render "$sample" -o x.jpg "${small[@]}" \
  --light-azimuth 200 --overwrite
checks=$((checks + 1))
cmp -s x.jpg x.before && fail "--overwrite did not replace x.jpg"

# turntable: .jpg/.jpeg is a JPEG sheet; another image name is exit 2, not a folder.
expect 0 "turntable -o sheet.jpg" -- "$glint" turntable "$sample" --steps 2 -o sheet.jpg "${small[@]}"
is_jpeg sheet.jpg
has_settings sheet.json
for name in sheet.tga sheet.GIF sheet.tiff; do
  expect 2 "turntable -o $name" -- "$glint" turntable "$sample" --steps 2 -o "$name" "${small[@]}"
  one_line_saying "glint turntable: -o $name: glint writes .png or .jpg/.jpeg"
  absent "$name" "turntable -o $name"
done

# compare and check --plot.
expect 0 "compare -o c.JPEG" -- "$glint" compare "$sample" -o c.JPEG "${small[@]}"
is_jpeg c.JPEG
has_settings c.json
expect 2 "compare -o c.bmp" -- "$glint" compare "$sample" -o c.bmp "${small[@]}"
one_line_saying "glint compare: -o c.bmp: glint writes .png or .jpg/.jpeg"
check=(check "$sample" --size 64x64 --sweep 20 --step 10 -q)
"$glint" "${check[@]}" --plot plot.jpg >/dev/null 2>"$work/err"
checks=$((checks + 1))
[[ $? == [01] ]] || fail "check --plot plot.jpg: $(cat "$work/err")"
is_jpeg plot.jpg
has_settings plot.json
expect 2 "check --plot plot.gif" -- "$glint" "${check[@]}" --plot plot.gif
one_line_saying "glint check: --plot plot.gif: glint writes .png or .jpg/.jpeg"
absent plot.gif "check --plot plot.gif"

# The viewer's --snapshot is checked before a window (or its absence) matters.
expect 2 "view --snapshot shot.tga" -- "$glint" view "$sample" --snapshot shot.tga
one_line_saying "glint view: --snapshot shot.tga: glint writes .png or .jpg/.jpeg"

echo "formats: $checks checks, $failures failures"
[[ $failures == 0 ]]
