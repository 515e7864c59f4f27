#!/usr/bin/env bash
# test_solve.sh - `fairmatch solve` end to end: every shared instance reaches
# its optimum and passes `fairmatch check`; hand-made fixtures give their
# argued optima; bad instances give exit 2, empty stdout and the exact
# message; two runs give the same bytes outside "stats"; the MPS file is
# solved by cbc to the same optimum. $1 = binary, $2 = source root.
set -u
. "$(dirname "$0")/lib.sh"
SHARED=$src/tests/fixtures # copies of shared/instances
FIX=$src/tests/fixtures/solve

# field FILE KEY: a top-level scalar of a solution file.
field() {
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}

# close A B: relative difference at most 1e-6.
close() {
    python3 -c 'import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); sys.exit(0 if abs(a-b) <= 1e-6*max(1,abs(b)) else 1)' "$1" "$2"
}

# --- shared instances: optimum, status, check ---
for inst in "$SHARED"/instances/*.json; do
    case $inst in *.optimum.json) continue ;; esac
    name=$(basename "$inst" .json)
    opt=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["optimum"])' \
        "$SHARED/instances/$name.optimum.json")
    if ! "$bin" solve "$inst" -o "$tmp/$name.sol.json" 2>"$tmp/err"; then
        fail "$name: exit $? ($(cat "$tmp/err"))"
        continue
    fi
    [ "$(field "$tmp/$name.sol.json" status)" = optimal ] || fail "$name: not optimal"
    close "$(field "$tmp/$name.sol.json" objective)" "$opt" || fail "$name: objective != $opt"
    "$bin" check "$inst" "$tmp/$name.sol.json" >/dev/null 2>&1 || fail "$name: check refused it"
done

# --- hand-made fixtures (the optima are argued in tests/unit/test_solve.c) ---
expect() { # file status objective
    "$bin" solve "$FIX/$1" >"$tmp/out.json" 2>"$tmp/err" || fail "$1: exit $?"
    [ "$(field "$tmp/out.json" status)" = "$2" ] || fail "$1: status not $2"
    close "$(field "$tmp/out.json" objective)" "$3" || fail "$1: objective not $3"
}
expect tiny-basic.json optimal 48
expect tiny-gender.json optimal 131
expect tiny-gap.json optimal 70
expect tiny-drop.json feasible 30
grep -q '"why": {"ssyk":"same code"}' <("$bin" solve "$FIX/tiny-basic.json") ||
    fail "tiny-basic: why not echoed"
grep -q '"start": "14:10", "end": "14:30"' <("$bin" solve "$FIX/tiny-gap.json") ||
    fail "tiny-gap: start/end times"

# --- determinism: same bytes apart from stats ---
"$bin" solve "$SHARED/instances/explicit-share.json" | grep -v '"stats"' >"$tmp/a"
"$bin" solve "$SHARED/instances/explicit-share.json" | grep -v '"stats"' >"$tmp/b"
cmp -s "$tmp/a" "$tmp/b" || fail "two runs differ outside stats"

# --- bad input: exit 2, nothing on stdout, the exact message ---
bad() { # name json expected-message
    printf '%s' "$2" >"$tmp/$1.json"
    (cd "$tmp" && "$bin" solve "$1.json" >"$tmp/out" 2>"$tmp/err")
    local rc=$?
    [ $rc -eq 2 ] || fail "$1: exit $rc, want 2"
    [ ! -s "$tmp/out" ] || fail "$1: something on stdout"
    [ "$(cat "$tmp/err")" = "fairmatch: $1.json: $3" ] ||
        fail "$1: message '$(cat "$tmp/err")', want 'fairmatch: $1.json: $3'"
}
H='"format":"fairmatch-instance/1","fair":{"id":"f","periods":4}'
D='"departments":[{"id":"A","tables":1}]'
P='"positions":[{"id":"P1","department":"A"}]'
S='"seekers":[{"id":"S1","gender":"woman"},{"id":"S2","gender":"man"}]'
C='"scores":[{"seeker":"S1","position":"P1","score":5}]'
bad notjson '{"format": ' 'not valid JSON (near byte 11)'
bad wrongformat "{\"format\":\"fairmatch-instance/2\",${H#*,},$D,$P,$S,$C}" \
    'format: not "fairmatch-instance/1"'
bad unknowndep "{$H,$D,\"positions\":[{\"id\":\"P1\",\"department\":\"XYZ\"}],$S,$C}" \
    'positions[0].department: unknown department "XYZ"'
bad duplicateid "{$H,$D,$P,\"seekers\":[{\"id\":\"S1\",\"gender\":\"woman\"},{\"id\":\"S1\",\"gender\":\"man\"}],$C}" \
    'seekers[1].id: duplicate id "S1"'
bad duplicatepair "{$H,$D,$P,$S,\"scores\":[{\"seeker\":\"S1\",\"position\":\"P1\",\"score\":5},{\"seeker\":\"S1\",\"position\":\"P1\",\"score\":6}]}" \
    'scores[1].seeker: duplicate pair (seeker "S1", position "P1") also in scores[0]'
bad scorerange "{$H,$D,$P,$S,\"scores\":[{\"seeker\":\"S1\",\"position\":\"P1\",\"score\":100.5}]}" \
    'scores[0].score: out of range 0...100'
bad outsideday "{$H,$D,$P,\"seekers\":[{\"id\":\"S1\",\"gender\":\"woman\",\"available\":[[1,2],[3,4]]}],$C}" \
    'seekers[0].available[1]: outside the day (periods 0...3)'
bad minmax "{$H,\"policy\":{\"min_candidates_per_place\":4,\"max_candidates_per_place\":3},$D,$P,$S,$C}" \
    'policy.min_candidates_per_place: greater than max_candidates_per_place'
bad float "{\"format\":\"fairmatch-instance/1\",\"fair\":{\"id\":\"f\",\"periods\":16.0},$D,$P,$S,$C}" \
    'fair.periods: not an integer'
bad midnight "{\"format\":\"fairmatch-instance/1\",\"fair\":{\"id\":\"f\",\"start\":\"23:00\",\"periods\":5},$D,$P,$S,$C}" \
    'fair.start: the fair would run past midnight (5 periods of 15 minutes)'
bad gender "{$H,$D,$P,\"seekers\":[{\"id\":\"S1\",\"gender\":\"female\"}],$C}" \
    'seekers[0].gender: not "woman", "man" or "other"'
bad weighttype "{$H,\"policy\":{\"weights\":{\"gender\":\"high\"}},$D,$P,$S,$C}" \
    'policy.weights.gender: not a finite number'
bad noscores "{$H,$D,$P,$S}" 'scores: missing'
bad tolerance "{$H,\"policy\":{\"women_share\":{\"mirror_pool\":true}},$D,$P,$S,$C}" \
    'policy.women_share.tolerance: missing'

# --- usage ---
"$bin" solve --help | grep -q '^usage: fairmatch solve INSTANCE' || fail "--help"
expect_exit 2 "expected INSTANCE" "$bin" solve
expect_exit 2 "--time-limit" "$bin" solve "$FIX/tiny-basic.json" --time-limit abc
expect_exit 2 "does-not-exist.json" "$bin" solve "$tmp/does-not-exist.json"

# --- MPS: the exact model, readable by cbc with the same optimum ---
"$bin" solve "$SHARED/instances/small-30x8.json" --write-mps "$tmp/m.mps" >"$tmp/s.json" ||
    fail "--write-mps run"
grep -q '^OBJSENSE' "$tmp/m.mps" || fail "MPS has no OBJSENSE section"
if command -v cbc >/dev/null 2>&1; then
    cbc "$tmp/m.mps" -max -solve >"$tmp/cbc.txt" 2>&1
    obj=$(sed -n 's/^Objective value: *//p' "$tmp/cbc.txt" | head -1)
    close "$obj" "$(field "$tmp/s.json" objective)" || fail "cbc objective '$obj' differs"
fi

