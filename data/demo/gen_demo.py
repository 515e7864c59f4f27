#!/usr/bin/env python3
"""gen_demo.py - generate fairmatch's synthetic demo municipality.

Writes the CSV files beside this script (import-format.md's columns, UTF-8,
LF, comma-separated) plus programme.csv. Standard library only; the random
numbers come from an own splitmix64 generator so that every Python version
writes byte-identical files for the same --seed.

Nothing here describes a real person: ids are opaque (S-000123), names are
built from invented syllables, personal numbers are left empty and e-mail
addresses use the reserved example.invalid domain.

The story it reproduces (domain.md, demo-data.md): goal 700 from 2017-01-01
to 2018-12-31; 219 hires in 2017 (departments uneven, no quota yet), 503 in
2018 following the size quotas; women's share of hires about 33% in 2017,
rising from about 34% to about 40% over 2018 while the pool's share rises from
40% to 50%; nothing decided after 2018-12-31; one fair per month except July;
a next fair (2019-01-16) planned with positions and invitations but no
interviews, ready for matching.

Usage: python3 gen_demo.py [--seed N] [--out DIR] [--check | --stats]
  --check  regenerate into a temporary directory and compare with DIR
  --stats  print the figures README.md quotes, measured from DIR's files
"""

import argparse
import csv
import datetime as dt
import math
import os
import sys
import tempfile

MASK64 = (1 << 64) - 1
AS_OF = dt.date(2020, 6, 30)  # the follow-up's "today": ends after it are unknown
NO_EXTENSIONS_FROM = dt.date(2019, 1, 1)  # demo-data.md B: no extension decided on or after
LATE_2019 = 19  # decisions in January 2019 from the December fair: 741 in all (seed 003)
PLANNED_FAIR = dt.date(2019, 1, 16)


class Rng:
    """splitmix64: tiny, fast, and stable across Python versions."""

    def __init__(self, seed):
        self.state = seed & MASK64

    def next64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def random(self):
        return (self.next64() >> 11) / float(1 << 53)

    def below(self, n):
        return self.next64() % n  # bias is < 2^-50 for our n, irrelevant here

    def between(self, lo, hi):
        return lo + self.below(hi - lo + 1)

    def choice(self, seq):
        return seq[self.below(len(seq))]

    def weighted(self, pairs):
        """pairs: [(value, weight)]; returns one value."""
        total = sum(w for _, w in pairs)
        x = self.random() * total
        for v, w in pairs:
            x -= w
            if x < 0:
                return v
        return pairs[-1][0]

    def shuffle(self, seq):
        for i in range(len(seq) - 1, 0, -1):
            j = self.below(i + 1)
            seq[i], seq[j] = seq[j], seq[i]

    def gauss(self, mu, sigma):
        u1 = max(self.random(), 1e-12)
        u2 = self.random()
        return mu + sigma * math.sqrt(-2.0 * math.log(u1)) * math.cos(2 * math.pi * u2)


# --- Section A: departments (id, name, staff, tables) -----------------------
DEPARTMENTS = [
    ("UBF", "Utbildningsförvaltningen", 6200, 5),
    ("ALF", "Äldreförvaltningen", 2300, 2),
    ("OMF", "Omsorgsförvaltningen", 1900, 2),
    ("KLK", "Kommunledningskontoret", 900, 1),
    ("SCF", "Socialförvaltningen", 800, 1),
    ("AMF", "Arbetsmarknadsförvaltningen", 700, 1),
    ("SBF", "Stadsbyggnadsförvaltningen", 550, 1),
    ("KTF", "Kulturförvaltningen", 400, 1),
    ("BRF", "Brandförsvaret", 200, 1),
    ("MHF", "Miljöförvaltningen", 100, 1),
]

# Hires per department and year. 2017: before the size quota was agreed some
# departments took many, some none (domain.md). 2018: the quota of 500
# (demo-data.md A) with a few extra where departments took more than planned.
HIRES_2017 = {"UBF": 95, "ALF": 45, "OMF": 38, "KLK": 14, "SCF": 10, "AMF": 15,
              "SBF": 2, "KTF": 0, "BRF": 0, "MHF": 0}
HIRES_2018 = {"UBF": 224, "ALF": 83, "OMF": 69, "KLK": 32, "SCF": 28, "AMF": 26,
              "SBF": 20, "KTF": 13, "BRF": 6, "MHF": 2}

