#!/usr/bin/env bash
# Quick start, second command: the same set-up, then the whole test suite:
# a normal build (warnings are errors), an AddressSanitizer +
# UndefinedBehaviorSanitizer build, and a short bounded run of each libFuzzer
# target (GLINT_FUZZ_SECONDS, default 30). CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
scripts/install-deps.sh --tests

echo "== build (RelWithDebInfo, -Werror)"
scripts/build.sh build -DGLINT_TESTS=ON
# Two tests at a time, as the fuzz runs below: much of a test is one thread
# (loading, the sanitizers' page faults, Xvfb's waits), so a pair keeps both
# cores busy. On a 2-core VM the whole script took 2000 s one test at a time
# and 1421 s two at a time (docs/testing.md).
echo "== tests"
ctest --test-dir build --output-on-failure --timeout 600 -j2

# Built, not run: the builds a user may choose, since warnings are errors.
# -O3's deeper inlining brings warnings -O2 does not (a user's `cmake
# -DCMAKE_BUILD_TYPE=Release` once stopped on one), and clang (macOS's
# compiler) warns of other things than gcc (a test once stopped it; the fuzz
# build below compiles only src/ with it). About a minute each on 2 cores.
echo "== build (Release, gcc -O3: built, not run)"
GLINT_BUILD_TYPE=Release scripts/build.sh build-release -DGLINT_TESTS=ON
echo "== build (Release, clang: built, not run)"
CC=clang CXX=clang++ GLINT_BUILD_TYPE=Release scripts/build.sh build-clang -DGLINT_TESTS=ON

echo "== build (ASan + UBSan)"
GLINT_BUILD_TYPE=Debug scripts/build.sh build-asan -DGLINT_TESTS=ON -DGLINT_SANITIZE=ON
echo "== tests under ASan + UBSan"
ctest --test-dir build-asan --output-on-failure --timeout 900 -j2

echo "== fuzz targets (clang + libFuzzer + ASan/UBSan, ${GLINT_FUZZ_SECONDS:-30} s each)"
CC=clang CXX=clang++ GLINT_BUILD_TYPE=Debug scripts/build.sh build-fuzz -DGLINT_FUZZ=ON \
  -DGLINT_FUZZ_SECONDS="${GLINT_FUZZ_SECONDS:-30}"
# Two at a time: each libFuzzer run is one process on one core, bounded by
# time, so the pair takes half the wall time and each target as many inputs.
ctest --test-dir build-fuzz --output-on-failure -j2

echo "== all tests passed: normal, sanitizer and fuzz builds ($((SECONDS - start)) s)"
