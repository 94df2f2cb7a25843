#!/usr/bin/env bash
# Installs, from Debian's packages only, whatever glint needs that is missing.
# Idempotent: packages already installed are left alone and apt-get update runs
# at most once, and only when something has to be installed.
set -euo pipefail

# Build and run.
packages=(cmake pkg-config gcc g++ make clang python3 python3-glad
          libglfw3-dev libcglm-dev libstb-dev libtinyobjloader-dev libcjson-dev
          libassimp-dev lib3mf-dev zlib1g-dev libimgui-dev fonts-dejavu-core libtinyexr-dev
          libegl-dev libegl1-mesa-dev libegl-mesa0 libgl-dev libgl1-mesa-dri libglx-mesa0
          xvfb xauth)
# Tests only: sanitizer runtimes for clang (fuzzing) come with clang itself.
if [[ "${1:-}" == "--tests" ]]; then
  packages+=(libclang-rt-14-dev assimp-testmodels)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: everything glint needs is installed"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "install-deps: missing packages (${missing[*]}) and not root; run as root" >&2
    exit 1
  fi
else
  SUDO=
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
