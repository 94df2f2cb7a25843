#!/usr/bin/env bash
# Hostile model files (issue 12): FIFOs where a model, MTL, texture or preset
# should be, malformed OBJ numbers and indices, a 200,000-corner face, OBJ
# text as Windows editors write it, terminal escapes in an MTL, warning
# floods in `glint info`. Every run is under `timeout` so a hang fails.
# usage: test_models_hostile.sh GLINT
set -u
glint=$(realpath "$1")
source "$(dirname "$0")/lib.sh" models-hostile
expect_timeout=10 # a hostile model must never hang glint
has() { # FILE TEXT: the file holds the text
  checks=$((checks + 1))
  grep -qF -- "$2" "$1" || fail "$(basename "$1") lacks '$2': $(head -5 "$1")"
}

cd "$work" || exit 1
triangle='v 0 0 0\nv 1 0 0\nv 0 1 0\n'

# 1. FIFOs never block: open() on one waits for a writer forever.
mkfifo pipe.obj pipe.mtl pipe.png pipe.json
expect 2 "a FIFO as the model" -- "$glint" info pipe.obj
one_line_saying "pipe.obj: not a regular file (a FIFO)"
printf "mtllib pipe.mtl\n${triangle}f 1 2 3\n" >fifo_mtl.obj
expect 0 "a FIFO as the MTL" -- "$glint" info fifo_mtl.obj
has out "not a regular file (a FIFO)"
printf 'newmtl paint\nmap_Kd pipe.png\n' >paint.mtl
printf "mtllib paint.mtl\n${triangle}vt 0 0\nusemtl paint\nf 1/1 2/1 3/1\n" >fifo_png.obj
expect 0 "a FIFO as the texture" -- "$glint" info fifo_png.obj
has out "pipe.png: not a regular file (a FIFO)"
has out "(missing)"
expect 2 "a FIFO as the preset" -- "$glint" info --preset pipe.json
one_line_saying "pipe.json: not a regular file (a FIFO)"
printf '{"schema": "glint-preset", "version": 1, "model": "pipe.obj"}\n' >fifo_model.json
expect 2 "a preset whose model is a FIFO" -- "$glint" info --preset fifo_model.json
one_line_saying "pipe.obj: not a regular file (a FIFO)"

# 8 and 12. Numbers tinyobjloader reads as 0 or wraps are refused with the line.
check_refused() { # TEXT EXPECTED
  printf "$1" >bad.obj
  expect 2 "refused: $2" -- "$glint" info bad.obj
  one_line_saying "glint info: bad.obj:$2"
}
check_refused 'v nan 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n' "1: vertex: 'nan' is not a number"
check_refused 'v 0 0 0\nv inf 0 0\nv 0 1 0\nf 1 2 3\n' "2: vertex: 'inf' is not a number"
check_refused 'v a b c\nv 1 0 0\nv 0 1 0\nf 1 2 3\n' "1: vertex: 'a' is not a number"
check_refused 'v 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n' "1: vertex: 1 of 3 numbers"
check_refused "${triangle}f 1 2 4000000000\n" "4: vertex index 4000000000 is out of range"
check_refused "${triangle}f 1 2 x\n" "4: face corner 'x' is not an index"
check_refused "${triangle}vn 0 0 x\nf 1 2 3\n" "4: normal: 'x' is not a number"

