#!/usr/bin/env bash
# One error format (issue 20): every line glint writes on stderr starts
# "glint COMMAND: " with the command the user ran (the viewer's is `view`,
# also when no command is given), warnings "glint COMMAND: warning: "; only
# an unknown command, which names none, is "glint: unknown command".
# `glint info` says each warning once (in its report, not also in the log),
# and a missing texture is named as the MTL names it, not as "././x.jpg".
# usage: test_errors.sh GLINT SAMPLE_OBJ
set -u
glint=$(realpath "$1") sample=$(realpath "$2")
source "$(dirname "$0")/lib.sh" errors
ran=0
# fails CODE COMMAND ARGS...: `glint COMMAND ARGS` exits CODE and every
# stderr line starts "glint COMMAND: " followed by a message.
fails() {
  local want=$1 command=$2; shift 2
  checks=$((checks + 1)) ran=$((ran + 1))
  timeout 60 "$glint" "$command" "$@" >"$work/out" 2>"$work/err"
  local got=$?
  [[ $got == "$want" ]] || fail "glint $command $*: exit $got, expected $want: $(head -3 "$work/err")"
  every_line "$command" "glint $command $*"
}
every_line() { # COMMAND WHAT: stderr is not empty and each line is "glint COMMAND: <text>"
  checks=$((checks + 1))
  [[ -s $work/err ]] || { fail "$2: nothing on stderr"; return; }
  local bad
  bad=$(grep -Ev "^glint $1: [^ ]" "$work/err")
  [[ -z $bad ]] || fail "$2: a line not in the form 'glint $1: ...': $bad"
}

cd "$work" || exit 1
printf 'v nan 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n' >bad.obj
echo '{"schema": "glint-preset", "version": 1, "look": {"finish": "velvet"}}' >bad.json
touch taken.png

fails 2 render missing.obj -o out.png
fails 2 render "$sample" -o out.tga
fails 2 render "$sample"
fails 2 render "$sample" -o out.png --bogus
fails 2 render "$sample" -o out.png --light-azimuth north
fails 2 render --preset bad.json -o out.png
fails 2 render bad.obj -o out.png
fails 4 render "$sample" -o taken.png

fails 2 view missing.obj
fails 2 view --bogus
fails 2 view "$sample" --snapshot shot.tga
fails 3 view "$sample" --snapshot shot.png # needs a display, and there is none here

fails 2 info missing.obj
fails 2 info
fails 2 info bad.obj
fails 2 info "$sample" --size 10x10 # a drawing flag info does not take
fails 2 info --preset missing.json

fails 2 turntable missing.obj -o sheet.png
fails 2 turntable "$sample" -o sheet.gif
fails 2 turntable "$sample" -o sheet.png --steps 1
fails 2 turntable "$sample"

fails 2 compare missing.obj -o c.png
fails 2 compare "$sample"
fails 2 compare "$sample" -o c.png --finishes velvet
fails 4 compare "$sample" -o taken.png

fails 2 check missing.obj
fails 2 check "$sample" --sweep 0
fails 2 check "$sample" --plot plot.tga
fails 2 check bad.obj

# No command is the viewer: its errors are `view`'s.
checks=$((checks + 1)) ran=$((ran + 1))
"$glint" missing.obj >"$work/out" 2>"$work/err"
[[ $? == 2 ]] || fail "glint missing.obj: exit $?"
every_line view "glint missing.obj (no command)"

# An unknown command names none: "glint: unknown command", on one line.
checks=$((checks + 1)) ran=$((ran + 1))
"$glint" rendr x.obj >"$work/out" 2>"$work/err"
[[ $? == 2 ]] || fail "glint rendr: exit $?"
checks=$((checks + 1))
[[ $(wc -l <"$work/err") == 1 ]] && grep -q "^glint: unknown command 'rendr'" "$work/err" ||
  fail "glint rendr: $(cat "$work/err")"

# A missing texture: a warning once, named as the MTL names it.
printf 'newmtl paint\nmap_Kd x.jpg\nnewmtl dot\nmap_Kd ./y.jpg\n' >t.mtl
printf 'mtllib t.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nvt 0 0\nusemtl paint\nf 1/1 2/1 3/1\nusemtl dot\nf 3/1 2/1 1/1\n' >t.obj
for json in "" --json; do
  checks=$((checks + 1)) ran=$((ran + 1))
  "$glint" info t.obj $json >"$work/out" 2>"$work/err" || fail "info t.obj $json: exit $?"
  checks=$((checks + 1))
  [[ ! -s $work/err ]] || fail "info t.obj $json: the report lists the warnings, yet stderr has: $(cat "$work/err")"
  checks=$((checks + 1))
  [[ $(grep -o "texture x.jpg: no such file" "$work/out" | wc -l) == 1 ]] ||
    fail "info t.obj $json: the missing x.jpg is not listed once as written: $(cat "$work/out")"
  checks=$((checks + 1))
  [[ $(grep -o "texture ./y.jpg: no such file" "$work/out" | wc -l) == 1 ]] ||
    fail "info t.obj $json: the missing ./y.jpg is not listed once as written: $(cat "$work/out")"
  checks=$((checks + 1))
  ! grep -q '\./\./\|: \./x\.jpg' "$work/out" || fail "info t.obj $json: a path the user did not write: $(cat "$work/out")"
done
# Another folder: where it was looked for is said, as the user would write it.
mkdir sub
checks=$((checks + 1)) ran=$((ran + 1))
(cd sub && "$glint" info ../t.obj) >"$work/out" 2>"$work/err"
grep -q "texture x.jpg: \.\./x\.jpg: no such file" "$work/out" ||
  fail "info ../t.obj: the path looked at is not ../x.jpg: $(cat "$work/out")"
# A drawing command has no report: the log says each warning once, as render's.
checks=$((checks + 1)) ran=$((ran + 1))
"$glint" render t.obj --size 16x16 -o t.png >"$work/out" 2>"$work/err"
code=$?
[[ $code == 0 || $code == 3 ]] || fail "render t.obj: exit $code: $(cat "$work/err")"
checks=$((checks + 1))
[[ $(grep -c "^glint render: warning: t.obj: material 'paint': texture x.jpg: no such file" "$work/err") == 1 ]] ||
  fail "render t.obj: the warning is not said once as render's: $(cat "$work/err")"
[[ $code == 0 ]] && every_line render "render t.obj"

echo "errors: $ran commands run, $checks checks, $failures failures"
[[ $failures == 0 ]]
