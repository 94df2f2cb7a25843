#!/usr/bin/env bash
# Loads every file of Debian's assimp-testmodels under models/OBJ (vertex
# colours included), models/STL, models/invalid, models/3MF, models/PLY and
# models/glTF2 (recursively; their buffers and textures too) with `glint info`: each loads (exit 0) or fails with the
# documented bad-input code (2) and one clear line naming the file; none
# crashes, hangs or trips a sanitizer. Then checks counts verified by hand.
# usage: test_assimp_corpus.sh GLINT [MODELS_DIR]
set -u
glint=$1
models=${2:-/usr/share/assimp/models}
[[ -d $models ]] || { echo "FAIL: $models missing (Debian package assimp-testmodels)"; exit 1; }
failures=0 checks=0 loaded=0 refused=0
declare -A folder_loaded folder_refused
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
err=$(mktemp) out=$(mktemp)
trap 'rm -f "$err" "$out"' EXIT

while IFS= read -r -d '' file; do
  checks=$((checks + 1))
  folder=${file#"$models"/}
  folder=${folder%%/*}
  timeout 60 "$glint" info --json "$file" >"$out" 2>"$err"
  rc=$?
  if grep -qE 'Sanitizer|runtime error:' "$err"; then
    fail "$file: sanitizer report: $(grep -m1 -E 'Sanitizer|runtime error:' "$err")"
  elif [[ $rc == 0 ]]; then
    loaded=$((loaded + 1))
    folder_loaded[$folder]=$((${folder_loaded[$folder]:-0} + 1))
    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$out" 2>/dev/null ||
      fail "$file: exit 0 but the JSON does not parse"
  elif [[ $rc == 2 ]]; then
    refused=$((refused + 1))
    folder_refused[$folder]=$((${folder_refused[$folder]:-0} + 1))
    errors=$(grep -vc '^glint info: warning: ' "$err")
    [[ $errors == 1 ]] || fail "$file: expected one error line, got $errors: $(head -3 "$err")"
    grep -v '^glint info: warning: ' "$err" | grep -qF "glint info: $file" ||
      fail "$file: the error does not start by naming the file: $(cat "$err")"
  else
    fail "$file: exit $rc (124 = timed out, >128 = signal): $(head -3 "$err")"
  fi
done < <(find "$models/OBJ" "$models/STL" "$models/invalid" "$models/3MF" "$models/PLY" \
              "$models/glTF2" -type f -print0 | sort -z)

# Counts verified by hand, independently of glint: triangles are the sum of
# (vertices - 2) over the file's faces (OBJ, CR stripped) or the facet count
# (STL: "facet" lines for ASCII, the header count for binary, which matches
# the file size); parts are the distinct (group, material) runs that have
# faces (OBJ) or the non-empty solids (STL), and an STL of one solid is split
# into its shells (docs/models.md): counted by a separate union-find over
# exactly equal vertex positions (degenerate triangles left out), shells under
# 0.5 % of the triangles not counted (Wuson: 51 shells, 3 of them larger).
# glint reports degenerate
# triangles as dropped, so triangles + dropped_triangles is the file's count.
expect() { # FILE TRIANGLES PARTS
  checks=$((checks + 1))
  local got
  got=$("$glint" info --json "$models/$1" 2>/dev/null |
        python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["triangles"]+d["dropped_triangles"], len(d["parts"]))')
  [[ $got == "$2 $3" ]] || fail "$1: got (triangles parts) '$got', expected '$2 $3'"
}
expect OBJ/box.obj 12 1
expect OBJ/cube_usemtl.obj 12 3
expect OBJ/cube_mtllib_after_g.obj 12 1
expect OBJ/spider.obj 1368 19
expect OBJ/WusonOBJ.obj 3732 1
expect OBJ/regr01.obj 2710 55
expect OBJ/testmixed.obj 12 1
expect STL/Spider_ascii.stl 1368 18
expect STL/Spider_binary.stl 1368 18
expect STL/Wuson.stl 3732 3
expect STL/3DSMaxExport.STL 2000 24
expect STL/sphereWithHole.stl 285 1
expect STL/triangle_with_two_solids.stl 2 2
expect STL/triangle_with_empty_solid.stl 1 1
expect STL/formatDetection 1 1
# PLY: the sum of (n - 2) over the face element's lists, read from the
# header's element and property lines (ASCII or binary); 3MF: the
# <triangle> elements of 3D/3dmodel.model (python's zipfile); glTF/GLB:
# indices (or POSITION) count / 3 over the triangle primitives (mode 4) of
# every node the scene reaches, a part per primitive placed; OBJ: as above.
expect PLY/Wuson.ply 3732 3   # one part: split into shells, the same mesh as STL/Wuson.stl
expect PLY/cube.ply 12 1
expect PLY/cube_binary.ply 12 1
expect PLY/float-color.ply 1 1
expect 3MF/box.3mf 12 1
expect glTF2/BoxTextured-glTF/BoxTextured.gltf 12 1
expect glTF2/BoxTextured-glTF-Binary/BoxTextured.glb 12 1
expect glTF2/2CylinderEngine-glTF-Binary/2CylinderEngine.glb 121496 115
expect OBJ/cube_with_vertexcolors.obj 12 1
expect OBJ/cube_with_vertexcolors_uni.obj 12 1

# A points-only PLY is refused with one line saying so.
checks=$((checks + 1))
"$glint" info "$models/PLY/points.ply" 2>&1 | grep -q "points.ply: has no triangles" ||
  fail "points.ply: not refused as having no triangles"

for folder in OBJ STL invalid 3MF PLY glTF2; do
  echo "corpus $folder: ${folder_loaded[$folder]:-0} loaded, ${folder_refused[$folder]:-0} refused"
done


echo "corpus: $loaded loaded, $refused refused with a clear error"
echo "$((checks - failures)) passed, $failures failed"
[[ $failures == 0 ]]
