#!/usr/bin/env bash
# Quick start, first command: installs what is missing (Debian packages), builds
# glint, and opens the viewer on the bundled sample bust. With no display, glint
# renders the same lighting test headless into build/renders and prints the paths.
# Arguments are passed on to glint (e.g. a model of your own).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build
mkdir -p build/renders
exec build/glint --output-dir build/renders "$@"
