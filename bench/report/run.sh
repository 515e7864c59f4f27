#!/bin/bash
# bench/report/run.sh - time `fairmatch report` over 100,000 employments and
# 50,000 seekers (plus 30 departments, 48 fairs, 2,400 positions, 150,000
# invitations and 100,000 interviews) in a temporary database. Nine in ten
# employments end 3 to 18 months after they start; one in ten is still open.
# usage: bench/report/run.sh path/to/fairmatch [runs]
# Prints per format the median wall time, the best wall time and the median
# CPU time (user + sys); target < 200 ms wall.
set -euo pipefail
BIN=$(realpath "$1")
RUNS=${2:-9}
T=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] && echo "kept $DB" || rm -rf "$T"' EXIT
DB=$T/bench.db

"$BIN" init --db "$DB" >/dev/null
sqlite3 "$DB" <<'SQL'
PRAGMA foreign_keys = OFF;
BEGIN;
INSERT INTO programme VALUES (1, 70000, '2017-01-01', '2018-12-31');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30)
INSERT INTO departments (id, name, employees) SELECT printf('D%02d', i), 'Department ' || i, 100 * i FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 49999)
INSERT INTO seekers (id, gender, eligibility, registered)
SELECT printf('S%06d', i), CASE i % 7 WHEN 0 THEN 'other' WHEN 1 THEN 'woman' WHEN 2 THEN 'woman'
       WHEN 3 THEN 'woman' ELSE 'man' END,
       CASE i % 3 WHEN 0 THEN 'jobb_och_utveckling' WHEN 1 THEN 'etablering' ELSE 'eu_familj' END,
       CASE WHEN i % 11 = 0 THEN NULL ELSE date('2016-06-01', '+' || (i % 900) || ' days') END
FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 47)
INSERT INTO fairs (id, date, periods, status) SELECT printf('F%02d', i), date('2017-01-10', '+' || (i * 15) || ' days'), 20, 'held' FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2399)
INSERT INTO positions (id, department_id, fair_id, occupation, places, extent)
SELECT printf('P%05d', i), printf('D%02d', i % 30 + 1), printf('F%02d', i % 48),
       printf('%04d', 5311 + i % 40), 2, CASE i % 3 WHEN 0 THEN 50 WHEN 1 THEN 75 ELSE 100 END FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 149999)
INSERT OR IGNORE INTO invitations (fair_id, seeker_id, attendance)
SELECT printf('F%02d', i % 48), printf('S%06d', (i * 7) % 50000), CASE i % 4 WHEN 0 THEN 'no_show' ELSE 'checked_in' END FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999)
INSERT OR IGNORE INTO interviews (fair_id, seeker_id, position_id, held, outcome, answer)
SELECT printf('F%02d', (i % 2400) % 48), printf('S%06d', (i * 13) % 50000), printf('P%05d', i % 2400), 1,
       CASE i % 3 WHEN 0 THEN 'offer' WHEN 1 THEN 'reserve' ELSE 'no' END,
       CASE WHEN i % 3 = 0 THEN CASE i % 5 WHEN 0 THEN 'declined' ELSE 'accepted' END END FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999)
INSERT INTO employments (seeker_id, department_id, position_id, decision_date, start_date, end_date,
                         end_reason, status_90, extent)
SELECT printf('S%06d', i % 50000), printf('D%02d', i % 30 + 1), printf('P%05d', i % 2400),
       date('2016-10-01', '+' || (i % 820) || ' days'),
       date('2016-10-05', '+' || (i % 820) || ' days'),
       CASE WHEN i % 10 <> 0 THEN date('2016-10-05', '+' || (i % 820 + 90 + i % 450) || ' days') END,
       CASE WHEN i % 10 <> 0 THEN CASE i % 4 WHEN 0 THEN 'to_work' WHEN 1 THEN 'illness' WHEN 2 THEN 'completed' ELSE 'other' END END,
       CASE WHEN i % 10 <> 0 AND i % 3 = 0 THEN 'work' END,
       CASE i % 3 WHEN 0 THEN 50 WHEN 1 THEN 75 ELSE 100 END
FROM n;
COMMIT;
ANALYZE;
SQL
echo "rows: $(sqlite3 "$DB" "SELECT (SELECT count(*) FROM employments) || ' employments, ' || (SELECT count(*) FROM seekers) || ' seekers'")"

# One run: "wall_ms cpu_ms" (cpu = user + sys of the process).
run() {
    local out
    out=$({ /usr/bin/time -f "%e %U %S" "$@" >/dev/null; } 2>&1 | tail -1)
    awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' <<<"$out"
}
median() { sort -n | sed -n "$(((RUNS + 1) / 2))p"; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for variant in "json" "csv" "xlsx" "json --steering"; do
    # shellcheck disable=SC2086
    "$BIN" report --month 2018-11 --db "$DB" --format $variant >/dev/null # warm the page cache
    : >"$T/times"
    for _ in $(seq "$RUNS"); do
        # shellcheck disable=SC2086
        run "$BIN" report --month 2018-11 --db "$DB" --format $variant >>"$T/times"
    done
    wall=$(cut -d' ' -f1 "$T/times" | median)
    cpu=$(cut -d' ' -f2 "$T/times" | median)
    best=$(cut -d' ' -f1 "$T/times" | sort -n | head -1)
    echo "report --format $variant: wall median ${wall} ms (best ${best} ms), CPU median ${cpu} ms, $RUNS runs"
done