# --- Section B: occupations ----------------------------------------------
TITLES = {
    "5312": "Elevassistent", "5311": "Resursperson förskola", "4116": "Skolassistent",
    "3423": "Fritidsledare", "9412": "Måltidsbiträde", "9622": "Vaktmästare",
    "5330": "Vårdbiträde", "5349": "Aktivitetsstöd", "9111": "Lokalvårdare",
    "5342": "Stödassistent", "5343": "Personlig assistent", "4119": "Administrativ assistent",
    "4222": "Kontaktcenterassistent", "6113": "Parkarbetare", "9610": "Återbruksmedarbetare",
    "4410": "Biblioteksassistent", "9629": "Servicemedarbetare",
}
# dept -> [(ssyk, share, min_swedish)], licence share of posts
MIX = {
    "UBF": ([("5312", 45, 2), ("5311", 38, 2), ("4116", 8, 3), ("3423", 5, 2),
             ("9412", 2, 2), ("9622", 2, 2)], 0.0),
    "ALF": ([("5330", 60, 2), ("5349", 25, 1), ("9412", 10, 1), ("9111", 5, 1)], 0.0),
    "OMF": ([("5342", 65, 2), ("5343", 15, 2), ("5349", 15, 2), ("4119", 5, 2)], 0.10),
    "KLK": ([("9412", 40, 1), ("9111", 35, 1), ("4119", 15, 3), ("4222", 10, 4)], 0.0),
    "SCF": ([("5342", 60, 2), ("4119", 40, 3)], 0.20),
    "AMF": ([("4119", 40, 3), ("4116", 20, 2), ("9622", 20, 1), ("9610", 20, 1)], 0.20),
    "SBF": ([("6113", 60, 1), ("9622", 20, 1), ("9610", 20, 1)], 0.50),
    "KTF": ([("4410", 50, 3), ("3423", 50, 2)], 0.0),
    "BRF": ([("9629", 60, 1), ("4119", 40, 3)], 0.50),
    "MHF": ([("4119", 100, 3)], 0.0),
}
EXTENTS = [(100, 40), (75, 15), (50, 45)]
ALL_CODES = sorted(TITLES)
WOMEN_X15 = {"5311", "5330", "9111"}
MEN_X15 = {"6113", "9622", "9610"}

# --- Fairs: one a month except July ---------------------------------------
FAIR_MONTHS_2017 = [2, 3, 4, 5, 6, 8, 9, 10, 11, 12]
FAIR_WEIGHTS_2017 = [0.5, 0.7, 0.8, 1.0, 1.0, 1.0, 1.2, 1.3, 1.3, 1.0]
FAIR_MONTHS_2018 = [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]
FAIR_WEIGHTS_2018 = [0.8, 0.9, 1.0, 1.0, 1.1, 1.0, 0.9, 1.1, 1.1, 1.1, 1.0]

INTERRUPTIONS = [("illness", 20), ("other_programme", 15), ("not_reachable", 10),
                 ("moved", 10), ("parental_leave", 10), ("dissatisfied", 8),
                 ("other_authority", 5), ("social_services", 5), ("temporary_end", 5),
                 ("change_provider", 3), ("not_target_group", 2), ("substance_abuse", 2),
                 ("disability_pension", 2), ("prison_service", 1), ("other", 2)]

SYL_FIRST = ["Za", "Ky", "Vo", "Qe", "Xu", "Jy", "Zö", "Vä", "Ry", "Ål", "Ix", "Oz"]
SYL_MID = ["lix", "mun", "ret", "zor", "vik", "nel", "tyk", "quo", "bär", "sil", "dex", "jor"]
SYL_LAST = ["Zyl", "Kvä", "Ox", "Fjy", "Qu", "Xe", "Vyr", "Ek"]
SYL_END = ["vexa", "zund", "plö", "trix", "mork", "quist", "dyl", "zan"]


def fair_day(year, month):
    """The fair's date: the second Wednesday, but early in December so that
    every decision falls before the year ends."""
    d = dt.date(year, month, 1)
    first_wed = d + dt.timedelta(days=(2 - d.weekday()) % 7)
    if month == 12:
        return first_wed
    return first_wed + dt.timedelta(days=7)


def cumulative_round(total, weights):
    """Split total over weights so that the parts sum exactly to total."""
    s = sum(weights)
    out, acc, given = [], 0.0, 0
    for w in weights:
        acc += total * w / s
        k = int(math.floor(acc + 0.5)) - given
        out.append(k)
        given += k
    return out


def month_end(d):
    nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


