#!/usr/bin/env python3
"""gen_family2.py - a second, structurally different instance generator for
`fairmatch solve` (issue 11: the matcher must match or beat CBC on fairs it
was not tuned on).  Python 3 standard library only; seeded and deterministic
(random.Random(seed), no hash() of str, no set iteration order, no clock):
the same arguments give the same bytes.

Why a second family: `fairmatch gen` (src/core/gen.c, docs/gen.md) makes one
shape: ~5 eligible positions per seeker chosen by occupation interest, scores
from a handful of interest ranks (100/80/60/40/20 +-), 45 % women spread
evenly, one availability window, generous `auto` tables.  The solver was
tuned on that.  tests/fixtures/instances/hard/ is a second shape (dense
uniform eligibility over 12-22 departments, integer scores 0-12, 16 periods).
This generator makes shapes that neither of them does:

  * skill clusters: every position belongs to a cluster (its department has
    a home cluster, `--cross` of its positions come from other clusters);
    every seeker has a home cluster and maybe a second one.  Eligibility is
    drawn mostly inside the seeker's clusters, weighted by a Zipf-like
    position popularity, so some positions are swamped and others starve
    (shortfall is real), at any density from sparse (3/seeker) to dense
    (60+/seeker) with `--density`;
  * gender segregation: the share of women differs by cluster
    (`--segregation`, 0 = even, 1 = strongly segregated), so a department's
    mirror-pool band can only be met by reaching across clusters; with a low
    overall share (`--women 0.25`) and `--tolerance 0` this is where the
    whole-person gender cuts of phase 1 are tested;
  * department sizes follow a heavy tail (a few big departments with many
    positions, many with 1-3), not the even spread of both other families;
  * tight tables (`--tight F`): tables_d = ceil(F * minc * places_d / T), so
    periods x tables is barely above the positions' minimum demand and
    constraint 5 binds (F = 0 keeps generous tables, ceil(maxc*places/T)+1);
  * availability as one to three ranges per seeker, possibly overlapping and
    unsorted, some seekers with `[]`, combined with `--gap`;
  * score distributions: `uniform` (integers 0-100), `clustered` (four
    levels +- 2), `ties` (two values only), `fractional` (two decimals,
    skewed high), `flat` (every score the same);
  * quota/hired spread (`--quota-spread`: none, mild, wide - far behind to
    far ahead, some quota 0, some without quota) and a heavy-tailed
    fairs_without_offer (0-12, geometric);
  * K = max_interviews_per_seeker, min/max candidates per place, tolerance or
    an explicit {min, max} band, periods: all knobs.

usage: gen_family2.py --seekers N --positions M --departments D --seed S
         [--density PAIRS_PER_SEEKER] [--women SHARE] [--segregation F]
         [--tolerance t | --band L U] [--k K] [--minc A --maxc B]
         [--periods T] [--tight F] [--gap G] [--avail-share F]
         [--scores uniform|clustered|ties|fractional|flat]
         [--quota-spread none|mild|wide] [--places-max P] [--clusters C]
         [--cross F] [-o FILE]
"""
import argparse
import json
import math
import random
import sys


def zipf_weights(rng, n, s):
    """n positive weights, a shuffled Zipf(s) tail."""
    w = [1.0 / (k + 1) ** s for k in range(n)]
    rng.shuffle(w)
    return w


def weighted_sample(rng, items, weights, k):
    """k distinct items, weighted (Efraimidis-Spirakis), deterministic."""
    if k >= len(items):
        return list(items)
    keyed = []
    for it, w in zip(items, weights):
        u = rng.random()
        keyed.append((math.log(u if u > 0 else 1e-300) / w, it))
    keyed.sort(reverse=True)
    return [it for _, it in keyed[:k]]


def split_counts(rng, total, weights, minimum=1):
    """Split total into len(weights) integers >= minimum, by weight."""
    n = len(weights)
    out = [minimum] * n
    rest = total - minimum * n
    if rest <= 0:
        return out
    sw = sum(weights)
    raw = [rest * w / sw for w in weights]
    fl = [int(r) for r in raw]
    for k in range(n):
        out[k] += fl[k]
    left = rest - sum(fl)
    order = sorted(range(n), key=lambda k: (-(raw[k] - fl[k]), k))
    for k in order[:left]:
        out[k] += 1
    return out


