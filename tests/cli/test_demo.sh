#!/usr/bin/env bash
# fairmatch demo: the committed data set is what gen_demo.py makes; loading
# it gives every row of every file, the seeds' story (219 hires in 2017, 503
# in 2018, 741 decided by 2019-01-18, women's share of hires rising while the
# pool's rises from 40% to 50%), the life cycle after the hire (starts about
# two weeks after the decision, extensions decided before 2019 that are no
# hires, most ended with a reason and a status 90, a few left for the
# follow-up worklist), a planned fair ready for matching, demo users; a
# non-empty database is refused unless --force.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$tmp"
rows() { echo $(($(wc -l <"$src/data/demo/$1") - 1)); }

python3 "$src/data/demo/gen_demo.py" --check --out "$src/data/demo" ||
  die "data/demo differs from what gen_demo.py generates"

"$bin" demo --db d.db >out.txt || die "demo exited $?"
grep -q "^demo: d.db: 10 departments" out.txt || die "demo said: $(cat out.txt)"
expect_eq "integrity" "$(q d.db 'PRAGMA integrity_check')" ok

# every row of every file arrived
expect_eq departments "$(q d.db 'SELECT count(*) FROM departments')" "$(rows departments.csv)"
expect_eq seekers "$(q d.db 'SELECT count(*) FROM seekers')" "$(rows seekers.csv)"
expect_eq fairs "$(q d.db 'SELECT count(*) FROM fairs')" "$(rows fairs.csv)"
expect_eq positions "$(q d.db 'SELECT count(*) FROM positions')" "$(rows positions.csv)"
expect_eq invitations "$(q d.db 'SELECT count(*) FROM invitations')" "$(rows invitations.csv)"
expect_eq interviews "$(q d.db 'SELECT count(*) FROM interviews')" "$(rows interviews.csv)"
ext_rows=$(grep -c ',extension,' "$src/data/demo/employments.csv")
expect_eq employments "$(q d.db 'SELECT count(*) FROM employments')" "$(($(rows employments.csv) - ext_rows))"
expect_eq extensions "$(q d.db 'SELECT count(*) FROM employment_extensions')" "$ext_rows"
expect_eq programme "$(q d.db 'SELECT goal, start_date, end_date FROM programme')" "700|2017-01-01|2018-12-31"

# the story
expect_eq "hires 2017" "$(q d.db "SELECT count(*) FROM employments WHERE decision_date LIKE '2017-%'")" 219
expect_eq "hires 2018" "$(q d.db "SELECT count(*) FROM employments WHERE decision_date LIKE '2018-%'")" 503
expect_eq "decided in January 2019" "$(q d.db "SELECT count(*) FROM employments WHERE decision_date > '2018-12-31'")" 19
expect_eq "decided after 18 January 2019" "$(q d.db "SELECT count(*) FROM employments WHERE decision_date > '2019-01-18'")" 0
expect_eq "hires in all" "$(q d.db "SELECT count(*) FROM employments")" 741

# the life cycle
expect_eq "extensions" "$ext_rows" 75
expect_eq "extensions decided from 2019" "$(q d.db "SELECT count(*) FROM employment_extensions WHERE decision_date >= '2019-01-01'")" 0
expect_eq "extension before its employment" "$(q d.db "SELECT count(*) FROM employment_extensions x JOIN employments e ON e.id = x.employment_id
  WHERE x.decision_date <= e.decision_date")" 0
