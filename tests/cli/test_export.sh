#!/usr/bin/env bash
# test_export.sh - `fairmatch export instance` end to end on the demo
# database: the planned fair's instance has the expected keys, quotas and
# hires equal to `fairmatch quota --plan`, every pair scored as docs/model.md
# "Scoring" says (recomputed here in Python from the database), the same
# bytes twice, and `solve` + `check` accept it with a `why` on every
# interview. Bad input: exit 2, a clear message, no output. $1 = binary,
# $2 = source root.
set -u
. "$(dirname "$0")/lib.sh"
cd "$tmp" || die "cd $tmp"
FAIR=F-2019-01

"$bin" demo --db demo.db >/dev/null 2>err || die "demo: $(cat err)"

# --- help and bad input ---
"$bin" export instance --help | grep -q 'usage: fairmatch export instance' || fail "--help"
"$bin" export --help >/dev/null || fail "export --help exit"
"$bin" export instance --fair NOPE --db demo.db -o none.json >out 2>err
[ $? -eq 2 ] || fail "unknown fair: exit not 2"
[ -s out ] && fail "unknown fair: something on stdout"
[ -e none.json ] && fail "unknown fair: a file was written"
grep -q 'no fair "NOPE"' err || fail "unknown fair message: $(cat err)"
"$bin" export instance --fair "$FAIR" --db missing.db >out 2>err
[ $? -eq 2 ] || fail "missing database: exit not 2"
[ -e missing.db ] && fail "missing database was created"
grep -q 'missing.db: no such database' err || fail "missing database message: $(cat err)"
"$bin" export instance --db demo.db >/dev/null 2>err
[ $? -eq 2 ] || fail "no --fair: exit not 2"
"$bin" export seekers --db demo.db >/dev/null 2>err
[ $? -eq 2 ] || fail "unknown export: exit not 2"

# --- the instance ---
"$bin" export instance --fair "$FAIR" --db demo.db -o a.json 2>err || fail "export -o: $(cat err)"
"$bin" export instance --fair "$FAIR" --db demo.db >b.json 2>err || fail "export stdout: $(cat err)"
cmp -s a.json b.json || fail "two exports differ"
"$bin" quota --plan --fair "$FAIR" --db demo.db --format json >quota.json || fail "quota --plan"

python3 - a.json demo.db quota.json "$FAIR" <<'PY' || fail "instance content"
import json, sqlite3, sys
inst = json.load(open(sys.argv[1]))
db = sqlite3.connect(sys.argv[2])
plan = {r["id"]: r for r in json.load(open(sys.argv[3]))}
fair = sys.argv[4]
bad = []
def check(cond, msg):
    if not cond:
        bad.append(msg)

check(inst["format"] == "fairmatch-instance/1", "format")
check("policy" not in inst, "policy left to the format's defaults")
f = inst["fair"]
row = db.execute("SELECT date, start, period_minutes, periods FROM fairs WHERE id=?", (fair,)).fetchone()
check((f["id"], f["date"], f["start"], f["period_minutes"], f["periods"]) == (fair,) + row, "fair")
for key in ("departments", "positions", "seekers"):
    ids = [x["id"] for x in inst[key]]
    check(ids == sorted(ids, key=lambda s: s.encode()), key + " sorted by id")
    check(len(ids) == len(set(ids)), key + " unique")

# Departments: a position at the fair and tables > 0; quota/hired as the planner counts them.
want = db.execute("""SELECT d.id, COALESCE(fd.tables, d.tables) FROM departments d
    LEFT JOIN fair_departments fd ON fd.department_id = d.id AND fd.fair_id = ?1
    WHERE COALESCE(fd.tables, d.tables) > 0
      AND d.id IN (SELECT department_id FROM positions WHERE fair_id = ?1)""", (fair,)).fetchall()
check(sorted(want) == sorted((d["id"], d["tables"]) for d in inst["departments"]), "departments")
goal = db.execute("SELECT goal FROM programme").fetchone()[0]
for d in inst["departments"]:
    check("quota" in d and "hired" in d, d["id"] + ": quota and hired")
    check(d["quota"] == plan[d["id"]]["quota"], d["id"] + ": quota as fairmatch quota")
    check(d["hired"] == plan[d["id"]]["hired"], d["id"] + ": hired as fairmatch quota --plan")
    check(0 <= d["hired"], d["id"] + ": hired >= 0")
check(sum(r["quota"] for r in plan.values()) == goal, "quotas add up to the goal")
check(sum(d["hired"] for d in inst["departments"]) > 0, "some hires before the fair")

pos = {p["id"]: p for p in inst["positions"]}
check(set(pos) == {r[0] for r in db.execute(
    "SELECT id FROM positions WHERE fair_id=? AND department_id IN (%s)" %
    ",".join("?" * len(want)), (fair,) + tuple(w[0] for w in want))}, "positions")

