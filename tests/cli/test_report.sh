#!/bin/bash
# test_report.sh - `fairmatch report` and `fairmatch quota` end to end on the
# demo municipality: the minimum JSON against an independent Python reading
# of reports.md for every month (before, during and after the programme),
# usage errors, XLSX to stdout and -o, CSV formula guards, the steering
# role's protection (no 1-4, no line with a single hidden cell, shown
# figures exact), and the quota listing and planner.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
DB=$tmp/r.db

for k in departments seekers fairs positions employments; do
    "$bin" import "$k" "$src/data/demo/$k.csv" --db "$DB" >/dev/null
done

# No programme yet: a clear message and exit 2.
expect_exit 2 "no programme" "$bin" report --month 2018-01 --db "$DB"

"$bin" programme set --goal 700 --start 2017-01-01 --end 2018-12-31 --db "$DB" >/dev/null

# Bad input: exit 2 with a message naming the problem.
for bad in "--month 2018-13" "--month 2018-1" "--month nov" "--month 2018-11 --format pdf" ""; do
    # shellcheck disable=SC2086
    expect_exit 2 "" "$bin" report $bad --db "$DB"
    [ -s "$tmp/err" ] || die "'$bad': no message"
done
grep -q "is not json, csv or xlsx" "$tmp/err" || grep -q "required" "$tmp/err" || die "message"

# Every month from before the start to after the end against the reference.
months=()
for y in 2016 2017 2018 2019; do
    for m in 01 02 03 04 05 06 07 08 09 10 11 12; do months+=("$y-$m"); done
done
python3 "$src/tests/cli/report_reference.py" "$DB" "${months[@]}" >"$tmp/want.jsonl"
for month in "${months[@]}"; do
    "$bin" report --month "$month" --db "$DB" >"$tmp/got-$month.json"
done
python3 - "$tmp" "${months[@]}" <<'PY'
import json, sys
d = sys.argv[1]
for month, line in zip(sys.argv[2:], open(f"{d}/want.jsonl")):
    want = json.loads(line); got = json.load(open(f"{d}/got-{month}.json"))
    for k in want:
        if want[k] != got[k]:
            sys.exit(f"{month}: {k}: want {str(want[k])[:400]} got {str(got[k])[:400]}")
    if list(got)[:8] != list(want):
        sys.exit(f"{month}: key order {list(got)}")
PY

# Steering: no count 1-4, no line with exactly one hidden cell, shown figures exact.
"$bin" report --month 2018-11 --db "$DB" --steering >"$tmp/st.json"
"$bin" report --month 2018-11 --db "$DB" >"$tmp/ex.json"
python3 - "$tmp/st.json" "$tmp/ex.json" <<'PY'
import json, sys
st = json.load(open(sys.argv[1])); ex = json.load(open(sys.argv[2]))
def hidden(v): return v is None or v == "<5"
def walk(a, b, path):
    if isinstance(a, dict):
        for k in a: walk(a[k], b[k], path + "." + k)
    elif isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)): walk(x, y, f"{path}.{i}")
    elif isinstance(a, int) and not isinstance(a, bool):
        # Not counts of people: the forecast's months, draws and what the goal still needs.
        people = not any(w in path for w in ("quota", "employees", "goal", "months_left", "programme",
                                             ".forecast.needs", "history_months", ".draws")) \
            and not path.endswith((".end.months", ".year.months"))
        if people and 1 <= a <= 4: sys.exit(f"{path} shows {a}")
        if a != b: sys.exit(f"{path}: {a} != exact {b}")
    elif a == "<5":
        if not 1 <= b <= 4: sys.exit(f"{path}: <5 but exact {b}")
walk(st, ex, "")
lines = []
lines.append([d["hires_month"] for d in st["departments"]] + [st["hires"]["month"]])
lines.append([d["hires_cumulative"] for d in st["departments"]] + [st["hires"]["cumulative"]])
lines.append(list(st["ended"]["by_reason"].values()) + [st["ended"]["month"]])
for key in ("hires_by_eligibility", "hires_by_occupation", "employed_by_extent", "ended_by_reason",
            "status_90", "follow_up_due", "pipeline"):
    t = st[key]
    for r in t["rows"]: lines.append([r["woman"], r["man"], r["other"], r["total"]])
    if "total" in t:
        for g in ("woman", "man", "other", "total"):
            lines.append([r[g] for r in t["rows"]] + [t["total"][g]])
for part in ("month", "cumulative"):
    t = st["departments_by_gender"][part]
    for r in t["rows"]: lines.append([r["woman"], r["man"], r["other"], r["total"]])
    for g in ("woman", "man", "other", "total"):
        lines.append([r[g] for r in t["rows"]] + [t["total"][g]])
for tr in st["trend"]: lines.append([tr["woman"], tr["man"], tr["other"], tr["hires"]])
for i, line in enumerate(lines):
    if sum(1 for v in line if hidden(v)) == 1: sys.exit(f"line {i} leaks: {line}")
PY

