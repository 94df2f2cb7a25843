#!/bin/bash
# usage: test_pipeline.sh GLINT SAMPLE
# Issue 19: turntable writes its PNGs on a thread while the next frame
# renders, and check renders step N+1 while the detector judges step N.
# Both must say so (-v), and give the same bytes (turntable's frames) and
# the same report (check's, its timing aside) as GLINT_SERIAL=1, which does
# one thing after the other.
source "$(dirname "$0")/lib.sh" pipeline
glint=$1 sample=$2

same_reports() { # A B: equal but for the timing
  python3 - "$1" "$2" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for r in (a, b):
    r.pop("timing", None)
sys.exit(0 if a == b else 1)
PY
}

# Turntable frames into a folder: threaded, then serial.
expect 0 "turntable threaded" -- "$glint" turntable "$sample" --steps 6 --size 160x120 \
  -o "$work/threaded" -vv
grep -q 'written on a thread' "$work/err" ||
  fail "turntable: no frame was written on a thread: $(head -c 400 "$work/err")"
GLINT_SERIAL=1 expect 0 "turntable serial" -- "$glint" turntable "$sample" --steps 6 \
  --size 160x120 -o "$work/serial" -vv
grep -q 'written on a thread' "$work/err" && fail "turntable: GLINT_SERIAL=1 still used a thread"
checks=$((checks + 1))
[[ $(ls "$work/threaded" | wc -l) == 6 ]] || fail "turntable: $(ls "$work/threaded" | wc -l) frames, expected 6"
for f in "$work"/serial/*.png; do
  cmp -s "$f" "$work/threaded/$(basename "$f")" ||
    fail "turntable: $(basename "$f") differs between threaded and serial"
done

# A short check with pictures (all gloss, so that steps are flagged and
# pictured: the sample's own finish passes): threaded, then serial, each in its own folder
# under the same names (the report names its pictures); same exit, report
# (its timing aside) and pictures.
mkdir -p "$work/check-threaded" "$work/check-serial"
cd "$work/check-threaded" || exit 1
expect 1 "check threaded" -- "$glint" check "$sample" --finish gloss --sweep 6 --step 1 --size 96x96 \
  --report report.json --frames pictures -v
grep -q 'judges each step on a thread' "$work/err" ||
  fail "check: the detector did not run beside the rendering: $(head -c 400 "$work/err")"
cd "$work/check-serial" || exit 1
GLINT_SERIAL=1 expect 1 "check serial" -- "$glint" check "$sample" --finish gloss --sweep 6 --step 1 \
  --size 96x96 --report report.json --frames pictures -v
grep -q 'one after the other' "$work/err" || fail "check: GLINT_SERIAL=1 not heeded"
cd "$work" || exit 1
checks=$((checks + 3))
same_reports "$work/check-threaded/report.json" "$work/check-serial/report.json" ||
  fail "check: the reports differ between threaded and serial"
[[ $(ls "$work/check-serial/pictures" | wc -l) -gt 0 ]] || fail "check: no pictures to compare"
for f in "$work"/check-serial/pictures/*.png; do
  cmp -s "$f" "$work/check-threaded/pictures/$(basename "$f")" ||
    fail "check: picture $(basename "$f") differs between threaded and serial"
done

echo "test_pipeline: $checks checks, $failures failures"
[[ $failures == 0 ]]
