#!/usr/bin/env bash
# Names people type: commands, finishes, views and parts, checked and matched
# the way people write them (case aside), with a suggestion when mistyped.
# usage: test_names.sh GLINT SAMPLE_OBJ
set -u
here=$(dirname "$0")
glint=$1 sample=$2
source "$(dirname "$0")/lib.sh" names
says() { # the error is one line and says $1
  checks=$((checks + 1))
  [[ $(wc -l <"$work/err") == 1 ]] || fail "expected one line on stderr: $(cat "$work/err")"
  grep -qF -- "$1" "$work/err" || fail "stderr does not say '$1': $(cat "$work/err")"
}
same_picture() { # same_picture A B: byte-identical pixels (the settings chunk may differ)
  checks=$((checks + 1))
  python3 "$here/pixels.py" "$1" "$2" || fail "$1 and $2 differ"
}

expect 2 "mistyped command" -- "$glint" rendr "$sample" -o "$work/x.png"
says "glint: unknown command 'rendr' (did you mean 'render'?)"
expect 2 "mistyped command, transposed" -- "$glint" chekc "$sample"
says "did you mean 'check'?"
expect 2 "unknown word" -- "$glint" frobnicate
says "unknown command 'frobnicate'"
# A model named like a word still opens (as a file it exists).
cp "$sample" "$work/render-me"
expect 0 "a model file whose name has no dot" -- "$glint" info "$work/render-me"

small=(--size 96x96 --msaa 1)
expect 0 "lower-case finish and view" -- "$glint" render "$sample" "${small[@]}" -o "$work/a.png" \
  --finish gloss --view specular --tonemap aces
expect 0 "capitalised finish and view" -- "$glint" render "$sample" "${small[@]}" -o "$work/b.png" \
  --finish Gloss --view SPECULAR --tonemap ACES
same_picture "$work/a.png" "$work/b.png"

# Flags as they are spelt: getopt_long would take any unambiguous prefix.
expect 2 "an abbreviated flag" -- "$glint" compare "$sample" --angle 0,90 -o "$work/c.png"
says "unknown option --angle (did you mean --angles?)"
expect 2 "an abbreviated flag with =" -- "$glint" render "$sample" --light-t=3200 -o "$work/c.png"
says "unknown option --light-t=3200 (did you mean --light-temp?)"
expect 0 "a flag with = in full" -- "$glint" render "$sample" "${small[@]}" --light-temp=3200 \
  -o "$work/c.png"

# Parts as `glint info` lists them: any case, or their number; an unknown
# name is refused with the list (it used to change nothing, silently).
expect 0 "--part cap" -- "$glint" render "$sample" "${small[@]}" -o "$work/p1.png" --part cap=gloss
expect 0 "--part Cap" -- "$glint" render "$sample" "${small[@]}" -o "$work/p2.png" --part Cap=gloss
same_picture "$work/p1.png" "$work/p2.png"
number=$("$glint" info "$sample" 2>/dev/null | awk '$2 == "cap" {print $1}')
checks=$((checks + 1))
[[ $number =~ ^[0-9]+$ ]] || fail "info does not number the part cap"
expect 0 "--part by number" -- "$glint" render "$sample" "${small[@]}" -o "$work/p3.png" --part "$number=gloss"
same_picture "$work/p1.png" "$work/p3.png"
expect 0 "no --part" -- "$glint" render "$sample" "${small[@]}" -o "$work/p0.png"
checks=$((checks + 1))
python3 "$here/pixels.py" "$work/p0.png" "$work/p1.png" && fail "--part cap=gloss changed nothing"
expect 2 "a misspelt part" -- "$glint" render "$sample" "${small[@]}" -o "$work/p4.png" --part eye=gloss
says "has no part 'eye' (its parts: skin, lips, eyes, irises, pupils, cap, cloth, armor, base)"
checks=$((checks + 1))
[[ ! -e $work/p4.png ]] || fail "a misspelt part still wrote a picture"
expect 2 "a part number past the last" -- "$glint" check "$sample" --size 32x32 --part 10=gloss
says "no part '10'"

echo "test_names: $checks checks, $failures failed"
[[ $failures == 0 ]]
