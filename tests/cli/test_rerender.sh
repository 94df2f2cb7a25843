#!/usr/bin/env bash
# Every picture re-renders from its own PNG: the settings a command writes
# into its picture, read back by the same command with --preset, make the
# same file again (pixels and settings), whatever the command's own settings
# were (a sheet's steps, sweep, columns; a compare sheet's finishes and
# angles; a check's sweep, step and display).
# usage: test_rerender.sh GLINT SAMPLE_OBJ
set -u
here=$(dirname "$0")
glint=$1 sample=$2
source "$(dirname "$0")/lib.sh" rerender
run() { # run WHAT -- COMMAND...: exit 0 or 1 (check's verdict) expected
  local what=$1; shift 2
  checks=$((checks + 1))
  "$@" >"$work/out" 2>"$work/err"
  local code=$?
  [[ $code == 0 || $code == 1 ]] || fail "$what: exit $code: $(head -3 "$work/err")"
  grep -q "unknown key" "$work/err" && fail "$what: its own settings have unknown keys: $(cat "$work/err")"
}
same_file() {
  checks=$((checks + 1))
  cmp -s "$1" "$2" || fail "$3: $(basename "$2") is not $(basename "$1") again"
}
small=(--size 64x48 --msaa 1)

# A turntable sheet: its steps, sweep, first angle and columns come back.
run "turntable sheet" -- "$glint" turntable "$sample" "${small[@]}" --steps 4 --sweep 90 --angle 10 \
  --columns 3 --finish satin --light-temp 3100 -o "$work/sheet.png"
run "turntable --preset its sheet" -- "$glint" turntable --preset "$work/sheet.png" -o "$work/sheet2.png"
same_file "$work/sheet.png" "$work/sheet2.png" "a turntable sheet"

# A turntable frame: the frame's own angle.
mkdir "$work/frames"
run "turntable frames" -- "$glint" turntable "$sample" "${small[@]}" --steps 3 --angle 5 -o "$work/frames"
run "render --preset a frame" -- "$glint" render --preset "$work/frames/bust-002.png" -o "$work/frame2.png"
same_file "$work/frames/bust-002.png" "$work/frame2.png" "a turntable frame"

# A compare sheet: its finishes and angles.
run "compare sheet" -- "$glint" compare "$sample" "${small[@]}" --finishes gloss,matte \
  --angles 0,120 --part eyes=satin -o "$work/compare.png"
run "compare --preset its sheet" -- "$glint" compare --preset "$work/compare.png" -o "$work/compare2.png"
same_file "$work/compare.png" "$work/compare2.png" "a compare sheet"

# Floats as their shortest text: a preset says 0.9, not 0.899999976158142.
checks=$((checks + 1))
grep -aqE '"fill":[[:space:]]*0\.9,' "$work/sheet.png" && ! grep -aq '0.89999' "$work/sheet.png" ||
  fail "the settings carry float noise: $(grep -ao '"fill":[^,]*' "$work/sheet.png")"

# A render and the viewer's no-display fallback, with its sidecar JSON.
run "render" -- "$glint" render "$sample" "${small[@]}" --angle 33.3 --zoom 1.25 --pan 1.5,-2 \
  --light-azimuth 0 --ambient 0 -o "$work/shot.png"
run "render --preset its picture" -- "$glint" render --preset "$work/shot.png" -o "$work/shot2.png"
same_file "$work/shot.png" "$work/shot2.png" "a render"
mkdir "$work/fallback"
run "view fallback" -- "$glint" view "$sample" "${small[@]}" --finish gloss --output-dir "$work/fallback"
png=$(ls "$work/fallback"/*.png) json=$(ls "$work/fallback"/*.json)
run "render --preset the sidecar" -- "$glint" render --preset "$json" -o "$work/fallback2.png"
checks=$((checks + 1))
python3 "$here/pixels.py" "$png" "$work/fallback2.png" || fail "the sidecar JSON did not re-render its picture"

# A check's plot and frames: its sweep, step, start and display come back.
mkdir "$work/check" "$work/check2" "$work/check3"
check=(check "$sample" --size 64x64 --finish gloss --sweep 30 --step 10 --angle 20 --display-px 1920 -q)
run "check" -- "$glint" "${check[@]}" --plot "$work/check/plot.png" --frames "$work/check"
run "check --preset its plot" -- "$glint" check --preset "$work/check/plot.png" -q \
  --plot "$work/check2/plot.png" --frames "$work/check2"
same_file "$work/check/plot.png" "$work/check2/plot.png" "a check plot"
checks=$((checks + 1))
frame=$(ls "$work/check" | grep -v plot.png | head -1)
if [[ -z $frame ]]; then
  fail "the check flagged nothing, so no frame to re-run (all gloss at 64 px should flag)"
else
  run "check --preset one of its frames" -- "$glint" check --preset "$work/check/$frame" -q \
    --frames "$work/check3"
  same_file "$work/check/$frame" "$work/check3/$frame" "a check frame"
fi

# A check judged at a shown size, and its JSON report as the preset: the
# same check again (its --shown too), so the same verdict, ranges and scores.
mkdir "$work/shown" "$work/shown2" "$work/shown3"
run "check --shown" -- "$glint" check "$sample" --size 128x128 --shown 64 --finish gloss --sweep 20 \
  --step 10 -q --plot "$work/shown/plot.png" --report "$work/shown/report.json"
run "check --preset its report" -- "$glint" check --preset "$work/shown/report.json" -q \
  --plot "$work/shown2/plot.png" --report "$work/shown2/report.json"
same_file "$work/shown/plot.png" "$work/shown2/plot.png" "a check (--shown) from its report"
run "check --preset its plot" -- "$glint" check --preset "$work/shown/plot.png" -q \
  --report "$work/shown3/report.json"
for again in shown2 shown3; do
  checks=$((checks + 1))
  python3 - "$work/shown/report.json" "$work/$again/report.json" <<'PY' || fail "a check (--shown) re-run from its $again: not the same report"
import json, sys
first, again = (json.load(open(name)) for name in sys.argv[1:])
for report in (first, again):
    report.pop("timing")
assert first["resolution"]["shown_px"] == [64, 64], first["resolution"]
differ = [key for key in first if first[key] != again[key]]
if differ:
    print("differ:", differ, [again[key] for key in differ][:2])
    sys.exit(1)
PY
done

echo "test_rerender: $checks checks, $failures failed"
[[ $failures == 0 ]]
