#!/usr/bin/env bash
# glint check on the sample: its own finishes pass, in one line; varnished
# all gloss, its armour and cap glitter and are flagged, on those parts, and
# the summary says so first, with the angles and a rougher varnish to try;
# --frames writes one captioned picture per flagged step; the sample as a
# Z-up STL (one solid, split into shells) is located by height and side.
# Short sweeps keep it quick; docs/detector.md has the full turn.
# usage: test_sample_check.sh GLINT SAMPLE_OBJ
set -u
glint=$1 sample=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/glint-test-sample-check-XXXXXX)
trap 'rm -rf "$work"' EXIT
unset DISPLAY WAYLAND_DISPLAY
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

"$glint" check "$sample" --sweep 30 --report "$work/own.json" >"$work/own.txt" 2>&1
code=$?
[[ $code == 0 ]] || fail "the sample's own finishes: exit $code, expected 0: $(cat "$work/own.txt")"
# A PASS is one line, with no alarming note about the step.
[[ $(wc -l <"$work/own.txt") == 1 ]] && grep -q "^PASS: " "$work/own.txt" ||
  fail "the sample's own finishes: not one PASS line: $(cat "$work/own.txt")"

"$glint" check "$sample" --finish gloss --angle 100 --sweep 60 --step 2 --report "$work/gloss.json" \
  --frames "$work/frames" >"$work/gloss.txt" 2>&1
code=$?
[[ $code == 1 ]] || fail "all gloss: exit $code, expected 1: $(cat "$work/gloss.txt")"
# Over 100-160 degrees (measured on the full turn: the cap jitters from 121
# to 312 degrees, the gorget glints all round; the first 12 degrees show only
# the gorget since the detector reads the lamp's white on the radiance).
# Gloss varnish keeps the gorget's metallic paint (worn metal, roughness
# 0.75) under a sharp clear coat: the coat's glints on the engraving are
# flagged on the armour, as jitter or as hairline glints.
# The first lines: the verdict names both parts with angle ranges, then what
# to try on them: a rougher varnish (satin or matte), not the eyes' gloss.
head -1 "$work/gloss.txt" | grep -Eq "^FAIL: .*(armor.*cap|cap.*armor).*[0-9.]+-[0-9.]+°" ||
  fail "all gloss: the first line does not name armor and cap with angles: $(head -1 "$work/gloss.txt")"
sed -n 2p "$work/gloss.txt" | grep -Eq "^Try .*(satin|matte).* on .*(armor and cap|cap and armor)" ||
  fail "all gloss: the second line suggests no satin or matte on both: $(sed -n 2p "$work/gloss.txt")"
sed -n 2p "$work/gloss.txt" | grep -Eq "keep the gloss on .*eyes" ||
  fail "all gloss: the unflagged eyes keep their gloss: $(sed -n 2p "$work/gloss.txt")"
# Life size: the sample is a bust (its name), 61 mm above its plinth, so
# 1:10 (600 mm of bust); each problem's feature is told in model mm and at
# life size against a familiar texture, and the scale line says it was inferred.
grep -qx "scale 1:10, inferred from the 61 mm height as a bust (its name); --scale to set" \
  "$work/gloss.txt" || fail "all gloss: no inferred scale line: $(cat "$work/gloss.txt")"
life="    (pinpoints [0-9.]+ mm across|hairlines [0-9.]+ mm wide|popping patches [0-9.]+ mm across)"
life="$life — [0-9.]+ m?m at life size \(1:10\): .*(like|finer|coarser|shape)"
[[ $(grep -Ec "^$life" "$work/gloss.txt") -ge 1 ]] ||
  fail "all gloss: no feature size at life size: $(cat "$work/gloss.txt")"
# The codes' table is for -v only.
! grep -Eq "^  (PIN|HAIR|JIT|NOISE|FACET) " "$work/gloss.txt" ||
  fail "all gloss: the technical table shows without -v: $(cat "$work/gloss.txt")"
python3 - "$work/gloss.json" <<'PY' || fail "all gloss: the report's ranges and pictures disagree"
import json, os, sys
r = json.load(open(sys.argv[1]))
assert r["verdict"] == "fail" and ({"JIT", "HAIR"} & set(r["fails"])), r["fails"]
glitter = {x["part"] for flag in ("JIT", "HAIR") for x in r["ranges"].get(flag, [])}
assert "armor" in glitter, glitter
for flag, ranges in r["ranges"].items():
    for x in ranges:
        assert x["part"] in ("armor", "cap"), (flag, x["part"])
        assert x["from_deg"] <= x["worst_deg"] <= x["to_deg"], x
        assert x["picture"] and os.path.getsize(x["picture"]) > 0, x
        name = os.path.basename(x["picture"])
        assert name.endswith(f"-{x['worst_deg']:06.2f}deg.png"), name
        assert flag in name.split("-")[-2].split("+"), name
parts = {x["part"] for ranges in r["ranges"].values() for x in ranges}
assert parts == {"armor", "cap"}, parts
# One picture per flagged step: ranges that share their worst step share it.
ranges = [x for ranges in r["ranges"].values() for x in ranges]
pictures = {x["picture"] for x in ranges}
assert len(pictures) == len({x["worst_deg"] for x in ranges}) <= len(ranges), pictures
assert len(os.listdir(os.path.dirname(next(iter(pictures))))) == len(pictures)
assert r["version"] == 4 and r["summary"]["text"].startswith("FAIL: "), r["summary"]
# Version 3: the scale, and each problem's size on the model and at life size.
scale = r["scale"]
assert scale["n"] == 10 and not scale["given"] and scale["figure"] == "bust", scale
assert abs(scale["height_mm"] - 60.61) < 0.05 and scale["why"] == "its name", scale
sized = [p for p in r["summary"]["problems"] if p["size_mm"] > 0]
assert sized, r["summary"]["problems"]
for p in sized:
    assert 0.01 < p["size_mm"] < 10, p
    assert abs(p["life_size_mm"] - 10 * p["size_mm"]) < 1e-2, p
    assert "at life size (1:10)" in p["life_text"], p
