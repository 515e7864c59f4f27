#!/usr/bin/env python3
"""reference.py INSTANCE.json OUT.json [SECONDS] - an independent reference for
phase 1: writes model.md's phase-1 model term by term as an LP file (written
here from the spec, not from fairmatch's code), solves it with Debian's cbc
and writes a solution file whose interviews are the chosen pairs, placed in
period 0 / table 1 (no timetable: phase 2 is not modelled).

Used to cross-check fairmatch's own objective arithmetic (src/core/instance.c,
through `fairmatch check`, which recomputes the objective of the interviews
listed) against the shared instances' `optimum` values before the solver
existed, and as a second opinion afterwards. Standard library only."""
import json
import os
import subprocess
import sys
import tempfile

inst = json.load(open(sys.argv[1]))
out_path = sys.argv[2]
seconds = sys.argv[3] if len(sys.argv) > 3 else "300"

pol = inst.get("policy", {})
T = inst["fair"]["periods"]
minc = pol.get("min_candidates_per_place", 2)
maxc = pol.get("max_candidates_per_place", 3)
cap = pol.get("max_interviews_per_seeker", 2)
gap = pol.get("min_gap_periods", 0)
w = {"coverage": 20, "shortfall": 1000, "gender": 200, "missed_fair": 5, "missed_fair_cap": 3, "quota": 10}
w.update(pol.get("weights", {}))
ws = pol.get("women_share", {"mirror_pool": True, "tolerance": 0.1})
seekers, positions, deps = inst["seekers"], inst["positions"], inst["departments"]
if "min" in ws:
    L, U = ws["min"], ws["max"]
else:
    r = sum(s["gender"] == "woman" for s in seekers) / len(seekers) if seekers else 0.0
    L, U = max(0.0, r - ws["tolerance"]), min(1.0, r + ws["tolerance"])


def fit(s):
    if "available" not in s:
        return (T + gap) // (gap + 1)
    mask = [False] * T
    for a, b in s["available"]:
        for t in range(a, b + 1):
            mask[t] = True
    n, nxt = 0, 0
    for t in range(T):
        if t >= nxt and mask[t]:
            n, nxt = n + 1, t + gap + 1
    return n


dep_ix = {d["id"]: k for k, d in enumerate(deps)}
pos_ix = {p["id"]: k for k, p in enumerate(positions)}
seek_ix = {s["id"]: k for k, s in enumerate(seekers)}
a = [w["missed_fair"] * min(s.get("fairs_without_offer", 0), w["missed_fair_cap"]) for s in seekers]
b = [w["quota"] * max(0, d["quota"] - d.get("hired", 0)) / max(1, d["quota"]) if "quota" in d else 0.0
     for d in deps]
pairs = []
for e in inst["scores"]:
    i, p = seek_ix[e["seeker"]], pos_ix[e["position"]]
    d = dep_ix[positions[p]["department"]]
    pairs.append((i, p, d, e["score"] + a[i] + b[d]))

lines = ["Maximize", " obj:"]
terms = ["%+.17g x%d" % (c, k) for k, (_, _, _, c) in enumerate(pairs)]
terms += ["%+.17g y%d" % (w["coverage"], i) for i in range(len(seekers))]
terms += ["%+.17g u%d" % (-w["shortfall"], p) for p in range(len(positions))]
terms += ["%+.17g gm%d %+.17g gp%d" % (-w["gender"], d, -w["gender"], d) for d in range(len(deps))]
lines += ["  " + t for t in terms]
lines.append("Subject To")
by_pos = [[] for _ in positions]
by_seek = [[] for _ in seekers]
by_sd = {}
by_dep = [[] for _ in deps]
for k, (i, p, d, _) in enumerate(pairs):
    by_pos[p].append(k)
    by_seek[i].append(k)
    by_sd.setdefault((i, d), []).append(k)
    by_dep[d].append(k)
for p, ks in enumerate(by_pos):
    pl = positions[p].get("places", 1)
    s = " ".join("+ x%d" % k for k in ks)
    if ks:
        lines.append(" pmax%d: %s <= %d" % (p, s, maxc * pl))
    lines.append(" pmin%d: %s + u%d >= %d" % (p, s, p, minc * pl))
for i, ks in enumerate(by_seek):
    s = " ".join("+ x%d" % k for k in ks)
    lines.append(" seek%d: %s <= %d" % (i, s or "0 y%d" % i, min(cap, fit(seekers[i]))))
    lines.append(" cov%d: y%d %s <= 0" % (i, i, " ".join("- x%d" % k for k in ks)))
for n, ((i, d), ks) in enumerate(by_sd.items()):
    if len(ks) > 1:
        lines.append(" sd%d: %s <= 1" % (n, " ".join("+ x%d" % k for k in ks)))
for d, ks in enumerate(by_dep):
    if not ks:
        continue
    lines.append(" cap%d: %s <= %d" % (d, " ".join("+ x%d" % k for k in ks), deps[d].get("tables", 1) * T))
    lo = " ".join("%+.17g x%d" % ((1 - L) if seekers[pairs[k][0]]["gender"] == "woman" else -L, k) for k in ks)
    hi = " ".join("%+.17g x%d" % ((U - 1) if seekers[pairs[k][0]]["gender"] == "woman" else U, k) for k in ks)
    lines.append(" glo%d: %s + gm%d >= 0" % (d, lo, d))
    lines.append(" ghi%d: %s + gp%d >= 0" % (d, hi, d))
lines.append("Bounds")
# "y <= 1", not "0 <= y <= 1": on some files cbc's LP reader took "<=" for a
# column name and fell back to default names (the lower bound 0 is the default).
lines += [" y%d <= 1" % i for i in range(len(seekers))]
lines.append("Binary")
lines += [" x%d" % k for k in range(len(pairs))]
lines.append("End")

with tempfile.TemporaryDirectory() as tmp:
    lp, sol = os.path.join(tmp, "m.lp"), os.path.join(tmp, "m.sol")
    open(lp, "w").write("\n".join(lines) + "\n")
    log = subprocess.run(["cbc", lp, "-sec", seconds, "-solve", "-solu", sol],
                         capture_output=True, text=True).stdout
    chosen = set()
    status = open(sol).readline().strip()
    for line in open(sol).readlines()[1:]:
        f = line.replace("**", " ").split()
        if len(f) >= 3 and f[1].startswith("x") and float(f[2]) > 0.5:
            chosen.add(int(f[1][1:]))

ivs = []
for k in sorted(chosen):
    i, p, d, _ = pairs[k]
    ivs.append({"seeker": seekers[i]["id"], "position": positions[p]["id"], "department": deps[d]["id"],
                "period": 0, "table": 1})
json.dump({"format": "fairmatch-solution/1", "status": "feasible", "objective": 0, "interviews": ivs,
           "cbc_status": status}, open(out_path, "w"), indent=1)
print(status)
