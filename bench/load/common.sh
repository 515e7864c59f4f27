# bench/load/common.sh - sourced by the load benches (run.sh,
# slow_clients.sh): the temporary folder each works in and the exit trap
# that stops the server it started (its pid in $server) and removes the
# folder. What a bench measures stays in its own script.

# Make $tmp (mktemp -d, named PREFIX.XXXXXX) and arm the traps; $server starts empty.
bench_tmp() { # prefix
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  server=
  trap bench_cleanup EXIT
  trap 'exit 2' INT TERM
}

# TERM the server, KILL it after 5 s, then remove $tmp.
bench_cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server" 2>/dev/null
  fi
  rm -rf "$tmp"
}
