#!/usr/bin/env bash
# Crash safety of the server: a client writes records through the JSON API
# (POST /api/departments, one new id per request) while `fairmatch serve` is
# killed with SIGKILL at a random moment; after every kill, PRAGMA
# integrity_check must say ok and every write the client was told succeeded
# (201) must be in the database. FM_CRASH_SERVER_ITERATIONS kills (default
# 50; 10 in an ASan build); the totals are printed on the last line for
# docs/reliability.md.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
# `make test` runs the full count in the dev build, 10 kills in the ASan build.
if ldd "$bin" 2>/dev/null | grep -q libasan; then default_kills=10; else default_kills=50; fi
iterations=${FM_CRASH_SERVER_ITERATIONS:-$default_kills}
client=
on_exit '[ -z "$client" ] || kill "$client" 2>/dev/null'
cd "$tmp"
now_ms() { date +%s%3N; }

"$bin" init --db s.db >/dev/null
add_user s.db org organiser crash-test-password-1

# Log in once: sessions live in the database, so the cookie and CSRF token
# stay valid across the restarts (argon2id takes long enough that logging in
# anew each time would leave little time for writes before the kill).
login() {
  csrf=$(curl -s -c jar -H 'Content-Type: application/json' \
    -d '{"username":"org","password":"crash-test-password-1"}' "http://127.0.0.1:$port/api/login" |
    sed -n 's/.*"csrf_token": *"\([0-9a-f]*\)".*/\1/p')
  [ -n "$csrf" ] || die "login failed"
}

# client: one curl process sends up to 200 POSTs on a kept-alive
# connection, writing "<status> <id>" after each; the ids with 201 are the
# acknowledged writes. Once the server is gone the rest fail at once.
client_prepare() {
  awk -v k="$1" -v port="$port" -v csrf="$csrf" 'BEGIN {
    for (n = 1; n <= 200; n++) {
      printf "url = \"http://127.0.0.1:%s/api/departments\"\n", port
      printf "data = \"{\\\"id\\\":\\\"K%d-%d\\\",\\\"name\\\":\\\"Kill %d write %d\\\",\\\"employees\\\":%d}\"\n", k, n, k, n, n
      printf "header = \"Content-Type: application/json\"\nheader = \"X-CSRF-Token: %s\"\n", csrf
      printf "cookie = \"jar\"\noutput = \"/dev/null\"\nwrite-out = \"%%{http_code} K%d-%d\\n\"\n", k, n
      if (n < 200) print "next"
    }
  }' >client.cfg
}
client_collect() {
  awk '$1 == 201 { print $2 }' client.out >>acked.txt
  awk '$1 != 201 && $1 != "000" { print "unexpected " $0 }' client.out | head -3 >client.err
}

: >acked.txt
start=$(now_ms)
for ((k = 1; k <= iterations; k++)); do
  start_server s.db --bind 127.0.0.1 --quiet
  port=$(sed -n 's|^http://127.0.0.1:\([0-9]*\)/$|\1|p' <<<"$url")
  [ -n "${csrf:-}" ] || login
  client_prepare "$k"
  curl -s -K client.cfg >client.out 2>/dev/null &
  client=$!
  delay=$((RANDOM % 300 + 20))
  sleep "$(printf '0.%03d' "$delay")"
  kill -9 "$server"
  wait "$server" 2>/dev/null || true
  server=
  wait "$client" 2>/dev/null || true
  client=
  client_collect
  [ ! -s client.err ] || die "iteration $k: $(cat client.err)"
  # one sqlite3 run: recover the WAL, check, list what is stored
  q s.db "PRAGMA integrity_check; SELECT id FROM departments" >state.txt
  ic=$(head -1 state.txt)
  [ "$ic" = ok ] || die "iteration $k: integrity_check: $ic"
  missing=$(tail -n +2 state.txt | sort | comm -13 - <(sort acked.txt) | head -5)
  [ -z "$missing" ] || die "iteration $k: acknowledged but lost: $missing"
done
acked=$(wc -l <acked.txt)
stored=$(q s.db "SELECT count(*) FROM departments WHERE id LIKE 'K%'")
echo "crash-server: $iterations kills of 'fairmatch serve' during POST /api/departments:" \
  "integrity ok $iterations/$iterations; acknowledged writes $acked, all present;" \
  "stored $stored (the rest were in flight); $(($(now_ms) - start)) ms"
