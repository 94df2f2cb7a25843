#!/usr/bin/env bash
# glint starts itself again with glibc asked for transparent huge pages
# (src/app/app_huge_pages.c) where the kernel gives them on request: the
# settings reach the process that renders, a user's own GLIBC_TUNABLES is
# kept (and one naming the same settings left alone), GLINT_NO_HUGE_PAGES
# turns it off, and the picture does not depend on it. The debug output
# (-vv) says which it was.
# usage: test_huge_pages.sh GLINT SAMPLE
set -u
glint=$1 sample=$2
source "$(dirname "$0")/lib.sh" huge-pages

ours="glibc.malloc.hugetlb=1:glibc.malloc.arena_max=1"
render() { # OUT.png: a small render with the debug output in $work/err
  expect 0 "render $1" -- "$glint" render "$sample" --size 96x96 -o "$work/$1" -vv
}
said() { # TEXT: the debug output has this line
  checks=$((checks + 1))
  grep -qF -- "$1" "$work/err" || fail "expected '$1' in: $(grep 'huge pages' "$work/err")"
}

unset GLIBC_TUNABLES GLINT_NO_HUGE_PAGES
mode=$(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo none)
if [[ $glint == *sanitized* || $mode != *"[madvise]"* ]] || ! ldd --version 2>&1 | grep -qi glibc; then
  # The sanitizers' allocator ignores glibc's settings; `always` already gives
  # huge pages and `never` none: no restart, and the run says so.
  render plain.png
  said "memory: huge pages not asked"
  echo "test_huge_pages: no restart here (huge pages: $mode; ${glint##*/}); $checks checks, $failures failures"
  exit $((failures > 0))
fi

render asked.png
said "memory: huge pages asked of glibc (GLIBC_TUNABLES=$ours)"

GLIBC_TUNABLES=glibc.malloc.tcache_count=5 render kept.png
said "memory: huge pages asked of glibc (GLIBC_TUNABLES=glibc.malloc.tcache_count=5:$ours)"

GLIBC_TUNABLES=glibc.malloc.arena_max=2 render theirs.png
said "memory: huge pages not asked"

GLINT_NO_HUGE_PAGES=1 render off.png
said "memory: huge pages not asked"

GLINT_NO_HUGE_PAGES=0 render zero.png
said "memory: huge pages asked of glibc (GLIBC_TUNABLES=$ours)"

for png in kept theirs off; do
  checks=$((checks + 1))
  cmp -s "$work/asked.png" "$work/$png.png" || fail "$png.png differs from asked.png"
done

# What glint starts (ffmpeg, here a stand-in that writes down its environment)
# gets the user's GLIBC_TUNABLES back, not glint's settings nor the restart's mark.
mkdir "$work/bin"
cat >"$work/bin/ffmpeg" <<'EOF'
#!/usr/bin/env bash
cat >/dev/null
echo "tunables=${GLIBC_TUNABLES-unset} mark=${GLINT_HUGE_PAGES_FROM-unset}" >"$FAKE_FFMPEG_ENV"
printf '\0\0\0\x10ftypisom\0\0\x02\0\0\0\0\x08moov\0\0\0\x0cmdat1234' >"${!#}"
EOF
chmod +x "$work/bin/ffmpeg"
video() { # NAME TUNABLES-OR-unset EXPECTED-LINE
  local set=(env -u GLIBC_TUNABLES)
  [[ $2 == unset ]] || set=(env GLIBC_TUNABLES="$2")
  expect 0 "video $1" -- "${set[@]}" PATH="$work/bin:$PATH" FAKE_FFMPEG_ENV="$work/$1.env" \
    "$glint" turntable "$sample" --size 32x32 --steps 2 -q --video "$work/$1.mp4"
  checks=$((checks + 1))
  [[ "$(cat "$work/$1.env" 2>/dev/null)" == "$3" ]] ||
    fail "video $1: ffmpeg saw '$(cat "$work/$1.env" 2>/dev/null)', expected '$3'"
}
video none unset "tunables=unset mark=unset"
video own glibc.malloc.tcache_count=5 "tunables=glibc.malloc.tcache_count=5 mark=unset"

# The restarted process keeps its name (top, ps -C, killall): the kernel names
# it after the file it runs, which must not be /proc/self/exe ("exe").
"$glint" render "$sample" --size 1600x1600 -q -o "$work/named.png" &
pid=$!
name=
for _ in $(seq 200); do # until the restart's mark is in its starting environment
  if tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -q '^GLINT_HUGE_PAGES_FROM='; then
    name=$(cat "/proc/$pid/comm" 2>/dev/null)
    break
  fi
  sleep 0.01
done
wait "$pid"
checks=$((checks + 1))
[[ $name == glint ]] || fail "the restarted process is named '${name:-(not seen)}', expected glint"

# A failure after the restart is still the one line and exit code it was.
expect 2 "missing model" -- "$glint" render "$work/missing.stl" -o "$work/x.png"
one_line_naming "missing.stl"

echo "test_huge_pages: $checks checks, $failures failures"
exit $((failures > 0))
