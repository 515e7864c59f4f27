#!/usr/bin/env python3
"""summarize.py OUTDIR - turn scripts/bench.sh's results.csv into results.md
(the table for docs/performance.md, each issue-4 target marked met or not)
and growth.svg (time and peak memory against instance size, log-log).
Standard library only: the machine has no matplotlib or gnuplot."""
import csv
import math
import os
import statistics
import sys

out = sys.argv[1]
rows = list(csv.DictReader(open(os.path.join(out, "results.csv"))))


def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return float("nan")


def fmt(v, unit=""):
    x = num(v)
    if math.isnan(x):
        return "–"
    if unit == "s":
        return "%.3f s" % x if x < 10 else "%.1f s" % x
    return "%g" % x


p2 = []
try:
    p2 = [float(x) for x in open(os.path.join(out, "raw", "phase2-400x150.txt")) if x.strip()]
except (OSError, ValueError):
    pass


def target(r):
    """(target text, met?) for a row, after issue 4's table."""
    t, st, gap = num(r["fm_wall_s"]), r["status"], num(r["mip_gap"])
    rss = num(r["fm_rss_mb"])
    valid = r["check"] == "valid"
    if r["tier"] == "shared":
        ok = st == "optimal" and t <= 0.5 and valid and r["optimum"] == "match"
        return "optimal (= optimum), ≤ 0.5 s", ok
    if r["tier"] == "S":
        return "optimal, ≤ 0.1 s", st == "optimal" and t <= 0.1 and valid
    if r["tier"] == "M":
        return "optimal, ≤ 0.5 s", st == "optimal" and t <= 0.5 and valid
    if r["tier"] == "L":
        return "gap ≤ 0.01%, ≤ 5 s", gap <= 1e-4 and t <= 5 and valid
    if r["tier"] == "XL":
        return "gap ≤ 0.01%, ≤ 30 s, ≤ 500 MB", gap <= 1e-4 and t <= 30 and rss <= 500 and valid
    if r["tier"] == "zero-tol":
        # Within 0.5% of the optimum, certified by the solver's own bound; when
        # CBC proved an optimum, the bound must not lie below it (honest bound).
        ok = gap <= 0.005 and valid and t <= 61.5
        cbc_opt = num(r["cbc_objective"])
        if r["cbc_status"] == "optimal" and not math.isnan(cbc_opt):
            ok = ok and num(r["bound"]) >= cbc_opt - 1e-6 * max(1, abs(cbc_opt))
        return "within 0.5% in a 60 s limit, honest bound", ok
    return "(growth only)", None


lines = []
lines.append("| tier | case | seekers × positions (pairs) | fairmatch wall (median) | peak RSS | "
             "status | objective | gap | check | cbc wall | cbc status | ratio fm/cbc | target | met |")
lines.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    tg, ok = target(r)
    ratio = num(r["fm_wall_s"]) / num(r["cbc_wall_s"]) if num(r["cbc_wall_s"]) > 0 else float("nan")
    opt = " (%s)" % r["optimum"] if r["optimum"] else ""
    co, fo = num(r["cbc_objective"]), num(r["objective"])
    if r["cbc_status"] == "optimal" and not math.isnan(co):
        r["cbc_status"] += " (same objective)" if abs(co - fo) <= 1e-6 * max(1, abs(co)) else \
            " (objective %.10g)" % co
    lines.append("| %s | %s | %s × %s (%s) | %s | %s MB | %s | %s%s | %s | %s | %s | %s | %s | %s | %s |" % (
        r["tier"], r["case"], r["seekers"], r["positions"], r["pairs"], fmt(r["fm_wall_s"], "s"),
        fmt(r["fm_rss_mb"]), r["status"] or "no solution", fmt(r["objective"]), opt,
        fmt(r["mip_gap"]), r["check"], fmt(r["cbc_wall_s"], "s"), r["cbc_status"],
        "–" if math.isnan(ratio) else "%.2f" % ratio, tg,
        "–" if ok is None else ("yes" if ok else "**no**")))
if p2:
    med = statistics.median(p2)
    lines.append("")
    lines.append("Phase 2 alone at 400 × 150 (`stats.phase2_seconds`, %d runs): median %.2f ms, "
                 "max %.2f ms; target ≤ 10 ms: %s." % (len(p2), med * 1e3, max(p2) * 1e3,
                                                       "met" if med <= 0.010 else "**not met**"))
