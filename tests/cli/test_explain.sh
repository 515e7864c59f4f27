#!/usr/bin/env bash
# test_explain.sh - `fairmatch explain` on a fixture whose reasons can be
# argued on paper: P0 has one place and S0 (90) beats S1 (50), so S1 gets
# nothing because P0 is full, and forcing S1 in costs 90 - 50 = 40; S2 has
# no score (not eligible); S3 has `available: []` (K_i = 0).
set -u
. "$(dirname "$0")/lib.sh"
inst=$src/tests/fixtures/check/explain.json

"$bin" solve "$inst" -o "$tmp/sol.json" || die "solve"
"$bin" check "$inst" "$tmp/sol.json" >/dev/null || fail "check refused the solution"

want() { # want SEEKER TEXT...: explain's output for SEEKER contains every TEXT
    local s=$1 out; shift
    out=$("$bin" explain "$inst" "$tmp/sol.json" --seeker "$s") || { fail "explain $s failed"; return; }
    for t in "$@"; do
        grep -qF -- "$t" <<<"$out" || { fail "explain $s lacks '$t':"; echo "$out"; }
    done
}
want S0 "- P0 (A) at 09:00, table 1: score 90 + seeker priority 0 + department priority 0 = 90"
want S1 "- none" \
    "- not P0 (A, value 50): the position is full (1 of 1 candidates), the lowest of them worth 90 against this seeker's 50" \
    "the objective goes from -890 to -930: a loss of 40. They would get: P0" \
    "They would displace: S0 at P0;"
want S2 "S2 is not eligible for any position"
want S3 "S3 cannot be interviewed: their available periods leave room for no interview (K_i = 0)"

out=$("$bin" explain "$inst" "$tmp/sol.json" --seeker S1 --no-resolve)
grep -q "Forced in" <<<"$out" && fail "--no-resolve still re-solved"
"$bin" explain "$inst" "$tmp/sol.json" --seeker S9 2>"$tmp/err" >/dev/null
[ $? = 2 ] && grep -q 'no seeker "S9"' "$tmp/err" || fail "unknown seeker not refused with 2"
"$bin" explain "$inst" "$tmp/sol.json" 2>/dev/null
[ $? = 2 ] || fail "missing --seeker accepted"
"$bin" explain --help | grep -q "usage: fairmatch explain" || fail "--help"
