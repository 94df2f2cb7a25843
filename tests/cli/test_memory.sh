#!/usr/bin/env bash
# Running out of memory is an error, not an abort (issue 12, item 11): a
# 2M-triangle STL rendered under `ulimit -v 1000000` once made llvmpipe abort
# ("LLVM ERROR: Unable to allocate section memory", 134) or segfault (139).
# glint now estimates the render's memory first: it renders with fewer MSAA
# samples and a warning (exit 0) or refuses in one line saying what to lower
# (exit 5). A second case: a picture too large for the limit at any sampling.
# usage: test_memory.sh GLINT
set -u
glint=$1
# The sanitizer build reserves terabytes of address space: a ulimit -v
# cannot apply to it at all.
if [[ $(basename "$glint") == glint-sanitized ]]; then
  echo "test_memory: skipped under the sanitizers (ASan cannot run under ulimit -v)"
  exit 0
fi
source "$(dirname "$0")/lib.sh" memory

# A wavy height field of 2M triangles, binary STL, 50 mm across (100 MB).
python3 - "$work/big.stl" 2000000 <<'PY'
import math, struct, sys
n = int(sys.argv[2]); side = int(math.sqrt(n / 2)); step = 50.0 / side
rec = struct.Struct("<12fH")
h = [[math.sin(i * 0.3) * math.cos(j * 0.2) for j in range(side + 1)] for i in range(side + 1)]
with open(sys.argv[1], "wb") as f:
    f.write(b"glint test height field".ljust(80, b" ") + struct.pack("<I", 2 * side * side))
    for i in range(side):
        row = bytearray()
        for j in range(side):
            a = (i * step, h[i][j], j * step); b = ((i + 1) * step, h[i + 1][j], j * step)
            c = ((i + 1) * step, h[i + 1][j + 1], (j + 1) * step); d = (i * step, h[i][j + 1], (j + 1) * step)
            row += rec.pack(0, 1, 0, *a, *c, *b, 0) + rec.pack(0, 1, 0, *a, *d, *c, 0)
        f.write(row)
PY

# limited KIB WANT_DESCRIPTION ARGS...: runs glint under ulimit -v KIB.
limited() {
  local kib=$1 what=$2; shift 2
  checks=$((checks + 1))
  bash -c 'ulimit -v "$1"; shift; exec "$@"' _ "$kib" "$glint" "$@" >"$work/out" 2>"$work/err"
  local code=$?
  echo "test_memory: $what: exit $code: $(head -c 300 "$work/err" | tr '\n' '|')"
  grep -q "LLVM ERROR" "$work/err" && fail "$what: the driver aborted: $(cat "$work/err")"
  case $code in
    0) grep -q "not enough memory for --msaa" "$work/err" || [[ ! -s $work/err ]] ||
         fail "$what: exit 0 with unexpected output: $(cat "$work/err")"
       [[ -s $work/out.png ]] || fail "$what: exit 0 without a picture"
       # A picture drawn with fewer samples says so in its settings.
       if grep -q "not enough memory for --msaa" "$work/err"; then
         grep -aqE '"msaa":[[:space:]]*1([,}]|$)' "$work/out.png" ||
           fail "$what: the settings inside the picture do not say msaa 1"
       fi ;;
    5) [[ $(wc -l <"$work/err") == 1 ]] || fail "$what: more than one line: $(cat "$work/err")"
       grep -q "^glint render: .*: .*lower --size or --msaa" "$work/err" ||
         fail "$what: the error does not say what to lower: $(cat "$work/err")"
       [[ ! -e $work/out.png ]] || fail "$what: a refused render left a picture" ;;
    *) fail "$what: exit $code (a crash or abort, not 0 or 5): $(head -3 "$work/err")" ;;
  esac
  rm -f "$work/out.png"
}
limited 1000000 "2M triangles under 1 GB" render "$work/big.stl" -o "$work/out.png"
limited 1300000 "2M triangles under 1.3 GB" render "$work/big.stl" -o "$work/out.png"
limited 1000000 "a 16384x16384 picture under 1 GB" render "$work/big.stl" --size 16384x16384 \
  -o "$work/out.png"

echo "test_memory: $checks checks, $failures failed"
[[ $failures == 0 ]]
