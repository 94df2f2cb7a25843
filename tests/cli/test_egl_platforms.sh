#!/usr/bin/env bash
# The headless platforms src/plat/plat_egl.c tries, each forced with
# GLINT_EGL_PLATFORM: the EGL device platform (a GPU's headless path; on Mesa
# its software device, llvmpipe, so CI runs the same code a GPU machine does:
# device enumeration, a display per device, the context on it) must render,
# turn and check; where Mesa's surfaceless platform works too, the pictures
# are the same to the byte. The default display, with no X server, either
# works or fails with exit 3 and one line naming it.
# usage: test_egl_platforms.sh GLINT SAMPLE
set -u
glint=$1 sample=$2
source "$(dirname "$0")/lib.sh" egl-platforms

said() { # TEXT: the debug output (-vv) has this line
  checks=$((checks + 1))
  grep -qE -- "$1" "$work/err" || fail "expected /$1/ in: $(grep -i 'context' "$work/err" | head -3)"
}
# PLATFORM NAME: a render, a 3-frame turntable and a short check, forced onto it.
run_on() {
  local platform=$1 name=$2
  GLINT_EGL_PLATFORM=$platform expect 0 "$platform: render" -- \
    "$glint" render "$sample" --size 120x90 -o "$work/$name.png" -vv
  said "headless context: $3"
  GLINT_EGL_PLATFORM=$platform expect 0 "$platform: turntable" -- \
    "$glint" turntable "$sample" --steps 3 --size 96x96 -o "$work/$name-frames" -q
  GLINT_EGL_PLATFORM=$platform expect 0 "$platform: check" -- \
    "$glint" check "$sample" --finish matte --sweep 10 --step 5 --size 96x96 \
    --report "$work/$name.json" -q
  checks=$((checks + 1))
  python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1]))["verdict"] != "pass")' \
    "$work/$name.json" 2>/dev/null ||
    fail "$platform: the matte check's report does not say pass: $(head -c 300 "$work/$name.json" 2>/dev/null)"
}

run_on device device "EGL (software )?device [0-9]+"

surfaceless=no
if GLINT_EGL_PLATFORM=surfaceless "$glint" render "$sample" --size 16x16 \
  -o "$work/probe.png" -q 2>/dev/null; then
  surfaceless=yes
  run_on surfaceless surfaceless "EGL surfaceless"
  checks=$((checks + 1))
  cmp -s "$work/device.png" "$work/surfaceless.png" ||
    fail "the device platform's render differs from surfaceless's"
  for frame in "$work"/surfaceless-frames/*.png; do
    checks=$((checks + 1))
    cmp -s "$frame" "$work/device-frames/${frame##*/}" ||
      fail "turntable frame ${frame##*/} differs between the platforms"
  done
fi

GLINT_EGL_PLATFORM=default "$glint" render "$sample" --size 16x16 -o "$work/default.png" \
  >/dev/null 2>"$work/err"
code=$?
checks=$((checks + 1))
if [[ $code == 3 ]]; then
  one_line_saying "EGL default display"
elif [[ $code != 0 ]]; then
  fail "the default display: exit $code, expected 0 or 3: $(head -3 "$work/err")"
fi

echo "test_egl_platforms: surfaceless $surfaceless, default display exit $code;" \
  "$checks checks, $failures failures"
exit $((failures > 0))