expect_eq "start before decision" "$(q d.db "SELECT count(*) FROM employments WHERE start_date < decision_date OR planned_end IS NULL")" 0
expect_eq "days from decision to start" "$(q d.db "SELECT CAST(round(avg(julianday(start_date) - julianday(decision_date))) AS INTEGER) FROM employments")" 14
expect_eq "ended" "$(q d.db "SELECT count(*) FROM employments WHERE end_date IS NOT NULL")" 736
expect_eq "interruptions" "$(q d.db "SELECT count(*) FROM employments WHERE end_reason NOT IN ('to_work', 'to_studies', 'own_business', 'completed')")" 108
expect_eq "ended without a reason" "$(q d.db "SELECT count(*) FROM employments WHERE end_date IS NOT NULL AND end_reason IS NULL")" 3
expect_eq "ended without status 90" "$(q d.db "SELECT count(*) FROM employments WHERE end_date IS NOT NULL AND status_90 IS NULL")" 18
"$bin" report outcomes --from 2017-01 --to 2020-12 --db d.db >outcomes.json
python3 - outcomes.json <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["rows"][0]
assert (t["ended"], t["successful"], t["interruption"]) == (736, 345, 108), t
assert abs(t["share_successful"] - 345 / 736) < 1e-12, t
PY
"$bin" followup --date 2026-01-01 --format csv --db d.db | tr -d '\r' | tail -n +2 | cut -d';' -f6 | sort | uniq -c |
  awk '{printf "%s %s;", $2, $1}' >worklist.txt
expect_eq "worklist" "$(cat worklist.txt)" "end_without_reason 3;follow_up_12m 5;follow_up_3m 5;follow_up_6m 5;over_24_months 5;past_planned_end 5;status_90_missing 18;"
expect_eq "departments 2018" "$(q d.db "SELECT group_concat(department_id || ':' || n, ' ') FROM (SELECT department_id, count(*) n
  FROM employments WHERE decision_date LIKE '2018-%' GROUP BY 1 ORDER BY 1)")" \
  "ALF:83 AMF:26 BRF:6 KLK:32 KTF:13 MHF:2 OMF:69 SBF:20 SCF:28 UBF:224"
share() { # women's share of hires decided in [from, to], in per mille
  q d.db "SELECT CAST(1000.0 * sum(s.gender = 'woman') / count(*) AS INTEGER) FROM employments e
          JOIN seekers s ON s.id = e.seeker_id WHERE e.decision_date BETWEEN '$1' AND '$2'"
}
pool() { # reports.md's pool on the last day of a month: women's share in per mille
  q d.db "SELECT CAST(1000.0 * sum(gender = 'woman') / count(*) AS INTEGER) FROM seekers s
          WHERE coalesce(registered, '') <= '$2' AND NOT EXISTS (SELECT 1 FROM employments e
          WHERE e.seeker_id = s.id AND e.decision_date < '$1')"
}
s17=$(share 2017-01-01 2017-12-31); s18a=$(share 2018-01-01 2018-03-31); s18z=$(share 2018-10-01 2018-12-31)
[ "$s17" -ge 310 ] && [ "$s17" -le 370 ] || die "women's share of 2017 hires ${s17}‰"
[ "$s18a" -ge 320 ] && [ "$s18a" -le 370 ] || die "women's share of hires Q1 2018 ${s18a}‰"
[ "$s18z" -ge 380 ] && [ "$s18z" -le 440 ] || die "women's share of hires Q4 2018 ${s18z}‰"
p1=$(pool 2018-01-01 2018-01-31); p12=$(pool 2018-12-01 2018-12-31)
[ "$p1" -ge 390 ] && [ "$p1" -le 410 ] || die "pool women's share Jan 2018 ${p1}‰"
[ "$p12" -ge 490 ] && [ "$p12" -le 510 ] || die "pool women's share Dec 2018 ${p12}‰"

# fair days: held fairs have interviews; the planned one has positions and
# invitations only; every hire links to its position and interview
expect_eq "held fairs" "$(q d.db "SELECT count(*) FROM fairs WHERE status = 'held'")" 21
expect_eq "planned fair" "$(q d.db "SELECT id || '|' || date FROM fairs WHERE status = 'planned'")" "F-2019-01|2019-01-16"
[ "$(q d.db "SELECT count(*) FROM positions WHERE fair_id = 'F-2019-01'")" -gt 30 ] || die "planned fair lacks positions"
[ "$(q d.db "SELECT count(*) FROM invitations WHERE fair_id = 'F-2019-01' AND attendance = 'invited'")" -gt 80 ] ||
  die "planned fair lacks invitations"
