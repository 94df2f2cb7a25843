#!/usr/bin/env bash
# Configures and builds glint into a build folder.
# usage: scripts/build.sh [BUILD_DIR [extra cmake arguments...]]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
shift || true
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${GLINT_BUILD_TYPE:-RelWithDebInfo}" "$@" >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"
