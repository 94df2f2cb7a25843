# What every CLI test script starts with; sourced, never run.
# usage: source "$(dirname "$0")/lib.sh" NAME
# Gives $work (a scratch folder removed on exit), the counters $checks and
# $failures, no display (so a test never opens a window), and:
#   fail MESSAGE                      counts and prints a failure
#   expect CODE WHAT -- COMMAND...    runs COMMAND, keeps stdout/stderr in $work/out, $work/err
#                                     (under `timeout $expect_timeout` when that is set)
#   one_line_naming PATTERN           the error is exactly one line, starts with glint, matches PATTERN
#   one_line_saying TEXT              the same with TEXT as a fixed string
work=$(mktemp -d "/tmp/glint-test-$1-XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0 checks=0
unset DISPLAY WAYLAND_DISPLAY

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
expect() {
  local want=$1 what=$2; shift 3
  checks=$((checks + 1))
  if [[ -n ${expect_timeout:-} ]]; then
    timeout "$expect_timeout" "$@" >"$work/out" 2>"$work/err"
  else
    "$@" >"$work/out" 2>"$work/err"
  fi
  local got=$?
  [[ $got == "$want" ]] || fail "$what: exit $got, expected $want${expect_timeout:+ (124: hung)}; stderr: $(head -3 "$work/err")"
}
one_line_matching() { # GREP_FLAGS WHAT
  checks=$((checks + 1))
  local lines; lines=$(wc -l <"$work/err")
  [[ $lines == 1 ]] || fail "expected one line on stderr, got $lines: $(head -c 600 "$work/err")"
  grep "$1" -- "$2" "$work/err" || fail "stderr does not name '$2': $(head -c 600 "$work/err")"
  grep -q '^glint' "$work/err" || fail "stderr does not start with 'glint': $(head -c 600 "$work/err")"
}
one_line_naming() { one_line_matching -q "$1"; }
one_line_saying() { one_line_matching -qF "$1"; }
