#!/usr/bin/env bash
# test_check.sh - `fairmatch check` on a hand-checked valid solution of a tiny
# instance (tests/fixtures/check) and on hand-broken copies of it: exit 0 only
# when valid, exit 2 and a line naming the interview and rule otherwise.
set -u
. "$(dirname "$0")/lib.sh"
inst=$src/tests/fixtures/check/tiny.json
good=$src/tests/fixtures/check/tiny.solution.json

# expect STATUS NEEDLE FILE: run check on FILE, want exit STATUS and NEEDLE in stdout.
expect() {
    local want=$1 needle=$2 file=$3 out rc
    out=$("$bin" check "$inst" "$file" 2>"$tmp/err")
    rc=$?
    if [ "$rc" != "$want" ]; then
        fail "exit $rc, expected $want for '$needle': $out $(cat "$tmp/err")"
    elif ! grep -qF -- "$needle" <<<"$out"; then
        fail "'$needle' not in output: $out"
    fi
}

# broken SED-EXPR: a copy of the valid solution edited with sed (one line per interview).
broken() {
    sed "$1" "$good" >"$tmp/b.json"
    echo "$tmp/b.json"
}

expect 0 "valid: 3 interviews, status feasible, objective -900 (recomputed -900)" "$good"

expect 2 "interviews[2] (seeker S0, position P1): period 1 is only 1 after the seeker's interviews[0]" \
    "$(broken '/"S0", "position": "P1"/s/"period": 2, "table": 1, "start": "09:30", "end": "09:45"/"period": 1, "table": 1, "start": "09:15", "end": "09:30"/')"
expect 2 "interviews[1] (seeker S1, position P1): period 3 is not among the seeker's available periods" \
    "$(broken '/"S1", "position": "P1"/s/"period": 0, "table": 1, "start": "09:00", "end": "09:15"/"period": 3, "table": 2, "start": "09:45", "end": "10:00"/')"
expect 2 "department B table 1 period 0 is already used by interviews[1]" \
    "$(broken '/"S0", "position": "P1"/s/"period": 2, "table": 1, "start": "09:30", "end": "09:45"/"period": 0, "table": 1, "start": "09:00", "end": "09:15"/')"
expect 2 "interviews[2] (seeker S0, position P1): table 3 is outside 1..2" \
    "$(broken '/"S0", "position": "P1"/s/"table": 1/"table": 3/')"
expect 2 "interviews[2] (seeker S0, position P1): period 7 is outside 0..3" \
    "$(broken '/"S0", "position": "P1"/s/"period": 2/"period": 7/')"
expect 2 "interviews[1] (seeker S1, position P0): not an eligible pair" \
    "$(broken '/"S1", "position": "P1"/s/"position": "P1", "department": "B"/"position": "P0", "department": "A"/')"
expect 2 "interviews[0] (seeker S0, position P0): department is \"B\" but the position belongs to \"A\"" \
    "$(broken '/"S0", "position": "P0"/s/"department": "A"/"department": "B"/')"
expect 2 "a second interview of this seeker in department A (also interviews[0])" \
    "$(broken '/"S0", "position": "P1"/s/"position": "P1", "department": "B"/"position": "P2", "department": "A"/')"
expect 2 "objective: the file says -899, recomputed from the interviews -900" \
    "$(broken 's/"objective": -900/"objective": -899/')"
expect 2 "start \"09:35\" does not match period 2, which starts at 09:30" \
    "$(broken 's/"start": "09:30"/"start": "09:35"/')"
expect 2 "shortfall: position P2 is 1 short" "$(broken 's/"shortfall": \[.*\]/"shortfall": []/')"
expect 2 "out of order after interviews[1]" \
    "$(broken '/"S1", "position": "P1"/s/"period": 0, "table": 1, "start": "09:00", "end": "09:15"/"period": 3, "table": 1, "start": "09:45", "end": "10:00"/')"

# A summary counts the problems.
expect 2 "INVALID: 1 problem in 3 interviews" "$(broken 's/"makespan": 3/"makespan": 2/')"

# Unreadable solution: exit 2, one line on stderr naming file and path, nothing on stdout.
broken 's/"period": 2/"period": "2"/' >/dev/null
out=$("$bin" check "$inst" "$tmp/b.json" 2>"$tmp/err"); rc=$?
if [ "$rc" != 2 ] || [ -n "$out" ] || ! grep -qF "b.json: interviews[2].period: not a finite number" "$tmp/err" \
    || [ "$(wc -l <"$tmp/err")" != 1 ]; then
    fail "unreadable solution: rc=$rc out='$out' $(cat "$tmp/err")"
fi
# Bad instance: exit 2 and the parser's message.
echo '{"format": "nope"}' >"$tmp/inst.json"
out=$("$bin" check "$tmp/inst.json" "$good" 2>"$tmp/err"); rc=$?
if [ "$rc" != 2 ] || [ -n "$out" ] || ! grep -q "^fairmatch: .*inst.json: format" "$tmp/err"; then
    fail "bad instance: rc=$rc $(cat "$tmp/err")"
fi
# Every shared instance: check accepts the solver's solution and its
# recomputed objective (fm_instance_objective) equals the reference optimum.
shared=$src/tests/fixtures/instances # copies of shared/instances
for f in "$shared"/*.json; do
    case $f in *.optimum.json) continue ;; esac
    n=$(basename "$f" .json)
    "$bin" solve "$f" -o "$tmp/$n.sol" 2>"$tmp/err" || { fail "solve $n"; continue; }
    out=$("$bin" check "$f" "$tmp/$n.sol") || fail "check refused $n: $(head <<<"$out")"
    rec=$(sed -n 's/.*(recomputed \(.*\))$/\1/p' <<<"$out")
    opt=$(sed -n 's/.*"optimum": *\([-0-9.eE+]*\).*/\1/p' "${f%.json}.optimum.json")
    awk -v a="$rec" -v b="$opt" 'BEGIN { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b;
        exit !(a != "" && d <= 1e-6 * (m > 1 ? m : 1)) }' ||
        fail "$n: recomputed objective '$rec', optimum $opt"
done

# Usage errors and help.
expect_exit 2 "expected INSTANCE and SOLUTION" "$bin" check "$inst"
"$bin" check --help | grep -q "usage: fairmatch check" || fail "--help"
