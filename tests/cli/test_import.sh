#!/usr/bin/env bash
# fairmatch import / list / fair add / programme on the files in
# tests/fixtures/import: Swedish Excel CSV (Windows-1252, CRLF, ;) keeps
# Å Ä Ö é; every broken file exits 2 with the exact FILE:LINE: COLUMN
# message and leaves the database byte-for-byte equal in content (dump).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
fix=$src/tests/fixtures/import
db=$tmp/t.db
dump() { sqlite3 -batch "$db" .dump; }

# Run from the fixtures directory so that FILE in messages is the bare name.
cd "$fix"

imp() { "$bin" import "$@" --db "$db"; }

expect_out "departments: 4 added, 0 updated" imp departments departments_sv_cp1252.csv
expect_out "seekers: 3 added, 0 updated" imp seekers seekers_bom.csv
expect_out "fairs: 2 added, 0 updated" imp fairs fairs_tab.csv
expect_out "positions: 2 added, 0 updated" imp positions positions_sv.csv
expect_out "employments: 2 added, 0 updated" imp employments employments.csv
expect_out "departments: 2 added, 0 updated" imp departments departments_utf16.txt
[ "$(sqlite3 "$db" "SELECT name FROM departments WHERE id = 'BRF'")" = "Brandförsvaret Östra" ] ||
  die "UTF-16 file name"
sqlite3 "$db" "DELETE FROM departments WHERE id IN ('SBF', 'BRF'); DELETE FROM audit_log WHERE detail LIKE 'departments_utf16%' OR entity_id IN ('SBF', 'BRF')"
# Twice: nothing new.
expect_out "departments: 0 added, 0 updated, 4 unchanged" imp departments departments_sv_cp1252.csv
expect_out "employments: 0 added, 0 updated, 2 unchanged" imp employments employments.csv

# Å Ä Ö é survive a Windows-1252 file, stored as UTF-8.
names=$(sqlite3 "$db" "SELECT group_concat(name, '|') FROM (SELECT name FROM departments ORDER BY id)")
[ "$names" = "Äldreförvaltningen|Kulturförvaltningen Åsö|Omsorgsförvaltningen|Utbildningsförvaltningen" ] ||
  die "department names: $names"
[ "$(sqlite3 "$db" "SELECT hex(name) FROM departments WHERE id = 'ALF'")" = \
  "$(printf 'Äldreförvaltningen' | xxd -p -u | tr -d '\n')" ] || die "ALF name bytes are not UTF-8"
[ "$(sqlite3 "$db" "SELECT first_name || ' ' || last_name FROM seekers WHERE id = 'S1'")" = "Renée Åström" ] ||
  die "seeker S1 name"
[ "$(sqlite3 "$db" "SELECT extent FROM positions WHERE id = 'P1'")" = "62.5" ] || die "decimal comma"
[ "$(sqlite3 "$db" "SELECT place FROM fairs WHERE id = 'F1'")" = "Stadshuset, hörsalen" ] || die "fair place"

# The personal number is stored but never listed nor logged.
[ "$(sqlite3 "$db" "SELECT personal_number FROM seekers WHERE id = 'S1'")" = "198112189876" ] ||
  die "personal number not stored normalised"
for fmt in table json csv; do
  out=$("$bin" list seekers --format $fmt --db "$db")
  case $out in *9876*|*1212*) die "list seekers --format $fmt shows a personal number";; esac
done
[ "$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE detail LIKE '%9876%' OR entity_id LIKE '%9876%'")" = 0 ] ||
  die "audit log holds a personal number"
[ "$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE action = 'import' AND actor = 'cli'")" = 7 ] ||
  die "expected one import audit row per import"

# JSON: English keys, gender words, booleans.
json=$("$bin" list seekers --format json --db "$db")
echo "$json" | grep -q '"id": "S1", "first_name": "Renée", "last_name": "Åström", "gender": "woman"' ||
  die "seekers json: $json"
echo "$json" | grep -q '"gender": "other"' || die "X should read other"
echo "$json" | grep -q '"driving_licence": false' || die "nej should be false"
# The CSV listing imports back unchanged.
for kind in departments seekers fairs positions employments; do
  "$bin" list $kind --format csv --db "$db" >"$tmp/$kind.csv"
done
for kind in departments seekers fairs positions employments; do
  out=$(imp $kind "$tmp/$kind.csv")
  case $out in *" 0 added, 0 updated, "*" unchanged") ;; *) die "re-import of list $kind: $out";; esac
done

# Broken files: exact message, exit 2, database unchanged.
before=$(dump)
check_broken() { # kind, file, expected stderr
  expect_err 2 "$3" imp "$1" "$2"
  [ "$(dump)" = "$before" ] || die "$2 changed the database"
}
check_broken seekers bad_gender.csv \
  'fairmatch: bad_gender.csv:3: kön: "q" is not one of kvinna, woman, k, w, man, m, annat, other, x'
check_broken departments missing_column.csv \
  'fairmatch: missing_column.csv:1: anställda: required column is missing'
check_broken departments duplicate_id.csv \
  'fairmatch: duplicate_id.csv:4: id: "A" appears twice in the file (first on line 2)'
check_broken positions unknown_department.csv \
  'fairmatch: unknown_department.csv:2: förvaltning: "XYZ" is not a known department'
check_broken fairs bad_date.csv \
  'fairmatch: bad_date.csv:2: date: "2018-02-30" is not a date (YYYY-MM-DD)'
check_broken seekers bad_luhn.csv \
  'fairmatch: bad_luhn.csv:2: personal_number: not a personal number: the check digit is wrong (Luhn check)'
