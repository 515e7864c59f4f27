#!/usr/bin/env bash
# test_gen.sh - `fairmatch gen` end to end: same flags => same bytes (stdout
# and -o), bad flags exit 2, and generated instances of several shapes parse,
# solve, and pass `fairmatch check` (the property test of issue 4: check
# accepts every solution the solver produces on seeded gen instances).
set -u
. "$(dirname "$0")/lib.sh"

"$bin" gen --seekers 120 --positions 45 --departments 10 --seed 42 >"$tmp/a.json" || fail "gen failed"
"$bin" gen --seekers 120 --positions 45 --departments 10 --seed 42 -o "$tmp/b.json" || fail "gen -o failed"
cmp -s "$tmp/a.json" "$tmp/b.json" || fail "same seed, different bytes"
[ ! -e "$tmp/b.json.tmp" ] || fail "temporary file left behind"
"$bin" gen --seekers 120 --positions 45 --departments 10 --seed 43 >"$tmp/c.json"
cmp -s "$tmp/a.json" "$tmp/c.json" && fail "different seeds, same bytes"

for bad in "--seekers 0" "--periods 97" "--gap -1" "--availability-share 1.5" "--tolerance 2" \
    "--share-min 0.5" "--tables-per-department 0" "--bogus 1"; do
    # shellcheck disable=SC2086
    out=$("$bin" gen --seekers 10 --positions 5 --departments 2 --seed 1 $bad 2>"$tmp/err")
    rc=$?
    [ "$rc" = 2 ] && [ -z "$out" ] && grep -q "^fairmatch: gen: " "$tmp/err" || fail "'$bad' gave $rc"
done
"$bin" gen --help | grep -q -- "--availability-share F" || fail "--help lacks a flag"

# Shapes: default, gap with limited hours, explicit share, fixed tables, tolerance 0.
i=0
while read -r args; do
    i=$((i + 1))
    # shellcheck disable=SC2086
    "$bin" gen $args -o "$tmp/i$i.json" || { fail "gen $args"; continue; }
    "$bin" solve "$tmp/i$i.json" -o "$tmp/s$i.json" --time-limit 20 2>"$tmp/err" ||
        { fail "solve failed on gen $args: $(cat "$tmp/err")"; continue; }
    "$bin" check "$tmp/i$i.json" "$tmp/s$i.json" >"$tmp/check" 2>&1 ||
        { fail "check refused the solution of gen $args:"; head -5 "$tmp/check"; }
done <<'EOF2'
--seekers 30 --positions 10 --departments 3 --seed 1
--seekers 120 --positions 45 --departments 10 --seed 2 --gap 1 --availability-share 0.4
--seekers 120 --positions 45 --departments 10 --seed 3 --share-min 0.4 --share-max 0.6
--seekers 80 --positions 30 --departments 4 --seed 4 --tables-per-department 2 --periods 10
--seekers 100 --positions 40 --departments 5 --seed 5 --tolerance 0 --gap 2
--seekers 60 --positions 20 --departments 6 --seed 6 --availability-share 1
EOF2

