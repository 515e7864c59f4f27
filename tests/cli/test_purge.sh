#!/usr/bin/env bash
# fairmatch purge: exactly the seekers without activity since the cutoff lose
# name, contact details and personal number; the bytes leave the database
# file and its WAL; what the monthly report counts stays identical; a dry run
# changes nothing. With the demo data set (when `fairmatch demo` exists) the
# same invariance is checked on two years of synthetic data, and through
# `fairmatch report --format json` when that command exists.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$tmp"

# What reports.md's monthly report is computed from, month by month: hires by
# department and gender, the pool by gender, endings by reason.
aggregates() {
  q "$1" "
  WITH RECURSIVE m(first) AS (SELECT '2016-01-01' UNION ALL
       SELECT date(first, '+1 month') FROM m WHERE first < '2019-12-01')
  SELECT m.first,
    (SELECT group_concat(x, ';') FROM (SELECT e.department_id || ':' || s.gender || ':' || count(*) AS x
       FROM employments e JOIN seekers s ON s.id = e.seeker_id
       WHERE e.decision_date BETWEEN m.first AND date(m.first, '+1 month', '-1 day')
       GROUP BY e.department_id, s.gender ORDER BY 1)),
    (SELECT group_concat(x, ';') FROM (SELECT s.gender || ':' || count(*) AS x FROM seekers s
       WHERE coalesce(s.registered, '') <= date(m.first, '+1 month', '-1 day')
         AND NOT EXISTS (SELECT 1 FROM employments e WHERE e.seeker_id = s.id AND e.decision_date < m.first)
       GROUP BY s.gender ORDER BY 1)),
    (SELECT group_concat(x, ';') FROM (SELECT coalesce(end_reason, '-') || ':' || count(*) AS x FROM employments
       WHERE end_date BETWEEN m.first AND date(m.first, '+1 month', '-1 day') GROUP BY end_reason ORDER BY 1)),
    (SELECT group_concat(x, ';') FROM (SELECT s.eligibility || ':' || s.birth_year / 10 || ':' || count(*) AS x
       FROM employments e JOIN seekers s ON s.id = e.seeker_id
       WHERE e.decision_date BETWEEN m.first AND date(m.first, '+1 month', '-1 day')
       GROUP BY s.eligibility, s.birth_year / 10 ORDER BY 1))
  FROM m;"
}

"$bin" init --db t.db >/dev/null
q t.db "
INSERT INTO departments(id, name, employees) VALUES ('UBF', 'Utbildningsförvaltningen', 6200), ('ALF', 'Äldreförvaltningen', 2300);
INSERT INTO fairs(id, date, periods) VALUES ('F1', '2017-03-08', 15), ('F2', '2018-08-08', 15), ('F3', '2018-09-12', 15);
INSERT INTO positions(id, department_id, fair_id) VALUES ('P1', 'UBF', 'F1'), ('P3', 'ALF', 'F3');
INSERT INTO seekers(id, first_name, last_name, gender, birth_year, personal_number, phone, email, registered, eligibility) VALUES
 ('S-OLD1', 'Gonenameone', 'Gonelast', 'woman', 1980, 'PNXQGONE-1', '070-GONE-1', 'gone1@example.invalid', '2017-02-01', 'etablering'),
 ('S-OLD2', 'Gonenametwo', 'Gonelast', 'man', 1970, 'PNXQGONE-2', '070-GONE-2', 'gone2@example.invalid', '2017-01-10', 'jobb_och_utveckling'),
 ('S-NULLREG', 'Gonenamethree', 'Gonelast', 'other', 1990, 'PNXQGONE-3', NULL, 'gone3@example.invalid', NULL, 'eu_familj'),
 ('S-REG', 'Keepnameone', 'Keeplast', 'woman', 1985, 'PNXQKEEP-1', '070-KEEP-1', 'keep1@example.invalid', '2018-09-01', 'etablering'),
 ('S-INV', 'Keepnametwo', 'Keeplast', 'man', 1975, 'PNXQKEEP-2', NULL, NULL, '2017-01-01', 'etablering'),
 ('S-IVW', 'Keepnamethree', 'Keeplast', 'woman', 1965, 'PNXQKEEP-3', NULL, NULL, '2017-01-01', 'etablering'),
 ('S-OPEN', 'Keepnamefour', 'Keeplast', 'man', 1960, 'PNXQKEEP-4', NULL, NULL, '2017-01-01', 'jobb_och_utveckling'),
 ('S-END', 'Keepnamefive', 'Keeplast', 'woman', 1988, 'PNXQKEEP-5', NULL, NULL, '2017-01-01', 'jobb_och_utveckling'),
 ('S-DEC', 'Keepnamesix', 'Keeplast', 'man', 1992, 'PNXQKEEP-6', NULL, NULL, '2017-01-01', 'jobb_och_utveckling'),
 ('S-PURGED', NULL, NULL, 'woman', 1979, NULL, NULL, NULL, '2017-01-01', 'etablering');
