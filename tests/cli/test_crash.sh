#!/usr/bin/env bash
# Crash safety of the importer: kill -9 `fairmatch import` at random moments
# while it loads a seekers file over a database that already holds a third
# of those seekers. After every kill, PRAGMA integrity_check must say ok and
# the import must be all or nothing: either no row changed, or every row of
# the file is in (count and content). Bounded: runs until FM_CRASH_ITERATIONS
# (default 150; 30 in an ASan build) kills have hit a running import (at most twice as many runs),
# each from a fresh copy of the same starting database. With
# test_crash_server.sh's 50 kills of the server that makes 200 kills in the
# suite. The totals are printed on the last line for docs/reliability.md.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
# A sanitizer build is several times slower; `make test` runs the full count
# in the dev build and a smoke run of 30 kills in the ASan build.
if ldd "$bin" 2>/dev/null | grep -q libasan; then default_kills=30; else default_kills=150; fi
iterations=${FM_CRASH_ITERATIONS:-$default_kills}
rows=${FM_CRASH_ROWS:-300}
cd "$tmp"
now_ms() { date +%s%3N; }

if ! "$bin" import --help >/dev/null 2>&1; then
  die "no 'fairmatch import' command in this build"
fi

# Start: a third as many seekers as the file has, named Old; the file brings
# $rows seekers named New, the first third the same ids (updates), the rest
# new rows.
base=$((rows / 3))
"$bin" init --db base.db >/dev/null
q base.db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $base)
  INSERT INTO seekers(id, first_name, last_name, gender, registered)
  SELECT printf('S-%06d', i), 'Old', 'Before', 'man', '2017-01-01' FROM n;
  PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
awk -v n="$rows" 'BEGIN {
  print "id;first_name;last_name;gender;birth_year;eligibility;interests;swedish_level;driving_licence;registered"
  for (i = 1; i <= n; i++)
    printf "S-%06d;New;After%d;%s;%d;etablering;5312|5311;%d;ja;2018-%02d-%02d\n",
      i, i, (i % 2 ? "kvinna" : "man"), 1960 + i % 40, i % 6, 1 + i % 12, 1 + i % 28
}' >big.csv

# Calibrate: the median of three uninterrupted imports.
spans=()
for r in 1 2 3; do
  rm -f full.db full.db-wal full.db-shm
  cp base.db full.db
  t0=$(now_ms)
  "$bin" import seekers big.csv --db full.db >/dev/null || die "uninterrupted import failed"
  spans+=($(($(now_ms) - t0)))
done
span=$(printf '%s\n' "${spans[@]}" | sort -n | sed -n 2p)
[ "$(q full.db 'SELECT count(*) FROM seekers')" = "$rows" ] || die "uninterrupted import incomplete"
[ "$(q full.db "SELECT count(*) FROM seekers WHERE first_name = 'New'")" = "$rows" ] ||
  die "uninterrupted import did not update"
# kill anywhere from the start to the usual end (the process start included)
window=$((span + 5))

# Iterate until $iterations kills have hit a running import (an import that
# finished before its kill is checked too, but does not count), at most
# twice as many attempts.
before=0 after=0 finished=0 killed=0 attempts=0
start=$(now_ms)
while [ "$killed" -lt "$iterations" ] && [ "$attempts" -lt $((2 * iterations)) ]; do
  attempts=$((attempts + 1))
  k=$attempts
  rm -f work.db work.db-wal work.db-shm
  cp base.db work.db
  delay=$((RANDOM * 32768 + RANDOM))
  delay=$((delay % window))
  "$bin" import seekers big.csv --db work.db >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  kill -9 "$pid" 2>/dev/null || true
  st=0
  wait "$pid" 2>/dev/null || st=$?
  case $st in
    0) finished=$((finished + 1)) ;;
    137) killed=$((killed + 1)) ;;
    *) die "attempt $k: import exited $st before the kill" ;;
  esac
  # one sqlite3 run: it recovers the WAL, checks, then counts
  read -r ic total new < <(q -separator ' ' work.db "SELECT (SELECT group_concat(integrity_check, '; ')
    FROM pragma_integrity_check), count(*), coalesce(sum(first_name = 'New'), 0) FROM seekers")
  [ "$ic" = ok ] || die "attempt $k (kill after ${delay} ms): integrity_check: $ic"
  if [ "$total" = "$base" ] && [ "$new" = 0 ]; then
    before=$((before + 1))
  elif [ "$total" = "$rows" ] && [ "$new" = "$rows" ]; then
    after=$((after + 1))
  else
    die "attempt $k (kill after ${delay} ms): half an import: $total rows, $new updated"
  fi
done
[ "$killed" -ge "$iterations" ] || die "only $killed of $attempts kills hit a running import"
elapsed=$(($(now_ms) - start))
echo "crash: $attempts runs of 'fairmatch import seekers' ($rows rows over $base, ${span} ms" \
  "uninterrupted, kill at 0-${window} ms): $killed killed mid-run, $finished finished first;" \
  "integrity ok $attempts/$attempts; nothing imported $before, all imported $after," \
  "half-imported 0; ${elapsed} ms"
