#!/usr/bin/env bash
# `make demo`: build the demo database afresh from the data set compiled into
# the binary (data/demo), print what it holds, then serve it on 127.0.0.1
# (port 8080 or the next free one) when this build has the web server.
# FM_BIN and FM_DEMO_DB override the binary and the database path;
# FM_DEMO_NO_SERVE=1 stops after printing.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${FM_BIN:-build/dev/fairmatch}
db=${FM_DEMO_DB:-build/demo.db}

[ -x "$bin" ] || { echo "demo: $bin is missing; run 'make build' first" >&2; exit 1; }
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db-wal" "$db-shm"
"$bin" demo --db "$db" >"$db.log"

echo "demo: database $db"
echo
printf '  %-18s %8s\n' table rows
for t in $(sqlite3 -batch -noheader "$db" \
  "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
  printf '  %-18s %8s\n' "$t" "$(sqlite3 -batch -noheader "$db" "SELECT count(*) FROM \"$t\"")"
done
echo
sqlite3 -batch -noheader -separator ' ' "$db" "
  SELECT '  programme: goal ' || goal || ', ' || start_date || ' to ' || end_date FROM programme;
  SELECT '  hires ' || substr(e.decision_date, 1, 4) || ': ' || count(*) || ', women '
         || printf('%.1f%%', 100.0 * sum(s.gender = 'woman') / count(*))
  FROM employments e JOIN seekers s ON s.id = e.seeker_id
  GROUP BY substr(e.decision_date, 1, 4) ORDER BY substr(e.decision_date, 1, 4);
  SELECT '  next fair: ' || f.id || ' on ' || f.date || ' (' || f.status || '), '
         || (SELECT count(*) FROM positions p WHERE p.fair_id = f.id) || ' positions, '
         || (SELECT count(*) FROM invitations i WHERE i.fair_id = f.id) || ' invited'
  FROM fairs f WHERE f.status = 'planned' ORDER BY f.date;"
logins=$(grep '^login:' "$db.log" || true)
rm -f "$db.log"

if [ "${FM_DEMO_NO_SERVE:-0}" = 1 ]; then
  exit 0
fi
if ! "$bin" serve --help >/dev/null 2>&1; then
  echo
  echo "demo: the web UI is not there yet (this build has no 'fairmatch serve');"
  echo "      try the CLI on $db, e.g. '$bin --help'."
  exit 0
fi

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=8080
while port_busy "$port"; do
  port=$((port + 1))
  [ "$port" -lt 8180 ] || { echo "demo: no free port in 8080-8179" >&2; exit 1; }
done
echo
echo "demo: open http://127.0.0.1:$port/ and log in as"
if [ -n "$logins" ]; then
  echo "$logins" | sed 's/^login:/ /'
else
  echo "  (no demo users in this build: create one with 'fairmatch user add')"
fi
echo "demo: Ctrl-C stops the server"
exec "$bin" serve --db "$db" --bind 127.0.0.1 --port "$port"
