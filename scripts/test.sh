#!/usr/bin/env bash
# `make test`: build twice (dev, ASan+UBSan), run every ctest suite in both,
# then the short fuzz runs and the browser tests. Prints one closing line
# "N passed, N failed" over all stages and exits non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
passed=0
failed=0
stage() { # name, command...
  local name=$1; shift
  echo "== $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "== $name FAILED"; fi
}
build() { cmake --preset "$1" >/dev/null && cmake --build --preset "$1"; }

stage "build dev" build dev
stage "ctest dev" ctest --preset dev --timeout 600
stage "build asan" build asan
stage "ctest asan" ctest --preset asan --timeout 900
if ls fuzz/fuzz_*.c >/dev/null 2>&1; then
  stage "build fuzz" build fuzz
  stage "fuzz (short runs)" scripts/fuzz.sh short
fi
if [ -x tests/e2e/run.sh ]; then
  stage "browser tests" tests/e2e/run.sh build/dev/fairmatch
fi
echo
echo "stages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
