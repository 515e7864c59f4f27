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
. "$(dirname "$0")/lib.sh"
watchdog 120

db=$tmp/t.db
pw='correct horse battery'
"$bin" init --db "$db" >/dev/null || die "init failed"
sqlite3 "$db" "INSERT INTO departments VALUES ('UBF','Utbildning',100,2);"
add_user "$db" org organiser "$pw"
# A manager without a department, a steering user with one, an unknown
# department, a taken username.
expect_exit 2 "" "$bin" user add --username m --role manager --password-stdin --db "$db" <<<"$pw"
expect_exit 2 "" "$bin" user add --username s --role steering --department UBF --password-stdin \
  --db "$db" <<<"$pw"
expect_exit 2 "" "$bin" user add --username m --role manager --department NOPE --password-stdin \
  --db "$db" <<<"$pw"
expect_exit 2 "" "$bin" user add --username org --role organiser --password-stdin --db "$db" <<<"$pw"
out=$("$bin" user list --db "$db")
case "$out" in *argon2*) fail "user list shows a hash" ;; *org*organiser*) ok "user list" ;; *) fail "user list: $out" ;; esac

start_server "$db" --quiet
case "$url" in http://127.0.0.1:[1-9]*/) ok "prints its address: $url" ;; *) fail "address line: '$url'" ;; esac
code=$(curl -s -o /dev/null -w '%{http_code}' "$url")
expect_eq "GET / over HTTP" "$code" 200
stop_server

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 1 \
  -subj /CN=127.0.0.1 >/dev/null 2>&1 || die "openssl failed"
start_server "$db" --quiet --tls-cert "$tmp/cert.pem" --tls-key "$tmp/key.pem"
case "$url" in https://127.0.0.1:*) ok "TLS address: $url" ;; *) fail "TLS address: '$url' $(cat "$tmp/serve.err")" ;; esac
code=$(curl -sk -o /dev/null -w '%{http_code}' "$url")
expect_eq "GET / over TLS" "$code" 200
cookie=$(curl -sk -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"username\":\"org\",\"password\":\"$pw\"}" "${url}api/login" | tr -d '\r' | grep -i '^set-cookie:')
case "$cookie" in *"; Secure"*) ok "session cookie is Secure under TLS" ;; *) fail "cookie: $cookie" ;; esac
curl -sk --tlsv1.1 --tls-max 1.1 -o /dev/null "$url" 2>/dev/null
code=$?
if [ "$code" -ne 0 ]; then ok "TLS 1.1 refused (curl $code)"; else fail "TLS 1.1 accepted"; fi
plain=${url/https:/http:}
code=$(curl -s -m 5 -o /dev/null -w '%{http_code}' "$plain" 2>/dev/null)
if [ "$code" != 200 ]; then ok "plain HTTP on the TLS port gets no answer ($code)"; else fail "plain HTTP answered"; fi
stop_server

"$bin" serve --db "$db" --port 0 --tls-cert "$tmp/cert.pem" >/dev/null 2>"$tmp/err" &&
  fail "a lone --tls-cert started a server"
expect_exit 2 "none.pem" "$bin" serve --db "$db" --port 0 --tls-cert "$tmp/none.pem" \
  --tls-key "$tmp/key.pem"
expect_exit 2 "--port" "$bin" serve --db "$db" --port 70000
