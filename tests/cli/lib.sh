# tests/cli/lib.sh - what the CLI test scripts share: one way to fail, the
# expectations they repeat, a scratch directory removed on every exit, a
# watchdog, and a `fairmatch serve` started on a free port and stopped on
# every exit path. Each tests/cli/test_*.sh sources it first:
#
#   . "$(dirname "$0")/lib.sh"    # after `set -u` or `set -euo pipefail`
#
# It reads the script's arguments (ctest passes the binary and the source
# root) and sets:
#   bin   the fairmatch binary, an absolute path ($1)
#   src   the source root ($2, may be empty)
#   tmp   a fresh directory, removed on exit
# The script's exit status is 1 when any check failed, whatever its last
# command returned; the totals are printed last. Nothing here depends on
# what a test tests.

bin=$(realpath "$1")
src=${2:-}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fm-$(basename "$0" .sh).XXXXXX")
server=
url=
fm_failures=0
fm_watchdog=
fm_on_exit=()

# fail MESSAGE: report a failed check and go on; the script will exit 1.
fail() {
  echo "FAIL: $*" >&2
  fm_failures=$((fm_failures + 1))
}

# die MESSAGE: report a failed check and stop now (what follows depends on it).
die() {
  fail "$@"
  exit 1
}

# ok MESSAGE: report a passed check (scripts that list what they checked).
ok() { echo "ok: $*"; }

# on_exit COMMAND...: run COMMAND (one eval'd string) when the script ends, last registered first.
on_exit() { fm_on_exit+=("$*"); }

fm_exit() {
  local rc=$? i
  for ((i = ${#fm_on_exit[@]} - 1; i >= 0; i--)); do eval "${fm_on_exit[i]}" || true; done
  # `|| true` throughout: under set -e a failing command would end the trap early.
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -KILL "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  if [ -n "$fm_watchdog" ]; then
    pkill -P "$fm_watchdog" 2>/dev/null || true # its sleep
    kill "$fm_watchdog" 2>/dev/null || true
  fi
  rm -rf "$tmp"
  if [ "$fm_failures" -gt 0 ]; then
    echo "$(basename "$0"): $fm_failures check(s) failed" >&2
    exit 1
  fi
  exit "$rc"
}
trap fm_exit EXIT

# watchdog SECONDS: end the script (as a failure) if it runs longer.
watchdog() {
  trap 'die "timed out after '"$1"' s"' TERM
  # Its output goes nowhere, so that it holds no pipe of ctest's open.
  (sleep "$1" && kill -TERM $$) >/dev/null 2>&1 </dev/null &
  fm_watchdog=$!
}

# Run COMMAND... with its stdout in $tmp/out and its stderr in $tmp/err;
# fail unless it exits with STATUS. Returns 1 when it failed so.
fm_run_status() {
  local want=$1 got=0
  shift
  "$@" >"$tmp/out" 2>"$tmp/err" || got=$?
  [ "$got" -eq "$want" ] && return 0
  fail "$* exited $got, wanted $want: $(head -c 2000 "$tmp/err")"
  return 1
}

# expect_exit STATUS TEXT COMMAND...: COMMAND exits with STATUS and its stderr
# contains TEXT (any stderr when TEXT is empty). Its stdout and stderr stay
# in $tmp/out and $tmp/err for further checks.
expect_exit() {
  local want=$1 text=$2
  shift 2
  fm_run_status "$want" "$@" || return 0
  [ -z "$text" ] || grep -qF -- "$text" "$tmp/err" ||
    fail "$*: stderr lacks '$text': $(head -c 2000 "$tmp/err")"
}

# expect_err STATUS TEXT COMMAND...: as expect_exit, and stderr is exactly
# TEXT (less the last newline).
expect_err() {
  local want=$1 text=$2
  shift 2
  fm_run_status "$want" "$@" || return 0
  [ "$(cat "$tmp/err")" = "$text" ] ||
    fail "$*: stderr
got:  $(head -c 2000 "$tmp/err")
want: $text"
}

# expect_out TEXT COMMAND...: COMMAND exits 0 and prints exactly TEXT (less
# the last newline).
expect_out() {
  local want=$1 got rc=0
  shift
  got=$("$@" 2>"$tmp/err") || rc=$?
  if [ "$rc" -ne 0 ]; then
    fail "$* exited $rc: $(head -c 2000 "$tmp/err")"
  elif [ "$got" != "$want" ]; then
    fail "$*: got '$got', want '$want'"
  fi
}

# expect_eq WHAT GOT WANT: two strings are equal.
expect_eq() {
  [ "$2" = "$3" ] || fail "$1: got '$2', wanted '$3'"
}

# q DB SQL...: sqlite3 without headers, waiting for a writer's lock.
q() { sqlite3 -batch -noheader -cmd ".timeout 5000" "$@"; }

# add_user DB NAME ROLE PASSWORD [USER ADD OPTIONS...]: a login, or stop the script.
add_user() {
  local db=$1 name=$2 role=$3 pw=$4
  shift 4
  "$bin" user add --username "$name" --role "$role" --password-stdin --db "$db" "$@" \
    <<<"$pw" >/dev/null 2>"$tmp/err" || die "user add $name: $(cat "$tmp/err")"
}

# start_server DB [SERVE OPTIONS...]: `fairmatch serve` on a free port (--port
# 0) with the options given; sets $server (pid) and $url
# (ending in '/'). Its stdout and stderr go to $tmp/serve.out and
# $tmp/serve.err. Stops the script when no address line comes in 10 s.
start_server() {
  local db=$1
  shift
  "$bin" serve --db "$db" --port 0 "$@" </dev/null >"$tmp/serve.out" 2>"$tmp/serve.err" &
  server=$!
  url=
  for _ in $(seq 500); do
    url=$(sed -n 's/^fairmatch: serving \([^ ]*\) .*/\1/p' "$tmp/serve.out")
    [ -n "$url" ] && return 0
    kill -0 "$server" 2>/dev/null || break
    sleep 0.02
  done
  die "the server did not start: $(cat "$tmp/serve.err")"
}

# stop_server: SIGTERM, then check that the server exited 0.
stop_server() {
  local rc=0
  kill -TERM "$server" 2>/dev/null
  wait "$server" || rc=$?
  server=
  [ "$rc" -eq 0 ] || fail "the server exited $rc after SIGTERM"
}