def make(a):
    rng = random.Random(a.seed * 7919 + 11)
    T = a.periods
    D = a.departments
    C = max(1, min(a.clusters, D))
    # --- departments: heavy-tailed sizes, a home cluster each
    dep_w = zipf_weights(rng, D, 1.1)
    dep_npos = split_counts(rng, a.positions, dep_w, 1)
    dep_cluster = [k % C for k in range(D)]
    rng.shuffle(dep_cluster)
    deps = []
    for d in range(D):
        deps.append({"id": "F%03d" % (d + 1), "name": "Family2 department %d" % (d + 1)})
    # --- positions
    positions = []
    pos_cluster = []
    for d in range(D):
        for _ in range(dep_npos[d]):
            r = rng.random()
            places = 1 if r < 0.7 else (2 if r < 0.92 or a.places_max < 3 else rng.randint(3, max(3, a.places_max)))
            places = min(places, a.places_max)
            c = dep_cluster[d] if rng.random() >= a.cross else rng.randrange(C)
            pos_cluster.append(c)
            positions.append({"id": "Q%05d" % (len(positions) + 1), "department": deps[d]["id"],
                              "places": places, "occupation": "C%02d" % c,
                              "title": "Cluster %d role" % c})
    P = len(positions)
    pop = zipf_weights(rng, P, 0.8)
    # --- tables
    minc, maxc = a.minc, a.maxc
    for d in range(D):
        pl = sum(p["places"] for p in positions if p["department"] == deps[d]["id"])
        if a.tight > 0:
            tb = math.ceil(a.tight * minc * pl / T)
        else:
            tb = math.ceil(maxc * pl / T) + 1
        deps[d]["tables"] = max(1, min(100, tb))
    # --- quota / hired
    for d in range(D):
        npos = dep_npos[d]
        if a.quota_spread == "none":
            continue
        r = rng.random()
        if a.quota_spread == "mild":
            q = max(1, round(npos * rng.uniform(6, 10)))
            deps[d]["quota"] = q
            deps[d]["hired"] = round(q * rng.uniform(0.6, 1.1))
        else:  # wide
            if r < 0.1:
                continue  # no quota
            if r < 0.15:
                deps[d]["quota"] = 0
                deps[d]["hired"] = rng.randint(0, 20)
                continue
            q = max(1, round(npos * rng.uniform(2, 40)))
            deps[d]["quota"] = q
            deps[d]["hired"] = round(q * rng.choice([0.0, 0.1, 0.5, 0.9, 1.0, 1.5, 3.0]) * rng.uniform(0.8, 1.2))
    # --- cluster women shares (mean = --women, spread by --segregation)
    cw = []
    for c in range(C):
        dev = (rng.random() * 2 - 1) * a.segregation
        cw.append(min(0.97, max(0.03, a.women + dev * min(a.women, 1 - a.women) * 1.8)))
    # --- seekers
    seekers = []
    home = []
    second = []
    n_women_target = round(a.women * a.seekers)
    for i in range(a.seekers):
        c1 = rng.randrange(C)
        c2 = rng.randrange(C) if rng.random() < 0.5 else -1
        home.append(c1)
        second.append(c2)
        g = "woman" if rng.random() < cw[c1] else ("other" if rng.random() < 0.015 else "man")
        fwo = 0
        if rng.random() < 0.45:
            fwo = 1
            while fwo < 12 and rng.random() < 0.55:
                fwo += 1
        s = {"id": "J%05d" % (i + 1), "gender": g, "fairs_without_offer": fwo}
        if rng.random() < a.avail_share:
            if rng.random() < 0.03:
                s["available"] = []
            else:
                rs = []
                for _ in range(rng.choice([1, 1, 2, 3])):
                    x = rng.randrange(T)
                    ln = rng.randint(max(1, T // 6), max(1, T // 2))
                    rs.append([x, min(T - 1, x + ln - 1)])
                s["available"] = rs
        seekers.append(s)
    # Pull the overall share of women to the target exactly (the segregated
    # draw drifts): flip the genders of seekers whose home cluster is most /
    # least female first, so segregation survives.
    women = [k for k, s in enumerate(seekers) if s["gender"] == "woman"]
    diff = n_women_target - len(women)
    if diff > 0:
        cand = sorted((k for k, s in enumerate(seekers) if s["gender"] != "woman"),
                      key=lambda k: (-cw[home[k]], rng.random()))
        for k in cand[:diff]:
            seekers[k]["gender"] = "woman"
    elif diff < 0:
        cand = sorted(women, key=lambda k: (cw[home[k]], rng.random()))
        for k in cand[:-diff]:
            seekers[k]["gender"] = "man"
    # --- eligibility
    by_cluster = [[] for _ in range(C)]
    for j, c in enumerate(pos_cluster):
        by_cluster[c].append(j)
    allp = list(range(P))
    pos_attr = [rng.random() for _ in range(P)]
    levels = [rng.choice([15, 35, 55, 75, 95]) for _ in range(P)]
    tie_vals = (rng.choice([40, 50, 60]), rng.choice([70, 80, 90]))
    flat = rng.choice([10, 50, 73])
    scores = []
    for i in range(a.seekers):
        m = max(1, round(rng.uniform(0.5, 1.5) * a.density))
        n_home = round(m * 0.7) if second[i] < 0 else round(m * 0.5)
        n_sec = 0 if second[i] < 0 else round(m * 0.25)
        n_any = max(0, m - n_home - n_sec)
        chosen = []
        seen = set()

        def take(pool, k):
            if k <= 0 or not pool:
                return
            for j in weighted_sample(rng, pool, [pop[j] for j in pool], k):
                if j not in seen:
                    seen.add(j)
                    chosen.append(j)
        take(by_cluster[home[i]], n_home)
        if second[i] >= 0:
            take(by_cluster[second[i]], n_sec)
        take(allp, n_any)
        chosen.sort()
        fit = rng.random()
        for j in chosen:
            inside = pos_cluster[j] in (home[i], second[i])
            if a.scores == "uniform":
                sc = rng.randint(0, 100)
            elif a.scores == "clustered":
                sc = min(100, max(0, levels[j] + rng.randint(-2, 2) - (0 if inside else 20)))
            elif a.scores == "ties":
                sc = tie_vals[1] if (inside and rng.random() < 0.6) else tie_vals[0]
            elif a.scores == "flat":
                sc = flat
            else:  # fractional, skewed high, correlated with fit and attraction
                v = 100 * (0.45 * fit + 0.35 * pos_attr[j] + 0.2 * rng.random()) ** 0.7
                sc = round(min(100.0, v - (0 if inside else 15)), 2)
                sc = max(0.0, sc)
            scores.append({"seeker": seekers[i]["id"], "position": positions[j]["id"], "score": sc})
    pm = min(20, 900 // T)
    if a.band is not None:
        ws = {"min": a.band[0], "max": a.band[1]}
    else:
        ws = {"mirror_pool": True, "tolerance": a.tolerance}
    inst = {
        "format": "fairmatch-instance/1",
        "fair": {"id": "family2-%d" % a.seed, "date": "2026-03-18", "start": "08:30",
                 "period_minutes": pm, "periods": T},
        "policy": {"min_candidates_per_place": minc, "max_candidates_per_place": maxc,
                   "max_interviews_per_seeker": a.k, "min_gap_periods": a.gap,
                   "women_share": ws,
                   "weights": {"coverage": 20, "shortfall": 1000, "gender": 200,
                               "missed_fair": 5, "missed_fair_cap": 3, "quota": 10},
                   "time_limit_seconds": 60},
        "departments": deps,
        "positions": positions,
        "seekers": seekers,
        "scores": scores,
        "generator": {"name": "bench/solve/gen_family2.py", "args": vars(a).copy()},
    }
    inst["generator"]["args"].pop("output", None)
    return inst


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seekers", type=int, required=True)
    ap.add_argument("--positions", type=int, required=True)
    ap.add_argument("--departments", type=int, required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--density", type=float, default=30.0, help="mean eligible positions per seeker")
    ap.add_argument("--women", type=float, default=0.45, help="share of women among seekers")
    ap.add_argument("--segregation", type=float, default=0.6, help="0 even ... 1 women share varies by cluster")
    ap.add_argument("--tolerance", type=float, default=0.1)
    ap.add_argument("--band", type=float, nargs=2, metavar=("L", "U"), default=None)
    ap.add_argument("--k", type=int, default=2, help="max_interviews_per_seeker")
    ap.add_argument("--minc", type=int, default=2)
    ap.add_argument("--maxc", type=int, default=3)
    ap.add_argument("--periods", type=int, default=12)
    ap.add_argument("--tight", type=float, default=1.05,
                    help="tables = ceil(F*minc*places/T); 0 = generous tables")
    ap.add_argument("--gap", type=int, default=0)
    ap.add_argument("--avail-share", type=float, default=0.0)
    ap.add_argument("--scores", default="uniform", choices=["uniform", "clustered", "ties", "fractional", "flat"])
    ap.add_argument("--quota-spread", default="wide", choices=["none", "mild", "wide"])
    ap.add_argument("--places-max", type=int, default=2)
    ap.add_argument("--clusters", type=int, default=6)
    ap.add_argument("--cross", type=float, default=0.2, help="share of a department's positions from other clusters")
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args(argv)
    if a.seekers < 0 or a.positions < 1 or not 1 <= a.departments <= a.positions:
        ap.error("need seekers >= 0, 1 <= departments <= positions")
    if not 1 <= a.periods <= 96 or not 1 <= a.minc <= a.maxc <= 10 or not 1 <= a.k <= 20:
        ap.error("periods 1..96, 1 <= minc <= maxc <= 10, k 1..20")
    if a.band is not None and not 0 <= a.band[0] <= a.band[1] <= 1:
        ap.error("--band L U needs 0 <= L <= U <= 1")
    text = json.dumps(make(a), indent=None, separators=(",", ":"), ensure_ascii=False) + "\n"
    if a.output == "-":
        sys.stdout.write(text)
    else:
        with open(a.output + ".tmp", "w") as f:
            f.write(text)
        import os
        os.replace(a.output + ".tmp", a.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
