#!/usr/bin/env bash
# test_followup.sh - `fairmatch followup` on the hand-made fixture
# tests/fixtures/followup/worklist.sql: exactly its cases, in order, in the
# three formats; an empty list exits 0; bad options exit 2.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
db=$tmp/w.db

"$bin" init --db "$db" >/dev/null
sqlite3 -batch "$db" <"$src/tests/fixtures/followup/worklist.sql"

want='due;seeker;name;department;employment;item;action
2018-12-31;E;Eva Al;UBF;5;end_without_reason;ended 2018-12-31 without a reason: record the end reason
2019-01-20;D;Dan Öst;ALF;4;over_24_months;employed more than 24 months (since 2017-01-20): record the end
2019-01-20;D;Dan Öst;ALF;4;past_planned_end;employed past the planned end 2019-01-19: record the end or an extension
2019-01-29;C;Cia Ek;ALF;3;status_90_missing;record the status 90 days after the end (ended 2018-10-31)
2019-02-01;F;Fia Ur;ALF;7;two_open;holds 2 open: UBF since 2019-01-10, ALF since 2019-02-01: record the end of the one that ended
2019-02-15;A;Anna Ås;UBF;1;follow_up_3m;follow up at 3 months in the job and record it
2019-02-20;B;Bo Berg;UBF;2;follow_up_6m;follow up at 6 months in the job and record it
2019-03-01;H;Hans Li;ALF;9;status_90_missing;record the status 90 days after the end (ended 2018-12-01)'
got=$("$bin" followup --date 2019-03-01 --format csv --db "$db" | sed '1s/^\xEF\xBB\xBF//' | tr -d '\r')
[ "$got" = "$want" ] || die "csv
got:
$got
want:
$want"

# JSON: the same lines.
"$bin" followup --date 2019-03-01 --format json --db "$db" >"$tmp/w.json"
python3 - "$tmp/w.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["date"] == "2019-03-01", d
items = [(i["seeker_id"], i["item"], i["employment_id"]) for i in d["items"]]
assert items == [("E", "end_without_reason", 5), ("D", "over_24_months", 4),
                 ("D", "past_planned_end", 4), ("C", "status_90_missing", 3),
                 ("F", "two_open", 7), ("A", "follow_up_3m", 1), ("B", "follow_up_6m", 2),
                 ("H", "status_90_missing", 9)], items
assert d["items"][0]["seeker_name"] == "Eva Al"
PY

# The table names the seeker and what to do; the default format is the table.
"$bin" followup --date 2019-03-01 --db "$db" >"$tmp/t.txt"
grep -q '^2019-02-15  A       Anna Ås  UBF ' "$tmp/t.txt" || die "table: $(cat "$tmp/t.txt")"
tail -1 "$tmp/t.txt" | grep -qx '8 to follow up on 2019-03-01' || die "table footer"

# A day later H's status 90 is still missing; a day earlier it is not due yet.
n=$("$bin" followup --date 2019-02-28 --format csv --db "$db" | grep -c ';H;' || true)
[ "$n" = 0 ] || die "H listed before its 90 days"

# Recorded follow-ups and statuses take lines off the list.
sqlite3 -batch "$db" "INSERT INTO follow_ups (employment_id, milestone, done_on, done_by) VALUES (1, '3m', '2019-02-16', 'org'); UPDATE employments SET status_90 = 'unemployed' WHERE id = 3"
n=$("$bin" followup --date 2019-03-01 --format csv --db "$db" | tail -n +2 | wc -l)
[ "$n" = 6 ] || die "after recording: $n lines"

# Nothing due: exit 0 in every format.
out=$("$bin" followup --date 2016-01-01 --db "$db") || die "empty list exit $?"
[ "$out" = "nothing to follow up on 2016-01-01" ] || die "empty table: $out"
out=$("$bin" followup --date 2016-01-01 --format csv --db "$db" | tr -d '\r' | sed '1s/^\xEF\xBB\xBF//')
[ "$out" = "due;seeker;name;department;employment;item;action" ] || die "empty csv: $out"
"$bin" followup --date 2016-01-01 --format json --db "$db" | python3 -c 'import json,sys; assert json.load(sys.stdin)["items"] == []'
# Today by default.
"$bin" followup --db "$db" >/dev/null || die "default date"

for bad in "--date 2019-02-30" "--date 2019-3-1" "--format pdf" "extra"; do
  # shellcheck disable=SC2086
  expect_exit 2 "" "$bin" followup $bad --db "$db"
done
"$bin" followup --help | grep -q '^usage: fairmatch followup' || die "--help"

# The outcome table on the same fixture: ended in 2018 are C (completed), E
# (no reason), G (to_work), H (to_studies): 2 successful of 4 = 50%.
"$bin" report outcomes --from 2018-01 --to 2018-12 --db "$db" >"$tmp/o.json"
python3 - "$tmp/o.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert (d["from"], d["to"]) == ("2018-01-01", "2018-12-31"), d
t = d["rows"][0]
assert (t["group"], t["key"], t["ended"], t["people"], t["successful"], t["planned_end"],
        t["no_reason"], t["share_successful"]) == ("total", "all", 4, 4, 2, 1, 1, 0.5), t
PY
"$bin" report outcomes --from 2018-01 --to 2018-12 --format csv --db "$db" | tr -d '\r' |
  grep -qx 'total;all;4;4;1;1;0;1;0;1;2;50,0%;.*' || die "outcomes csv"
for bad in "--from 2018-13 --to 2018-12" "--from 2018-01" "--from 2018-05 --to 2018-04" "--from 2018-01 --to 2018-02 --format xlsx"; do
  # shellcheck disable=SC2086
  expect_exit 2 "" "$bin" report outcomes $bad --db "$db"
done
echo "followup CLI tests passed"
