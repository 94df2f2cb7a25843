#!/usr/bin/env bash
# `cmake --install` puts glint, its man page and the sample where they belong.
# usage: test_install.sh BUILD_DIR
set -u
work=$(mktemp -d /tmp/glint-test-install-XXXXXX)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
cmake --install "$1" --prefix "$work" >/dev/null || fail "cmake --install failed"
[[ -x $work/bin/glint ]] || fail "no bin/glint"
head -1 "$work/share/man/man1/glint.1" 2>/dev/null | grep -q '^\.TH GLINT 1' || fail "no man page"
[[ -f $work/share/glint/assets/sample/bust.obj ]] || fail "no sample"
echo "$((3 - failures)) passed, $failures failed"
[[ $failures == 0 ]]