check_broken departments bad_encoding.csv \
  'fairmatch: bad_encoding.csv:3: name: byte 0xE5 is not valid UTF-8, but other text in the file is UTF-8 (save the file in one encoding: UTF-8 or Windows-1252)'
check_broken departments multiline_error.csv \
  'fairmatch: multiline_error.csv:5: employees: "-4" is not a whole number ≥ 0'
check_broken departments unterminated_quote.csv \
  'fairmatch: unterminated_quote.csv:2: name: unterminated quoted field (a " is never closed)'
# An extension (förlängning) continues an earlier employment of kind new in
# that department; without one it is refused in the kind column (Swedish
# Excel: Windows-1252, CRLF, ;), exit 2, nothing written.
printf 'S\xf6kande;F\xf6rvaltning;Beslutsdatum;Typ;Planerat slut\r\nS1;ALF;2018-06-01;f\xf6rl\xe4ngning;2019-05-31\r\n' >"$tmp/ext_sv.csv"
expect_err 2 "fairmatch: $tmp/ext_sv.csv:2: Typ: \"förlängning\" continues no employment: seeker \"S1\" has no employment of kind new in department \"ALF\" decided before 2018-06-01" \
  "$bin" import employments "$tmp/ext_sv.csv" --db "$db"
[ "$(dump)" = "$before" ] || die "ext_sv.csv changed the database"
printf 'seeker,department,decision_date,kind\nS1,UBF,2018-06-01,renewal\n' >"$tmp/ext_bad.csv"
expect_err 2 "fairmatch: $tmp/ext_bad.csv:2: kind: \"renewal\" is not one of new, extension, ny, förlängning" \
  "$bin" import employments "$tmp/ext_bad.csv" --db "$db"
[ "$(dump)" = "$before" ] || die "ext_bad.csv changed the database"
# A row that would be fine, then a bad one: still nothing written.
printf 'id,name,employees\nNEW,Ny,3\nUBF,Changed,-1\n' >"$tmp/partly.csv"
expect_exit 2 "" "$bin" import departments "$tmp/partly.csv" --db "$db"
[ "$(dump)" = "$before" ] || die "partly.csv changed the database"

# Usage errors and a missing file.
expect_exit 2 "unknown kind 'people'" "$bin" import people x.csv --db "$db"
status=0; err=$("$bin" import departments nosuch.csv --db "$db" 2>&1) || status=$?
[ "$status" = 2 ] || die "missing file exit $status"
case $err in "fairmatch: nosuch.csv: cannot open"*) ;; *) die "missing file: $err";; esac
# A damaged workbook gets one line that says so (workbooks: test_import_xlsx.sh).
printf 'PK\003\004\024\000\000\000' >"$tmp/seekers.xlsx"
status=0; err=$("$bin" import seekers "$tmp/seekers.xlsx" --db "$db" 2>&1) || status=$?
[ "$status" = 2 ] || die "xlsx exit $status"
[ "$err" = "fairmatch: $tmp/seekers.xlsx: not a readable .xlsx workbook (damaged zip: Not a zip archive)" ] ||
  die "xlsx: $err"
printf '\320\317\021\340\241\261\032\341\000' >"$tmp/seekers.xls"
status=0; err=$("$bin" import seekers "$tmp/seekers.xls" --db "$db" 2>&1) || status=$?
[ "$status" = 2 ] || die "xls exit $status"
case $err in "fairmatch: $tmp/seekers.xls: this is an old Excel workbook (.xls), not CSV"*) ;; *) die "xls: $err";; esac
[ "$(dump)" = "$before" ] || die "a workbook changed the database"
# A directory named as FILE is the user's mistake (2), not an internal failure (1).
status=0; err=$("$bin" import departments "$tmp" --db "$db" 2>&1) || status=$?
[ "$status" = 2 ] || die "directory as FILE exit $status"
[ "$err" = "fairmatch: $tmp: cannot read: Is a directory" ] || die "directory as FILE: $err"
[ "$(dump)" = "$before" ] || die "directory as FILE changed the database"

# fair add
expect_out "fair F3: 2018-05-16 from 09:30, 10 periods of 20 minutes" \
  "$bin" fair add --id F3 --date 2018-05-16 --start 09:30 --period-minutes 20 --periods 10 --name "Mässa maj" --db "$db"
status=0; "$bin" fair add --id F3 --date 2018-05-16 --start 09:30 --period-minutes 20 --periods 10 --db "$db" 2>/dev/null || status=$?
[ "$status" = 2 ] || die "duplicate fair add exit $status"
status=0; "$bin" fair add --id F4 --date 2018-02-30 --start 09:30 --period-minutes 20 --periods 10 --db "$db" 2>/dev/null || status=$?
[ "$status" = 2 ] || die "bad date fair add exit $status"
[ "$(sqlite3 "$db" "SELECT name || '/' || periods FROM fairs WHERE id = 'F3'")" = "Mässa maj/10" ] || die "fair F3"

# programme
expect_out "programme: goal 700, 2017-01-01 to 2018-12-31" \
  "$bin" programme set --goal 700 --start 2017-01-01 --end 2018-12-31 --db "$db"
expect_out "goal: 700
start: 2017-01-01
end: 2018-12-31" "$bin" programme show --db "$db"
expect_exit 2 "" "$bin" programme set --goal 700 --start 2019-01-01 --end 2018-12-31 --db "$db"

for cmd in import list fair programme; do
  "$bin" $cmd --help | grep -q "^usage: fairmatch $cmd" || die "$cmd --help"
done
echo "import CLI tests passed"
