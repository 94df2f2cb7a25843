#!/usr/bin/env bash
# Linear EXR output (issue 16, item 3): `glint render -o F.exr` writes the
# linear radiance as half-float RGBA, premultiplied by coverage, on transparent
# black whatever --background says; --view specular + --view diffuse sum to the
# shaded EXR; the values are linear (twice the lamp, twice the values, past 1);
# the same pixels as the PNG before its tone map; never over a file unless
# --overwrite, one-line errors, nothing left behind. The files are read back
# with tinyexr itself (tests/tools/exrtool.c).
# usage: test_exr.sh GLINT EXRTOOL SAMPLE_OBJ
set -u
glint=$1 exrtool=$2 sample=$(realpath "$3")
source "$(dirname "$0")/lib.sh" exr
cd "$work" || exit 1
absent() {
  checks=$((checks + 1))
  [[ ! -e $1 ]] || fail "$2: $1 was written"
}
no_temporaries() { # $1: a folder; glint's hidden temporaries are all gone
  checks=$((checks + 1))
  local left; left=$(find "$1" -name '.*.glint-*' | head -3)
  [[ -z $left ]] || fail "$2: temporary files left: $left"
}
# tool CHECK ARGS...: glint_exrtool's check holds (exit 0); its line kept in $work/tool.
tool() {
  checks=$((checks + 1))
  "$exrtool" "$@" >"$work/tool" 2>&1 || fail "exrtool $*: $(cat "$work/tool")"
}

small=(--size 96x72 -q)
render() { "$glint" render "$sample" "${small[@]}" "$@"; }

# --- Half-float RGBA, the settings inside, premultiplied on transparent black.
expect 0 "render -o shaded.exr" -- render -o shaded.exr
tool info shaded.exr
checks=$((checks + 1))
[[ $(cat "$work/tool") == "96x72 A:half B:half G:half R:half glint-preset" ]] ||
  fail "shaded.exr: expected half RGBA with its settings, got: $(cat "$work/tool")"
# The settings hold the scene as drawn (tests/fidelity rebuilds it in a path
# tracer from them): the eye the default 300 mm from the model's centre, the
# lamp 250 mm away at azimuth 40 and elevation 45, its intensity pi * 250^2 *
# the 4000 K colour (luminance 1), and a field of view that frames the model.
tool settings shaded.exr
checks=$((checks + 1))
python3 - "$work/tool" <<'PY' || fail "shaded.exr: the settings' scene is not the drawn one: $(tail -c 600 "$work/tool")"
import json, math, sys
s = json.load(open(sys.argv[1]))
scene, bounds = s["scene"], s["model_bounds"]
centre = [(a + b) / 2 for a, b in zip(bounds["min"], bounds["max"])]
def dist(p): return math.dist(p, centre)
lamp = [c - o for c, o in zip(scene["lamp_position"], centre)]
az = math.degrees(math.atan2(lamp[0], lamp[2]))
el = math.degrees(math.asin(lamp[1] / dist(scene["lamp_position"])))
lum = sum(w * i for w, i in zip((0.2126, 0.7152, 0.0722), scene["lamp_intensity"]))
radius = dist(bounds["max"])
half_view = math.tan(math.radians(scene["fov_y_deg"] / 2)) * dist(scene["eye"])
view = scene["view_matrix"]
ok = (abs(dist(scene["eye"]) - 300) < 0.01 and abs(dist(scene["lamp_position"]) - 250) < 0.01
      and abs(az - 40) < 0.01 and abs(el - 45) < 0.01 and scene["lamp_radius_mm"] == 10
      and abs(lum / (math.pi * 250**2) - 1) < 0.01 and scene["shadows"] is True
      and 0.7 < radius / half_view < 1.1
      and abs(math.tan(math.radians(scene["fov_y_deg"] / 2)) * scene["projection_matrix"][5] - 1) < 1e-4
      and abs(sum(view[r * 4 + 2] * centre[r] for r in range(3)) + view[14] + 300) < 0.01
      and scene["model_matrix"] == [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])
sys.exit(0 if ok else 1)
PY
# The settings as a preset re-render without a warning: "scene" is informative.
cp "$work/tool" fromexr.json
expect 0 "render --preset fromexr.json" -- "$glint" render --preset fromexr.json -o fromexr.png
checks=$((checks + 1))
[[ ! -s $work/err ]] || fail "render --preset fromexr.json warned: $(head -3 "$work/err")"
# The EXR itself is a preset, as glint's PNGs are: the same picture as its
# settings give; a damaged one is one line naming it.
expect 0 "render --preset shaded.exr" -- "$glint" render --preset shaded.exr -o fromexr2.png
checks=$((checks + 1))
python3 "$(dirname "$0")/pixels.py" fromexr.png fromexr2.png ||
  fail "render --preset shaded.exr drew another picture than its settings as JSON"
