#!/usr/bin/env bash
# test_users.sh - `fairmatch user disable|enable|passwd|remove` against a
# running `fairmatch serve`: each change ends the user's sessions at once
# (the old cookie gets 401), is audited (cli:user, never a password), and
# disable/passwd/remove keep the user out; unknown users and missing
# options exit 2 with a message; so do bad serve --per-address and
# --request-timeout values. Usage: test_users.sh FAIRMATCH_BINARY
# SOURCE_ROOT. Bounded by a 90 s watchdog; the server is stopped on every exit.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
watchdog 90

db=$tmp/t.db
pw='correct horse battery'
add_user "$db" anna organiser "$pw"
add_user "$db" bo steering "$pw"
start_server "$db" --quiet

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
[ "$(me "$sid")" = 200 ] && ok "bo logged in" || fail "bo cannot log in: $sid"

out=$("$bin" user disable --username bo --db "$db") && ok "disable: $out" || fail "disable failed: $out"
[ "$(me "$sid")" = 401 ] && ok "disabled: old session 401" || fail "disabled: old session still works"
[ "$(login bo "$pw")" = status-401 ] && ok "disabled: login 401" || fail "disabled user logged in"
"$bin" user list --db "$db" | grep -q "^bo.*disabled" && ok "list shows disabled" || fail "list: $("$bin" user list --db "$db")"

"$bin" user enable --username bo --db "$db" >/dev/null || fail "enable failed"
sid=$(login bo "$pw")
[ "$(me "$sid")" = 200 ] && ok "enabled: login works" || fail "enabled: login: $sid"

out=$(echo 'another long password' | "$bin" user passwd --username bo --password-stdin --db "$db") \
  && ok "passwd: $out" || fail "passwd failed: $out"
case "$out" in *"1 session revoked"*) ok "passwd revoked one session" ;; *) fail "passwd: $out" ;; esac
[ "$(me "$sid")" = 401 ] && ok "passwd: old session 401" || fail "passwd: old session still works"
[ "$(login bo "$pw")" = status-401 ] && ok "passwd: old password refused" || fail "old password works"
sid=$(login bo 'another long password')
[ "$(me "$sid")" = 200 ] && ok "passwd: new password works" || fail "new password: $sid"
expect_exit 2 "" "$bin" user passwd --username bo --password-stdin --db "$db" <<<'short'

"$bin" user remove --username bo --db "$db" >/dev/null || fail "remove failed"
[ "$(me "$sid")" = 401 ] && ok "removed: old session 401" || fail "removed: old session still works"
[ "$(login bo 'another long password')" = status-401 ] && ok "removed: login 401" || fail "removed user logged in"
"$bin" user list --db "$db" | grep -q "^bo" && fail "removed user still listed"

expect_exit 2 "no user 'nobody'" "$bin" user disable --username nobody --db "$db"
expect_exit 2 "--password-stdin is required" "$bin" user passwd --username anna --db "$db" </dev/null

audit=$(sqlite3 "$db" "SELECT actor || '|' || action || '|' || entity_id || '|' || detail FROM audit_log
  WHERE action IN ('disable','enable','passwd','remove') ORDER BY id")
expected="cli:user|disable|bo|1 session revoked
cli:user|enable|bo|0 sessions revoked
cli:user|passwd|bo|1 session revoked
cli:user|remove|bo|1 session revoked"
[ "$audit" = "$expected" ] && ok "audit rows" || fail "audit rows: $audit"
sqlite3 "$db" "SELECT * FROM audit_log" | grep -q -e 'another long password' -e "$pw" -e argon2 \
  && fail "a password in the audit log"

for bad in "--per-address 0" "--per-address 257" "--request-timeout 0" "--request-timeout x"; do
  # shellcheck disable=SC2086
  expect_exit 2 "" "$bin" serve --db "$db" --port 0 $bad
done

stop_server