expect_eq "planned fair interviews" "$(q d.db "SELECT count(*) FROM interviews WHERE fair_id = 'F-2019-01'")" 0
expect_eq "unlinked hires" "$(q d.db "SELECT count(*) FROM employments WHERE position_id IS NULL OR interview_id IS NULL OR extent IS NULL")" 0
expect_eq "hire without accepted offer" "$(q d.db "SELECT count(*) FROM employments e JOIN interviews i ON i.id = e.interview_id
  WHERE i.outcome IS NOT 'offer' OR i.answer IS NOT 'accepted'")" 0
expect_eq "double-booked seekers" "$(q d.db "SELECT count(*) FROM (SELECT 1 FROM interviews GROUP BY fair_id, seeker_id, period HAVING count(*) > 1)")" 0
expect_eq "double-booked tables" "$(q d.db "SELECT count(*) FROM (SELECT 1 FROM interviews i JOIN positions p ON p.id = i.position_id
  GROUP BY i.fair_id, p.department_id, i.table_no, i.period HAVING count(*) > 1)")" 0
expect_eq "tables beyond the department's" "$(q d.db "SELECT count(*) FROM interviews i JOIN positions p ON p.id = i.position_id
  JOIN departments d ON d.id = p.department_id JOIN fairs f ON f.id = i.fair_id WHERE i.table_no > d.tables OR i.period >= f.periods")" 0
expect_eq "profiles" "$(q d.db "SELECT count(*) FROM seekers WHERE education_level IS NULL OR extent_preference IS NULL")" 0

# synthetic people only: no personal numbers, reserved e-mail domain
expect_eq "personal numbers" "$(q d.db "SELECT count(*) FROM seekers WHERE coalesce(personal_number, '') <> ''")" 0
expect_eq "real-looking e-mail" "$(q d.db "SELECT count(*) FROM seekers WHERE email NOT LIKE '%@example.invalid'")" 0

# demo users
expect_eq users "$(q d.db "SELECT group_concat(username || ':' || role || ':' || coalesce(department_id, '-'), ' ')
  FROM (SELECT * FROM users ORDER BY username)")" "manager.ubf:manager:UBF organiser:organiser:- steering:steering:-"
[ "$(grep -c '^login:' out.txt)" = 3 ] || die "demo did not print the three logins"

# a database with data is refused and left alone; --force replaces it
before=$(q d.db .dump | sha256sum)
st=0; "$bin" demo --db d.db >out.txt 2>err.txt || st=$?
expect_eq "second load exit" "$st" 2
grep -q "already holds data (10 departments, $(rows seekers.csv) seekers" err.txt || die "refusal said: $(cat err.txt)"
grep -q -- "--force" err.txt || die "refusal does not mention --force"
expect_eq "refused load changed the db" "$(q d.db .dump | sha256sum)" "$before"
audit=$(q d.db "SELECT count(*) FROM audit_log")
"$bin" demo --db d.db --force >out.txt || die "demo --force exited $?"
expect_eq "seekers after --force" "$(q d.db 'SELECT count(*) FROM seekers')" "$(rows seekers.csv)"
expect_eq "employments after --force" "$(q d.db 'SELECT count(*) FROM employments')" "$(($(rows employments.csv) - ext_rows))"
expect_eq "users after --force" "$(q d.db 'SELECT count(*) FROM users')" 3
[ "$(q d.db 'SELECT count(*) FROM audit_log')" -gt "$audit" ] || die "--force lost the audit log"
expect_eq "integrity after --force" "$(q d.db 'PRAGMA integrity_check')" ok
"$bin" demo --help | grep -q -- "--force" || die "demo --help lacks --force"
echo "demo: ok"
