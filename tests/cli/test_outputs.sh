#!/usr/bin/env bash
# Outputs: never clobbered (not even by a file that appears while rendering,
# or by a second glint), only regular files replaced, a video checked before
# it takes its name, interrupted runs cleaned up, and errors about outputs
# said at once, on one line. ffmpeg is a fake first on PATH (a real one, when
# installed, is also tried once).
# usage: test_outputs.sh GLINT SAMPLE_OBJ
set -u
glint=$1 sample=$2
source "$(dirname "$0")/lib.sh" outputs
no_temporaries() { # $1: a folder; glint's hidden temporaries are all gone
  checks=$((checks + 1))
  local left; left=$(find "$1" -name '.*.glint-*' | head -3)
  [[ -z $left ]] || fail "$2: temporary files left: $left"
}
same_content() { # FILE TEXT
  checks=$((checks + 1))
  [[ -f $1 ]] && cmp -s "$1" <(echo "$2") || fail "$1 was replaced or removed"
}
wait_for() { # a file to appear, up to 30 s
  for _ in $(seq 600); do [[ -e $1 ]] && return 0; sleep 0.05; done
  return 1
}

# --- A stand-in for ffmpeg: reads the frames, then does as FAKE_FFMPEG says.
mkdir "$work/bin"
cat >"$work/bin/ffmpeg" <<'EOF'
#!/usr/bin/env bash
out=${!#}
[[ -n ${FAKE_FFMPEG_PID:-} ]] && echo $$ >"$FAKE_FFMPEG_PID"
mp4() { printf '\0\0\0\x10ftypisom\0\0\x02\0\0\0\0\x08moov\0\0\0\x0cmdat1234'; }
case ${FAKE_FFMPEG:-good} in
  good) cat >/dev/null; mp4 >"$out" ;;
  trailer) cat >/dev/null; mp4 >"$out"
           echo "[out#0/mp4 @ 0x5581] Error writing trailer: No space left on device" >&2 ;;
  truncated) cat >/dev/null; printf '\0\0\0\x10ftypisom\0\0\x02\0\0\0\x40\0mdat1234' >"$out" ;;
  empty) cat >/dev/null; : >"$out" ;;
  fail) cat >/dev/null; echo "Conversion failed!" >&2; exit 1 ;;
  appears) cat >/dev/null; mp4 >"$out"; echo planted >"$FAKE_FFMPEG_TARGET" ;;
  slow) exec cat >"$out" ;;
esac
EOF
chmod +x "$work/bin/ffmpeg"
fake_path="$work/bin:$PATH"
tt=(turntable "$sample" --size 32x32 --steps 3 -q)

# --- 4. A video ffmpeg could not finish is an error; the old video survives.
expect 0 "a good video" -- env PATH="$fake_path" "$glint" "${tt[@]}" --video "$work/v.mp4"
checks=$((checks + 1))
[[ -s "$work/v.mp4" ]] || fail "the good video was not written"
cp "$work/v.mp4" "$work/v-good.mp4"
for mode in trailer truncated empty fail; do
  expect 4 "ffmpeg $mode" -- env PATH="$fake_path" FAKE_FFMPEG=$mode \
    "$glint" "${tt[@]}" --video "$work/v.mp4" --overwrite
  one_line_naming "v.mp4"
  checks=$((checks + 1))
  cmp -s "$work/v.mp4" "$work/v-good.mp4" || fail "ffmpeg $mode: the previous video was replaced"
  no_temporaries "$work" "ffmpeg $mode"
done
expect 4 "ffmpeg's error passed on" -- env PATH="$fake_path" FAKE_FFMPEG=trailer \
  "$glint" "${tt[@]}" --video "$work/v.mp4" --overwrite
one_line_naming "Error writing trailer"
if command -v ffmpeg >/dev/null; then
  expect 0 "a real ffmpeg's video" -- "$glint" "${tt[@]}" --video "$work/real.mp4"
  checks=$((checks + 1))
  [[ -s "$work/real.mp4" ]] || fail "no video from the real ffmpeg"
fi

# --- 3. Nothing glint did not create is replaced, even if it appears meanwhile.
expect 4 "a video that appears while rendering" -- env PATH="$fake_path" FAKE_FFMPEG=appears \
  FAKE_FFMPEG_TARGET="$work/late.mp4" "$glint" "${tt[@]}" --video "$work/late.mp4"
