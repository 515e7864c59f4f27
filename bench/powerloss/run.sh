#!/usr/bin/env bash
# Power-loss benchmark: the long form of tests/integration/test_store_powerloss.c.
# Runs ROUNDS power cuts (default 3000) for each SEED and prints the test's
# summary line and the time; --weaken runs the same with PRAGMA synchronous =
# NORMAL instead of the store's FULL, to show the check then finds lost
# acknowledged writes. Figures go to docs/reliability.md.
#
#   bench/powerloss/run.sh [--build build/dev] [--rounds N] [--weaken] [SEED...]
set -euo pipefail
build=build/dev
rounds=3000
weaken=
seeds=()
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --weaken) weaken=NORMAL; shift ;;
    *) seeds+=("$1"); shift ;;
  esac
done
[ ${#seeds[@]} -gt 0 ] || seeds=(20261203 7 1234567)
bin=$build/tests/integration_test_store_powerloss
[ -x "$bin" ] || { echo "build $bin first (cmake --build --preset dev)" >&2; exit 1; }
for seed in "${seeds[@]}"; do
  start=$(date +%s.%N)
  set +e
  out=$(FM_POWERLOSS_ROUNDS=$rounds FM_POWERLOSS_SEED=$seed FM_POWERLOSS_SYNCHRONOUS=$weaken \
    "$bin" --jobs 1 --short-filename 2>&1)
  rc=$?
  set -e
  end=$(date +%s.%N)
  secs=$(echo "$end - $start" | bc)
  if [ $rc = 0 ]; then
    echo "$(echo "$out" | grep '^powerloss:') in ${secs} s"
  else
    echo "seed $seed: FAILED after ${secs} s: $(echo "$out" | grep -m1 'round [0-9]*:' | sed 's/^\[----\] *//')"
  fi
done
