#!/usr/bin/env bash
# The module rules of DEVELOPERS.md, checked on every test run:
#  - each module compiles against an include view holding only the modules it
#    may use (cmake/Warnings.cmake); probe that a forbidden include fails and
#    an allowed one works;
#  - glad only in src/gfx, GLFW and EGL headers only in src/plat, Dear ImGui
#    only in src/ui, exit() and
#    abort() only in src/app.
# usage: test_include_graph.sh SOURCE_DIR BUILD_DIR C_COMPILER
set -u
src=$1 build=$2 cc=$3
failures=0 checks=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
probe=$(mktemp /tmp/glint-probe-XXXXXX.c)
trap 'rm -f "$probe"' EXIT

# compiles? MODULE HEADER -> 0 if a file in MODULE can include HEADER
compiles() {
  printf '#include "%s"\nint glint_probe(void);\nint glint_probe(void) { return 0; }\n' "$2" >"$probe"
  "$cc" -std=c11 -fsyntax-only -I"$build/include-views/$1" $(pkg-config --cflags cglm) "$probe" 2>/dev/null
}
allowed=("io core/core_result.h" "scene io/io_model.h" "render gfx/gfx.h" "render scene/scene_shot.h"
         "app plat/plat.h" "gfx core/core_log.h" "plat core/core_file.h" "detect core/core_result.h"
         "draw io/io_image.h" "draw core/core_result.h"
         "inspect render/render.h" "inspect detect/detect_sweep.h" "settings core/core_text.h"
         "ui core/core_result.h" "app ui/ui.h")
forbidden=("core io/io_model.h" "io gfx/gfx.h" "io scene/scene_mesh.h" "scene gfx/gfx.h"
           "detect io/io_model.h" "gfx scene/scene_mesh.h" "render plat/plat.h"
           "render app/app.h" "plat gfx/gfx.h" "scene render/render.h"
           "draw gfx/gfx.h" "draw app/app.h" "draw scene/scene_mesh.h" "draw render/render.h"
           "inspect app/app.h" "inspect plat/plat.h" "inspect draw/draw_canvas.h"
           "render inspect/inspect.h" "detect inspect/inspect.h"
           "settings io/io_model.h" "settings scene/scene_finish.h" "settings render/render.h"
           "settings app/app.h" "core settings/settings.h" "render settings/settings.h"
           "ui gfx/gfx.h" "ui plat/plat.h" "ui app/app.h" "render ui/ui.h" "plat ui/ui.h")
for pair in "${allowed[@]}"; do
  checks=$((checks + 1))
  compiles $pair || fail "module ${pair% *} cannot include ${pair#* }, which it may"
done
for pair in "${forbidden[@]}"; do
  checks=$((checks + 1))
  if compiles $pair; then fail "module ${pair% *} can include ${pair#* }, which the graph forbids"; fi
done

checks=$((checks + 1))
bad=$(grep -rlE '#[[:space:]]*include[[:space:]]*[<"]glad/' "$src/src" | grep -v "^$src/src/gfx/")
[[ -z $bad ]] || fail "glad included outside src/gfx: $bad"
checks=$((checks + 1))
bad=$(grep -rlE '#[[:space:]]*include[[:space:]]*[<"](GLFW|EGL)/' "$src/src" | grep -v "^$src/src/plat/")
[[ -z $bad ]] || fail "GLFW/EGL included outside src/plat: $bad"
checks=$((checks + 1))
bad=$(grep -rlE '#[[:space:]]*include[[:space:]]*[<"]imgui' "$src/src" | grep -v "^$src/src/ui/")
[[ -z $bad ]] || fail "Dear ImGui included outside src/ui: $bad"
checks=$((checks + 1))
bad=$(grep -rlE '#[[:space:]]*include[[:space:]]*"app/' "$src/src" | grep -v "^$src/src/app/")
[[ -z $bad ]] || fail "app included outside src/app: $bad"
checks=$((checks + 1))
bad=$(grep -rnE '\b(exit|abort|_Exit|quick_exit)[[:space:]]*\(' "$src/src" | grep -v "^$src/src/app/")
[[ -z $bad ]] || fail "exit()/abort() outside src/app: $bad"

echo "$((checks - failures)) passed, $failures failed"
[[ $failures == 0 ]]