one_line_naming "late.mp4"
same_content "$work/late.mp4" planted
no_temporaries "$work" "late video"

mkdir "$work/race"
"$glint" turntable "$sample" -o "$work/race" --size 200x200 --steps 40 -q \
  >"$work/race.out" 2>"$work/race.err" &
pid=$!
wait_for "$work/race/bust-000.png" || fail "the turntable wrote no first frame"
echo planted >"$work/race/bust-030.png"
wait "$pid"
got=$?
checks=$((checks + 1))
[[ $got == 4 ]] || fail "a frame made while rendering: exit $got, expected 4"
cp "$work/race.err" "$work/err"
one_line_naming "bust-030.png"
same_content "$work/race/bust-030.png" planted
checks=$((checks + 1))
[[ -s "$work/race/bust-029.png" ]] || fail "the frames before the clash are missing"
no_temporaries "$work/race" "frame race"

mkdir "$work/two"
for run in a b; do
  "$glint" turntable "$sample" -o "$work/two" --size 160x160 --steps 12 \
    >"$work/two-$run.out" 2>"$work/two-$run.err" &
  eval "pid_$run=$!"
done
wait "$pid_a"; code_a=$?
wait "$pid_b"; code_b=$?
checks=$((checks + 1))
[[ "$code_a $code_b" == "0 4" || "$code_a $code_b" == "4 0" ]] ||
  fail "two turntables into one folder: exits $code_a and $code_b, expected one 0 and one 4"
checks=$((checks + 1))
[[ $(cat "$work"/two-*.out | grep -c wrote) == 1 ]] || fail "both turntables said they wrote"
checks=$((checks + 1))
[[ $(find "$work/two" -name 'bust-*.png' | wc -l) == 12 ]] || fail "frames missing in $work/two"
no_temporaries "$work/two" "two turntables"
expect 0 "--overwrite still replaces frames" -- \
  "$glint" turntable "$sample" -o "$work/two" --size 32x32 --steps 12 --overwrite -q

# --- 6. Only regular files are replaced, whatever the flags.
mkfifo "$work/fifo.png"
ln -s /dev/null "$work/null.png"
expect 4 "render over a FIFO" -- "$glint" render "$sample" -o "$work/fifo.png" --overwrite
one_line_naming "fifo.png: is a FIFO"
expect 4 "render over a link to /dev/null" -- \
  "$glint" render "$sample" -o "$work/null.png" --overwrite
one_line_naming "null.png: is a character device"
expect 4 "check --report over a FIFO" -- \
  "$glint" check "$sample" --report "$work/fifo.png" --overwrite
one_line_naming "fifo.png"
expect 4 "turntable --video over a FIFO" -- env PATH="$fake_path" \
  "$glint" "${tt[@]}" --video "$work/fifo.png" --overwrite
one_line_naming "fifo.png"
mkdir "$work/fifo-frames"
mkfifo "$work/fifo-frames/bust-001.png"
expect 4 "a frame over a FIFO" -- \
  "$glint" turntable "$sample" -o "$work/fifo-frames" --size 32x32 --steps 3 --overwrite
one_line_naming "bust-001.png"
checks=$((checks + 1))
[[ -p "$work/fifo.png" && -p "$work/fifo-frames/bust-001.png" ]] || fail "a FIFO was replaced"
checks=$((checks + 1))
[[ -L "$work/null.png" && -c /dev/null ]] || fail "the link to /dev/null was replaced"
# A link to a regular file: --overwrite replaces the link, never writes through it.
echo target >"$work/target.png"
ln -s target.png "$work/link.png"
expect 0 "render over a link to a file" -- \
  "$glint" render "$sample" -o "$work/link.png" --overwrite --size 32x32
checks=$((checks + 1))
[[ -f "$work/link.png" && ! -L "$work/link.png" ]] || fail "the link was not replaced by the PNG"
same_content "$work/target.png" target

# --- 12. Errors about outputs come first and say what happened. A missing
# model would fail first if anything were loaded or rendered before the check.
missing="$work/no-such-model.obj"
mkdir "$work/dir.png"
for command in "render $missing -o $work/dir.png" "render $missing -o $work/dir.png --overwrite" \
               "compare $missing -o $work/dir.png" "turntable $missing -o $work/dir.png" \
               "check $missing --report $work/dir.png" "check $missing --plot $work/dir.png" \
               "view $missing --snapshot $work/dir.png"; do
  # shellcheck disable=SC2086
  expect 4 "$command" -- "$glint" $command
  one_line_naming "dir.png: is a directory"
