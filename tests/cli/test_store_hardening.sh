#!/usr/bin/env bash
# Issue 15, store half: Excel-safe `list --format csv` that imports back
# unchanged; import limits; no personal number in any message; one seeker
# per personal number; 0600 files. Backups are test_backup.sh's.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
fix=$src/tests/fixtures/store
db=$tmp/t.db
cd "$fix"

# ---- list --format csv guards formulas, and the file imports back unchanged.
"$bin" import seekers formulas.csv --db "$db" >/dev/null
# A guard apostrophe in a file is taken off; values that start with an apostrophe
# as data (typed through the API) must survive the round trip as they are.
[ "$(sqlite3 "$db" "SELECT first_name || '|' || last_name FROM seekers WHERE id = 'F4'")" = "=already guarded|'twice" ] ||
  die "import did not take off exactly one guard apostrophe"
sqlite3 "$db" "UPDATE seekers SET first_name = '''=stored', last_name = '''''two' WHERE id = 'F4'"
"$bin" list seekers --format csv --db "$db" >"$tmp/seekers.csv"
grep -q "^F1,\"'=HYPERLINK(" "$tmp/seekers.csv" || die "=HYPERLINK not guarded: $(grep ^F1 "$tmp/seekers.csv")"
grep -q "^F2,'=cmd|' /C calc'!A0,Al,other\|^F2,'=cmd|' /C calc'!A0,Al," "$tmp/seekers.csv" ||
  die "=cmd not guarded: $(grep ^F2 "$tmp/seekers.csv")"
grep -q ",'+46 70 123 45 67," "$tmp/seekers.csv" || die "+phone not guarded"
grep -q ",'@SUM(A1:A9)," "$tmp/seekers.csv" || die "@ not guarded"
# No cell of the listing starts with a formula character once unquoted.
if python3 - "$tmp/seekers.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
bad = [c for r in rows[1:] for c in r if c[:1] in ('=', '+', '-', '@', '\t', '\r')]
sys.exit(1 if bad else 0)
PY
then :; else die "a cell of list --format csv starts with a formula character"; fi
before=$("$bin" list seekers --format json --db "$db")
out=$("$bin" import seekers "$tmp/seekers.csv" --db "$db")
[ "$out" = "seekers: 0 added, 0 updated, 4 unchanged" ] || die "re-import of the listing: $out"
[ "$("$bin" list seekers --format json --db "$db")" = "$before" ] || die "round trip changed data"
[ "$(sqlite3 "$db" "SELECT first_name || '|' || last_name FROM seekers WHERE id = 'F4'")" = "'=stored|''two" ] ||
  die "a stored leading apostrophe did not survive"
[ "$(sqlite3 "$db" "SELECT first_name || '|' || last_name FROM seekers WHERE id = 'F3'")" = "'Ali|O'Brien" ] ||
  die "apostrophes that are data were changed"

# ---- import applies the API's length limits (fairmatch/limits.h).
db2=$tmp/limits.db
python3 -c "
import sys
sys.stdout.write('id;förnamn;efternamn;kön\r\nL1;Bo;Ek;m\r\nL2;' + 'Å' * 2_000_000 + ';Ek;k\r\n')" >"$tmp/huge.csv"
expect_err 2 "fairmatch: $tmp/huge.csv:3: förnamn: 4000000 bytes long; at most 100 bytes are allowed" \
  "$bin" import seekers "$tmp/huge.csv" --db "$db2"
[ "$(sqlite3 "$db2" "SELECT count(*) FROM seekers")" = 0 ] || die "a refused import wrote rows"

# ---- no message shows a personal number, whatever column it lands in.
printf 'id;first_name;last_name;gender;personal_number;birth_year\nP1;Anna;Berg; Ek;k;1980;19121212-1212\nP2;Bo;Al;m;;19121212-1212\n' >"$tmp/shifted.csv"
expect_exit 2 "column 7: (a value like a personal number, not shown) has no column header" \
  "$bin" import seekers "$tmp/shifted.csv" --db "$db2"
grep -q 1212 "$tmp/err" && die "an import message shows a personal number"

# ---- a personal number belongs to one seeker: the import names the holder by id.
db3=$tmp/pnr.db
printf 'id;förnamn;efternamn;kön;personnummer\nA1;Anna;Berg;k;19121212-1212\n' >"$tmp/a.csv"
printf 'id;förnamn;efternamn;kön;personnummer\nB1;Bo;Al;m;191212121212\n' >"$tmp/b.csv"
"$bin" import seekers "$tmp/a.csv" --db "$db3" >/dev/null
expect_err 2 "fairmatch: $tmp/b.csv:2: personnummer: already the personal number of seeker \"A1\"" \
  "$bin" import seekers "$tmp/b.csv" --db "$db3"
# The database refuses a duplicate from any other writer too (0008's triggers).
if sqlite3 "$db3" "INSERT INTO seekers(id, first_name, last_name, gender, personal_number)
                   VALUES ('C1', 'C', 'D', 'man', '191212121212')" 2>/dev/null; then
  die "the database took a second seeker with the same personal number"
fi
[ "$(sqlite3 "$db3" "SELECT count(*) FROM seekers")" = 1 ] || die "seekers after refusals"

# ---- files with personal data are owner-only, whatever the umask.
[ "$(stat -c %a "$db3")" = 600 ] || die "database mode $(stat -c %a "$db3")"

echo "ok"
