#!/usr/bin/env bash
# Browser tests: build a throw-away database (the demo set when the binary has
# `fairmatch demo`, else the import fixtures), add one user per role, start
# `fairmatch serve` on a free loopback port, and run the node:test scripts in
# this directory against it with Debian's chromium (playwright-core).
# Usage: tests/e2e/run.sh BINARY   (exit 0 only if every test passed)
# It installs nothing (scripts/deps.sh runs `npm ci` here), always stops the
# server it started, and gives up after FM_E2E_TIMEOUT seconds (default 600).
# FM_E2E_WEB=DIR serves web/ from disk instead of the embedded copy;
# FM_E2E_TESTS="a.test.mjs b.test.mjs" runs only those files (default: all).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ $# -eq 1 ] || { echo "usage: $0 BINARY" >&2; exit 2; }
bin=$1
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
[ -x "$bin" ] || { echo "e2e: $bin is not an executable" >&2; exit 2; }
chromium=${FM_CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "e2e: $chromium is missing (apt-get install chromium)" >&2; exit 1; }
[ -d "$here/node_modules/playwright-core" ] ||
  { echo "e2e: tests/e2e/node_modules is missing; run scripts/deps.sh (npm ci)" >&2; exit 1; }
command -v node >/dev/null || { echo "e2e: node is missing" >&2; exit 1; }
if ! "$bin" serve --help >/dev/null 2>&1; then
  echo "e2e: $bin has no 'serve' command" >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fm-e2e.XXXXXX")
server_pid=
tests_pid=
cleanup() {
  local rc=$?
  if [ -n "$tests_pid" ] && kill -0 "$tests_pid" 2>/dev/null; then
    kill -TERM "$tests_pid" 2>/dev/null || true
    wait "$tests_pid" 2>/dev/null || true
  fi
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "$rc" -ne 0 ] && [ -s "$tmp/server.log" ]; then
    echo "e2e: last lines of the server log:" >&2
    tail -n 30 "$tmp/server.log" >&2 || true
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

db=$tmp/e2e.db
if "$bin" demo --help >/dev/null 2>&1; then
  "$bin" demo --db "$db" >"$tmp/demo.log"
else
  # No demo command in this build: the demo set's own CSV files, imported.
  "$bin" import departments "$root/data/demo/departments.csv" --db "$db" >/dev/null
  "$bin" import seekers "$root/data/demo/seekers.csv" --db "$db" >/dev/null
fi

# Two departments for the fair the test plans: the manager's own (A) and
# another one (B) whose candidates the manager must not see.
mapfile -t depts < <(sqlite3 -batch -noheader "$db" "SELECT id FROM departments ORDER BY id LIMIT 2")
[ "${#depts[@]}" -eq 2 ] || { echo "e2e: the database needs two departments" >&2; exit 1; }

pw_org="e2e-organiser-$RANDOM-pass"
pw_mgr="e2e-manager-$RANDOM-pass"
pw_steer="e2e-steering-$RANDOM-pass"
printf '%s\n' "$pw_org" | "$bin" user add --username e2e-org --role organiser --password-stdin --db "$db" >/dev/null
printf '%s\n' "$pw_mgr" | "$bin" user add --username e2e-mgr --role manager --department "${depts[0]}" \
  --password-stdin --db "$db" >/dev/null
printf '%s\n' "$pw_steer" | "$bin" user add --username e2e-steer --role steering --password-stdin --db "$db" >/dev/null
# A user users.test.mjs disables, resets and removes (nobody else logs in as it).
pw_spare="e2e-spare-$RANDOM-pass"
printf '%s\n' "$pw_spare" | "$bin" user add --username e2e-spare --role steering --password-stdin --db "$db" >/dev/null

# --port 0: the server picks a free port and prints it; no race with others.
# FM_E2E_WEB=DIR serves the UI from DIR (while developing) instead of the
# copy built into the binary.
web_args=()
[ -n "${FM_E2E_WEB:-}" ] && web_args=(--web "$FM_E2E_WEB")
"$bin" serve --db "$db" --port 0 --bind 127.0.0.1 "${web_args[@]}" >"$tmp/server.log" 2>&1 &
server_pid=$!
base=
for _ in $(seq 1 150); do
  base=$(sed -n 's|^fairmatch: serving \(http://127\.0\.0\.1:[0-9]*\)/.*|\1|p' "$tmp/server.log" | head -n 1)
  [ -n "$base" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
[ -n "$base" ] || { echo "e2e: the server did not start" >&2; exit 1; }
echo "e2e: server at $base (db from $([ -s "$tmp/demo.log" ] && echo demo || echo fixtures))"

mkdir -p "$here/artifacts"
export FM_BASE_URL=$base FM_CHROMIUM=$chromium FM_ARTIFACTS=$here/artifacts FM_WEB_DIR=$root/web
export FM_DEPT_A=${depts[0]} FM_DEPT_B=${depts[1]}
export FM_ORG_USER=e2e-org FM_ORG_PASS=$pw_org
export FM_MGR_USER=e2e-mgr FM_MGR_PASS=$pw_mgr
export FM_STEER_USER=e2e-steer FM_STEER_PASS=$pw_steer
export FM_SPARE_USER=e2e-spare FM_SPARE_PASS=$pw_spare
export FM_E2E_TMP=$tmp
# The register test reads it (sqlite3) to prove a personal number it set is
# stored, and then that no page shows it.
export FM_DB=$db

cd "$here"
# In the background and waited for, so that a signal to this script runs the
# trap at once (bash defers traps while a foreground child runs).
# Every *.test.mjs here, or only the files FM_E2E_TESTS names.
if [ -n "${FM_E2E_TESTS:-}" ]; then
  read -r -a files <<<"$FM_E2E_TESTS"
else
  files=(*.test.mjs)
fi
timeout --kill-after=10 "${FM_E2E_TIMEOUT:-600}" \
  node --test --test-concurrency=1 "${files[@]}" &
tests_pid=$!
wait "$tests_pid"
