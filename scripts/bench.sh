#!/usr/bin/env bash
# scripts/bench.sh - solver benchmarks for docs/performance.md (issue 4 tiers).
#
# usage: scripts/bench.sh [FAIRMATCH_BINARY] [OUTPUT_DIR]
#   FAIRMATCH_BINARY  default build/release/fairmatch (configure with
#                     -DCMAKE_BUILD_TYPE=Release; any build works)
#   OUTPUT_DIR        default build/bench-solve (outputs are not committed; the
#                     numbers go into docs/performance.md by hand)
#
# For every tier: the wall time of `fairmatch solve` (hyperfine, start-up,
# parsing, both phases and JSON out included), peak RSS (/usr/bin/time), the
# solution's status, objective, bound, gap and stats.phase2_seconds,
# `fairmatch check` on the solution, the shared instances' `optimum`, and
# Debian's `cbc FILE -max -solve` on the MPS that `fairmatch solve
# --write-mps` writes, timed in the same run. Writes results.csv, results.md
# and growth.svg (bench/solve/summarize.py). Bounded to about 15 minutes on 2
# shared cores: every solve and cbc run has a time limit.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:-$root/build/release/fairmatch}")
out=${2:-$root/build/bench-solve}
shared=${FM_SHARED_DIR:+$FM_SHARED_DIR/instances}
shared=${shared:-$root/tests/fixtures/instances} # copies of shared/instances
[ -x "$bin" ] || { echo "bench: no fairmatch binary at $bin" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing (apt install hyperfine)" >&2; exit 2; }
command -v cbc >/dev/null || { echo "bench: cbc is missing (apt install coinor-cbc)" >&2; exit 2; }

mkdir -p "$out/inst" "$out/sol" "$out/mps" "$out/raw"
csv=$out/results.csv
echo "tier,case,seekers,positions,pairs,limit_s,fm_wall_s,fm_wall_min_s,fm_rss_mb,status,objective,bound,mip_gap,phase2_s,check,optimum,cbc_wall_s,cbc_status,cbc_objective" >"$csv"

# field JSON KEY: a top-level or stats.* value of a solution file.
field() {
    python3 - "$1" "$2" <<'EOF'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception:
    print(""); sys.exit()
v = d
for k in sys.argv[2].split("."):
    v = v.get(k, "") if isinstance(v, dict) else ""
print(v)
EOF
}

# cbc_run MPS LIMIT NAME: time cbc on the MPS; prints "wall status objective".
cbc_run() {
    local mps=$1 limit=$2 name=$3 log=$out/raw/$3.cbc.log
    # -timeMode elapsed: -sec counts CPU seconds otherwise, and on a loaded
    # machine cbc then ran past the timeout and lost its log.
    /usr/bin/time -f "%e" -o "$out/raw/$name.cbc.time" \
        timeout $((limit + 30)) cbc "$mps" -timeMode elapsed -sec "$limit" -max -solve >"$log" 2>&1 || true
    local wall status obj
    wall=$(tail -n 1 "$out/raw/$name.cbc.time")
    if grep -q "^Result - Optimal solution found" "$log"; then status=optimal
    elif grep -q "^Result - Stopped on time" "$log"; then status=time_limit
    else status=$(grep -m1 "^Result - " "$log" | sed 's/^Result - //; s/,//g' || echo unknown); fi
    obj=$(grep -m1 "^Objective value:" "$log" | awk '{print $3}' || true)
    # cbc's value, corrected for GLPK's objective constant (see the script).
    [ -n "$obj" ] && obj=$(python3 "$root/bench/solve/mps_constant.py" "$mps" "$obj")
    echo "$wall ${status:-unknown} ${obj:-}"
}

# run_case TIER NAME INSTANCE LIMIT RUNS [OPTIMUM]
run_case() {
    local tier=$1 name=$2 inst=$3 limit=$4 runs=$5 opt=${6:-}
    local sol=$out/sol/$name.json mps=$out/mps/$name.mps
    echo "bench: $tier $name" >&2
    /usr/bin/time -f "%e %M" -o "$out/raw/$name.time" \
        "$bin" solve "$inst" -o "$sol" --time-limit "$limit" 2>"$out/raw/$name.stderr" || true
    local wall wall_min rss once
    once=$(tail -n 1 "$out/raw/$name.time" | awk '{print $1}')
    # Repeat with hyperfine only what is quick; a long run is measured once.
    if awk -v t="$once" 'BEGIN { exit !(t < 5) }'; then
        hyperfine --style none --warmup 1 --runs "$runs" --export-json "$out/raw/$name.hf.json" \
            "$bin solve $inst -o $out/raw/$name.hf.sol --time-limit $limit" >/dev/null 2>&1 || true
        read -r wall wall_min < <(python3 -c '
import json, sys, statistics
r = json.load(open(sys.argv[1]))["results"][0]["times"]
print("%.4f %.4f" % (statistics.median(r), min(r)))' "$out/raw/$name.hf.json" 2>/dev/null ||
            echo "$once $once")
    else
        wall=$once
        wall_min=$once
    fi
    rss=$(tail -n 1 "$out/raw/$name.time" | awk '{printf "%.1f", $2 / 1024}')
    local check=invalid
    "$bin" check "$inst" "$sol" >"$out/raw/$name.check" 2>&1 && check=valid
    local optimum=""
    if [ -n "$opt" ]; then
        optimum=$(python3 -c '
import json, sys
o = json.load(open(sys.argv[1]))["optimum"]
try:
    v = json.load(open(sys.argv[2]))["objective"]
    print("match" if abs(v - o) <= 1e-6 * max(1, abs(o)) else "MISMATCH(%r)" % o)
except Exception:
    print("no-solution")' "$opt" "$sol")
    fi
    "$bin" solve "$inst" --write-mps "$mps" -o "$out/raw/$name.mps.sol" --time-limit "$limit" \
        >/dev/null 2>&1 || true
    local cbc="nan none "
    [ -s "$mps" ] && cbc=$(cbc_run "$mps" "$limit" "$name")
    local pairs seekers positions
    read -r seekers positions pairs < <(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(len(d["seekers"]), len(d["positions"]), len(d["scores"]))' "$inst")
    echo "$tier,$name,$seekers,$positions,$pairs,$limit,$wall,$wall_min,$rss,$(field "$sol" status),$(field "$sol" objective),$(field "$sol" bound),$(field "$sol" mip_gap),$(field "$sol" stats.phase2_seconds),$check,$optimum,${cbc// /,}" >>"$csv"
}

gen() { # gen NAME ARGS...: a gen instance into $out/inst/NAME.json
    local name=$1; shift
    "$bin" gen "$@" -o "$out/inst/$name.json"
    echo "$out/inst/$name.json"
}

start=$(date +%s)
for f in "$shared"/*.json; do
    case $f in *.optimum.json) continue ;; esac
    n=$(basename "$f" .json)
    run_case shared "$n" "$f" 30 10 "${f%.json}.optimum.json"
done
run_case S gen-120x45 "$(gen gen-120x45 --seekers 120 --positions 45 --departments 10 --seed 1)" 30 10
run_case M gen-400x150 "$(gen gen-400x150 --seekers 400 --positions 150 --departments 10 --seed 1)" 30 10
run_case L gen-1300x500 "$(gen gen-1300x500 --seekers 1300 --positions 500 --departments 10 --seed 1)" 30 3
run_case XL gen-5000x2000 "$(gen gen-5000x2000 --seekers 5000 --positions 2000 --departments 10 --seed 1 \
    --tables-per-department 15 --periods 24)" 60 1
run_case zero-tol gen-600x160-tol0 "$(gen gen-600x160-tol0 --seekers 600 --positions 160 --departments 10 \
    --seed 1 --tolerance 0)" 60 1
# Growth: one more size between L and XL, same shape as the tiers.
run_case growth gen-2500x1000 "$(gen gen-2500x1000 --seekers 2500 --positions 1000 --departments 10 --seed 1)" 60 1

# Phase 2 alone at 400 x 150: stats.phase2_seconds over 20 runs.
for i in $(seq 20); do
    "$bin" solve "$out/inst/gen-400x150.json" -o "$out/raw/p2.json" >/dev/null 2>&1 || true
    field "$out/raw/p2.json" stats.phase2_seconds
done >"$out/raw/phase2-400x150.txt"

{
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -m | awk '/Mem:/ {print $2}') MB"
    echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "fairmatch: $("$bin" --version)  cbc: $(cbc -quit 2>/dev/null | grep -m1 Version | awk '{print $2}')"
    echo "bench wall time: $(($(date +%s) - start)) s"
} >"$out/machine.txt"
python3 "$root/bench/solve/summarize.py" "$out"
echo "bench: results in $out/results.md and $out/growth.svg" >&2
