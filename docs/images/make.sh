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
