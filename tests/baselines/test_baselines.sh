#!/usr/bin/env bash
# Renders every scene of scenes.txt and compares it with its baseline PNG:
# mean absolute difference < 1/255 and 99.9th percentile <= 8/255 over all
# RGB channels (docs/testing.md); and each baseline re-renders from the
# settings it carries, within the same threshold. A failing scene leaves the render and an
# 8x-amplified difference image in $GLINT_TEST_ARTIFACTS (default /tmp).
# usage: test_baselines.sh GLINT IMGTOOL SAMPLE_OBJ
set -u
glint=$1 imgtool=$2 sample=$3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/glint-test-baselines-XXXXXX)
trap 'rm -rf "$work"' EXIT
artifacts=${GLINT_TEST_ARTIFACTS:-/tmp}
failures=0 checks=0
while read -r name flags; do
  [[ -z $name || $name == \#* ]] && continue
  checks=$((checks + 1))
  # shellcheck disable=SC2086
  if ! env -u DISPLAY "$glint" render "$sample" -q --size 320x240 $flags -o "$work/$name.png"; then
    echo "FAIL: $name: the render failed"; failures=$((failures + 1)); continue
  fi
  if [[ ! -f $here/$name.png ]]; then
    echo "FAIL: $name: no baseline (run scripts/bless-baselines.sh)"; failures=$((failures + 1)); continue
  fi
  if ! result=$("$imgtool" compare "$here/$name.png" "$work/$name.png" --max-mean 1 --max-p999 8 \
                  --diff "$work/$name-diff.png"); then
    mkdir -p "$artifacts"
    cp "$work/$name.png" "$artifacts/baseline-$name-got.png"
    cp "$work/$name-diff.png" "$artifacts/baseline-$name-diff.png" 2>/dev/null
    echo "FAIL: $name: $result (render and diff in $artifacts/baseline-$name-*.png)"
    failures=$((failures + 1))
  else
    echo "$name: $result"
  fi
  # The baseline carries its own settings, its model relative to its folder
  # (scripts/relative-model-paths.py): it re-renders from any checkout.
  checks=$((checks + 1))
  if ! env -u DISPLAY "$glint" render --preset "$here/$name.png" -q -o "$work/$name-again.png" ||
     ! "$imgtool" compare "$here/$name.png" "$work/$name-again.png" --max-mean 1 --max-p999 8 \
       >/dev/null; then
    echo "FAIL: $name: the baseline does not re-render from its own settings"
    failures=$((failures + 1))
  fi
done < "$here/scenes.txt"
echo "$((checks - failures)) passed, $failures failed"
[[ $failures == 0 ]]