# Seekers: the invited, with earlier fairs they came to and got no offer at.
fdate = row[0]
sk = {s["id"]: s for s in inst["seekers"]}
inv = [r[0] for r in db.execute("SELECT seeker_id FROM invitations WHERE fair_id=?", (fair,))]
check(set(sk) == set(inv), "seekers = the invited")
for sid in inv:
    n = 0
    for fid, att in db.execute("""SELECT v.fair_id, v.attendance FROM invitations v JOIN fairs f
                                  ON f.id = v.fair_id WHERE v.seeker_id=? AND f.date < ?""", (sid, fdate)):
        offer = db.execute("SELECT 1 FROM interviews WHERE fair_id=? AND seeker_id=? AND outcome='offer'",
                           (fid, sid)).fetchone()
        n += att != "no_show" and not offer
    check(sk[sid]["fairs_without_offer"] == n, sid + ": fairs_without_offer")
check(any(s["fairs_without_offer"] > 0 for s in sk.values()), "someone came before")

# Scores, recomputed independently from the database (docs/model.md, "Scoring").
def level(code, occ):
    if len(code) != 4 or len(occ) != 4: return 0
    return 100 if code == occ else 60 if code[:3] == occ[:3] else 30 if code[:2] == occ[:2] else 0
def ref(s, p):
    interests, experience, sw, lic, pref, scr = s
    occ, req, minsw, ext = p
    if req == 1 and lic != 1: return None
    if minsw is not None and minsw > 0 and (sw is None or sw < minsw): return None
    a = max([level(c, occ) * (100 - 15 * r) if r < 6 else 0
             for r, c in enumerate(interests.split("|")) if interests] + [0])
    b = max([50 * level(c, occ) for c in experience.split("|") if experience] + [0])
    fit = max(a, b)
    if fit == 0: return None
    e = 7.5 if not pref or not ext else round(15 * min(pref, ext) / max(pref, ext), 2)
    g = 7.5 if scr is None else 3 * scr
    return {"interest": 0.6 * a / 100 if a >= b else 0,
            "experience": (0.6 * b / 100 if b > a else 0) + b / 500, "extent": e, "screening": g}
seekers = {r[0]: r[1:] for r in db.execute(
    "SELECT id, interests, experience, swedish_level, driving_licence, extent_preference, screening FROM seekers")}
positions = {r[0]: r[1:] for r in db.execute(
    "SELECT id, occupation, requires_driving_licence, min_swedish_level, extent FROM positions WHERE fair_id=?", (fair,))}
got = {(x["seeker"], x["position"]): x for x in inst["scores"]}
check(len(got) == len(inst["scores"]), "each pair once")
keys = [(x["seeker"], x["position"]) for x in inst["scores"]]
check(keys == sorted(keys, key=lambda k: (k[0].encode(), k[1].encode())), "scores sorted")
n_elig = 0
for sid in sk:
    for pid in pos:
        r = ref(seekers[sid], positions[pid])
        x = got.get((sid, pid))
        if r is None:
            check(x is None, f"{sid}/{pid}: not eligible but scored")
            continue
        n_elig += 1
        if x is None:
            check(False, f"{sid}/{pid}: eligible but missing")
            continue
        w = x["why"]
        for k in ("interest", "experience", "extent", "screening"):
            check(abs(w[k] - r[k]) < 0.006, f"{sid}/{pid}: why.{k} {w[k]} != {r[k]}")
        total = w["interest"] + w["experience"] + w["extent"] + w["screening"]
        check(abs(x["score"] - total) < 1e-9, f"{sid}/{pid}: score is not the sum of its parts")
        check(0 < x["score"] <= 100, f"{sid}/{pid}: score out of range")
        check(w["match"] in ("ssyk4", "ssyk3", "ssyk2"), f"{sid}/{pid}: match")
        check((w["rank"] is None) == (w["interest"] == 0), f"{sid}/{pid}: rank only for a wish")
check(n_elig == len(got) and n_elig > 100, f"eligible pairs {n_elig} vs {len(got)}")
# Every factor and every match level shows up somewhere in the demo.
check({x["why"]["match"] for x in got.values()} == {"ssyk4", "ssyk3", "ssyk2"}, "all match levels")
check(any(x["why"]["experience"] > 0 for x in got.values()), "experience counts somewhere")
check(len({x["why"]["extent"] for x in got.values()}) > 1, "extent varies")
check(len({x["why"]["screening"] for x in got.values()}) > 1, "screening varies")
for m in bad[:20]:
    print("  " + m, file=sys.stderr)
sys.exit(1 if bad else 0)
PY

# --- solve and check it; interviews carry the pair's why ---
if "$bin" solve a.json -o sol.json 2>err; then
    "$bin" check a.json sol.json >check.out 2>&1 || fail "check rejects the solution: $(cat check.out)"
    python3 - a.json sol.json <<'PY' || fail "solution's interviews and why"
import json, sys
inst, sol = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
why = {(x["seeker"], x["position"]): x["why"] for x in inst["scores"]}
ivs = sol["interviews"]
ok = sol["status"] in ("optimal", "feasible") and len(ivs) > 0
for iv in ivs:
    if iv.get("why") != why[(iv["seeker"], iv["position"])]:
        print("  interview %s/%s: why %r" % (iv["seeker"], iv["position"], iv.get("why")), file=sys.stderr)
        ok = False
sys.exit(0 if ok else 1)
PY
else
    fail "solve: exit $? ($(cat err))"
fi

echo "export: all checks passed"