# The frames' sizes are the flags' own: a size for a flag the step carries.
for f in r["frames"]:
    assert set(f["size_mm"]) <= set(f["flags"]), f
assert any(f["size_mm"] for f in r["frames"])
PY
# --scale sets it: the same sizes, read at 1:20.
"$glint" check "$sample" --finish gloss --sweep 3 --size 256x256 --scale 1:20 >"$work/scaled.txt" 2>&1
code=$?
[[ $code == 1 ]] && grep -qx "scale 1:20, as set" "$work/scaled.txt" &&
  grep -Eq " at life size \(1:20\): " "$work/scaled.txt" ||
  fail "--scale 1:20: exit $code: $(cat "$work/scaled.txt")"

# Each picture: the render, and under it a strip with the caption and a
# legend (light text, rings in the marks' colours).
python3 "$here/check_pictures.py" 512 "$work/frames"/*.png ||
  fail "all gloss: the pictures have no caption or legend"

# --frames-all: a picture of every flagged step of every range, each step once.
"$glint" check "$sample" --finish gloss --sweep 6 --size 256x256 --report "$work/all.json" \
  --frames "$work/frames-all" --frames-all >"$work/all.txt" 2>&1
code=$?
[[ $code == 1 ]] || fail "--frames-all: exit $code, expected 1: $(cat "$work/all.txt")"
python3 - "$work/all.json" "$work/frames-all" <<'PY' || fail "--frames-all: not one picture per flagged step"
import json, os, sys
r = json.load(open(sys.argv[1]))
flagged = set()
for flag, ranges in r["ranges"].items():
    for x in ranges:
        for f in r["frames"]:
            if x["from_deg"] <= f["angle_deg"] <= x["to_deg"] and flag in f["flags"]:
                flagged.add(round(f["angle_deg"], 2))
names = os.listdir(sys.argv[2])
angles = {round(float(n.rsplit("-", 1)[1][:-7]), 2) for n in names}
assert len(names) == len(angles) == len(flagged) and angles == flagged, (sorted(angles), sorted(flagged))
worst = {round(x["worst_deg"], 2) for ranges in r["ranges"].values() for x in ranges}
assert len(flagged) > len(worst), "the sweep flags no step beyond the ranges' worst"
PY
"$glint" check "$sample" --frames-all >"$work/lonely.txt" 2>&1
code=$?
[[ $code == 2 && $(wc -l <"$work/lonely.txt") == 1 ]] && grep -q "frames-all" "$work/lonely.txt" ||
  fail "--frames-all without --frames: exit $code: $(cat "$work/lonely.txt")"

# The sample as printing files have it: Z-up, one solid.
python3 "$here/../tools/make_models.py" "$sample" "$work/models" >/dev/null
"$glint" check "$work/models/bust-zup.stl" --finish gloss --size 256x256 --sweep 12 -v \
  --report "$work/stl.json" >"$work/stl.txt" 2>/dev/null
code=$?
[[ $code == 1 ]] || fail "Z-up STL, all gloss: exit $code, expected 1: $(cat "$work/stl.txt")"
place="(top|upper|middle|lower|bottom)( front| back)?( left| right)?, [0-9]+ mm up"
head -1 "$work/stl.txt" | grep -Eq "^FAIL: the highlights on [^ ]+ \((top|upper|middle|lower|bottom)( front| back)?( left| right)?\)" ||
  fail "Z-up STL: the summary's first line locates nothing: $(head -1 "$work/stl.txt")"
grep -Eq "^  [a-z]+ on [^,]+, $place: " "$work/stl.txt" ||
  fail "Z-up STL: no problem located by height and side: $(cat "$work/stl.txt")"
grep -Eq "^  (PIN|HAIR|JIT|NOISE|FACET) " "$work/stl.txt" ||
  fail "Z-up STL: -v shows no table: $(cat "$work/stl.txt")"
python3 - "$work/stl.json" <<'PY' || fail "Z-up STL: the places disagree with the positions"
import json, re, sys
r = json.load(open(sys.argv[1]))
low, high = r["settings"]["model_bounds"]["min"][1], r["settings"]["model_bounds"]["max"][1]
said = 0
for ranges in r["ranges"].values():
    for x in ranges:
        # Upright: the file's Z is glint's Y, so the height is the second coordinate.
        up = x["p_obj_mm"][1] - low
        m = re.fullmatch(r"(\w+)[a-z ]*, (\d+) mm up", x["place"])
        assert m and abs(int(m.group(2)) - up) <= 0.5 + 1e-6, (x["place"], up)
        word = ["bottom", "lower", "middle", "upper", "top"][min(int(5 * up / (high - low)), 4)]
        assert m.group(1) == word, (x["place"], up, high - low)
        said += 1
assert said and r["summary"]["problems"], r["summary"]
for p in r["summary"]["problems"]:
    assert p["place"] in p["text"] and p["text"] in open(sys.argv[1].replace(".json", ".txt")).read()
PY
echo "$((20 - failures)) passed, $failures failed"
[[ $failures == 0 ]]
