#!/usr/bin/env bash
# Regenerates the path-traced references of tests/fidelity with Blender 3.4's
# Cycles (Debian's `blender`, installed here if missing; it is not a build or
# CI dependency: CI only compares against the committed EXRs).
# usage: scripts/make-fidelity-references.sh [BUILD_DIR] [make_references.py options]
#   e.g. scripts/make-fidelity-references.sh build --only sphere-gloss-white
# It needs a built glint (glint's own EXR gives each scene's camera and lamp)
# and glint_exrtool (its `room` map is the room scenes' world).
# Afterwards run tests/fidelity/test_fidelity.py with --write-locks only if
# glint got closer: the locks never loosen.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
shift || true
if ! command -v blender >/dev/null 2>&1; then
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends blender
fi
exec blender -b --python "$root/tests/fidelity/make_references.py" -- \
  "$root/tests/fidelity/references" --glint "$build/glint" --exrtool "$build/glint_exrtool" "$@"