fair = [r for r in rows if 100 <= num(r["seekers"]) <= 400]
if fair:
    fm = sum(num(r["fm_wall_s"]) for r in fair)
    cb = sum(num(r["cbc_wall_s"]) for r in fair)
    lines.append("")
    lines.append("Fair-scale bar (100–400 seekers, %d instances): fairmatch %.3f s in total, "
                 "cbc %.3f s in total: %s." % (len(fair), fm, cb,
                                               "met" if fm <= cb else "**not met**"))
try:
    lines.append("")
    lines.append("```")
    lines.extend(x.rstrip() for x in open(os.path.join(out, "machine.txt")))
    lines.append("```")
except OSError:
    pass
open(os.path.join(out, "results.md"), "w").write("\n".join(lines) + "\n")


def svg_plot(series, x0, y0, w, h, title, ylabel):
    """A log-log panel: series = [(name, colour, [(x, y), ...])]."""
    pts = [p for _, _, s in series for p in s if p[0] > 0 and p[1] > 0]
    if not pts:
        return []
    lx = [math.log10(p[0]) for p in pts]
    ly = [math.log10(p[1]) for p in pts]
    xa, xb = math.floor(min(lx)), math.ceil(max(lx))
    ya, yb = math.floor(min(ly)), math.ceil(max(ly))
    xb = xb if xb > xa else xa + 1
    yb = yb if yb > ya else ya + 1

    def X(v):
        return x0 + (math.log10(v) - xa) / (xb - xa) * w

    def Y(v):
        return y0 + h - (math.log10(v) - ya) / (yb - ya) * h

    o = ['<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#888"/>' % (x0, y0, w, h),
         '<text x="%d" y="%d" font-size="14" text-anchor="middle">%s</text>' % (x0 + w / 2, y0 - 8, title),
         '<text x="%d" y="%d" font-size="12" text-anchor="middle" transform="rotate(-90 %d %d)">%s</text>'
         % (x0 - 45, y0 + h / 2, x0 - 45, y0 + h / 2, ylabel),
         '<text x="%d" y="%d" font-size="12" text-anchor="middle">eligible pairs (log)</text>'
         % (x0 + w / 2, y0 + h + 35)]
    for e in range(xa, xb + 1):
        v = 10 ** e
        o.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>' % (X(v), y0, X(v), y0 + h))
        o.append('<text x="%.1f" y="%d" font-size="11" text-anchor="middle">%g</text>' % (X(v), y0 + h + 15, v))
    for e in range(ya, yb + 1):
        v = 10 ** e
        o.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>' % (x0, Y(v), x0 + w, Y(v)))
        o.append('<text x="%d" y="%.1f" font-size="11" text-anchor="end">%g</text>' % (x0 - 5, Y(v) + 4, v))
    for i, (name, colour, s) in enumerate(series):
        s = sorted(p for p in s if p[0] > 0 and p[1] > 0)
        if not s:
            continue
        o.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' % (
            colour, " ".join("%.1f,%.1f" % (X(a), Y(b)) for a, b in s)))
        for a, b in s:
            o.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (X(a), Y(b), colour))
        o.append('<text x="%d" y="%d" font-size="12" fill="%s">%s</text>' % (x0 + 10, y0 + 18 + 16 * i, colour, name))
    return o


gen = [r for r in rows if r["tier"] in ("S", "M", "L", "growth", "XL")]
fm_t = [(num(r["pairs"]), num(r["fm_wall_s"])) for r in gen]
cb_t = [(num(r["pairs"]), num(r["cbc_wall_s"])) for r in gen]
fm_m = [(num(r["pairs"]), num(r["fm_rss_mb"])) for r in gen]
body = svg_plot([("fairmatch solve", "#1f77b4", fm_t), ("cbc on the same MPS", "#d62728", cb_t)],
                80, 40, 380, 300, "wall time (s) vs size, gen tiers", "seconds (log)")
body += svg_plot([("fairmatch solve peak RSS", "#2ca02c", fm_m)],
                 580, 40, 380, 300, "peak memory (MB) vs size", "MB (log)")
svg = ['<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="400" font-family="sans-serif">',
       '<rect width="1000" height="400" fill="white"/>'] + body + ["</svg>"]
open(os.path.join(out, "growth.svg"), "w").write("\n".join(svg) + "\n")
print("\n".join(lines))
