#!/usr/bin/env bash
# Load benchmark: glint against f3d on the same files, in the same run.
#
#   bench/run_load.sh [-n RUNS] [--build DIR] [--data DIR] [--no-build]
#
# Builds glint (RelWithDebInfo) and the generator if needed, generates the data if missing
# (bench/gen_big_mesh.c + gen_big_formats.c: the same 1M-triangle surface as OBJ, binary STL,
# binary PLY with vertex colours and GLB, and a tetrahedron as OBJ and STL for start-up
# cost), then measures with bench/measure.py (median of RUNS after one warm-up):
#   glint info FILE                                   load + scene processing, a summary
#   f3d --dry-run --no-render --verbose FILE          load, no rendering, no config file
#                                                     (--no-config for f3d 3.x; under
#                                                     xvfb-run only if it needs a display)
# A file glint cannot read (yet) is said so, on stderr and in the tables, and f3d is still
# measured on it; no number is made up for glint.
# Prints markdown tables: medians, glint/f3d ratios, and glint's peak RSS against the
# "GPU-ready mesh" (vertices x 44 bytes + triangles x 3 x 4 bytes, counts from
# `glint info --json`). The tables and the raw JSON lines also go to DIR/bench-results/.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=5
build="$root/build"
data=
do_build=1

die() { echo "run_load.sh: $*" >&2; exit 1; }
note() { echo "run_load.sh: $*" >&2; }

