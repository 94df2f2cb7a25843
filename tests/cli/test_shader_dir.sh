#!/usr/bin/env bash
# --shader-dir and the shaders' `#include "file"` lines:
# - a copy of shaders/ loaded from disk renders the same PNG as the built-in one;
# - a compile error in an included file names that file and its own line, and
#   one in the including file after the include still names its own line;
# - a compile error after a warning in the driver's log is the one named;
# - an include that is missing, or that includes itself, is one line naming
#   the including file and line (exit 2); a compile error is exit 5.
# usage: test_shader_dir.sh GLINT SAMPLE_OBJ SHADERS_DIR
set -u
glint=$1 sample=$2 shaders=$3
source "$(dirname "$0")/lib.sh" shader-dir
render() { "$glint" render "$sample" -q --size 160x120 --overwrite "$@"; }

cp -r "$shaders" "$work/sd"
expect 0 "built-in shaders" -- render -o "$work/builtin.png"
expect 0 "--shader-dir copy" -- render --shader-dir "$work/sd" -o "$work/disk.png"
checks=$((checks + 1))
cmp -s "$work/builtin.png" "$work/disk.png" || fail "the shaders from disk draw another picture"

# Which included files the built-in shaders have: at least one, or the split
# this test guards is gone.
mapfile -t included < <(sed -n 's/^[[:space:]]*#include "\(.*\)"[[:space:]]*$/\1/p' "$work"/sd/*.frag | sort -u)
checks=$((checks + 1))
[[ ${#included[@]} -gt 0 ]] || fail "no shader includes a file"

# An error on line 3 of an included file (2 lines of it kept, then the error).
inc=${included[0]}
cp "$work/sd/$inc" "$work/inc.orig"
{ head -n 2 "$work/inc.orig"; echo "float glint_test_oops = ;"; tail -n +3 "$work/inc.orig"; } >"$work/sd/$inc"
expect 5 "an error in $inc" -- render --shader-dir "$work/sd" -o "$work/bad.png"
one_line_naming "sd/$inc:3: .*error"
cp "$work/inc.orig" "$work/sd/$inc"

# An error in the deferred lighting pass's main, whose variant also draws a
# warning from Mesa before it (a global used uninitialized): the message
# names the error's line, not the warning's.
cp "$work/sd/lit.frag" "$work/lit.orig"
line=$(grep -n "float samples = float(GLINT_SAMPLES);" "$work/lit.orig" | head -1 | cut -d: -f1)
checks=$((checks + 1))
[[ -n $line ]] || fail "lit.frag's lighting pass has no 'float samples' line to break"
sed "${line}s/;\$/ + glint_test_oops;/" "$work/lit.orig" >"$work/sd/lit.frag"
expect 5 "an error in the lighting pass" -- render --shader-dir "$work/sd" -o "$work/bad.png"
one_line_naming "sd/lit.frag:$line: .*error.*glint_test_oops"
cp "$work/lit.orig" "$work/sd/lit.frag"

# An error in the including file two lines after its include.
host=$(grep -l "^[[:space:]]*#include \"$inc\"" "$work"/sd/*.frag | head -1)
at=$(grep -n "^[[:space:]]*#include \"$inc\"" "$host" | head -1 | cut -d: -f1)
cp "$host" "$work/host.orig"
awk -v at="$at" '{ print } NR == at + 1 { print "float glint_test_oops = ;" }' "$work/host.orig" >"$host"
expect 5 "an error after the include" -- render --shader-dir "$work/sd" -o "$work/bad.png"
one_line_naming "sd/$(basename "$host"):$((at + 2)): .*error"

# A missing include and a cycle.
sed "s|^\([[:space:]]*\)#include \"$inc\"|\1#include \"nope.glsl\"|" "$work/host.orig" >"$host"
expect 2 "a missing include" -- render --shader-dir "$work/sd" -o "$work/bad.png"
one_line_naming "sd/$(basename "$host"):$at: #include \"nope.glsl\": .*nope.glsl"
sed "s|^\([[:space:]]*\)#include \"$inc\"|\1#include \"$(basename "$host")\"|" "$work/host.orig" >"$host"
expect 2 "an include of itself" -- render --shader-dir "$work/sd" -o "$work/bad.png"
one_line_naming "levels deep"
checks=$((checks + 1))
[[ ! -e $work/bad.png ]] || fail "a failed render left $work/bad.png"

echo "test_shader_dir: $checks checks, $failures failed"
[[ $failures == 0 ]]