# 2. A 200,000-corner face (6 MB) is refused at once, not triangulated for minutes.
python3 -c '
n = 200000
rows = ["v %d %d 0" % (i % 1000, i // 1000) for i in range(n)]
print("\n".join(rows))
print("f " + " ".join(str(i + 1) for i in range(n)))' >fan.obj
start=$(date +%s%N)
expect 2 "a 200,000-corner face" -- "$glint" info fan.obj
one_line_saying "fan.obj:200001: a face of 200000 corners; glint reads at most 10000 per face"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
checks=$((checks + 1))
limit=2000
[[ $glint == *sanitized* ]] && limit=10000 # ASan is several times slower
(( ms < limit )) || fail "the 200,000-corner face took $ms ms"

# 9. A UTF-8 BOM before mtllib, backslashes in its path.
mkdir -p mats
printf 'newmtl skin\nKd 0.8 0.6 0.5\n' >mats/skin.mtl
printf "\xEF\xBB\xBFmtllib mats\\\\skin.mtl\n${triangle}usemtl skin\nf 1 2 3\n" >bom.obj
grep -qF 'mats\skin.mtl' bom.obj || fail "the test file has no backslash"
expect 0 "a BOM and a backslash in mtllib" -- "$glint" info bom.obj
has out "Kd 0.80 0.60 0.50"
checks=$((checks + 1))
[[ ! -s err ]] || fail "warnings for a BOM and a backslash: $(cat err)"

# 7. Nothing from a file reaches the terminal raw: a texture path with ESC and BEL.
printf 'newmtl paint\nmap_Kd a\033]0;pwned\007\033[31mred.png\n' >esc.mtl
printf "mtllib esc.mtl\n${triangle}usemtl paint\nf 1 2 3\n" >esc.obj
expect 0 "a texture path with escapes" -- "$glint" info esc.obj
has out "texture a ]0;pwned  [31mred.png (missing)"
checks=$((checks + 1))
! grep -q $'[\x01-\x08\x0b-\x1f\x7f]' out err || fail "control bytes reach the terminal: $(cat -v out err)"

# 7. Warnings past the kept ones are counted in info's list, text and JSON.
python3 -c '
print("\n".join("mtllib missing%d.mtl" % i for i in range(1000)))
print("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3")' >flood.obj
expect 0 "1,000 missing libraries" -- "$glint" info flood.obj
listed=$(grep -c "material library missing" out)
more=$(sed -n 's/^  \.\.\. and \([0-9]*\) more$/\1/p' out)
checks=$((checks + 1))
[[ -n $more ]] && (( listed + more >= 1000 && listed < 1000 )) ||
  fail "info lists $listed warnings and says '... and ${more:-nothing} more'"
expect 0 "1,000 missing libraries, JSON" -- "$glint" info --json flood.obj
checks=$((checks + 1))
python3 -c '
import json, sys
info = json.load(open(sys.argv[1]))
assert info["warnings_not_listed"] == int(sys.argv[2]), info["warnings_not_listed"]' out "$more" ||
  fail "JSON warnings_not_listed is not $more"

# 10. A 16384^2 PNG (1 MB of file, 1 GB of pixels) used by three materials:
# info reads its header only, so 400 MB of address space is plenty (the old
# info decoded it three times: 4.2 GB). The sanitizer build cannot run under
# ulimit -v.
if [[ $glint != *sanitized* ]]; then
  python3 -c '
import struct, zlib
side = 16384
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
packer = zlib.compressobj(1)
row = b"\0" + b"\xc8\x64\x32\xff" * side
idat = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
header = struct.pack(">IIBBBBB", side, side, 8, 6, 0, 0, 0)
open("big.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) +
                              chunk(b"IEND", b""))'
  printf 'newmtl a\nmap_Kd big.png\nnewmtl b\nmap_Kd big.png\nnewmtl c\nmap_Kd big.png\n' >big.mtl
  printf "mtllib big.mtl\n${triangle}vt 0 0\nusemtl a\nf 1/1 2/1 3/1\nusemtl b\nf 1/1 3/1 2/1\n" >big.obj
  printf 'usemtl c\nf 2/1 1/1 3/1\n' >>big.obj
  checks=$((checks + 1))
  (ulimit -v 400000; exec timeout 10 "$glint" info big.obj) >out 2>err ||
    fail "info of a 16384^2 texture under 400 MB: $(head -3 err)"
  has out "textures: 3 found, 0 missing"
fi

echo "$checks checks, $failures failed"
[[ $failures == 0 ]]
