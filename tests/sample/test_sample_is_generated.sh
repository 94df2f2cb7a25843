#!/usr/bin/env bash
# Regenerates the sample into a temporary folder and compares it byte for
# byte with the committed copy: the generator is deterministic and the
# committed files are its output, not hand edits.
# usage: test_sample_is_generated.sh GENERATOR ASSETS_SAMPLE_DIR
set -u
work=$(mktemp -d /tmp/glint-test-sample-XXXXXX)
trap 'rm -rf "$work"' EXIT
"$1" "$work" >/dev/null || { echo "FAIL: the generator failed"; echo "0 passed, 1 failed"; exit 1; }
failed=0
for f in bust.obj bust.mtl bust.json; do
  if ! cmp -s "$work/$f" "$2/$f"; then
    echo "FAIL: $f differs from the generator's output"; failed=$((failed + 1))
  fi
done
echo "$((3 - failed)) passed, $failed failed"
[[ $failed == 0 ]]
