#!/usr/bin/env bash
# Writes the seed corpus for fuzz/fuzz_stl.c into fuzz/corpus/stl/ (or the
# folder given as $1). Deterministic: same bytes on every run, every machine.
# Binary floats are spelled as little-endian bytes (0 -> 00 00 00 00,
# 1 -> 00 00 80 3f), so no compiler or interpreter is needed.
set -euo pipefail
out=${1:-$(dirname "$0")/stl}
mkdir -p "$out"
export LC_ALL=C

# One float from a digit: 0, 1 or h (one half); little-endian IEEE-754.
float_bytes() {
    case $1 in
    0) printf '\000\000\000\000' ;;
    1) printf '\000\000\200\077' ;;
    h) printf '\000\000\000\077' ;;
    n) printf '\000\000\200\277' ;; # -1
    esac
}
# An 80-byte header: the text, padded with NULs.
header() {
    printf '%s' "$1"
    head -c $((80 - ${#1})) /dev/zero
}
# uint32 little-endian, for counts below 256.
# shellcheck disable=SC2059 # the format is the escape itself
count_bytes() { printf "\\$(printf '%03o' "$1")\\000\\000\\000"; }
# A binary triangle from 9 digits: normal 0 0 1, corners, 2 attribute bytes.
triangle() {
    float_bytes 0; float_bytes 0; float_bytes 1
    local d
    for d in "$@"; do float_bytes "$d"; done
    printf '\000\000'
}
cube_triangles() {
    # The unit cube's 12 triangles, as corner digits.
    local faces=(
        "0 0 0 0 1 0 1 1 0" "0 0 0 1 1 0 1 0 0" "0 0 1 1 0 1 1 1 1" "0 0 1 1 1 1 0 1 1"
        "0 0 0 1 0 0 1 0 1" "0 0 0 1 0 1 0 0 1" "0 1 0 0 1 1 1 1 1" "0 1 0 1 1 1 1 1 0"
        "0 0 0 0 0 1 0 1 1" "0 0 0 0 1 1 0 1 0" "1 0 0 1 1 0 1 1 1" "1 0 0 1 1 1 1 0 1")
    local f
    for f in "${faces[@]}"; do
        # shellcheck disable=SC2086
        triangle $f
    done
}

# 1. Binary cube, plain header.
{ header "binary cube from make_stl_seeds.sh"; count_bytes 12; cube_triangles; } \
    >"$out/binary_cube.stl"

# 2. Binary whose header starts with "solid" (as many exporters write it).
{ header "solid part_a"; count_bytes 2
  triangle 0 0 0 1 0 0 0 1 0; triangle h h 0 n 0 0 0 n h; } >"$out/binary_solid_header.stl"

# 3. Binary truncated in its last triangle (the header promises 2).
{ header "solid truncated"; count_bytes 2
  triangle 0 0 0 1 0 0 0 1 0; triangle 1 1 1 0 1 1 1 0 1; } >"$out/binary_truncated.stl"
truncate -s 160 "$out/binary_truncated.stl"

facet() { # ASCII facet from 9 numbers
    printf '  facet normal 0 0 1\n    outer loop\n'
    printf '      vertex %s %s %s\n' "$@"
    printf '    endloop\n  endfacet\n'
}

# 4. ASCII, two named solids sharing a corner.
{ echo "solid left"; facet 0 0 0 1 0 0 0 1 0; facet 1 0 0 1 1 0 0 1 0; echo "endsolid left"
  echo "solid right"; facet 1 0 0 2 0 0 1 1 0; echo "endsolid right"; } \
    >"$out/ascii_two_solids.stl"

# 5. An empty solid, then an unnamed one.
{ echo "solid empty"; echo "endsolid empty"
  echo "solid"; facet 0 0 0 0 0 1 0 1 0; echo "endsolid"; } >"$out/ascii_empty_solid.stl"

# 6. CRLF line endings, tabs, upper-case keywords, a UTF-8 BOM.
{ printf '\357\273\277SOLID Crlf\r\n'
  printf '\tFACET NORMAL 0 0 1\r\n\t\tOUTER LOOP\r\n'
  printf '\t\t\tVERTEX\t0\t0\t0\r\n\t\t\tVertex 1 0 0\r\n\t\t\tvertex 0 1 0\r\n'
  printf '\t\tENDLOOP\r\n\tENDFACET\r\nENDSOLID Crlf\r\n'; } >"$out/ascii_crlf_upper.stl"

# 7. Scientific notation, signs, negative zero.
{ echo "solid sci"; facet 1e-3 -0 +5 1.5E+2 -2.5e-1 0.0 -0 1E0 .5; echo "endsolid sci"; } \
    >"$out/ascii_scientific.stl"

# 8. No final endsolid (tolerated with a warning).
{ echo "solid open"; facet 0 0 0 1 0 0 0 1 0; } >"$out/ascii_no_endsolid.stl"

# 9. A whole solid on one line, odd normals.
printf 'solid one facet normal nan -nan 1 outer loop vertex 0 0 0 vertex 1 0 0 vertex 0 1 0 endloop endfacet endsolid one\n' \
    >"$out/ascii_one_line.stl"

# 10. Errors: a four-vertex facet and a 1e999 coordinate.
{ echo "solid bad"; printf '  facet normal 0 0 1\n    outer loop\n'
  printf '      vertex 0 0 0\n      vertex 1 0 0\n      vertex 0 1 0\n      vertex 1 1 0\n'
  printf '    endloop\n  endfacet\nendsolid bad\n'; } >"$out/ascii_four_vertices.stl"
{ echo "solid big"; facet 0 0 0 1e999 0 0 0 1 0; echo "endsolid big"; } >"$out/ascii_overflow.stl"
