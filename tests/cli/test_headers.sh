#!/usr/bin/env bash
# test_headers.sh - security checks of the real `fairmatch serve` binary with
# curl (issue 7), the parts the in-process Criterion suites
# (tests/integration/test_http_security.c) do not already cover:
#   - `user add` refuses a password under 12 characters and creates nothing;
#   - the security headers (CSP, nosniff, no-referrer, no Server banner) on
#     every kind of answer: 200 API and static, 401, 403, 404, 405, 413, 415, 429;
#   - 413 for an oversized body sent chunked, on the unauthenticated login, and
#     for a huge Content-Length without reading the body;
#   - a foreign Origin on a state-changing call with a valid session and CSRF
#     token is refused with 403 and changes nothing (the same call from the own
#     origin succeeds);
#   - logout's clearing cookie keeps HttpOnly; SameSite=Strict; Path=/;
#   - nothing the server or the importer prints contains a password, a session
#     id, a CSRF token or a personal number (login, failed logins, a seeker
#     import with a personal number, reading and setting it over the API);
#   - SIGTERM stops the server with status 0.
# Usage: test_headers.sh FAIRMATCH_BINARY SOURCE_ROOT. Bounded: a watchdog
# ends the test after 150 s and the server is stopped on every exit path.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
watchdog 150

db=$tmp/t.db
pw_org='a long and secret passphrase'
pw_victim='victim passphrase 123'
pw_wrong='not the right passphrase'
pnr12=191212121212 # Skatteverket's synthetic test number 19121212-1212 (valid Luhn)
pnr_bad=191212121213

# ---- user add: the password rule ----
printf '%s\n' 'elevenchars' | "$bin" user add --username shorty --role organiser \
  --password-stdin --db "$db" >"$tmp/ua.out" 2>"$tmp/ua.err"
st=$?
if [ "$st" -eq 2 ] && grep -q '12' "$tmp/ua.err"; then
  ok "user add refuses an 11-character password (exit 2: $(head -1 "$tmp/ua.err"))"
else
  fail "user add with an 11-character password: exit $st, stderr: $(cat "$tmp/ua.err")"
fi
printf '%s\n' 'twelve chars' | "$bin" user add --username twelve --role steering \
  --password-stdin --db "$db" >/dev/null 2>"$tmp/ua12.err" ||
  fail "user add refused a 12-character password: $(cat "$tmp/ua12.err")"
"$bin" user list --db "$db" >"$tmp/users.txt" 2>&1
if grep -q shorty "$tmp/users.txt" || ! grep -q twelve "$tmp/users.txt"; then
  fail "user list after the refusal: $(cat "$tmp/users.txt")"
else
  ok "the refused user was not created; 12 characters are accepted"
fi
grep -q 'argon2' "$tmp/users.txt" && fail "user list shows a password hash"

for u in org:organiser:"$pw_org" victim:organiser:"$pw_victim"; do
  IFS=: read -r name role pw <<<"$u"
  printf '%s\n' "$pw" | "$bin" user add --username "$name" --role "$role" --password-stdin \
    --db "$db" >>"$tmp/cli.log" 2>&1 || die "user add $name"
done

# ---- the importer with a personal number (output goes into the log check) ----
printf 'id,name,employees\nUBF,Utbildning,100\n' >"$tmp/dep.csv"
printf 'id,first_name,last_name,gender,personal_number\nLX1,Test,Testsson,woman,19121212-1212\n' \
  >"$tmp/seekers.csv"
printf 'id,first_name,last_name,gender,personal_number\nLX2,Test,Fel,woman,%s\n' "$pnr_bad" \
  >"$tmp/seekers_bad.csv"
"$bin" import departments "$tmp/dep.csv" --db "$db" >>"$tmp/cli.log" 2>&1 || fail "import departments"
"$bin" import seekers "$tmp/seekers.csv" --db "$db" >>"$tmp/cli.log" 2>&1 || fail "import seekers"
"$bin" import seekers "$tmp/seekers_bad.csv" --db "$db" >>"$tmp/cli.log" 2>&1
[ $? -eq 2 ] || fail "import of a seeker with a wrong check digit did not exit 2"