UPDATE seekers SET purged_at = '2018-01-01T00:00:00Z' WHERE id = 'S-PURGED';
INSERT INTO invitations(fair_id, seeker_id, attendance) VALUES ('F1', 'S-OLD1', 'checked_in'), ('F2', 'S-INV', 'no_show');
INSERT INTO interviews(fair_id, seeker_id, position_id, held) VALUES ('F1', 'S-OLD1', 'P1', 1), ('F3', 'S-IVW', 'P3', 1);
INSERT INTO employments(seeker_id, department_id, decision_date, start_date, end_date, end_reason, status_90) VALUES
 ('S-OLD2', 'UBF', '2017-04-01', '2017-04-20', '2018-04-19', 'completed', 'work'),
 ('S-OPEN', 'UBF', '2017-05-01', '2017-05-20', NULL, NULL, NULL),
 ('S-END', 'ALF', '2017-06-01', '2017-06-20', '2018-08-01', 'illness', NULL),
 ('S-DEC', 'ALF', '2018-08-01', '2018-08-20', '2018-09-01', 'to_work', NULL);
"
agg_before=$(aggregates t.db)
kept_before=$(q t.db "SELECT id, gender, birth_year, registered, eligibility, purged_at FROM seekers ORDER BY id")

# a dry run counts and changes nothing
dump_before=$(q t.db .dump | sha256sum)
"$bin" purge --older-than 6 --as-of 2019-01-15 --dry-run --db t.db >out.txt || die "dry run exited $?"
grep -q "would purge 3 seekers inactive since 2018-07-15, 6 kept (active), 1 purged before" out.txt ||
  die "dry run said: $(cat out.txt)"
[ "$(q t.db .dump | sha256sum)" = "$dump_before" ] || die "dry run changed the database"

"$bin" purge --older-than 6 --as-of 2019-01-15 --db t.db >out.txt 2>err.txt || die "purge exited $?"
grep -q "^purge: 3 seekers inactive since 2018-07-15 purged, 6 kept (active), 1 purged before" out.txt ||
  die "purge said: $(cat out.txt)"
[ ! -s err.txt ] || die "purge warned: $(cat err.txt)"

purged=$(q t.db "SELECT group_concat(id, ' ') FROM (SELECT id FROM seekers WHERE purged_at IS NOT NULL
  AND first_name IS NULL AND last_name IS NULL AND personal_number IS NULL AND phone IS NULL AND email IS NULL ORDER BY id)")