class World:
    def __init__(self, seed):
        self.rng = Rng(seed)
        # The life cycle after the hire draws from its own stream, so that
        # the fairs and hires stay what they were before it was modelled.
        self.lrng = Rng(seed ^ 0x6C69666563796C65)
        self.seekers = []  # dicts
        self.fairs = []
        self.positions = []
        self.invitations = []
        self.interviews = []
        self.employments = []
        self.hired = set()  # seeker ids with a hire
        self.hire_date = {}  # seeker id -> decision date
        self.missed = {}  # seeker id -> fairs attended without an offer

    # -- seekers -----------------------------------------------------------
    def new_seeker(self, gender, registered):
        r = self.rng
        n = len(self.seekers) + 1
        sid = "S-%06d" % n
        elig = r.weighted([("jobb_och_utveckling", 60), ("etablering", 33), ("eu_familj", 7)])
        newly = elig != "jobb_och_utveckling"
        mu, sd = (34, 9) if newly else (45, 10)
        age = min(64, max(20, int(round(r.gauss(mu, sd)))))
        if newly:
            sw = r.weighted([(3, 20), (2, 35), (1, 35), (0, 10)])
            lic = r.random() < 0.15
            studying = r.random() < 0.85
        else:
            sw = r.weighted([(5, 45), (4, 15), (3, 20), (2, 12), (1, 8)])
            lic = r.random() < 0.50
            studying = r.random() < 0.20
        k = r.weighted([(1, 20), (2, 30), (3, 30), (4, 20)])
        weights = []
        for c in ALL_CODES:
            w = 1.0
            if gender == "woman" and c in WOMEN_X15:
                w = 1.5
            if gender == "man" and c in MEN_X15:
                w = 1.5
            weights.append([c, w])
        interests = []
        for _ in range(k):
            c = r.weighted(weights)
            interests.append(c)
            weights = [p for p in weights if p[0] != c]
        experience = interests[0] if r.random() < 0.35 else ""
        if studying:
            pref = 50
        else:
            pref = 100 if r.random() < 0.8 else 75
        first = r.choice(SYL_FIRST) + r.choice(SYL_MID)
        last = r.choice(SYL_LAST) + r.choice(SYL_END)
        s = {
            "id": sid, "first_name": first, "last_name": last, "gender": gender,
            "birth_year": registered.year - age, "personal_number": "",
            "eligibility": elig, "interests": "|".join(interests),
            "swedish_level": sw, "driving_licence": "yes" if lic else "no",
            "phone": "", "email": "%s@example.invalid" % sid.lower(),
            "registered": registered.isoformat(), "experience": experience,
            "education_level": r.weighted([(1, 18), (2, 24), (3, 33), (4, 9), (5, 15)]),
            "extent_preference": pref, "screening": r.between(2, 5),
            "_reg": registered,
        }
        self.seekers.append(s)
        self.missed[sid] = 0
        return s

    def pool(self, day):
        """The report's pool: registered by day, no hire decided before day."""
        return [s for s in self.seekers
                if s["_reg"] <= day and not (s["id"] in self.hire_date
                                             and self.hire_date[s["id"]] < day)]

    def register_month(self, first, count, target_share):
        """Register count seekers during the month starting at first, choosing
        how many are women so that the month's pool reaches target_share."""
        end = month_end(first)
        pool = self.pool(first)
        women = sum(1 for s in pool if s["gender"] == "woman")
        want = int(round(target_share * (len(pool) + count))) - women
        want = max(0, min(count, want))
        genders = ["woman"] * want + ["man"] * (count - want)
        # about one in two hundred registers as 'other'
        for i in range(len(genders)):
            if genders[i] == "man" and self.rng.random() < 0.005:
                genders[i] = "other"
        self.rng.shuffle(genders)
        for g in genders:
            day = first + dt.timedelta(days=self.rng.below((end - first).days + 1))
            self.new_seeker(g, day)

    # -- fairs ---------------------------------------------------------------
    def make_positions(self, fair, dept, places_total):
        r = self.rng
        mix, lic_share = MIX[dept]
        out = []
        left = places_total
        while left > 0:
            code, _, minsw = r.weighted([(m, m[1]) for m in mix])
            places = 2 if left >= 2 and dept in ("UBF", "ALF") and r.random() < 0.15 else 1
            pid = "P-%04d" % (len(self.positions) + 1)
            p = {"id": pid, "department": dept, "fair": fair["id"], "title": TITLES[code],
                 "occupation": code, "places": places,
                 "requires_driving_licence": "yes" if r.random() < lic_share else "no",
                 "min_swedish_level": minsw, "extent": r.weighted(EXTENTS)}
            self.positions.append(p)
            out.append(p)
            left -= places
        return out

    def fits(self, s, p):
        if s["swedish_level"] < p["min_swedish_level"]:
            return False
        return p["requires_driving_licence"] == "no" or s["driving_licence"] == "yes"

    def best_fit(self, s, positions):
        best = 0.0
        for p in positions:
            if self.fits(s, p):
                best = max(best, 1.0 + self.interest_score(s, p))
        return best

    @staticmethod
    def interest_score(s, p):
        codes = s["interests"].split("|")
        if p["occupation"] in codes:
            return [1.0, 0.8, 0.6, 0.4][codes.index(p["occupation"])]
        if any(c[:3] == p["occupation"][:3] for c in codes):
            return 0.2
        return 0.0

    def invite(self, fair, places, pool_share, planned):
        """Invite 2.6 seekers per place from the pool, mirroring its share of
        women. Like the agency's matching meetings, it invites those whose
        interests and language fit the fair's positions; seekers who missed
        out at earlier fairs get a small lead."""
        r = self.rng
        day = fair["_date"]
        pool = [s for s in self.pool(day) if s["_reg"] < day and s["id"] not in self.hired]
        n = min(len(pool), int(round(2.6 * places)))
        women = [s for s in pool if s["gender"] == "woman"]
        others = [s for s in pool if s["gender"] != "woman"]
        nw = min(len(women), int(round(n * pool_share)))
        chosen = []
        for group, k in ((women, nw), (others, n - nw)):
            keyed = [(-(self.best_fit(s, fair["_positions"]) + 0.3 * min(self.missed[s["id"]], 2)
                        + r.random()), s["id"], s) for s in group]
            keyed.sort(key=lambda t: (t[0], t[1]))
            chosen.extend(t[2] for t in keyed[:k])
        chosen.sort(key=lambda s: s["id"])
        invited = []
        for s in chosen:
            if planned:
                att = "invited"
            else:
                att = "no_show" if r.random() < 0.15 else "checked_in"
            self.invitations.append({"fair": fair["id"], "seeker": s["id"],
                                     "attendance": att, "walk_in": 0})
            if att == "checked_in":
                invited.append(s)
        return invited

    def interview(self, fair, positions, attendees):
        """2-3 candidates per place among the attendees who meet the
        position's requirements; at most one per department and two per
        seeker. Returns {position id: [interview dicts]}."""
        r = self.rng
        count = {s["id"]: 0 for s in attendees}
        depts = {s["id"]: set() for s in attendees}
        by_pos = {}
        order = list(positions)
        r.shuffle(order)
        for p in order:
            want = p["places"] * r.weighted([(2, 45), (3, 55)])
            cands = [s for s in attendees if count[s["id"]] < 2
                     and p["department"] not in depts[s["id"]] and self.fits(s, p)]
            keyed = [(-(self.interest_score(s, p) + 0.5 * r.random()), s["id"], s) for s in cands]
            keyed.sort(key=lambda t: (t[0], t[1]))
            rows = []
            for _, _, s in keyed[:want]:
                count[s["id"]] += 1
                depts[s["id"]].add(p["department"])
                rows.append({"fair": fair["id"], "seeker": s["id"], "position": p["id"],
                             "period": None, "table": None,
                             "score": round(self.interest_score(s, p) + 0.2 * (
                                 s["experience"] == p["occupation"]), 2),
                             "held": 1, "outcome": "no", "answer": "", "_s": s, "_p": p})
            by_pos[p["id"]] = rows
        return by_pos

    def schedule(self, fair, by_pos):
        """Give each interview a table of its department and a period; a
        seeker never has two interviews in one period."""
        busy = {}
        per_dept = {}
        for rows in by_pos.values():
            for iv in rows:
                per_dept.setdefault(iv["_p"]["department"], []).append(iv)
        tables = {d[0]: d[3] for d in DEPARTMENTS}
        for dept in sorted(per_dept):
            free = [[True] * fair["periods"] for _ in range(tables[dept])]
            for iv in per_dept[dept]:
                sb = busy.setdefault(iv["seeker"], set())
                placed = False
                for period in range(fair["periods"]):
                    if period in sb:
                        continue
                    for t in range(tables[dept]):
                        if free[t][period]:
                            free[t][period] = False
                            sb.add(period)
                            iv["period"], iv["table"] = period, t + 1
                            placed = True
                            break
                    if placed:
                        break
                if not placed:
                    raise SystemExit("gen_demo: %s: no room for %s at %s" % (
                        fair["id"], iv["seeker"], dept))

    def decide(self, fair, by_pos, hires_by_dept, women_target):
        """Pick the hires: per department exactly hires_by_dept of its
        interviewees (a position takes its places, then one more where the
        department took more than planned), women_target of them women as
        far as the candidates allow. Within a gender the best-scored
        candidate is taken with probability 0.8, else the runner-up; about
        one offer in sixteen is declined and goes to the next in line."""
        r = self.rng
        depts = sorted(d for d, n in hires_by_dept.items() if n > 0)
        total = sum(hires_by_dept[d] for d in depts)
        want_w = dict(zip(depts, cumulative_round(women_target, [hires_by_dept[d] for d in depts])
                          if total else [0] * len(depts)))
        taken = set()
        decided = []
        short_w = 0  # women a department could not take, passed to the next
        for d in depts:
            rows = [iv for p in fair["_positions"] if p["department"] == d
                    for iv in by_pos[p["id"]]]
            rows.sort(key=lambda iv: (-(iv["score"] + 0.3 * r.random()), iv["seeker"]))
            n = hires_by_dept[d]
            nw = want_w[d] + short_w
            got = self.pick(rows, n, nw, taken)
            short_w = max(0, nw - sum(iv["_s"]["gender"] == "woman" for iv in got))
            decided.extend(got)
        for rows in by_pos.values():
            for iv in rows:
                if iv["outcome"] == "no" and r.random() < 0.25:
                    iv["outcome"] = "reserve"
        return decided

    def pick(self, rows, n, nw, taken):
        """Choose n of rows (nw women if possible), respecting each position's
        places before anyone gets a place beyond plan."""
        r = self.rng
        used = {}
        got = []

        def room(iv, extra):
            p = iv["_p"]
            return used.get(p["id"], 0) < p["places"] + extra

        def free(iv):
            return iv["seeker"] not in taken and iv["seeker"] not in self.hired \
                and iv["outcome"] == "no"

        # each gender up to its share first, going beyond plan before giving
        # the other gender more than its share
        phases = [(True, 0), (False, 0), (False, 1), (True, 1), (False, 2), (True, 2),
                  (None, 0), (None, 1), (None, 2)]
        for women, extra in phases:
            if True:
                while len(got) < n:
                    nwo = sum(iv["_s"]["gender"] == "woman" for iv in got)
                    if women is True and nwo >= nw:
                        break
                    if women is False and len(got) - nwo >= n - nw:
                        break
                    cands = [iv for iv in rows if free(iv) and room(iv, extra) and (
                        women is None or (iv["_s"]["gender"] == "woman") == women)]
                    if not cands:
                        break
                    iv = cands[0] if len(cands) == 1 or r.random() < 0.8 else cands[1]
                    if r.random() < 0.06:
                        iv["outcome"], iv["answer"] = "offer", "declined"
                        taken.add(iv["seeker"])
                        continue
                    iv["outcome"], iv["answer"] = "offer", "accepted"
                    taken.add(iv["seeker"])
                    used[iv["_p"]["id"]] = used.get(iv["_p"]["id"], 0) + 1
                    got.append(iv)
        return got

    def employ(self, fair, iv, late=False):
        """The hire and its life cycle: the agency's decision (late ones in
        January 2019, seed 003), the start about two weeks later, 12 months
        planned, an extension to 24 months for some whose extension could be
        decided before 2019 (demo-data.md B), the end with its reason (seed
        002's interruption codes), and the status 90 days after. A few are
        left as the follow-up worklist should find them."""
        r = self.lrng
        s, p = iv["_s"], iv["_p"]
        if late:
            decision = dt.date(2019, 1, 2) + dt.timedelta(days=r.between(0, 16))
        else:
            last = dt.date(fair["_date"].year, 12, 31)
            decision = min(fair["_date"] + dt.timedelta(days=r.between(1, 10)), last)
        start = decision + dt.timedelta(days=r.between(7, 21))
        planned_end = start + dt.timedelta(days=364)
        ext = None
        x = r.random()
        if x < 0.16:
            end = start + dt.timedelta(days=r.between(30, 300))
            reason = r.weighted(INTERRUPTIONS)
        elif x < 0.26:
            end = start + dt.timedelta(days=r.between(90, 330))
            reason = r.weighted([("to_work", 70), ("to_studies", 25), ("own_business", 5)])
        else:
            ext_day = planned_end - dt.timedelta(days=r.between(14, 42))
            if ext_day < NO_EXTENSIONS_FROM and r.random() < 0.45:
                ext = (ext_day, start + dt.timedelta(days=729))
            end = ext[1] if ext else planned_end
            reason = r.weighted([("to_work", 36), ("to_studies", 12), ("own_business", 2),
                                 ("completed", 50)])
        row = {"seeker": s["id"], "department": p["department"],
               "decision_date": decision.isoformat(), "kind": "",
               "start_date": start.isoformat(), "planned_end": planned_end.isoformat(),
               "end_date": "", "end_reason": "", "status_90": "",
               "position": p["id"], "extent": p["extent"]}
        left = r.random()  # what the follow-up worklist should find
        if end <= AS_OF and left >= 0.006:
            row["end_date"] = end.isoformat()
            if left >= 0.011:
                row["end_reason"] = reason
            if end + dt.timedelta(days=90) <= AS_OF and left >= 0.04:
                row["status_90"] = self.status_after(reason)
        self.employments.append(row)
        if ext:
            self.employments.append({
                "seeker": s["id"], "department": p["department"],
                "decision_date": ext[0].isoformat(), "kind": "extension", "start_date": "",
                "planned_end": ext[1].isoformat(), "end_date": "", "end_reason": "",
                "status_90": "", "position": "", "extent": ""})
        self.hired.add(s["id"])
        self.hire_date[s["id"]] = decision

    def status_after(self, reason):
        w = {"to_work": [("work", 80), ("subsidised_work", 8), ("unemployed", 8),
                         ("unknown", 4)],
             "to_studies": [("studies", 80), ("work", 5), ("unemployed", 10), ("unknown", 5)],
             "own_business": [("work", 90), ("unknown", 10)],
             "completed": [("work", 20), ("subsidised_work", 10), ("studies", 10),
                           ("other_programme", 10), ("other", 5), ("unemployed", 40),
                           ("unknown", 5)]}.get(reason, [("unemployed", 45),
                                                         ("other_programme", 15), ("other", 20),
                                                         ("work", 5), ("unknown", 15)])
        return self.lrng.weighted(w)

    def run_fair(self, fid, day, name, hires_by_dept, women_target, pool_share, planned,
                 late=None):
        r = self.rng
        fair = {"id": fid, "date": day.isoformat(), "start": "09:00", "period_minutes": 20,
                "periods": 15, "name": name, "place": "Stadshuset, hörsalen",
                "status": "planned" if planned else "held", "_date": day}
        self.fairs.append(fair)
        positions = []
        for dept, _, _, _ in DEPARTMENTS:
            h = hires_by_dept.get(dept, 0)
            if h == 0:
                continue
            # departments sometimes took more than planned, sometimes one fewer
            places = max(1, h + r.weighted([(0, 75), (-1, 15), (1, 10)]))
            positions += self.make_positions(fair, dept, places)
        fair["_positions"] = positions
        places = sum(p["places"] for p in positions)
        attendees = self.invite(fair, places, pool_share, planned)
        if planned:
            return fair, []
        # a few walk-ins on the day, from the pool
        asked = {inv["seeker"] for inv in self.invitations if inv["fair"] == fid}
        walk = [s for s in self.pool(day) if s["_reg"] < day and s["id"] not in self.hired
                and s["id"] not in asked]
        for _ in range(min(2, len(walk))):
            s = walk.pop(r.below(len(walk)))
            self.invitations.append({"fair": fid, "seeker": s["id"], "attendance": "checked_in",
                                     "walk_in": 1})
            attendees.append(s)
        by_pos = self.interview(fair, positions, attendees)
        self.schedule(fair, by_pos)
        decided = self.decide(fair, by_pos, hires_by_dept, women_target)
        for rows in by_pos.values():
            self.interviews.extend(rows)
        offered = {iv["seeker"] for iv in decided}
        for s in attendees:
            if s["id"] not in offered:
                self.missed[s["id"]] += 1
        for iv in decided:
            self.employ(fair, iv)
        # Departments took more than planned: reserves first, then the best of
        # the rest, decided by the agency in January 2019. A department short
        # of candidates passes its places on to the next largest.
        spill = 0
        for d in sorted(late or {}, key=lambda d: (-late[d], d)):
            rows = [iv for p in positions if p["department"] == d for iv in by_pos[p["id"]]
                    if iv["outcome"] in ("reserve", "no") and iv["seeker"] not in self.hired]
            rows.sort(key=lambda iv: (iv["outcome"] != "reserve", -iv["score"], iv["seeker"]))
            want, seen, nw, n = late[d] + spill, set(), 0, 0
            queues = [[iv for iv in rows if iv["_s"]["gender"] == "woman"],
                      [iv for iv in rows if iv["_s"]["gender"] != "woman"]]
            while want > 0 and (queues[0] or queues[1]):
                # about 40% women, as the year's hires
                q = queues[0] if (nw < 0.4 * (n + 1) and queues[0]) or not queues[1] else queues[1]
                iv = q.pop(0)
                if iv["seeker"] in seen or iv["seeker"] in self.hired:
                    continue
                seen.add(iv["seeker"])
                iv["outcome"], iv["answer"] = "offer", "accepted"
                self.employ(fair, iv, late=True)
                decided.append(iv)
                nw += iv["_s"]["gender"] == "woman"
                n += 1
                want -= 1
            spill = want
        if spill:
            raise SystemExit("gen_demo: %d January 2019 hires found no candidate" % spill)
        return fair, decided


