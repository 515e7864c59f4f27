#!/usr/bin/env bash
# test_users.sh - `fairmatch user disable|enable|passwd|remove` against a
# running `fairmatch serve`: each change ends the user's sessions at once
# (the old cookie gets 401), is audited (cli:user, never a password), and
# disable/passwd/remove keep the user out; unknown users and missing
# options exit 2 with a message; so do bad serve --per-address and
# --request-timeout values. Usage: test_users.sh FAIRMATCH_BINARY
# SOURCE_ROOT. Bounded by a 90 s watchdog; the server is stopped on every exit.
set -uo pipefail
bin=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fm-users.XXXXXX")
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
(sleep 90 && kill -TERM $$) >/dev/null 2>&1 &
watchdog=$!

ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

db=$tmp/t.db
pw='correct horse battery'
"$bin" init --db "$db" >/dev/null || { echo "FAIL: init"; exit 1; }
echo "$pw" | "$bin" user add --username anna --role organiser --password-stdin --db "$db" >/dev/null
echo "$pw" | "$bin" user add --username bo --role steering --password-stdin --db "$db" >/dev/null

"$bin" serve --db "$db" --port 0 --quiet >"$tmp/serve.out" 2>"$tmp/serve.err" &
server=$!
for _ in $(seq 50); do grep -q serving "$tmp/serve.out" && break; sleep 0.1; done
url=$(sed -n 's/.*serving \(http[^ ]*\) .*/\1/p' "$tmp/serve.out")
[ -n "$url" ] || { echo "FAIL: no server: $(cat "$tmp/serve.err")"; exit 1; }

# login USER PASSWORD -> prints the cookie value, or the status when refused
login() {
  local body status
  body=$(printf '{"username":"%s","password":"%s"}' "$1" "$2")
  status=$(curl -s -o /dev/null -c "$tmp/jar" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data "$body" "${url}api/login")
  if [ "$status" = 200 ]; then
    awk '$6 == "fm_session" { print $7 }' "$tmp/jar"
  else
    echo "status-$status"
  fi
}
me() { curl -s -o /dev/null -w '%{http_code}' -H "Cookie: fm_session=$1" "${url}api/me"; }

sid=$(login bo "$pw")
[ "$(me "$sid")" = 200 ] && ok "bo logged in" || bad "bo cannot log in: $sid"

out=$("$bin" user disable --username bo --db "$db") && ok "disable: $out" || bad "disable failed: $out"
[ "$(me "$sid")" = 401 ] && ok "disabled: old session 401" || bad "disabled: old session still works"
[ "$(login bo "$pw")" = status-401 ] && ok "disabled: login 401" || bad "disabled user logged in"
"$bin" user list --db "$db" | grep -q "^bo.*disabled" && ok "list shows disabled" || bad "list: $("$bin" user list --db "$db")"

"$bin" user enable --username bo --db "$db" >/dev/null || bad "enable failed"
sid=$(login bo "$pw")
[ "$(me "$sid")" = 200 ] && ok "enabled: login works" || bad "enabled: login: $sid"

out=$(echo 'another long password' | "$bin" user passwd --username bo --password-stdin --db "$db") \
  && ok "passwd: $out" || bad "passwd failed: $out"
case "$out" in *"1 session revoked"*) ok "passwd revoked one session" ;; *) bad "passwd: $out" ;; esac
[ "$(me "$sid")" = 401 ] && ok "passwd: old session 401" || bad "passwd: old session still works"
[ "$(login bo "$pw")" = status-401 ] && ok "passwd: old password refused" || bad "old password works"
sid=$(login bo 'another long password')
[ "$(me "$sid")" = 200 ] && ok "passwd: new password works" || bad "new password: $sid"
echo 'short' | "$bin" user passwd --username bo --password-stdin --db "$db" >/dev/null 2>&1
[ $? = 2 ] && ok "passwd refuses a short password" || bad "short password accepted"

"$bin" user remove --username bo --db "$db" >/dev/null || bad "remove failed"
[ "$(me "$sid")" = 401 ] && ok "removed: old session 401" || bad "removed: old session still works"
[ "$(login bo 'another long password')" = status-401 ] && ok "removed: login 401" || bad "removed user logged in"
"$bin" user list --db "$db" | grep -q "^bo" && bad "removed user still listed"

"$bin" user disable --username nobody --db "$db" >"$tmp/err" 2>&1
st=$?
[ $st = 2 ] && grep -q "no user 'nobody'" "$tmp/err" && ok "unknown user: exit 2" || bad "unknown user: exit $st $(cat "$tmp/err")"
"$bin" user passwd --username anna --db "$db" </dev/null >/dev/null 2>&1
[ $? = 2 ] && ok "passwd without --password-stdin: exit 2" || bad "passwd without --password-stdin"

audit=$(sqlite3 "$db" "SELECT actor || '|' || action || '|' || entity_id || '|' || detail FROM audit_log
  WHERE action IN ('disable','enable','passwd','remove') ORDER BY id")
expected="cli:user|disable|bo|1 session revoked
cli:user|enable|bo|0 sessions revoked
cli:user|passwd|bo|1 session revoked
cli:user|remove|bo|1 session revoked"
[ "$audit" = "$expected" ] && ok "audit rows" || bad "audit rows: $audit"
sqlite3 "$db" "SELECT * FROM audit_log" | grep -q -e 'another long password' -e "$pw" -e argon2 \
  && bad "a password in the audit log"

for bad in "--per-address 0" "--per-address 257" "--request-timeout 0" "--request-timeout x"; do
  # shellcheck disable=SC2086
  "$bin" serve --db "$db" --port 0 $bad >/dev/null 2>&1
  [ $? = 2 ] && ok "serve $bad: exit 2" || bad "serve $bad accepted"
done

kill -TERM "$server"
wait "$server"
server=
[ "$fails" = 0 ] && echo "all passed" || { echo "$fails failed"; exit 1; }
