#!/usr/bin/env bash
# Packs, here, what bench/device/run.sh needs on the device machine (a bare
# NVIDIA machine with no Debian packages; docs/PERFORMANCE.md, "On a GPU"):
# glint, glint_render_loop, glint_gen_big_mesh and glint_imgtool from the
# build folder; the shared libraries they load that such a machine may lack
# (not glibc's, and not the GL dispatch libraries: those come from Debian's
# glvnd packages, unpacked there, as the device tool's README says); those
# packages; and a reference render of the sample made here on llvmpipe, which
# the GPU's render is compared with. Everything goes into .gpu/ (ignored by
# git), to be named in the run's `carry`.
# usage: bench/device/pack.sh [BUILD_DIR]   (default build)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
pack=.gpu
cmake --build "$build" --target glint glint_render_loop glint_gen_big_mesh glint_imgtool >/dev/null
rm -rf "$pack"
mkdir -p "$pack/bin" "$pack/lib" "$pack/deb"
cp "$build/glint" "$build/bench/glint_render_loop" "$build/bench/glint_gen_big_mesh" \
  "$build/glint_imgtool" "$pack/bin/"
for binary in "$pack"/bin/*; do
  ldd "$binary" | awk '$3 ~ /^\// { print $3 }'
done | sort -u | while read -r library; do
  case ${library##*/} in
    libc.so.* | libm.so.* | libdl.so.* | libpthread.so.* | librt.so.* | ld-linux*) ;;
    # Newer on that machine (its Python and driver need them) and backward compatible.
    libstdc++.so.* | libgcc_s.so.* | libz.so.*) ;;
    libEGL.so* | libGL.so* | libGLX.so* | libGLdispatch.so* | libOpenGL.so* | libGLES*) ;;
    *) cp -L "$library" "$pack/lib/" ;;
  esac
done
(cd "$pack/deb" && apt-get -o APT::Sandbox::User=root download libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2 \
  >/dev/null)
env -u DISPLAY "$build/glint" render assets/sample/bust.obj -q --size 1024x1024 \
  -o "$pack/reference-llvmpipe.png" --overwrite
echo "packed $(du -sh "$pack" | cut -f1) into $pack/ ($(find "$pack/lib" -type f | wc -l) libraries)"
