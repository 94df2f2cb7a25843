#!/usr/bin/env bash
# Renders the pictures in docs/ with glint itself, so that they show what the
# current code does. Run from anywhere after building; they are committed.
# usage: docs/images/make.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/../.."
glint=${1:-build}/glint
sample=assets/sample/bust.obj
out=docs/images
shot() { # NAME FLAGS...
  local name=$1; shift
  env -u DISPLAY "$glint" render "$sample" -q --size 360x300 "$@" -o "$out/$name.png" --overwrite
  echo "docs/images/$name.png"
}
# finishes.md: the same lamp, three varnishes, then metal and translucent.
shot finish-matte --finish matte
shot finish-satin --finish satin
shot finish-gloss --finish gloss
shot finish-metal --finish metal
shot finish-translucent --finish translucent --light-azimuth 150 --light-elevation 20
shot finish-per-part --part eyes=gloss --part skin=satin --part cloth=matte --part base=matte
# lighting.md: lamp size and distance, temperature, views.
shot lamp-small --finish satin --light-radius 3
shot lamp-large --finish satin --light-radius 40
shot lamp-near --finish satin --light-distance 150
shot lamp-far --finish satin --light-distance 300
shot temp-2700 --light-temp 2700 --ambient 0.08
shot temp-6500 --light-temp 6500
shot view-specular --finish gloss --view specular
shot view-silhouette --view silhouette
shot view-squint --view squint
shot view-clay --view clay --light-azimuth -60 --light-elevation 25
# guide.md: the walk-through's pictures, made with the commands it gives.
env -u DISPLAY "$glint" render "$sample" -q --size 480x400 --part eyes=gloss --part cloth=matte \
  --light-temp 3200 -o "$out/guide-render.png" --overwrite
echo "docs/images/guide-render.png"
env -u DISPLAY "$glint" turntable "$sample" -q --steps 8 --size 200x200 \
  -o "$out/guide-turntable.png" --overwrite
echo "docs/images/guide-turntable.png"
env -u DISPLAY "$glint" compare "$sample" -q --angles 0,120 --size 200x200 \
  -o "$out/guide-compare.png" --overwrite
echo "docs/images/guide-compare.png"
env -u DISPLAY "$glint" compare "$sample" -q --finishes none,matte,satin,gloss \
  --paint armor=silver --angles 0 --size 240x240 -o "$out/varnish-gorget.png" --overwrite
echo "docs/images/varnish-gorget.png"
# finishes.md and lighting.md: the rooms. Matte, satin and gloss on the face in
# the desk room; the three rooms in gloss.
env -u DISPLAY "$glint" compare "$sample" -q --room desk --focus skin --angles 0 --size 240x240 \
  -o "$out/room-desk-face.png" --overwrite
echo "docs/images/room-desk-face.png"
env -u DISPLAY "$glint" compare "$sample" -q --rooms dark,desk,studio --finish gloss --angles 0 \
  --size 240x240 -o "$out/rooms.png" --overwrite
echo "docs/images/rooms.png"
# detector.md: the sample checked as painted and varnished all gloss, with the
# plot and the worst step of the longest flagged range on each flagged part;
# then one flagged step of corpus models (tools/detector_corpus).
work=$(mktemp -d /tmp/glint-docs-XXXXXX)
trap 'rm -rf "$work"' EXIT
check() { # NAME MODEL FLAGS...: glint check, keeping its report, plot and pictures
  local name=$1 model=$2; shift 2
  env -u DISPLAY "$glint" check "$model" -q "$@" --report "$work/$name.json" \
    --frames "$work/$name" --plot "$work/$name-plot.png" --overwrite || true
}
pick() { # NAME PART OUT: the picture of the longest range flagged on PART
  python3 - "$work/$1.json" "$2" "$out/$3.png" <<'PY'
import json, shutil, sys
report, part, target = sys.argv[1:]
ranges = [x for flag in json.load(open(report))["ranges"].values() for x in flag if x["part"] == part]
best = max(ranges, key=lambda x: x["flagged_steps"])
shutil.copyfile(best["picture"], target)
print(target, best["from_deg"], best["to_deg"], best["worst_deg"])
PY
}
check sample "$sample"
cp "$work/sample-plot.png" "$out/detector-sample-plot.png"
check gloss "$sample" --finish gloss
cp "$work/gloss-plot.png" "$out/detector-gloss-plot.png"
pick gloss armor detector-gloss-armor
pick gloss cap detector-gloss-cap
"$(dirname "$glint")/tools/detector_corpus/glint_detector_corpus" "$work/corpus" >/dev/null
for model in D_micro_noise E_hammered F_faceted I08_beads; do
  check "$model" "$work/corpus/$model.obj" --size 256x256 --sweep 2 --step 0.5 \
    --light-intensity 1 --light-temp 6500 --light-radius 2
  first=$(ls "$work/$model"/*.png | head -1)
  cp "$first" "$out/detector-corpus-$model.png"
  echo "docs/images/detector-corpus-$model.png"
done
# detector.md's glossary: a picture of each word, from the corpus (the
# commands it gives), the first picture carrying the word's flag.
light=(--size 256x256 --light-intensity 1 --light-temp 6500 --light-radius 2)
word() { # WORD FLAG MODEL FLAGS...
  local word=$1 flag=$2 model=$3; shift 3
  check "word-$word" "$work/corpus/$model.obj" "${light[@]}" "$@"
  cp "$(ls "$work/word-$word"/*"$flag"* | head -1)" "$out/detector-word-$word.png"
  echo "docs/images/detector-word-$word.png"
}
word pinpoint PIN E_hammered --sweep 2 --step 0.5
word hairline HAIR G_bevel_thin --angle 12 --sweep 6 --step 1 --part corners=matte
word jitter JIT I04_beads --sweep 4 --step 0.5
word sparkle NOISE D_micro_noise --sweep 2 --step 0.5
word facet FACET F_faceted --sweep 4 --step 1
# The model as a path relative to the pictures, so they re-render from any
# checkout (`glint render --preset docs/images/NAME.png`).
python3 scripts/relative-model-paths.py "$out"/*.png