def hires_matrix(totals, weights):
    """Per department, spread its yearly hires over the fairs."""
    return {d: cumulative_round(n, weights) for d, n in totals.items()}


def women_targets_2018(month_hires):
    n = len(month_hires)
    out = []
    for i, h in enumerate(month_hires):
        share = 0.34 + (0.40 - 0.34) * i / (n - 1)
        out.append(int(round(h * share)))
    return out


def build(seed):
    w = World(seed)
    r = w.rng
    # Registrations: an opening batch in January 2017, then a steady inflow.
    # The pool's share of women is held at 40% in 2017 and rises linearly to
    # 50% over 2018 (demo-data.md C).
    inflow = {}
    for y, m in [(2017, k) for k in range(1, 13)] + [(2018, k) for k in range(1, 13)]:
        inflow[(y, m)] = 220 if (y, m) == (2017, 1) else (30 if y == 2017 else 45)
    inflow[(2019, 1)] = 10

    m17 = hires_matrix(HIRES_2017, FAIR_WEIGHTS_2017)
    m18 = hires_matrix(HIRES_2018, FAIR_WEIGHTS_2018)
    fair_plan = []
    for i, m in enumerate(FAIR_MONTHS_2017):
        fair_plan.append((2017, m, {d: v[i] for d, v in m17.items()}))
    for i, m in enumerate(FAIR_MONTHS_2018):
        fair_plan.append((2018, m, {d: v[i] for d, v in m18.items()}))
    month_totals_18 = [sum(h.values()) for y, _, h in fair_plan if y == 2018]
    w18 = women_targets_2018(month_totals_18)

    plan = {(y, m): h for y, m, h in fair_plan}
    i18 = 0
    carry = {}
    for y, m in sorted(inflow):
        first = dt.date(y, m, 1)
        if y == 2017:
            share = 0.40
        elif y == 2018:
            share = 0.40 + 0.10 * (m - 1) / 11
        else:
            share = 0.50
        w.register_month(first, inflow[(y, m)], share)
        day = fair_day(y, m)
        if (y, m) in plan:
            if m == FAIR_MONTHS_2017[0] or m == FAIR_MONTHS_2018[0]:
                carry = {}
            hires = {d: n + carry.get(d, 0) for d, n in plan[(y, m)].items()}
            total = sum(hires.values())
            if y == 2017:
                target = int(round(total * 0.33))
            else:
                target = w18[i18]
                i18 += 1
            late = None
            if (y, m) == (2018, 12):
                # Departments took more than planned at the last fair; the
                # agency decided those in January 2019 (seed 003: 741 by 18 Jan).
                ds = sorted(HIRES_2018)
                late = dict(zip(ds, cumulative_round(LATE_2019, [HIRES_2018[d] for d in ds])))
            _, decided = w.run_fair("F-%04d-%02d" % (y, m), day,
                                    "Rekryteringsmässa %04d-%02d" % (y, m), hires, target, share,
                                    planned=False, late=late)
            # a department short of candidates hires the rest at its next fair
            carry = dict(hires)
            for iv in decided:
                carry[iv["_p"]["department"]] -= 1
        elif (y, m) == (2019, 1):
            # The next fair, as a normal month's positions at quota pace.
            hires = {d: v[0] for d, v in hires_matrix(HIRES_2018, [1] * 11).items()}
            w.run_fair("F-2019-01", PLANNED_FAIR, "Rekryteringsmässa 2019-01 (planerad)",
                       hires, 0, share, planned=True)
    return w


