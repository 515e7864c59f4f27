#!/usr/bin/env bash
# bench/solve/family2.sh - fairmatch against cbc on a fixed set of family-2
# instances (bench/solve/gen_family2.py, shapes `fairmatch gen` does not
# make; issue 11).
#
# usage: bench/solve/family2.sh [FAIRMATCH_BINARY] [OUTPUT_DIR] [FM_LIMIT] [CBC_LIMIT] [ONLY]
#   FAIRMATCH_BINARY  default build/release/fairmatch
#   OUTPUT_DIR        default /tmp/family2-bench (instances in OUTPUT_DIR/inst;
#                     nothing goes into the repository)
#   FM_LIMIT          fairmatch --time-limit, default 30
#   CBC_LIMIT         cbc -sec, default 120
#   ONLY              run only instances whose name matches this extended
#                     regular expression (e.g. '2000|1500')
#
# For every instance, strictly one after the other (the machine has 2 cores;
# nothing runs in parallel): `fairmatch solve --time-limit FM_LIMIT
# --write-mps` (timed with /usr/bin/time; the time includes writing the MPS,
# so it is slightly against fairmatch), `fairmatch check` on the solution,
# then `cbc MPS -timeMode elapsed -sec CBC_LIMIT -max -solve` on that same
# MPS (timed; elapsed, because cbc's default CPU-second limit lets it run far
# past CBC_LIMIT of wall time on a loaded machine, and its buffered log is
# lost when `timeout` kills it).  Prints
# a markdown table (also OUTPUT_DIR/results.md, with the load average before
# and after) and OUTPUT_DIR/results.csv.  diff % = (fairmatch - cbc) /
# max(1, |cbc|) x 100: negative when fairmatch is below cbc.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$(realpath "${1:-$root/build/release/fairmatch}")
out=${2:-/tmp/family2-bench}
fm_limit=${3:-30}
cbc_limit=${4:-120}
only=${5:-}
[ -x "$bin" ] || { echo "family2: no fairmatch binary at $bin" >&2; exit 2; }
command -v cbc >/dev/null || { echo "family2: cbc is missing (apt install coinor-cbc)" >&2; exit 2; }
mkdir -p "$out/inst" "$out/sol" "$out/mps" "$out/raw"
gen=$here/gen_family2.py

# The fixed set: NAME then gen_family2.py arguments.
cases=(
  "f2-500-tol0|--seekers 500 --positions 140 --departments 14 --seed 501 --density 46 --women 0.30 --tolerance 0"
  "f2-700-tol0|--seekers 700 --positions 200 --departments 18 --seed 701 --density 46 --women 0.42 --tolerance 0 --scores clustered"
  "f2-800-tol0|--seekers 800 --positions 230 --departments 16 --seed 801 --density 40 --women 0.35 --tolerance 0 --scores ties --segregation 0.9"
  "f2-1000-k3|--seekers 1000 --positions 300 --departments 20 --seed 1001 --density 46 --women 0.40 --k 3 --tolerance 0.1"
  "f2-2000x600x25|--seekers 2000 --positions 600 --departments 25 --seed 2001 --density 46 --women 0.45 --tolerance 0.05"
  "f2-600-flat-tol05|--seekers 600 --positions 200 --departments 10 --seed 601 --density 30 --women 0.28 --tolerance 0.05 --scores flat"
  "f2-1200-gap2-k3|--seekers 1200 --positions 350 --departments 12 --seed 1201 --density 46 --women 0.45 --k 3 --gap 2 --avail-share 0.6 --periods 16"
  "f2-1500-band|--seekers 1500 --positions 420 --departments 22 --seed 1501 --density 46 --women 0.25 --band 0.30 0.45 --scores fractional"
  "f2-2000-scarce|--seekers 2000 --positions 900 --departments 30 --seed 2002 --density 46 --women 0.35 --tolerance 0.1 --tight 1.0 --places-max 3"
)