head -c 300 shaded.exr >cut.exr
expect 2 "render --preset cut.exr" -- "$glint" render --preset cut.exr -o cut.png
one_line_naming 'cut\.exr.*cut short'
absent cut.png "render --preset cut.exr"
tool background shaded.exr
# MSAA is resolved by averaging the linear samples: edges have partial
# coverage; without multisampling every pixel is model or background.
checks=$((checks + 1))
grep -q ' partial [1-9]' "$work/tool" || fail "no anti-aliased edge in shaded.exr: $(cat "$work/tool")"
expect 0 "render --msaa 1 -o single.exr" -- render -o single.exr --msaa 1
tool background single.exr
checks=$((checks + 1))
grep -q ' partial 0 ' "$work/tool" || fail "partial coverage without MSAA: $(cat "$work/tool")"
# The background is for compositing: --background and --transparent change no pixel.
expect 0 "render --background -o red.exr" -- render -o red.exr --background 200,30,30 --transparent
tool scale shaded.exr red.exr 1
# Any case of the extension.
expect 0 "render -o upper.EXR" -- render -o upper.EXR
tool info upper.EXR

# --- The same light as the PNG: the PNG without a tone map at exposure 0 is
# the EXR clamped and sRGB-encoded, pixel for pixel (so the rows run the same way),
# where no MSAA sample is past 1: the PNG clamps each sample before averaging
# (lighting.md, the frame), the EXR is their linear average. A dim lamp keeps
# every sample under 1.
expect 0 "render --light-intensity 0.1 -o dim.exr" -- render -o dim.exr --light-intensity 0.1
expect 0 "render --transparent --tonemap none -o none.png" -- \
  render -o none.png --transparent --tonemap none --light-intensity 0.1
tool png dim.exr none.png
# Exposure and the tone map are the display's: the EXR is the same without them.
expect 0 "render --exposure 2 --tonemap aces -o exposed.exr" -- \
  render -o exposed.exr --exposure 2 --tonemap aces
tool scale shaded.exr exposed.exr 1

# --- Linear: with the fill off, twice the lamp is twice every value, past 1.
expect 0 "render --ambient 0 -o lamp1.exr" -- render -o lamp1.exr --ambient 0
expect 0 "render --ambient 0 --light-intensity 2 -o lamp2.exr" -- \
  render -o lamp2.exr --ambient 0 --light-intensity 2
tool scale lamp1.exr lamp2.exr 2
tool background lamp2.exr
checks=$((checks + 1))
largest=$(sed -n 's/.*largest //p' "$work/tool")
awk -v v="$largest" 'BEGIN { exit !(v > 1.5) }' || fail "lamp2.exr is not HDR: largest $largest"

# --- The components: specular + diffuse (with the fill) = shaded.
expect 0 "render --view specular -o specular.exr" -- render -o specular.exr --view specular
expect 0 "render --view diffuse -o diffuse.exr" -- render -o diffuse.exr --view diffuse
tool sum specular.exr diffuse.exr shaded.exr
expect 0 "render --view clay -o clay.exr" -- render -o clay.exr --view clay
tool background clay.exr
# Views that are not light are refused before rendering, exit 2.
for view in normals silhouette squint; do
  expect 2 "render --view $view -o $view.exr" -- render -o "$view.exr" --view "$view"
  one_line_saying "glint render: -o $view.exr: --view $view is not light"
  absent "$view.exr" "--view $view"
done

# --- Never clobbered, replaced with --overwrite, unwritable places refused on one line.
cp shaded.exr before.exr
expect 4 "render -o an existing EXR" -- render -o shaded.exr --light-azimuth 200
one_line_saying "glint render: shaded.exr: already exists; pass --overwrite"
checks=$((checks + 1))
cmp -s shaded.exr before.exr || fail "shaded.exr was replaced without --overwrite"
expect 0 "render --overwrite -o an existing EXR" -- \
  render -o shaded.exr --light-azimuth 200 --overwrite
checks=$((checks + 1))
cmp -s shaded.exr before.exr && fail "--overwrite did not replace shaded.exr"
expect 4 "render -o in a missing folder" -- render -o missing/x.exr
one_line_saying "glint render: missing/x.exr: the folder missing does not exist"
absent missing "a missing folder"
mkdir folder.exr
expect 4 "render -o a folder" -- render -o folder.exr
one_line_saying "glint render: folder.exr"
checks=$((checks + 1))
[[ -z $(ls -A folder.exr) ]] || fail "something was written into folder.exr"
no_temporaries "$work" "after the EXRs"

# --- Only render writes EXR: turntable's sheet is refused as before.
expect 2 "turntable -o sheet.exr" -- "$glint" turntable "$sample" --steps 2 -o sheet.exr "${small[@]}"
one_line_saying "glint turntable: -o sheet.exr: glint writes .png or .jpg/.jpeg"
absent sheet.exr "turntable -o sheet.exr"

echo "exr: $checks checks, $failures failures"
[[ $failures == 0 ]]