done
echo old >"$work/old.png"
expect 4 "an existing output, before loading" -- "$glint" render "$missing" -o "$work/old.png"
one_line_naming "old.png: already exists"
expect 4 "a missing folder, before loading" -- "$glint" render "$missing" -o "$work/nope/x.png"
one_line_naming "the folder $work/nope does not exist"
for command in render compare turntable; do
  expect 2 "$command -o ''" -- "$glint" "$command" "$sample" -o ''
  one_line_naming "-o: empty file name"
done
expect 2 "check --frames ''" -- "$glint" check "$sample" --frames ''
one_line_naming "--frames: empty folder name"
# The --frames folder is made first, so the report and the plot can go in it;
# a refusal after it takes the new folder back.
expect 0 "check --report into the new --frames folder" -- "$glint" check "$sample" --size 32x32 \
  --sweep 10 --step 10 --frames "$work/made" --report "$work/made/r.json" --plot "$work/made/p.png" -q
checks=$((checks + 1))
[[ -s "$work/made/r.json" && -s "$work/made/p.png" ]] || fail "the report or plot in --frames' new folder is missing"
expect 4 "check: a refused --plot leaves no --frames folder" -- "$glint" check "$sample" \
  --frames "$work/unmade" --plot "$work/nope/p.png"
one_line_naming "the folder $work/nope does not exist"
checks=$((checks + 1))
[[ ! -e "$work/unmade" ]] || fail "a refused check left its new --frames folder behind"
expect 2 "turntable --video ''" -- env PATH="$fake_path" "$glint" "${tt[@]}" --video ''
one_line_naming "--video: empty file name"
long="$work/$(printf 'a%.0s' $(seq 100000)).png"
expect 4 "a 100k-character path" -- "$glint" render "$sample" -o "$long"
one_line_naming "File name too long"
checks=$((checks + 1))
[[ $(wc -c <"$work/err") -lt 1100 ]] || fail "the long path's error is $(wc -c <"$work/err") bytes"

# --- 5. Interrupted runs: temporaries removed, ffmpeg stopped, 143/130.
mkdir "$work/sig"
echo earlier >"$work/sig/notes.txt"
set -m # background jobs get their own group, and SIGINT as usual
PATH="$fake_path" FAKE_FFMPEG=slow FAKE_FFMPEG_PID="$work/ffmpeg.pid" \
  "$glint" turntable "$sample" --size 64x64 --steps 720 -q --video "$work/sig/v.mp4" \
  2>"$work/err" &
pid=$!
wait_for "$work/ffmpeg.pid" || fail "the fake ffmpeg never started"
sleep 0.3
kill -TERM "$pid"
wait "$pid"
got=$?
checks=$((checks + 1))
[[ $got == 143 ]] || fail "SIGTERM during --video: exit $got, expected 143"
no_temporaries "$work/sig" "SIGTERM during --video"
checks=$((checks + 1))
ffmpeg_pid=$(cat "$work/ffmpeg.pid")
! kill -0 "$ffmpeg_pid" 2>/dev/null || { fail "ffmpeg ($ffmpeg_pid) still runs"; kill "$ffmpeg_pid"; }
checks=$((checks + 1))
[[ ! -e "$work/sig/v.mp4" ]] || fail "an interrupted video took its name"

"$glint" turntable "$sample" -o "$work/sig" --size 256x256 --steps 720 -q 2>"$work/err" &
pid=$!
wait_for "$work/sig/bust-002.png" || fail "the frames never started"
kill -INT "$pid"
wait "$pid"
got=$?
set +m
checks=$((checks + 1))
[[ $got == 130 ]] || fail "SIGINT during frames: exit $got, expected 130"
no_temporaries "$work/sig" "SIGINT during frames"
same_content "$work/sig/notes.txt" earlier
checks=$((checks + 1))
[[ -s "$work/sig/bust-000.png" ]] || fail "SIGINT removed a finished frame"

echo "test_outputs: $checks checks, $failures failures"
[[ $failures == 0 ]]
