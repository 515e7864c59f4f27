#!/usr/bin/env bash
# The forecast back-test table in docs/reports.md is what the program
# prints now (scripts/report_backtest.sh on the demo): a change to the
# forecast or the demo must update the docs.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
"$bin" demo --help >/dev/null 2>&1 || { echo "skip: no demo command"; exit 0; }
bash "$src/scripts/report_backtest.sh" "$bin" >"$tmp/now.md"
sed -n '/<!-- backtest:begin -->/,/<!-- backtest:end -->/p' "$src/docs/reports.md" |
  sed '1d;$d' >"$tmp/docs.md"
diff -u "$tmp/docs.md" "$tmp/now.md" || die "docs/reports.md back-test is stale"
echo ok
