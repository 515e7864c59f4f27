#!/usr/bin/env bash
# test_serve.sh - `fairmatch serve` and `fairmatch user` as a user runs them:
#   - --port 0 prints the address it really listens on, and `GET /` answers;
#   - HTTPS with --tls-cert/--tls-key: the UI and the API answer over TLS 1.2+,
#     the session cookie is Secure, TLS 1.1 and plain HTTP are refused;
#   - option errors (a lone --tls-cert, a missing file, a bad port) exit 2 or 1
#     with a message and no server;
#   - `user add` refuses a manager without a department and a steering user
#     with one; `user list` shows no password hash;
#   - SIGTERM stops the server with status 0.
# Usage: test_serve.sh FAIRMATCH_BINARY SOURCE_ROOT. Bounded by a 120 s watchdog.
set -uo pipefail
bin=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fm-serve.XXXXXX")
server=
watchdog=
fails=0
cleanup() {
  [ -n "$watchdog" ] && kill "$watchdog" 2>/dev/null
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -KILL "$server" 2>/dev/null
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
(sleep 120 && kill -TERM $$) >/dev/null 2>&1 &
watchdog=$!

ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
expect() { # expect WANT GOT what
  if [ "$1" = "$2" ]; then ok "$3: $2"; else bad "$3: wanted $1, got $2"; fi
}

db=$tmp/t.db
pw='correct horse battery'
"$bin" init --db "$db" >/dev/null || { echo "init failed"; exit 1; }
sqlite3 "$db" "INSERT INTO departments VALUES ('UBF','Utbildning',100,2);"
printf '%s\n' "$pw" | "$bin" user add --username org --role organiser --password-stdin --db "$db" >/dev/null
expect 0 $? "user add organiser"
printf '%s\n' "$pw" | "$bin" user add --username m --role manager --password-stdin --db "$db" 2>/dev/null
expect 2 $? "user add manager without --department"
printf '%s\n' "$pw" | "$bin" user add --username s --role steering --department UBF --password-stdin --db "$db" 2>/dev/null
expect 2 $? "user add steering with a department"
printf '%s\n' "$pw" | "$bin" user add --username m --role manager --department NOPE --password-stdin --db "$db" 2>/dev/null
expect 2 $? "user add manager of an unknown department"
printf '%s\n' "$pw" | "$bin" user add --username org --role organiser --password-stdin --db "$db" 2>/dev/null
expect 2 $? "user add of a taken username"
out=$("$bin" user list --db "$db")
case "$out" in *argon2*) bad "user list shows a hash" ;; *org*organiser*) ok "user list" ;; *) bad "user list: $out" ;; esac

# Start serve with the given options; sets $server and $url.
start() {
  : >"$tmp/out"
  "$bin" serve --db "$db" --port 0 --quiet "$@" >"$tmp/out" 2>"$tmp/err" &
  server=$!
  url=
  for _ in $(seq 100); do
    url=$(sed -n 's/^fairmatch: serving \([^ ]*\) .*/\1/p' "$tmp/out")
    [ -n "$url" ] && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
}
stop() {
  kill -TERM "$server" 2>/dev/null
  wait "$server"
  expect 0 $? "exit status after SIGTERM"
  server=
}

start
case "$url" in http://127.0.0.1:[1-9]*/) ok "prints its address: $url" ;; *) bad "address line: '$url'" ;; esac
code=$(curl -s -o /dev/null -w '%{http_code}' "$url")
expect 200 "$code" "GET / over HTTP"
stop

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 1 \
  -subj /CN=127.0.0.1 >/dev/null 2>&1 || { echo "openssl failed"; exit 1; }
start --tls-cert "$tmp/cert.pem" --tls-key "$tmp/key.pem"
case "$url" in https://127.0.0.1:*) ok "TLS address: $url" ;; *) bad "TLS address: '$url' $(cat "$tmp/err")" ;; esac
code=$(curl -sk -o /dev/null -w '%{http_code}' "$url")
expect 200 "$code" "GET / over TLS"
cookie=$(curl -sk -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"username\":\"org\",\"password\":\"$pw\"}" "${url}api/login" | tr -d '\r' | grep -i '^set-cookie:')
case "$cookie" in *"; Secure"*) ok "session cookie is Secure under TLS" ;; *) bad "cookie: $cookie" ;; esac
curl -sk --tlsv1.1 --tls-max 1.1 -o /dev/null "$url" 2>/dev/null
code=$?
if [ "$code" -ne 0 ]; then ok "TLS 1.1 refused (curl $code)"; else bad "TLS 1.1 accepted"; fi
plain=${url/https:/http:}
code=$(curl -s -m 5 -o /dev/null -w '%{http_code}' "$plain" 2>/dev/null)
if [ "$code" != 200 ]; then ok "plain HTTP on the TLS port gets no answer ($code)"; else bad "plain HTTP answered"; fi
stop

"$bin" serve --db "$db" --port 0 --tls-cert "$tmp/cert.pem" >/dev/null 2>"$tmp/err"
expect 1 $(( $? != 0 )) "a lone --tls-cert fails"
"$bin" serve --db "$db" --port 0 --tls-cert "$tmp/none.pem" --tls-key "$tmp/key.pem" >/dev/null 2>"$tmp/err"
expect 2 $? "a missing certificate file"
grep -q "none.pem" "$tmp/err" && ok "the message names the file" || bad "message: $(cat "$tmp/err")"
"$bin" serve --db "$db" --port 70000 >/dev/null 2>&1
expect 2 $? "--port 70000"

if [ "$fails" -ne 0 ]; then echo "test_serve: $fails checks failed"; exit 1; fi
echo "test_serve: all checks passed"
