#!/usr/bin/env bash
# bench/solve/hard.sh - issue 11's side-by-side table: `fairmatch solve` and
# Debian's cbc on the very MPS file fairmatch writes, one instance after the
# other (never in parallel: 2 cores), timed in the same run.
#
# usage: bench/solve/hard.sh [DIR] [FAIRMATCH_BINARY] [LIMIT_S]
#   DIR     instances with NAME.optimum.json beside them
#           (default tests/fixtures/instances/hard)
#   LIMIT_S fairmatch's --time-limit (default 60); cbc gets 120 s.
# Prints a markdown table and the totals; writes nothing into the repository.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-$root/tests/fixtures/instances/hard}
bin=$(realpath "${2:-$root/build/release/fairmatch}")
limit=${3:-60}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v cbc >/dev/null || { echo "hard.sh: cbc is missing (apt install coinor-cbc)" >&2; exit 2; }

now() { date +%s.%N; }
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| instance | fairmatch status | objective | bound | s | cbc status | cbc objective | cbc s | reference |"
echo "|---|---|---|---|---|---|---|---|---|"
fm_total=0
cbc_total=0
for f in "$dir"/*.json; do
    case $f in *.optimum.json) continue ;; esac
    n=$(basename "$f" .json)
    t0=$(now)
    "$bin" solve "$f" -o "$tmp/$n.sol" --write-mps "$tmp/$n.mps" --time-limit "$limit" 2>"$tmp/$n.err" ||
        { echo "| $n | failed: $(head -c 200 "$tmp/$n.err") |"; continue; }
    t1=$(now)
    timeout 200 cbc "$tmp/$n.mps" -max -timeMode elapsed -sec 120 -solve >"$tmp/$n.cbc" 2>&1 || true
    t2=$(now)
    python3 - "$n" "$tmp/$n.sol" "$tmp/$n.cbc" "${f%.json}.optimum.json" "$t0" "$t1" "$t2" <<'PY'
import json, re, sys
n, sol, cbc, ref, t0, t1, t2 = sys.argv[1:]
d = json.load(open(sol))
text = open(cbc).read()
m = re.search(r"Objective value:\s+(-?[0-9.e+]+)", text)
st = re.search(r"Result - (.*)", text)
cstat = (st.group(1).strip() if st else "?").replace("Optimal solution found", "optimal").replace("Stopped on time limit", "time limit")
try:
    r = json.load(open(ref)); reftxt = f"{r['optimum']:.2f} ({r['status']})"
except OSError:
    reftxt = "-"
fm_s, cbc_s = float(t1) - float(t0), float(t2) - float(t1)
print(f"| {n} | {d['status']} | {d['objective']:.2f} | {d['bound']:.2f} | {fm_s:.2f} | {cstat} | "
      f"{float(m.group(1)) if m else float('nan'):.2f} | {cbc_s:.2f} | {reftxt} |")
print(f"#T {fm_s} {cbc_s}", file=sys.stderr)
PY
done 2>"$tmp/times"
read -r fm_total cbc_total < <(awk '/^#T/ {a += $2; b += $3} END {printf "%.2f %.2f\n", a, b}' "$tmp/times")
echo
echo "total: fairmatch $fm_total s, cbc $cbc_total s; load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