def write_csv(path, header, rows):
    def cell(v):
        v = "" if v is None else str(v)
        if any(c in v for c in ',"\n\r'):
            v = '"' + v.replace('"', '""') + '"'
        return v

    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(cell(row[h]) for h in header) + "\n")


def write_all(w, out):
    os.makedirs(out, exist_ok=True)
    write_csv(os.path.join(out, "departments.csv"), ["id", "name", "employees", "tables"],
              [{"id": d, "name": n, "employees": e, "tables": t} for d, n, e, t in DEPARTMENTS])
    write_csv(os.path.join(out, "seekers.csv"),
              ["id", "first_name", "last_name", "gender", "birth_year", "personal_number",
               "eligibility", "interests", "swedish_level", "driving_licence", "phone", "email",
               "registered", "experience", "education_level", "extent_preference", "screening"],
              w.seekers)
    write_csv(os.path.join(out, "fairs.csv"),
              ["id", "date", "start", "period_minutes", "periods", "name", "place", "status"],
              w.fairs)
    write_csv(os.path.join(out, "positions.csv"),
              ["id", "department", "fair", "title", "occupation", "places",
               "requires_driving_licence", "min_swedish_level", "extent"], w.positions)
    write_csv(os.path.join(out, "invitations.csv"), ["fair", "seeker", "attendance", "walk_in"],
              w.invitations)
    write_csv(os.path.join(out, "interviews.csv"),
              ["fair", "seeker", "position", "period", "table", "score", "held", "outcome",
               "answer"], w.interviews)
    emp = sorted(w.employments, key=lambda e: (e["decision_date"], e["seeker"]))
    write_csv(os.path.join(out, "employments.csv"),
              ["seeker", "department", "decision_date", "kind", "start_date", "planned_end",
               "end_date", "end_reason", "status_90", "position", "extent"], emp)
    write_csv(os.path.join(out, "programme.csv"), ["goal", "start", "end"],
              [{"goal": 700, "start": "2017-01-01", "end": "2018-12-31"}])


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def stats(out):
    """Print the figures README.md quotes, measured from the files in out."""
    seekers = {s["id"]: s for s in read_csv(os.path.join(out, "seekers.csv"))}
    rows = read_csv(os.path.join(out, "employments.csv"))
    emp = [e for e in rows if e.get("kind", "") != "extension"]
    ext = [e for e in rows if e.get("kind", "") == "extension"]
    inv = read_csv(os.path.join(out, "invitations.csv"))
    ivs = read_csv(os.path.join(out, "interviews.csv"))
    pos = read_csv(os.path.join(out, "positions.csv"))
    fairs = read_csv(os.path.join(out, "fairs.csv"))
    print("rows: seekers %d, fairs %d (%d planned), positions %d (places %d), invitations %d,"
          " interviews %d, employments %d" % (
              len(seekers), len(fairs), sum(f["status"] == "planned" for f in fairs), len(pos),
              sum(int(p["places"]) for p in pos), len(inv), len(ivs), len(emp)))
    g = [s["gender"] for s in seekers.values()]
    print("seekers by gender: woman %d, man %d, other %d" % (
        g.count("woman"), g.count("man"), g.count("other")))
    hire_day = {}
    for e in emp:
        hire_day.setdefault(e["seeker"], e["decision_date"])
    for y in ("2017", "2018", "2019"):
        ey = [e for e in emp if e["decision_date"][:4] == y]
        wy = sum(seekers[e["seeker"]]["gender"] == "woman" for e in ey)
        print("%s: hires %d, women %d (%.1f%%)" % (y, len(ey), wy, 100.0 * wy / max(1, len(ey))))
        per = {}
        for e in ey:
            per[e["department"]] = per.get(e["department"], 0) + 1
        print("  by department: " + ", ".join("%s %d" % (d[0], per.get(d[0], 0))
                                              for d in DEPARTMENTS))
    print("month    hires women  share  pool  pool_women_share")
    for y in (2017, 2018):
        for m in range(1, 13):
            key = "%04d-%02d" % (y, m)
            em = [e for e in emp if e["decision_date"][:7] == key]
            wm = sum(seekers[e["seeker"]]["gender"] == "woman" for e in em)
            first = key + "-01"
            last = month_end(dt.date(y, m, 1)).isoformat()
            pool = [s for s in seekers.values() if s["registered"] <= last
                    and not (s["id"] in hire_day and hire_day[s["id"]] < first)]
            pw = sum(s["gender"] == "woman" for s in pool)
            print("%s %5d %5d %5.1f%% %5d %5.1f%%" % (key, len(em), wm, 100.0 * wm / max(1, len(em)),
                                                     len(pool), 100.0 * pw / max(1, len(pool))))
    print("latest decision: %s; ended: %d; with status_90: %d" % (
        max(e["decision_date"] for e in emp), sum(e["end_date"] != "" for e in emp),
        sum(e["status_90"] != "" for e in emp)))
    ended = [e for e in emp if e["end_date"]]
    cls = {"to_work": 0, "to_studies": 0, "own_business": 0, "completed": 0, "": 0}
    for e in ended:
        k = e["end_reason"] if e["end_reason"] in cls else "interruption"
        cls[k] = cls.get(k, 0) + 1
    ok = cls["to_work"] + cls["to_studies"] + cls["own_business"]
    print("life cycle: extensions %d (latest %s); open %d; ended %d: to_work %d, to_studies %d,"
          " own_business %d, completed %d, interruption %d, no reason %d; successful %d = %.1f%%"
          % (len(ext), max(x["decision_date"] for x in ext) if ext else "-",
             len(emp) - len(ended), len(ended), cls["to_work"], cls["to_studies"],
             cls["own_business"], cls["completed"], cls.get("interruption", 0), cls[""], ok,
             100.0 * ok / max(1, len(ended))))
    days = [(dt.date.fromisoformat(e["start_date"]) - dt.date.fromisoformat(e["decision_date"])).days
            for e in emp]
    within = sum(e["end_date"] != "" and e["end_date"] <= e["planned_end"] for e in emp)
    print("start after decision: mean %.1f days; ended within the first 12 months: %d;"
          " ended without status_90: %d" % (sum(days) / max(1, len(days)), within,
                                            sum(e["end_date"] != "" and e["status_90"] == ""
                                                for e in emp)))
    att = [i["attendance"] for i in inv]
    print("invitations: checked_in %d, no_show %d, invited (planned fair) %d, walk-ins %d" % (
        att.count("checked_in"), att.count("no_show"), att.count("invited"),
        sum(i["walk_in"] == "1" for i in inv)))
    oc = [(i["outcome"], i["answer"]) for i in ivs]
    print("interviews: offer+accepted %d, offer+declined %d, reserve %d, no %d" % (
        oc.count(("offer", "accepted")), oc.count(("offer", "declined")),
        sum(o == "reserve" for o, _ in oc), sum(o == "no" for o, _ in oc)))
    print("bytes: %d" % sum(os.path.getsize(os.path.join(out, n)) for n in os.listdir(out)
                            if not n.endswith(".py") and not n.startswith(".")
                            and not n.startswith("README")))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=20170101)
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--stats", action="store_true", help="print figures measured from --out")
    a = ap.parse_args()
    if a.stats:
        stats(a.out)
        return 0
    w = build(a.seed)
    if not a.check:
        write_all(w, a.out)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        write_all(w, tmp)
        bad = []
        for name in sorted(os.listdir(tmp)):
            with open(os.path.join(tmp, name), "rb") as f1:
                want = f1.read()
            try:
                with open(os.path.join(a.out, name), "rb") as f2:
                    have = f2.read()
            except OSError:
                have = None
            if want != have:
                bad.append(name)
        if bad:
            print("gen_demo: differs from a fresh run: " + ", ".join(bad), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
