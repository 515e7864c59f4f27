#!/usr/bin/env bash
# bench/load/run.sh - load test of `fairmatch serve` with wrk (issue 7):
# builds a demo database in a temporary folder, creates one organiser, logs in
# with curl, then runs wrk against two read endpoints with the session cookie
#   GET /api/fairs/{id}/schedule   (the fair with the most interviews)
#   GET /api/reports/monthly?month=2018-11
#   GET /api/departments            (a light read, for comparison)
# with the server's CPU time per request (from /proc), and an overload run at twice the server's connection limit, after which it
# measures how long until the server answers again. Prints one line per run
# and a verdict per target; exits 1 if a target was missed, 2 on setup errors.
# It never touches a database outside its temporary folder.
#
# Usage: bench/load/run.sh [FAIRMATCH_BINARY]   (default build/release/fairmatch)
# Environment (defaults): LOAD_SECONDS=15, LOAD_CONNECTIONS=32, LOAD_THREADS=2,
#   OVERLOAD_CONNECTIONS=512 (2 x the server's default connection limit 256),
#   OVERLOAD_SECONDS=10, LOAD_MONTH=2018-11, SERVE_THREADS (serve's default 4).
# Targets: >= 2000 requests/s, p99 <= 50 ms, 0 errors on a read endpoint;
# after the overload the process is alive and answers within 5 s.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$root/build/release/fairmatch}
secs=${LOAD_SECONDS:-15}
conns=${LOAD_CONNECTIONS:-32}
wthreads=${LOAD_THREADS:-2}
over=${OVERLOAD_CONNECTIONS:-512}
over_secs=${OVERLOAD_SECONDS:-10}
month=${LOAD_MONTH:-2018-11}
lua=$root/bench/load/summary.lua

die() { echo "load: $*" >&2; exit 2; }
[ -x "$bin" ] || die "$bin is missing (make release, or pass the binary)"
command -v wrk >/dev/null || die "wrk is not installed (apt-get install wrk)"
command -v curl >/dev/null || die "curl is not installed"
command -v sqlite3 >/dev/null || die "sqlite3 is not installed"

# shellcheck source=bench/load/common.sh
. "$root/bench/load/common.sh"
bench_tmp fm-load

db=$tmp/load.db
# The demo municipality when this build has it (fair days with interviews);
# else the same CSVs through the importer (no interviews, so smaller answers).
if "$bin" demo --help >/dev/null 2>&1; then
  "$bin" demo --db "$db" >"$tmp/demo.log" 2>&1 || die "fairmatch demo failed: $(tail -3 "$tmp/demo.log")"
  dbsrc="fairmatch demo"
else
  for kind in departments seekers fairs positions employments; do
    "$bin" import "$kind" "$root/data/demo/$kind.csv" --db "$db" >>"$tmp/demo.log" 2>&1 ||
      die "import $kind failed: $(tail -3 "$tmp/demo.log")"
  done
  dbsrc="import of data/demo/*.csv (no interviews: this build has no 'fairmatch demo')"
fi
fair=$(sqlite3 -batch -noheader "$db" \
  "SELECT f.id FROM fairs f LEFT JOIN interviews i ON i.fair_id = f.id
   GROUP BY f.id ORDER BY count(i.id) DESC, f.id LIMIT 1") || die "no fair in $db"
[ -n "$fair" ] || die "no fair in $db"
ninterviews=$(sqlite3 -batch -noheader "$db" "SELECT count(*) FROM interviews WHERE fair_id = '$fair'")

password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$password" | "$bin" user add --username loadtest --role organiser \
  --password-stdin --db "$db" >/dev/null || die "user add failed"

serve_args=(serve --db "$db" --bind 127.0.0.1 --port 0)
[ -n "${SERVE_THREADS:-}" ] && serve_args+=(--threads "$SERVE_THREADS")
"$bin" "${serve_args[@]}" >"$tmp/serve.out" 2>"$tmp/serve.err" &
server=$!
url=
for _ in $(seq 100); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$tmp/serve.out" 2>/dev/null | head -1)
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || die "serve exited: $(cat "$tmp/serve.err")"
  sleep 0.1
done
[ -n "$url" ] || die "serve printed no address within 10 s"

curl -s -D "$tmp/login.h" -o "$tmp/login.json" -H 'Content-Type: application/json' \
  --data-binary "{\"username\":\"loadtest\",\"password\":\"$password\"}" "$url/api/login" ||
  die "login request failed"
cookie=$(grep -io 'fm_session=[0-9a-f]*' "$tmp/login.h" | head -1)
[ -n "$cookie" ] || die "login gave no session cookie: $(cat "$tmp/login.json")"
export FM_COOKIE=$cookie

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat" 2>/dev/null || echo 0; }
status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 -H "Cookie: $cookie" "$url$1"; }

