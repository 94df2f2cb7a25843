#!/usr/bin/env bash
# xvfb.sh COMMAND...: runs COMMAND under xvfb-run and exits with COMMAND's
# own status. xvfb-run exits 5 when it cannot remove its temporary folder at
# the end, which on a loaded machine it sometimes cannot (a race with the X
# server's exit), whatever the command did.
# XVFB_SCREEN sets the screen (default 1024x768x24).
# A command that dies of a signal and leaves a core file (where the kernel
# writes them as files) gets its faulting thread's stack printed last on
# stderr, which the tests show: a rare crash in CI is then a place in the
# code, not only "Segmentation fault". The core is removed.
set -u
status_file=$(mktemp /tmp/glint-xvfb-status-XXXXXX)
started=$(mktemp /tmp/glint-xvfb-started-XXXXXX) # older than any core this run leaves
ulimit -c unlimited 2>/dev/null || true
xvfb-run -a -s "-screen 0 ${XVFB_SCREEN:-1024x768x24} -nolisten tcp" sh -c '"$@"; echo $? > "$0"' "$status_file" "$@"
status=$?
[[ -s $status_file ]] && status=$(cat "$status_file")
if ((status > 128)); then
  program=
  for word in "$@"; do # the program, past `env` and its NAME=VALUE words
    [[ $word == env || $word == *=* ]] && continue
    program=$(command -v "$word") && break
  done
  for core in core core.*; do
    [[ -f $core && $core -nt $started ]] || continue
    stack=$(gdb -batch -ex bt "$program" "$core" 2>/dev/null | grep '^#' | awk '!seen[$0]++' | head -12 |
      sed -E 's/ \(.*\) (at|from) / \1 /; s/0x[0-9a-f]+ in //' | tr -s ' \n' ' ')
    rm -f "$core"
    echo "xvfb.sh: ${program##*/} died of signal $((status - 128)); the faulting thread: ${stack:-(no stack: gdb missing or the core unreadable)}" >&2
  done
fi
rm -f "$status_file" "$started"
exit "$status"