while (($#)); do
  case "$1" in
    -n) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || die "-n needs a positive count"
        runs=$2; shift 2 ;;
    --build) [[ $# -ge 2 ]] || die "--build needs a folder"; build=$(realpath -m "$2"); shift 2 ;;
    --data) [[ $# -ge 2 ]] || die "--data needs a folder"; data=$(realpath -m "$2"); shift 2 ;;
    --no-build) do_build=0; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
data=${data:-$build/bench-data}
case "$data/" in
  "$root"/build*/*) ;;
  "$root"/*) die "$data is inside the repository; generated data never goes there (build/...)" ;;
esac

# ---- tools --------------------------------------------------------------------------------
install_debian() { # PACKAGE...
  [[ $(id -u) -eq 0 ]] || die "missing $*; install with: sudo apt-get install $*"
  note "installing $* (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@" >/dev/null; }
}
command -v python3 >/dev/null || install_debian python3
command -v f3d >/dev/null || install_debian f3d

glint="$build/glint"
if ((do_build)); then
  if [[ ! -f "$build/CMakeCache.txt" ]]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGLINT_TESTS=ON >/dev/null
  fi
  cmake --build "$build" -j2 --target glint >/dev/null || die "building glint failed"
fi
[[ -x "$glint" ]] || die "$glint is missing (build it, or drop --no-build)"
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
sanitize=$(sed -n 's/^GLINT_SANITIZE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
[[ "$build_type" == RelWithDebInfo || "$build_type" == Release ]] ||
  note "warning: $build is a '$build_type' build; numbers are meant for RelWithDebInfo"
[[ "$sanitize" != ON ]] || die "$build is a sanitizer build; measure a plain one"

# The generator: the CMake target where the build tree has it, else the documented cc line.
gen="$build/bench/glint_gen_big_mesh"
if ! { ((do_build)) && cmake --build "$build" --target glint_gen_big_mesh >/dev/null 2>&1; }; then
  gen="$build/bench-tools/glint_gen_big_mesh"
  if [[ ! -x "$gen" || "$root/bench/gen_big_mesh.c" -nt "$gen" ||
        "$root/bench/gen_big_formats.c" -nt "$gen" || "$root/bench/gen_big_mesh.h" -nt "$gen" ]]; then
    mkdir -p "$(dirname "$gen")"
    cc -O2 -std=c11 -Wall -Wextra -Wpedantic -Werror -ffp-contract=off \
      "$root/bench/gen_big_mesh.c" "$root/bench/gen_big_formats.c" -lm -o "$gen" ||
      die "building the generator failed"
  fi
fi
"$gen" "$data" >&2 || die "generating the data failed"

# f3d's --no-render reads the file and prints what it read without opening a window; if this
# f3d cannot start without a display after all, run it under Xvfb (that adds start-up cost).
# f3d 1.x and 2.x (Debian 12 has 1.3.1) skip the configuration file with --dry-run; 3.x
# renamed it --no-config.
no_config=--dry-run
if f3d --help 2>&1 | grep -q -- '--no-config'; then no_config=--no-config; fi
f3d_flags=("$no_config" --no-render --verbose)
f3d_cmd=(f3d "${f3d_flags[@]}")
f3d_display="none needed"
probe=$(env -u DISPLAY -u WAYLAND_DISPLAY "${f3d_cmd[@]}" "$data/tetra.stl" 2>&1 || true)
if [[ "$probe" != *"Number of polygons: 4"* ]]; then
  command -v xvfb-run >/dev/null || install_debian xvfb xauth
  f3d_cmd=(xvfb-run -a "${f3d_cmd[@]}")
  f3d_display="xvfb-run -a"
fi

# ---- measure ------------------------------------------------------------------------------
results="$build/bench-results"
mkdir -p "$results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
raw="$results/load-$stamp.jsonl"
: >"$raw"

measure() { # LABEL EXPECT COMMAND...
  local label=$1 expect=$2
  shift 2
  note "measuring $label ($runs runs after 1 warm-up)"
  python3 "$root/bench/measure.py" -n "$runs" --label "$label" --expect "$expect" \
    --append "$raw" -- "$@" >/dev/null || die "measuring $label failed"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
python3 "$root/bench/measure.py" -n "$runs" --label "floor /bin/true" --append "$raw" \
  -- /bin/true >/dev/null
# The triangles a PLY's header or a GLB's accessors promise: the count f3d must show when
# glint cannot say it.
file_triangles() { # PATH
  python3 - "$1" <<'PY'
import json, re, struct, sys
data = open(sys.argv[1], "rb").read()
if data[:4] == b"glTF":
    size = struct.unpack("<I", data[12:16])[0]
    doc = json.loads(data[20:20 + size])
    print(sum(doc["accessors"][p["indices"]]["count"] // 3
              for m in doc["meshes"] for p in m["primitives"]))
else:
    print(re.search(rb"element face (\d+)", data[:4096]).group(1).decode())
PY
}

files=(tetra.obj tetra.stl bumpy_torus.obj bumpy_torus.stl bumpy_torus.ply bumpy_torus.glb)
for file in "${files[@]}"; do
  path="$data/$file"
  json="$results/info-$file.json"
  if "$glint" info --json "$path" >"$json" 2>"$results/info-$file.err"; then
    triangles=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["triangles"])' \
      "$json")
    measure "glint $file" " $triangles triangles" "$glint" info "$path"
  else
    case "$file" in
      *.ply|*.glb) ;;
      *) die "glint info --json $path failed: $(head -n 1 "$results/info-$file.err")" ;;
    esac
    # The new formats' readers may not be there yet: say so, measure f3d alone.
    why=$(head -n 1 "$results/info-$file.err")
    note "glint cannot read $file yet: $why"
    triangles=$(file_triangles "$path") || die "$path: no triangle count in the file"
    python3 -c 'import json, sys; json.dump({"triangles": int(sys.argv[2]), "unread": sys.argv[3]},
      open(sys.argv[1], "w"))' "$json" "$triangles" "$why"
  fi
  # f3d prints its point and polygon counts for STL and PLY; for OBJ and GLB (whose
  # primitives it counts one by one) its camera framing shows it read the geometry. It exits
  # 0 even on a file it could not read, hence the check.
  case "$file" in
    *.stl|*.ply) expect="Number of polygons: $triangles" ;;
    *) expect="Camera focal point" ;;
  esac
  measure "f3d $file" "$expect" "${f3d_cmd[@]}" "$path"
done

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)
memory=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
if compgen -G "/dev/dri/renderD*" >/dev/null; then gpu="a DRM render node is present"; else
  gpu="none (no /dev/dri render node)"; fi
machine="${cpu:-unknown CPU}, $(nproc) cores, $memory, $(uname -sr), GPU: $gpu"
revision=$(git -C "$root" describe --always --dirty 2>/dev/null || echo "not a git checkout")

# ---- report -------------------------------------------------------------------------------
report="$results/load-$stamp.md"
python3 - "$raw" "$results" "$runs" "$f3d_display" \
  "$(f3d --version 2>&1 | sed -n 's/^Version: \(.*\)\.$/\1/p')" "$load_before" "$load_after" \
  "$machine" "$revision" "${f3d_flags[*]}" "${files[@]}" <<'PY' | tee "$report"
import json, os, sys

(raw, results, runs, display, f3d_version, load_before, load_after, machine, revision,
 f3d_flags) = sys.argv[1:11]
files = sys.argv[11:]
rows = {}
for line in open(raw, encoding="utf-8"):
    r = json.loads(line)
    rows[r["label"]] = r

def info(name):
    with open(os.path.join(results, "info-%s.json" % name), encoding="utf-8") as f:
        return json.load(f)

print("Machine: %s. glint: %s." % (machine, revision))
print()
print("Load: median of %s runs after 1 warm-up, same run, same files; "
      "f3d %s (`%s`, display: %s)." % (runs, f3d_version, f3d_flags, display))
print()
print("| file | triangles | glint (s) | f3d (s) | time glint/f3d "
      "| glint peak RSS (MiB) | f3d peak RSS (MiB) | RSS glint/f3d |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
unread = [name for name in files if "unread" in info(name)]
for name in files:
    f, i = rows["f3d " + name], info(name)
    if name in unread:
        print("| %s | %d | glint cannot read it yet | %.3f | | | %.1f | |" % (
            name, i["triangles"], f["median_wall_s"], f["median_peak_rss_mib"]))
        continue
    g = rows["glint " + name]
    print("| %s | %d | %.3f | %.3f | %.2f | %.1f | %.1f | %.2f |" % (
        name, i["triangles"], g["median_wall_s"], f["median_wall_s"],
        g["median_wall_s"] / f["median_wall_s"], g["median_peak_rss_mib"],
        f["median_peak_rss_mib"], g["median_peak_rss_mib"] / f["median_peak_rss_mib"]))
print()
print("CPU time (user + system) of the same runs, median: it leaves out time spent waiting for a "
      "core, so it moves less than wall time when something else is running.")
print()
print("| file | glint CPU (s) | f3d CPU (s) | CPU glint/f3d | glint wall - CPU (s) "
      "| f3d wall - CPU (s) |")
print("|---|---:|---:|---:|---:|---:|")
for name in files:
    f = rows["f3d " + name]
    if name in unread:
        print("| %s | glint cannot read it yet | %.3f | | | %.3f |" % (
            name, f["median_cpu_s"], f["median_wall_s"] - f["median_cpu_s"]))
        continue
    g = rows["glint " + name]
    print("| %s | %.3f | %.3f | %.2f | %.3f | %.3f |" % (
        name, g["median_cpu_s"], f["median_cpu_s"], g["median_cpu_s"] / f["median_cpu_s"],
        g["median_wall_s"] - g["median_cpu_s"], f["median_wall_s"] - f["median_cpu_s"]))
floor = rows["floor /bin/true"]
print()
print("Harness floor (`/bin/true` under the same harness): %.3f s, %.1f MiB peak RSS. "
      "Load average (1, 5, 15 min) before: %s; after: %s." % (
          floor["median_wall_s"], floor["median_peak_rss_mib"], load_before, load_after))
print()
print("| file | vertices | triangles | GPU-ready mesh (MiB) | glint peak RSS (MiB) "
      "| RSS / GPU-ready |")
print("|---|---:|---:|---:|---:|---:|")
for name in files:
    if name.startswith("tetra") or name in unread:  # the tetrahedra: start-up cost only
        continue
    i, g = info(name), rows["glint " + name]
    gpu = (i["vertices"] * 44 + i["triangles"] * 3 * 4) / 2.0**20
    print("| %s | %d | %d | %.2f | %.1f | %.1f |" % (
        name, i["vertices"], i["triangles"], gpu, g["median_peak_rss_mib"],
        g["median_peak_rss_mib"] / gpu))
print()
print("GPU-ready mesh = vertices x 44 B (position, normal, uv, colour as float) + triangles x 3 x 4 B "
      "(uint32 indices), counts from `glint info --json`.")
for name in unread:
    print()
    print("glint cannot read %s yet: %s" % (name, info(name)["unread"]))
PY
# Where glint's time goes (bench/load_phases.c), when the build tree has the tool.
phases="$build/bench/glint_load_phases"
if ((do_build)); then
  cmake --build "$build" --target glint_load_phases >/dev/null 2>&1 || true
fi
if [[ -x "$phases" ]]; then
  {
    echo
    echo "glint's phases (bench/load_phases.c):"
    echo
    echo '```'
    for file in bumpy_torus.obj bumpy_torus.stl bumpy_torus.ply bumpy_torus.glb; do
      # Only the files glint read above (the PLY and GLB readers may not be there yet).
      grep -q '"unread"' "$results/info-$file.json" && continue
      "$phases" -n "$runs" "$data/$file" | sed "s|$data/||"
    done
    echo '```'
  } | tee -a "$report"
else
  note "no $phases (add bench/ to the build) - phase timings skipped"
fi
note "wrote $report and $raw"