# ---- start the server on a free loopback port ----
start_server "$db" --bind 127.0.0.1
url=${url%/}
port=${url##*:}

# req METHOD PATH [curl args...]: headers to $tmp/h, body to $tmp/b, prints the status.
req() {
  local m=$1 p=$2
  shift 2
  curl -s --max-time 10 -X "$m" -D "$tmp/h" -o "$tmp/b" -w '%{http_code}' "$@" "$url$p"
}
hdr() { tr -d '\r' <"$tmp/h" | sed -n "s/^$1: //Ip" | head -1; }
expect() { # label want got
  if [ "$2" = "$3" ]; then ok "$1: $3"; else fail "$1: want $2, got $3 ($(head -c 200 "$tmp/b"))"; fi
}
check_headers() { # label: the headers every answer must carry
  local csp
  csp=$(hdr Content-Security-Policy)
  [ "$csp" = "default-src 'self'; object-src 'none'; frame-ancestors 'none'" ] ||
    fail "$1: Content-Security-Policy is '$csp'"
  [ "$(hdr X-Content-Type-Options)" = nosniff ] || fail "$1: no X-Content-Type-Options: nosniff"
  [ "$(hdr Referrer-Policy)" = no-referrer ] || fail "$1: no Referrer-Policy: no-referrer"
  if grep -qi '^Server:' "$tmp/h" || grep -qi '^X-Powered-By:' "$tmp/h"; then
    fail "$1: a version banner: $(grep -i '^\(Server\|X-Powered-By\):' "$tmp/h" | tr -d '\r')"
  fi
}
json='Content-Type: application/json'

# Log in (the session's cookie and CSRF token go into the log check below).
st=$(req POST /api/login -H "$json" --data-binary "{\"username\":\"org\",\"password\":\"$pw_org\"}")
expect "login" 200 "$st"
check_headers "200 login"
cookie=$(tr -d '\r' <"$tmp/h" | sed -n 's/^Set-Cookie: fm_session=\([0-9a-f]*\).*/\1/Ip' | head -1)
csrf=$(sed -n 's/.*"csrf_token" *: *"\([0-9a-f]*\)".*/\1/p' "$tmp/b")
[ ${#cookie} -eq 64 ] && [ ${#csrf} -eq 64 ] || die "no session cookie or CSRF token"
auth=(-H "Cookie: fm_session=$cookie" -H "X-CSRF-Token: $csrf")

# ---- security headers on every kind of answer ----
expect "GET / (static)" 200 "$(req GET /)"
check_headers "200 static"
expect "GET /api/departments" 200 "$(req GET /api/departments "${auth[@]}")"
check_headers "200 api"
expect "GET /api/seekers without a session" 401 "$(req GET /api/seekers)"
check_headers "401"
expect "GET /api/seekers with a forged session id" 401 \
  "$(req GET /api/seekers -H "Cookie: fm_session=$(printf '%064d' 0)")"
expect "GET unknown API path" 404 "$(req GET /api/no-such-thing "${auth[@]}")"
check_headers "404 api"
expect "GET unknown static file" 404 "$(req GET /no-such-file.html)"
check_headers "404 static"
expect "DELETE / (static)" 405 "$(req DELETE /)"
check_headers "405"
expect "POST /api/departments as text/plain" 415 \
  "$(req POST /api/departments "${auth[@]}" -H 'Content-Type: text/plain' \
    --data-binary '{"id":"TXT","name":"T"}')"
check_headers "415"

# ---- 413: chunked, unauthenticated, and a huge declared length ----
head -c 70000 /dev/zero | tr '\0' 'x' | sed 's/^/{"id":"BIG","name":"/; s/$/"}/' >"$tmp/big.json"
expect "POST 70 KB chunked body" 413 \
  "$(req POST /api/departments "${auth[@]}" -H "$json" -H 'Transfer-Encoding: chunked' \
    --data-binary @"$tmp/big.json")"
check_headers "413"
expect "POST /api/login with a 70 KB body, no session" 413 \
  "$(req POST /api/login -H "$json" --data-binary @"$tmp/big.json")"
# A declared length of 1 GB must be refused without waiting for the body.
resp=$(timeout 10 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port
  printf 'POST /api/login HTTP/1.1\r\nHost: 127.0.0.1:$port\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n{' >&3
  head -c 12 <&3" 2>/dev/null)
case $resp in
  "HTTP/1.1 413") ok "Content-Length 1 GB: 413 before the body" ;;
  *) fail "Content-Length 1 GB: got '${resp:-nothing within 10 s}'" ;;
esac
expect "BIG was not created" 404 "$(req GET /api/departments/BIG "${auth[@]}")"

# ---- Origin on a state-changing call ----
st=$(req POST /api/departments "${auth[@]}" -H "$json" -H 'Origin: http://evil.example' \
  --data-binary '{"id":"EVIL","name":"Evil"}')
expect "POST with a foreign Origin (valid session and token)" 403 "$st"
check_headers "403"
expect "POST with Origin: null" 403 "$(req POST /api/departments "${auth[@]}" -H "$json" \
  -H 'Origin: null' --data-binary '{"id":"EVIL","name":"Evil"}')"
expect "EVIL was not created" 404 "$(req GET /api/departments/EVIL "${auth[@]}")"
expect "the same POST from the own origin" 201 "$(req POST /api/departments "${auth[@]}" \
  -H "$json" -H "Origin: http://127.0.0.1:$port" --data-binary '{"id":"OWN","name":"Own"}')"

# ---- the personal number over the API: never sent back, never logged ----
expect "GET /api/seekers/LX1" 200 "$(req GET /api/seekers/LX1 "${auth[@]}")"
grep -q '1212121212' "$tmp/b" && fail "GET /api/seekers/LX1 sends the personal number back"
grep -q '"personal_number"' "$tmp/b" && fail "GET /api/seekers/LX1 has a personal_number field"
expect "PUT a personal number" 200 "$(req PUT /api/seekers/LX1 "${auth[@]}" -H "$json" \
  --data-binary "{\"personal_number\":\"$pnr12\"}")"
grep -q '1212121212' "$tmp/b" && fail "PUT /api/seekers/LX1 sends the personal number back"
st=$(req PUT /api/seekers/LX1 "${auth[@]}" -H "$json" \
  --data-binary "{\"personal_number\":\"$pnr_bad\"}")
expect "PUT a personal number with a wrong check digit" 400 "$st"

# ---- login rate limit (per account), with the headers on 429 ----
for i in 1 2 3 4 5; do
  st=$(req POST /api/login -H "$json" \
    --data-binary "{\"username\":\"victim\",\"password\":\"$pw_wrong\"}")
  [ "$st" = 401 ] || fail "failed login $i: $st"
done
st=$(req POST /api/login -H "$json" \
  --data-binary "{\"username\":\"victim\",\"password\":\"$pw_victim\"}")
expect "right password after 5 failures" 429 "$st"
check_headers "429"
[ -n "$(hdr Retry-After)" ] || fail "429 without Retry-After"

# ---- logout: the clearing cookie keeps its flags, the session is gone ----
expect "logout" 200 "$(req POST /api/logout "${auth[@]}")"
clear=$(tr -d '\r' <"$tmp/h" | sed -n 's/^Set-Cookie: //Ip' | head -1)
for flag in HttpOnly SameSite=Strict Path=/; do
  grep -q "$flag" <<<"$clear" || fail "logout cookie lacks $flag: $clear"
done
grep -q "$cookie" <<<"$clear" && fail "logout cookie repeats the session id"
expect "the old session after logout" 401 "$(req GET /api/me "${auth[@]}")"

# ---- SIGTERM stops the server cleanly ----
stop_server

# ---- the log check: server stdout+stderr and everything the CLI printed ----
cat "$tmp/serve.out" "$tmp/serve.err" "$tmp/cli.log" "$tmp/ua.out" "$tmp/ua.err" >"$tmp/all.log"
lines=$(grep -c '' "$tmp/all.log")
grep -q 'POST /api/login' "$tmp/serve.err" ||
  fail "the access log has no login line; the log check would prove nothing"
leaked=0
for secret in "$pw_org" "$pw_victim" "$pw_wrong" elevenchars "twelve chars" "$cookie" "$csrf" \
  1212121212 121212-1212 1212121213 121212-1213; do
  if grep -qF -- "$secret" "$tmp/all.log"; then
    fail "a secret is in the logs: ${secret:0:6}... in: $(grep -F -- "$secret" "$tmp/all.log" | head -1)"
    leaked=1
  fi
done
[ "$leaked" -eq 0 ] && ok "no password, session id, CSRF token or personal number in $lines log lines"

