#!/usr/bin/env bash
# test_invite.sh - `fairmatch invite suggest` on the demo set's planned fair
# (its invitations removed): exits 0, one proposed seeker a line with a
# reason, nobody in an extra job on the fair's day, nobody already invited,
# the group's women/men/other within one person of the pool's shares, the
# count as documented, --count, csv without personal numbers, bad input 2.
set -u
. "$(dirname "$0")/lib.sh"
db=$tmp/d.db
fair=F-2019-01

"$bin" demo --db "$db" >/dev/null || die "demo"
sqlite3 "$db" "DELETE FROM interviews WHERE fair_id = '$fair';
  DELETE FROM invitations WHERE fair_id = '$fair' AND seeker_id > 'S-000500';" ||
  die "sqlite3"

"$bin" invite suggest --fair "$fair" --db "$db" >"$tmp/table" 2>"$tmp/err"
[ $? = 0 ] || fail "invite suggest did not exit 0: $(cat "$tmp/err")"
[ -s "$tmp/table" ] || fail "no seeker proposed"
awk 'NF < 2 || $1 !~ /^S-/ { bad = 1 } END { exit bad }' "$tmp/table" ||
  fail "a line without id and reason"
grep -q "registered" "$tmp/table" || fail "the reason does not fail how long they waited"

"$bin" invite suggest --fair "$fair" --db "$db" --format json >"$tmp/plan.json" ||
  fail "json format failed"
python3 - "$tmp/plan.json" "$tmp/table" <<'PY' || fail "the plan (above)"
import json, math, sys
p = json.load(open(sys.argv[1]))
lines = [l.split()[0] for l in open(sys.argv[2])]
chosen = [c for c in p["items"] if c["proposed"]]
ok = True
def bad(msg):
    global ok
    print("FAIL:", msg); ok = False
if [c["seeker_id"] for c in chosen] != lines:
    bad("table and json propose different seekers")
b = p["basis"]
want = max(0, math.ceil(b["places"] * b["per_place"] / b["attendance"] - 1e-9) - b["invited"])
if b["wanted"] != want or p["count"] != min(want, p["pool"]["total"]):
    bad(f"count {p['count']} does not follow from {b}")
if len(chosen) != p["count"]:
    bad(f"{len(chosen)} proposed, count says {p['count']}")
for g in ("woman", "man", "other"):
    n = sum(1 for c in chosen if c["gender"] == g)
    exact = p["count"] * p["pool"][g] / p["pool"]["total"]
    if abs(n - exact) > 1:
        bad(f"{g}: {n} proposed, the pool's share gives {exact:.2f}")
if any(c["employed"] for c in chosen):
    bad("an employed seeker was proposed")
# Ranked by need: passed over first, then the longest wait.
keys = [(-c["fairs_without_offer"], c["registered"] or "9999") for c in p["items"]]
if keys != sorted(keys):
    bad("the pool is not ranked by need")
print(f"pool {p['pool']}, proposed {p['chosen']}, basis {b}")
sys.exit(0 if ok else 1)
PY

# Nobody proposed is in an extra job on the fair's day, or invited already.
ids=$(awk '{printf "%s'"'"'%s'"'"'", (NR>1?",":""), $1}' "$tmp/table")
n=$(sqlite3 "$db" "SELECT count(*) FROM employments WHERE seeker_id IN ($ids)
  AND (end_date IS NULL OR end_date >= (SELECT date FROM fairs WHERE id = '$fair'))")
[ "$n" = 0 ] || fail "$n proposed seekers are in an extra job"
n=$(sqlite3 "$db" "SELECT count(*) FROM invitations WHERE fair_id = '$fair' AND seeker_id IN ($ids)")
[ "$n" = 0 ] || fail "$n proposed seekers are invited already"
# The demo set has employed seekers who would otherwise qualify.
[ "$(sqlite3 "$db" "SELECT count(*) FROM employments WHERE end_date IS NULL")" -gt 0 ] ||
  fail "the fixture has no employed seeker"

"$bin" invite suggest --fair "$fair" --db "$db" --count 10 >"$tmp/ten" 2>/dev/null
[ "$(wc -l <"$tmp/ten")" = 10 ] || fail "--count 10 gave $(wc -l <"$tmp/ten") lines"
"$bin" invite suggest --fair "$fair" --db "$db" --count 10 --format csv >"$tmp/csv" 2>/dev/null
head -n 1 "$tmp/csv" | grep -q '^seeker_id,reason' || fail "csv header"
[ "$(wc -l <"$tmp/csv")" = 11 ] || fail "csv rows"
grep -Eq '[0-9]{10,12}' "$tmp/csv" && fail "csv carries something like a personal number"

"$bin" invite suggest --fair NOPE --db "$db" >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q 'no fair' "$tmp/err" || fail "unknown fair not refused with 2"
"$bin" invite suggest --fair "$fair" --db "$db" --format xml >/dev/null 2>&1
[ $? = 2 ] || fail "bad --format accepted"
"$bin" invite suggest --db "$db" >/dev/null 2>&1
[ $? = 2 ] || fail "missing --fair accepted"
"$bin" invite suggest --fair "$fair" --count -3 --db "$db" >/dev/null 2>&1
[ $? = 2 ] || fail "negative --count accepted"
"$bin" invite --help | grep -q "usage: fairmatch invite suggest" || fail "--help"