echo "load: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "load: binary $bin; database: $dbsrc"
echo "load: server $url (threads ${SERVE_THREADS:-default}); wrk -t$wthreads -c$conns -d${secs}s"
fail=0
declare -A res
run_wrk() { # label path connections seconds
  local label=$1 path=$2 c=$3 s=$4 st line t0 t1 n
  st=$(status_of "$path")
  t0=$(cpu_ticks)
  line=$(wrk -t"$wthreads" -c"$c" -d"${s}s" --timeout 5s -s "$lua" "$url$path" 2>&1 | grep '^RESULT')
  t1=$(cpu_ticks)
  n=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<<"$line")
  # Server CPU (user + system) per request: what the box must supply per answer.
  line="$line server_cpu_ms=$(awk -v a="$t0" -v b="$t1" -v n="${n:-0}" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { if (n > 0) printf "%.3f", (b - a) * 1000 / hz / n; else print "?" }')"
  res[$label]=$line
  printf '%-11s GET %s (first answer %s, %s connections): %s\n' "$label" "$path" "$st" "$c" \
    "${line#RESULT }"
  [ "$st" = 200 ] || { echo "load: $label: GET $path answers $st, not 200" >&2; fail=1; }
}
field() { sed -n "s/.* $2=\\([^ ]*\\).*/\\1/p" <<<" ${res[$1]}"; }
check_target() { # label
  local rps p99 err
  rps=$(field "$1" rps) p99=$(field "$1" p99_ms) err=$(field "$1" errors)
  if [ -z "$rps" ]; then
    echo "target $1: NO RESULT"; fail=1; return
  fi
  if awk -v r="$rps" -v p="$p99" -v e="$err" 'BEGIN { exit !(r >= 2000 && p <= 50 && e == 0) }'; then
    echo "target $1: met ($rps req/s >= 2000, p99 $p99 ms <= 50, errors $err)"
  else
    echo "target $1: MISSED ($rps req/s, p99 $p99 ms, errors $err; want >= 2000, <= 50 ms, 0)"
    fail=1
  fi
}

echo "load: fair $fair with $ninterviews interviews"
run_wrk schedule "/api/fairs/$fair/schedule" "$conns" "$secs"
run_wrk report "/api/reports/monthly?month=$month" "$conns" "$secs"
run_wrk departments "/api/departments" "$conns" "$secs"
check_target schedule
check_target report
check_target departments

# Overload: twice the connection limit. The per-address limit (64) applies
# first from one client address; refused connections count as wrk errors.
run_wrk overload "/api/fairs/$fair/schedule" "$over" "$over_secs"
t0=$(date +%s.%N)
back=
for _ in $(seq 100); do
  kill -0 "$server" 2>/dev/null || break
  if [ "$(status_of /api/me)" = 200 ]; then back=$(date +%s.%N); break; fi
  sleep 0.05
done
if ! kill -0 "$server" 2>/dev/null; then
  echo "target overload: MISSED (the server died: $(tail -3 "$tmp/serve.err"))"; fail=1
elif [ -z "$back" ]; then
  echo "target overload: MISSED (no 200 from GET /api/me within 5 s after the overload)"; fail=1
else
  echo "target overload: met (alive; GET /api/me answered 200 $(awk -v a="$t0" -v b="$back" \
    'BEGIN { printf "%.2f", b - a }') s after wrk stopped)"
  run_wrk after "/api/fairs/$fair/schedule" "$conns" 5
fi
errlines=$(grep -vcE '^(GET|POST|PUT|DELETE|HEAD) /' "$tmp/serve.err")
echo "load: server stderr: $(wc -l <"$tmp/serve.err") lines, $errlines other than access-log lines"
[ "$errlines" -gt 0 ] && grep -vE '^(GET|POST|PUT|DELETE|HEAD) /' "$tmp/serve.err" | sort | uniq -c | head -5
exit $fail
