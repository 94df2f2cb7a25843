#!/usr/bin/env bash
# xvfb.sh COMMAND...: runs COMMAND under xvfb-run and exits with COMMAND's
# own status. xvfb-run exits 5 when it cannot remove its temporary folder at
# the end, which on a loaded machine it sometimes cannot (a race with the X
# server's exit), whatever the command did.
# XVFB_SCREEN sets the screen (default 1024x768x24).
set -u
status_file=$(mktemp /tmp/glint-xvfb-status-XXXXXX)
xvfb-run -a -s "-screen 0 ${XVFB_SCREEN:-1024x768x24} -nolisten tcp" sh -c '"$@"; echo $? > "$0"' "$status_file" "$@"
status=$?
[[ -s $status_file ]] && status=$(cat "$status_file")
rm -f "$status_file"
exit "$status"
