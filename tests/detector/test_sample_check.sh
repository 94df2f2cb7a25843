#!/usr/bin/env bash
# glint check on the sample: its own finishes pass; varnished all gloss, its
# armour and cap glitter and are flagged, on those parts. Short sweeps at the
# default size and step keep it quick; docs/detector.md has the full turn.
# usage: test_sample_check.sh GLINT SAMPLE_OBJ
set -u
glint=$1 sample=$2
work=$(mktemp -d /tmp/glint-test-sample-check-XXXXXX)
trap 'rm -rf "$work"' EXIT
unset DISPLAY WAYLAND_DISPLAY
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

"$glint" check "$sample" --sweep 30 --report "$work/own.json" >"$work/own.txt" 2>&1
code=$?
[[ $code == 0 ]] || fail "the sample's own finishes: exit $code, expected 0: $(cat "$work/own.txt")"

"$glint" check "$sample" --finish gloss --sweep 12 --report "$work/gloss.json" \
  --frames "$work/frames" >"$work/gloss.txt" 2>&1
code=$?
[[ $code == 1 ]] || fail "all gloss: exit $code, expected 1: $(cat "$work/gloss.txt")"
# Gloss varnish keeps the gorget's metallic paint (worn metal, roughness
# 0.45) under a sharp clear coat: the coat's glints on the engraving are
# flagged on the armour, as jitter or as hairline glints.
grep -Eq "^FAIL: .*(jittery highlights at .* on part 'armor' \(gloss\)|hairline glints on 'armor')" \
  "$work/gloss.txt" || fail "all gloss: no glitter named on the armour: $(cat "$work/gloss.txt")"
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
        assert f"-{flag}-{x['worst_deg']:06.2f}deg.png" in x["picture"], x["picture"]
parts = {x["part"] for ranges in r["ranges"].values() for x in ranges}
assert parts == {"armor", "cap"}, parts
PY
echo "$((3 - failures)) passed, $failures failed"
[[ $failures == 0 ]]
