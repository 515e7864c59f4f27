#!/usr/bin/env bash
# fairmatch import targetgroup (the agency's monthly target-group figures,
# docs/reports.md) and programme set --women-target: a good file in Swedish
# Excel CSV (Windows-1252, CRLF, ;) is stored and read back by the report;
# importing it twice adds nothing; a bad file exits 2 with the exact
# FILE:LINE: COLUMN messages and leaves the database as it was.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
db=$tmp/t.db
cd "$tmp"
"$bin" init --db "$db" >/dev/null
"$bin" programme set --goal 700 --start 2017-01-01 --end 2018-12-31 --db "$db" >/dev/null

# Swedish headers in another order, an extra column, Windows-1252 ("månad", "män").
printf 'kvinnor;M\xe5nad;Kommentar;M\xe4n;Totalt\r\n960;2017-01;start;1440;2400\r\n1250;2018-12;slut;1250;2510\r\n' >good.csv
got=$("$bin" import targetgroup good.csv --db "$db")
[ "$got" = "targetgroup: 2 added, 0 updated" ] || die "good file: $got"
got=$("$bin" import targetgroup good.csv --db "$db")
[ "$got" = "targetgroup: 0 added, 0 updated, 2 unchanged" ] || die "twice: $got"
[ "$(sqlite3 "$db" "SELECT month || ' ' || women || ' ' || men || ' ' || total FROM target_group ORDER BY month" | tr '\n' '|')" = \
  "2017-01 960 1440 2400|2018-12 1250 1250 2510|" ] || die "stored rows"

got=$("$bin" programme set --women-target 0.40 --db "$db")
[ "$got" = "women's share target: 0.4" ] || die "target: $got"
"$bin" programme set --women-target 1,5 --db "$db" 2>/dev/null && die "a share above 1 is refused"
json=$("$bin" report --month 2018-12 --db "$db" --steering)
echo "$json" | python3 -c '
import json, sys
r = json.load(sys.stdin)["target_group"]
assert r["women_target"] == 0.4, r
m = {x["month"]: x for x in r["months"]}
assert m["2017-01"] == {"month": "2017-01", "women_share": 0.4, "source": "agency"}, m["2017-01"]
assert m["2018-12"]["women_share"] == 1250 / 2510 and m["2018-12"]["source"] == "agency"
assert m["2017-02"]["source"] == "pool" and m["2017-02"]["women_share"] is None  # empty pool
' || die "report target_group"

# A bad file: every problem, in file order, nothing written.
before=$(sqlite3 -batch "$db" .dump)
printf 'month,women,men,total\n2018-01,10,20,25\n2018-13,1,2,3\n2017-01,-1,x,\n2018-01,1,1,2\n' >bad.csv
want='fairmatch: bad.csv:2: total: 25 is less than women + men (10 + 20)
fairmatch: bad.csv:3: month: "2018-13" is not a month (YYYY-MM)
fairmatch: bad.csv:4: women: "-1" is not a whole number ≥ 0
fairmatch: bad.csv:4: men: "x" is not a whole number
fairmatch: bad.csv:4: total: missing value'
expect_err 2 "$want" "$bin" import targetgroup bad.csv --db "$db"
[ ! -s "$tmp/out" ] || die "stdout on failure: $(cat "$tmp/out")"
[ "$(sqlite3 -batch "$db" .dump)" = "$before" ] || die "a bad file changed the database"

# A missing column, named as the file's language would.
printf 'm\xe5nad;kvinnor;totalt\r\n2018-01;1;2\r\n' >nocol.csv
expect_err 2 "fairmatch: nocol.csv:1: män: required column is missing" \
  "$bin" import targetgroup nocol.csv --db "$db"
# The same month twice.
printf 'month,women,men,total\n2018-02,5,5,10\n2018-02,5,5,10\n' >dup.csv
expect_err 2 "fairmatch: dup.csv:3: month: 2018-02 appears twice in the file (first on line 2)" \
  "$bin" import targetgroup dup.csv --db "$db"
[ "$(sqlite3 -batch "$db" .dump)" = "$before" ] || die "nothing written"
echo "ok"