csv=$out/results.csv
echo "instance,seekers,positions,departments,pairs,fm_status,fm_objective,fm_seconds,fm_bound,check,cbc_status,cbc_objective,cbc_seconds,diff_pct,args" >"$csv"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start=$(date +%s)
for c in "${cases[@]}"; do
    name=${c%%|*}
    args=${c#*|}
    [[ $name =~ $only ]] || continue
    inst=$out/inst/$name.json sol=$out/sol/$name.json mps=$out/mps/$name.mps
    # shellcheck disable=SC2086
    python3 "$gen" $args -o "$inst"
    echo "family2: $name  (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    rm -f "$sol" "$mps"
    /usr/bin/time -f "%e" -o "$out/raw/$name.fm.time" \
        "$bin" solve "$inst" -o "$sol" --time-limit "$fm_limit" --write-mps "$mps" 2>"$out/raw/$name.fm.stderr" || true
    check=invalid
    "$bin" check "$inst" "$sol" >"$out/raw/$name.check" 2>&1 && check=valid
    if [ -s "$mps" ]; then
        /usr/bin/time -f "%e" -o "$out/raw/$name.cbc.time" \
            timeout $((cbc_limit + 120)) stdbuf -oL cbc "$mps" -timeMode elapsed -sec "$cbc_limit" -max -solve \
            >"$out/raw/$name.cbc.log" 2>&1 || true
    else
        : >"$out/raw/$name.cbc.log"; echo nan >"$out/raw/$name.cbc.time"
    fi
    PYTHONPATH="$here" python3 - "$name" "$inst" "$sol" "$mps" "$out/raw/$name.fm.time" \
        "$out/raw/$name.cbc.log" "$out/raw/$name.cbc.time" "$check" "$args" >>"$csv" <<'PY'
import csv, json, sys
from mps_constant import correction
name, inst, sol, mps, fmt, cbclog, cbct, check, args = sys.argv[1:]
d = json.load(open(inst))
try:
    s = json.load(open(sol))
    st, obj, bd = s["status"], s["objective"], s.get("bound")
except Exception:
    st, obj, bd = "no-solution", None, None
def last(p):
    try:
        return open(p).read().strip().splitlines()[-1]
    except Exception:
        return "nan"
cst, cobj = "unknown", None
for line in open(cbclog):
    if line.startswith("Result - "):
        w = line[9:].strip()
        cst = "optimal" if w.startswith("Optimal solution found") else \
            "time_limit" if w.startswith("Stopped on time") else w.replace(",", "")
    if line.startswith("Objective value:") and cobj is None:
        cobj = float(line.split()[2])
if cobj is not None:  # GLPK's objective constant (mps_constant.py)
    cobj += correction(mps)
diff = "" if obj is None or cobj is None else "%.3f" % (100 * (obj - cobj) / max(1.0, abs(cobj)))
csv.writer(sys.stdout, lineterminator="\n").writerow([
    name, len(d["seekers"]), len(d["positions"]), len(d["departments"]), len(d["scores"]),
    st, "" if obj is None else "%.10g" % obj, last(fmt), "" if bd is None else "%.10g" % bd, check,
    cst, "" if cobj is None else "%.10g" % cobj, last(cbct), diff, args])
PY
    tail -n 1 "$csv" >&2
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$csv" "$load_before" "$load_after" "$fm_limit" "$cbc_limit" "$(($(date +%s) - start))" \
    "$("$bin" --version 2>/dev/null | head -1)" <<'PY' | tee "$out/results.md"
import csv, sys
path, lb, la, fl, cl, wall, ver = sys.argv[1:]
rows = list(csv.DictReader(open(path)))
print("family-2 benchmark, %s; fairmatch --time-limit %s (time includes --write-mps), cbc -sec %s on "
      "fairmatch's MPS, sequential; load average before: %s, after: %s; %s s in all"
      % (ver, fl, cl, lb, la, wall))
print()
print("| instance | seekers × positions × departments | pairs | fairmatch status | objective | seconds | bound "
      "| check | cbc status | cbc objective | cbc seconds | diff % |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    print("| %s | %s × %s × %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
        r["instance"], r["seekers"], r["positions"], r["departments"], r["pairs"], r["fm_status"],
        r["fm_objective"], r["fm_seconds"], r["fm_bound"], r["check"], r["cbc_status"], r["cbc_objective"],
        r["cbc_seconds"], r["diff_pct"]))
PY