# XLSX: binary-safe to stdout and to -o; a chart part exists; numbers in the sheets.
"$bin" report --month 2018-11 --db "$DB" --format xlsx >"$tmp/out.xlsx"
"$bin" report --month 2018-11 --db "$DB" --format xlsx -o "$tmp/file.xlsx"
for x in "$tmp/out.xlsx" "$tmp/file.xlsx"; do
    unzip -tq "$x" >/dev/null || die "$x is not a valid zip"
    unzip -l "$x" >"$tmp/list"
    grep -q "xl/charts/chart1.xml" "$tmp/list" || die "$x has no chart"
done
unzip -p "$tmp/out.xlsx" xl/worksheets/sheet1.xml >"$tmp/sheet1.xml"
grep -q "<v>676</v>" "$tmp/sheet1.xml" || die "cumulative 676 not in sheet 1"
[ ! -e "$tmp/file.xlsx.tmp" ] || die "temporary file left behind"

# CSV: BOM, ';', CRLF, and names built to attack are defused.
python3 - "$DB" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executemany("INSERT INTO departments (id, name, employees) VALUES (?, ?, 0)", [
    ("X1", "=cmd|' /C calc'!A0"), ("X2", "+1+1"), ("X3", "-2+3"), ("X4", "@SUM(A1)"),
    ("X5", "\tTAB"), ("X6", "\rCR"), ("=X7", "ok; \"quoted\"")])
c.commit()
PY
"$bin" report --month 2018-11 --db "$DB" --format csv >"$tmp/r.csv"
python3 - "$tmp/r.csv" <<'PY'
import sys
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "BOM"
text = raw[3:].decode("utf-8")
assert "\r\n" in text and "\n" not in text.replace("\r\n", ""), "CRLF only"
import csv, io
rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
for r in rows:
    for cell in r:
        assert not cell or cell[0] not in "=+-@\t\r", f"cell {cell!r} starts a formula"
assert ["'=X7", 'ok; "quoted"', "0", "0", "0", "0", "", "0,0%"] in rows, [r for r in rows if r and "X7" in r[0]]
assert any(r[:2] == ["X1", "'=cmd|' /C calc'!A0"] for r in rows)
PY
# The E=0 note and quota JSON: same quotas as the report; hired = hires_cumulative.
"$bin" report --month 2018-11 --db "$DB" >"$tmp/ex.json"
"$bin" quota --db "$DB" --format json --month 2018-11 >"$tmp/q.json"
python3 - "$tmp/q.json" "$tmp/ex.json" <<'PY'
import json, sys
q = json.load(open(sys.argv[1])); r = json.load(open(sys.argv[2]))
assert [list(o) for o in q][0] == ["id", "name", "employees", "quota", "hired", "remaining", "share_of_quota"], list(q[0])
by = {d["id"]: d for d in r["departments"]}
assert [o["id"] for o in q] == [d["id"] for d in r["departments"]]
for o in q:
    d = by[o["id"]]
    assert o["quota"] == d["quota"] and o["hired"] == d["hires_cumulative"], (o, d)
    assert o["remaining"] == max(0, o["quota"] - o["hired"])
    assert o["share_of_quota"] == d["share_of_quota"]
assert sum(o["quota"] for o in q) == 700
PY
"$bin" quota --db "$DB" >"$tmp/q.txt"
grep -q "^id .*share_of_quota" "$tmp/q.txt" || die "quota table header"
"$bin" quota --db "$DB" --format csv >"$tmp/q.csv"
[ "$(head -c 3 "$tmp/q.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || die "quota csv BOM"

# Planner: fair F-2018-11 (2018-11-07): fairs on or after it until 2018-12-31.
"$bin" quota --plan --fair F-2018-11 --db "$DB" --format json >"$tmp/plan.json"
python3 - "$tmp/plan.json" "$DB" <<'PY'
import json, sqlite3, sys
plan = json.load(open(sys.argv[1])); c = sqlite3.connect(sys.argv[2])
(date,) = c.execute("SELECT date FROM fairs WHERE id = 'F-2018-11'").fetchone()
(left,) = c.execute("SELECT count(*) FROM fairs WHERE date >= ? AND date <= '2018-12-31'", (date,)).fetchone()
for o in plan:
    (hired,) = c.execute("SELECT count(*) FROM employments WHERE department_id = ? AND "
                         "decision_date >= '2017-01-01' AND decision_date < ?", (o["id"], date)).fetchone()
    assert o["hired"] == hired, (o, hired)
    rem = max(0, o["quota"] - hired)
    assert o["places"] == -(-rem // left), (o, left)
PY
expect_exit 2 "NOPE" "$bin" quota --plan --fair NOPE --db "$DB"

# Every department at 0 employees: all quotas 0 and a note on stderr.
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('UPDATE departments SET employees = 0'); c.commit()" "$DB"
"$bin" quota --db "$DB" --format json 2>"$tmp/err" >"$tmp/q0.json"
grep -q "0 employees" "$tmp/err" || die "E=0 note missing"
python3 -c "import json,sys; q=json.load(open(sys.argv[1])); assert all(o['quota']==0 and o['share_of_quota'] is None for o in q)" "$tmp/q0.json"
echo "report: ok"
