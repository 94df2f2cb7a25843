#!/usr/bin/env bash
# Re-renders the baseline images of tests/baselines/ after a deliberate change
# to how glint looks. Review the new images (git diff shows which changed)
# before committing them.
# usage: scripts/bless-baselines.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
glint=${1:-build}/glint
[[ -x $glint ]] || { echo "bless-baselines: $glint not built (scripts/build.sh)" >&2; exit 1; }
while read -r name flags; do
  [[ -z $name || $name == \#* ]] && continue
  # shellcheck disable=SC2086
  env -u DISPLAY "$glint" render assets/sample/bust.obj -q --size 320x240 $flags \
    -o "tests/baselines/$name.png" --overwrite
  echo "bless-baselines: tests/baselines/$name.png"
done < tests/baselines/scenes.txt
# The model as a path relative to the pictures, so they re-render from any checkout.
python3 scripts/relative-model-paths.py tests/baselines/*.png
