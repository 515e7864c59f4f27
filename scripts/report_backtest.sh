#!/usr/bin/env bash
# Back-test of the report's forecast (docs/reports.md): on the demo data,
# forecast hires to the programme's end (December 2018) from the data up
# to each earlier month, and hires in 2018 against its 500, and print the
# error against what happened as a Markdown table.
# Usage: scripts/report_backtest.sh BINARY
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" demo --db "$tmp/d.db" >/dev/null
"$bin" programme set --year-goal 2018=500 --db "$tmp/d.db" >/dev/null
for y in 2017 2018; do for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
  "$bin" report --month "$y-$m" --db "$tmp/d.db" >"$tmp/$y-$m.json"
done; done
python3 - "$tmp" <<'PY'
import json, sys, os
d = sys.argv[1]
load = lambda m: json.load(open(os.path.join(d, m + ".json")))
actual = load("2018-12")["hires"]["cumulative"]
year_actual = sum(t["hires"] for t in load("2018-12")["trend"] if t["month"].startswith("2018"))
print(f"Actual: {actual} hires by December 2018, {year_actual} decided in 2018.\n")
print("| data up to | hires so far | forecast Dec 2018 (10–90 %) | error | in interval | P(≥ 700) | 2018 forecast (10–90 %) | error | in interval |")
print("|---|---|---|---|---|---|---|---|---|")
errs, yerrs, cover, ycover = [], [], 0, 0
for y in (2017, 2018):
    for m in range(1, 13):
        key = f"{y}-{m:02d}"
        if key == "2018-12":
            continue
        f = load(key)["forecast"]
        e = f["end"]
        if e["median"] is None:
            continue
        err = e["median"] - actual
        inside = e["low"] <= actual <= e["high"]
        errs.append(abs(err)); cover += inside
        yr = f["year"]
        ycol = "| – | – | –"
        if yr["year"] == "2018":
            yerr = yr["median"] - year_actual
            yin = yr["low"] <= year_actual <= yr["high"]
            yerrs.append(abs(yerr)); ycover += yin
            ycol = f"| {yr['median']:.0f} ({yr['low']:.0f}–{yr['high']:.0f}) | {yerr:+.0f} | {'yes' if yin else 'no'}"
        print(f"| {key} | {e['hires_so_far']} | {e['median']:.0f} ({e['low']:.0f}–{e['high']:.0f}) | {err:+.0f} | {'yes' if inside else 'no'} | {e['probability']:.2f} {ycol} |")
print(f"\nEnd of programme: mean absolute error {sum(errs)/len(errs):.1f} hires over {len(errs)} origins, "
      f"actual inside the 80 % interval {cover} of {len(errs)} times. "
      f"2018: mean absolute error {sum(yerrs)/len(yerrs):.1f}, inside {ycover} of {len(yerrs)}.")
PY
