#!/usr/bin/env bash
# Issue 15's acceptance for rooms: with --room desk, the sample in matte and in
# gloss differs over the whole model, the mean |matte - gloss| over the model's
# pixels at least twice what it is in --room dark (one small lamp in a black
# void: a few highlight pixels). --room dark is today's frame: the same pixels
# as no --room at all. A bad room is refused as a bad value. Presets carry the
# room (a PNG re-renders in its room); `glint compare --rooms` makes a column
# per room, and its sheet makes them again from --preset.
# Usage: test_rooms.sh GLINT SAMPLE
set -u
glint=$1
sample=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/glint-test-rooms-XXXXXX)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

for room in dark desk; do
    for finish in matte gloss; do
        "$glint" render "$sample" --room "$room" --finish "$finish" --size 480x360 \
            --transparent -q -o "$work/$room-$finish.png" ||
            fail "render --room $room --finish $finish"
    done
done
"$glint" render "$sample" --finish matte --size 480x360 --transparent -q -o "$work/plain.png" ||
    fail "render without --room"

python3 - "$here" "$work" <<'PY' || failures=$((failures + 1))
import sys
sys.path.insert(0, sys.argv[1])
from image_stats import read_png

work = sys.argv[2]

def pixels(name):
    width, height, channels, rows = read_png("%s/%s.png" % (work, name))
    assert channels == 4, name
    return width, height, rows

def mean_difference(a, b):
    """Mean |a - b| per channel (0-255) over pixels the model covers fully in both."""
    wa, ha, ra = pixels(a)
    wb, hb, rb = pixels(b)
    assert (wa, ha) == (wb, hb)
    total, count = 0, 0
    for y in range(ha):
        for x in range(wa):
            i = 4 * x
            if ra[y][i + 3] == 255 and rb[y][i + 3] == 255:
                total += sum(abs(ra[y][i + c] - rb[y][i + c]) for c in range(3)) / 3.0
                count += 1
    return total / max(count, 1), count

dark, count = mean_difference("dark-matte", "dark-gloss")
desk, _ = mean_difference("desk-matte", "desk-gloss")
same, _ = mean_difference("dark-matte", "plain")
print("mean |matte - gloss| over %d model pixels: dark %.3f/255, desk %.3f/255 (%.2fx)"
      % (count, dark, desk, desk / max(dark, 1e-9)))
print("--room dark against no --room: mean %.4f/255" % same)
ok = count > 10000 and desk >= 2.0 * dark and same == 0.0
if not ok:
    print("FAIL: desk must differ at least twice as much as dark, and dark must be unchanged")
sys.exit(0 if ok else 1)
PY

out=$("$glint" render "$sample" --room attic -o "$work/x.png" 2>&1)
code=$?
[ "$code" = 2 ] || fail "--room attic: exit $code, not 2"
case "$out" in
*"--room attic: expected dark, desk or studio"*) ;;
*) fail "--room attic said: $out" ;;
esac

# A picture remembers its room: re-rendered from its PNG, the same pixels.
"$glint" render "$sample" --room studio --size 160x120 -q -o "$work/studio.png" ||
    fail "render --room studio"
"$glint" render --preset "$work/studio.png" -q -o "$work/again.png" || fail "render --preset"
grep -q '"room":[[:space:]]*"studio"' <(strings "$work/again.png") ||
    fail "the re-rendered PNG's settings do not say room studio"
python3 - "$here" "$work" <<'PY' || fail "--preset did not give back the studio's pixels"
import sys
sys.path.insert(0, sys.argv[1])
from image_stats import read_png
a, b = (read_png("%s/%s.png" % (sys.argv[2], n))[3] for n in ("studio", "again"))
sys.exit(0 if a == b else 1)
PY

out=$("$glint" compare "$sample" --rooms dark,desk,studio --size 120x120 -o "$work/sheet.png" 2>&1) ||
    fail "compare --rooms: $out"
case "$out" in *"3 rooms x 1 angles"*) ;; *) fail "compare --rooms said: $out" ;; esac
out=$("$glint" compare --preset "$work/sheet.png" -o "$work/sheet2.png" 2>&1) ||
    fail "compare --preset SHEET: $out"
case "$out" in *"3 rooms x 1 angles"*) ;; *) fail "compare --preset SHEET said: $out" ;; esac
"$glint" compare "$sample" --rooms dark,desk --finishes matte,gloss -o "$work/x.png" 2>/dev/null
code=$?
[ "$code" = 2 ] || fail "--rooms with --finishes: exit $code, not 2"

if [ "$failures" -ne 0 ]; then
    echo "test_rooms: $failures failure(s)"
    exit 1
fi
echo "test_rooms: all passed"