[ "$purged" = "S-NULLREG S-OLD1 S-OLD2 S-PURGED" ] || die "purged set is '$purged'"
kept=$(q t.db "SELECT count(*) FROM seekers WHERE purged_at IS NULL AND first_name LIKE 'Keepname%'
  AND personal_number LIKE 'PNXQKEEP-%'")
[ "$kept" = 6 ] || die "only $kept active seekers kept their details"

# report inputs unchanged; report-relevant columns unchanged except purged_at
[ "$(aggregates t.db)" = "$agg_before" ] || die "report aggregates changed"
after=$(q t.db "SELECT id, gender, birth_year, registered, eligibility FROM seekers ORDER BY id")
[ "$after" = "$(echo "$kept_before" | cut -d'|' -f1-5)" ] || die "gender/birth year/dates changed"

# the purged values are gone from the file bytes, database and WAL alike
files=(t.db)
[ -e t.db-wal ] && files+=(t.db-wal)
for token in Gonename Gonelast PNXQGONE 070-GONE gone1@ gone2@ gone3@; do
  if grep -aqF -- "$token" "${files[@]}"; then die "'$token' still in the database file"; fi
done
grep -aqF Keepnameone "${files[@]}" || die "kept name not found in the file (bad grep?)"
[ "$(q t.db 'PRAGMA integrity_check')" = ok ] || die "integrity_check after purge"

# one audit row, counts only
audit=$(q t.db "SELECT actor || '|' || detail FROM audit_log WHERE action = 'purge'")
[ "$audit" = "cli:purge|3 seekers inactive since 2018-07-15 purged" ] || die "audit row: '$audit'"

# again: nothing left to do
"$bin" purge --older-than 6 --as-of 2019-01-15 --db t.db >out.txt || die "second purge exited $?"
grep -q "^purge: 0 seekers .* 4 purged before" out.txt || die "second purge said: $(cat out.txt)"

# the cutoff counts calendar months and clamps to the shorter month's end
for case in "2019-03-31 1 2019-02-28" "2020-03-31 1 2020-02-29" "2019-01-15 13 2017-12-15" \
  "2018-12-31 6 2018-06-30" "2019-01-01 1200 1919-01-01"; do
  set -- $case
  "$bin" purge --older-than "$2" --as-of "$1" --dry-run --db t.db >out.txt || die "dry run $case exited $?"
  grep -q "inactive since $3," out.txt || die "$1 minus $2 months: $(cat out.txt)"
done

# bad arguments
for bad in 0 -3 abc 1201 "6x"; do
  expect_exit 2 "is not a number of months" "$bin" purge --older-than "$bad" --db t.db
done
expect_exit 2 "--older-than MONTHS is required" "$bin" purge --db t.db
expect_exit 2 "is not a date" "$bin" purge --older-than 6 --as-of 2019-02-30 --db t.db

# the demo data set: two years of hires, the report of every past month stays
if "$bin" demo --help >/dev/null 2>&1; then
  "$bin" demo --db demo.db >/dev/null || die "demo exited $?"
  agg_before=$(aggregates demo.db)
  reports_before=
  has_report=0
  if "$bin" report --help >/dev/null 2>&1; then has_report=1; fi
  months="2017-03 2017-12 2018-01 2018-06 2018-11 2018-12"
  if [ "$has_report" = 1 ]; then
    for m in $months; do reports_before+=$("$bin" report --month "$m" --format json --db demo.db); done
  fi
  "$bin" purge --older-than 3 --as-of 2019-01-15 --db demo.db >out.txt || die "demo purge exited $?"
  n=$(q demo.db "SELECT count(*) FROM seekers WHERE purged_at IS NOT NULL AND first_name IS NULL AND email IS NULL")
  [ "$n" -gt 100 ] || die "demo purge removed only $n seekers' details: $(cat out.txt)"
  [ "$(aggregates demo.db)" = "$agg_before" ] || die "demo report aggregates changed"
  if [ "$has_report" = 1 ]; then
    reports_after=
    for m in $months; do reports_after+=$("$bin" report --month "$m" --format json --db demo.db); done
    [ "$reports_after" = "$reports_before" ] || die "fairmatch report output changed after purge"
  fi
  echo "purge on demo: $(cat out.txt) (report command compared: $has_report)"
fi
echo "purge: ok"
