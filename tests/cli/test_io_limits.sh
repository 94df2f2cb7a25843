#!/usr/bin/env bash
# Loading limits that hostile files probe: a huge file refused from its first
# bytes (not read whole), warning floods capped in the log.
# usage: test_io_limits.sh GLINT
set -u
glint=$1
source "$(dirname "$0")/lib.sh" io-limits
check() { checks=$((checks + 1)); "$@"; }

# 2000 MB of zeros (sparse: nothing is written). Refused from its header, so
# even under a 400 MB address-space limit the answer is the parser's own
# line. Reading it whole (as before) fails to allocate instead. The sanitizer
# build reserves terabytes of address space, so the limit is only set for a
# plain build.
truncate -s 2000M "$work/zeros.stl"
if [[ $glint == *sanitized* ]]; then
  "$glint" info "$work/zeros.stl" >/dev/null 2>"$work/err"
else
  (ulimit -v 400000; exec "$glint" info "$work/zeros.stl") >/dev/null 2>"$work/err"
fi
code=$?
check [ $code == 2 ] || fail "zeros.stl: exit $code, expected 2: $(cat "$work/err")"
check grep -q "zeros.stl: binary STL is 2097152000 bytes, but its header promises 0 triangles" \
  "$work/err" || fail "zeros.stl: $(cat "$work/err")"
check [ "$(wc -l <"$work/err")" == 1 ] || fail "zeros.stl: not one line: $(cat "$work/err")"

# 10,000 mtllib lines naming missing libraries: ten warnings and a count, in
# the log of a command that loads the model (`info` lists them in its report
# instead, test_errors). The model loads before any context: exit 3 without
# one is fine here.
{ for i in $(seq 10000); do echo "mtllib missing$i.mtl"; done
  printf 'v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n'; } >"$work/flood.obj"
"$glint" render "$work/flood.obj" --size 16x16 -o "$work/flood.png" >"$work/out" 2>"$work/err"
code=$?
check [ "$code" = 0 -o "$code" = 3 ] || fail "flood.obj: exit $code"
lines=$(wc -l <"$work/err")
check [ "$lines" -le 12 ] || fail "flood.obj: $lines lines of warnings on stderr"
check grep -q "and 999[01] more warnings" "$work/err" || fail "flood.obj: no count: $(tail -2 "$work/err")"

echo "test_io_limits: $checks checks, $failures failed"
[[ $failures == 0 ]]
