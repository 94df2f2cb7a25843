#!/usr/bin/env bash
# Quick start, second command: the same set-up, then the whole test suite,
# twice: a normal build (warnings are errors) and an AddressSanitizer +
# UndefinedBehaviorSanitizer build. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
scripts/install-deps.sh --tests

echo "== build (RelWithDebInfo, -Werror)"
scripts/build.sh build -DGLINT_TESTS=ON
echo "== tests"
ctest --test-dir build --output-on-failure --timeout 600

echo "== build (ASan + UBSan)"
GLINT_BUILD_TYPE=Debug scripts/build.sh build-asan -DGLINT_TESTS=ON -DGLINT_SANITIZE=ON
echo "== tests under ASan + UBSan"
ctest --test-dir build-asan --output-on-failure --timeout 900

echo "== all tests passed in both builds ($((SECONDS - start)) s)"
