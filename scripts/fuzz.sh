#!/usr/bin/env bash
# Run every libFuzzer target built by the `fuzz` preset (build/fuzz/fuzz/fuzz_*):
#   scripts/fuzz.sh short   ~1 minute in all (15 s a target, less when there are many)
#   scripts/fuzz.sh long    FUZZ_SECONDS a target (default 600)
# Seeds come from fuzz/corpus/<name>/ (target fuzz_<name>); new inputs go to
# build/fuzz/corpus/<name>/, crashes to build/fuzz/artifacts/. Exits non-zero
# if any target crashes, leaks or is missing; prints one line per target.
set -uo pipefail
cd "$(dirname "$0")/.."
mode=${1:-short}
dir=${FM_FUZZ_BUILD:-build/fuzz}
mapfile -t targets < <(find "$dir" -type f -name 'fuzz_*' -perm -u+x 2>/dev/null | sort)
if [ "${#targets[@]}" -eq 0 ]; then
  echo "fuzz: no targets in $dir (cmake --preset fuzz && cmake --build --preset fuzz)" >&2
  exit 1
fi
case $mode in
  short) per=$((60 / ${#targets[@]})); [ "$per" -gt 15 ] && per=15; [ "$per" -lt 5 ] && per=5 ;;
  long) per=${FUZZ_SECONDS:-600} ;;
  *) echo "usage: scripts/fuzz.sh short|long" >&2; exit 2 ;;
esac
mkdir -p "$dir/artifacts"
failed=0
for t in "${targets[@]}"; do
  name=$(basename "$t"); name=${name#fuzz_}
  work=$dir/corpus/$name
  mkdir -p "$work"
  seeds=()
  [ -d "fuzz/corpus/$name" ] && seeds=("fuzz/corpus/$name")
  log=$dir/fuzz_$name.log
  # -jobs stays 1: the machine is shared; a bounded RSS catches runaway allocation.
  if "$t" -max_total_time="$per" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
      -artifact_prefix="$dir/artifacts/${name}-" "$work" "${seeds[@]}" >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
    echo "fuzz_$name: ok, ${runs:-?} runs in ${per}s"
  else
    echo "fuzz_$name: FAILED (see $log)"; tail -n 30 "$log"
    failed=1
  fi
done
exit $failed
