#!/usr/bin/env python3
"""An independent reading of shared/spec/reports.md in Python, used by
test_report.sh to check `fairmatch report` (minimum JSON) month by month.
Usage: report_reference.py DB YYYY-MM...  -> one expected JSON per line."""
import calendar
import json
import sqlite3
import sys


def report(con, month):
    goal, start, end = con.execute("SELECT goal, start_date, end_date FROM programme").fetchone()
    y, m = int(month[:4]), int(month[5:])
    first = f"{y:04d}-{m:02d}-01"
    last = f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"
    hires = con.execute("SELECT e.decision_date, e.department_id, s.gender FROM employments e "
                        "JOIN seekers s ON s.id = e.seeker_id").fetchall()
    month_h = [h for h in hires if h[0][:7] == month]
    cum_h = [h for h in hires if start <= h[0] <= last]

    def gender(rows):
        c = {g: sum(1 for r in rows if r[2] == g) for g in ("woman", "man", "other")}
        c["women_share"] = c["woman"] / len(rows) if rows else 0
        return c

    def idx(d):
        return int(d[:4]) * 12 + int(d[5:7]) - 1

    months_left = max(0, idx(end) - idx(first))
    left = max(0, goal - len(cum_h))
    seekers = con.execute("SELECT id, gender, registered FROM seekers").fetchall()
    hired_before = {r[0] for r in con.execute(
        "SELECT seeker_id FROM employments WHERE decision_date < ?", (first,))}
    pool = [s for s in seekers if (s[2] is None or s[2] <= last) and s[0] not in hired_before]
    deps = sorted(con.execute("SELECT id, name, employees FROM departments").fetchall(),
                  key=lambda d: d[0].encode())
    E = sum(d[2] for d in deps)
    quota = {}
    if E:
        base = {d[0]: goal * d[2] // E for d in deps}
        order = sorted(deps, key=lambda d: (-(goal * d[2] % E), -d[2], d[0].encode()))
        for d in order[:goal - sum(base.values())]:
            base[d[0]] += 1
        quota = base
    else:
        quota = {d[0]: 0 for d in deps}
    out_deps = []
    for d in deps:
        hc = [h for h in cum_h if h[1] == d[0]]
        out_deps.append({
            "id": d[0], "name": d[1], "employees": d[2], "quota": quota[d[0]],
            "hires_month": sum(1 for h in month_h if h[1] == d[0]),
            "hires_cumulative": len(hc),
            "share_of_quota": len(hc) / quota[d[0]] if quota[d[0]] else None,
            "women_share": gender(hc)["women_share"]})
    trend = []
    for i in range(idx(start), idx(first) + 1):
        key = f"{i // 12:04d}-{i % 12 + 1:02d}"
        rows = [h for h in hires if h[0][:7] == key]
        g = gender(rows)
        trend.append({"month": key, "hires": len(rows), "woman": g["woman"], "man": g["man"],
                      "other": g["other"], "women_share": g["women_share"]})
    ended = con.execute("SELECT end_reason FROM employments WHERE end_date BETWEEN ? AND ?",
                        (first, last)).fetchall()
    by = {}
    for (r,) in ended:
        by[r or "unknown"] = by.get(r or "unknown", 0) + 1
    out = {
        "format": "fairmatch-report/1", "month": month,
        "programme": {"goal": goal, "start": start, "end": end},
        "hires": {"month": len(month_h), "cumulative": len(cum_h), "goal": goal,
                  "share_of_goal": len(cum_h) / goal if goal else None,
                  "months_left": months_left,
                  "needed_per_month": left / months_left if months_left else float(left)},
        "gender": {"month": gender(month_h), "cumulative": gender(cum_h),
                   "pool_women_share": (sum(1 for s in pool if s[1] == "woman") / len(pool)
                                        if pool else 0)},
        "departments": out_deps, "trend": trend,
        "ended": {"month": len(ended), "by_reason": by},
    }
    return out


if __name__ == "__main__":
    connection = sqlite3.connect(sys.argv[1])
    for arg in sys.argv[2:]:
        print(json.dumps(report(connection, arg), ensure_ascii=False))
