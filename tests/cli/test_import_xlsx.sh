#!/usr/bin/env bash
# fairmatch import on .xlsx workbooks written at test time by
# tests/fixtures/import/make_xlsx.py: a workbook imports exactly as the same
# data as CSV; shared, inline and rich strings; dates in the 1900 and 1904
# systems and times; --sheet; a numeric personal number refused at its cell
# without its digits; zip bomb, deep XML, encrypted and non-zip files
# refused with exit 2 and the database's content unchanged (dump).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
db=$tmp/t.db
dump() { sqlite3 -batch "$db" .dump; }

python3 "$src/tests/fixtures/import/make_xlsx.py" "$tmp/fix"
# Run from the fixtures directory so that FILE in messages is the bare name.
cd "$tmp/fix"

imp() { "$bin" import "$@" --db "$db"; }

# The same seekers as CSV and as a workbook (Swedish headers, shared, inline,
# rich-text and formula strings, numbers, a built-in and a custom date
# format, gaps between cells and rows) give the same database.
"$bin" import seekers seekers_sv.csv --db "$tmp/csv.db" >/dev/null || die "seekers_sv.csv"
expect_out "seekers: 3 added, 0 updated" imp seekers seekers_sv.xlsx
for fmt in table json csv; do
  [ "$("$bin" list seekers --format $fmt --db "$db")" = \
    "$("$bin" list seekers --format $fmt --db "$tmp/csv.db")" ] || die "list seekers --format $fmt differs"
done
[ "$(sqlite3 "$db" 'SELECT * FROM seekers ORDER BY id')" = \
  "$(sqlite3 "$tmp/csv.db" 'SELECT * FROM seekers ORDER BY id')" ] || die "seekers rows differ"
[ "$(sqlite3 "$db" "SELECT first_name || '|' || registered || '|' || phone FROM seekers WHERE id = 'S1'")" = \
  "Renée|2018-01-15|0701234567" ] || die "S1: rich text, 1900 date, text phone"
expect_out "seekers: 0 added, 0 updated, 3 unchanged" imp seekers seekers_sv.xlsx

# The 1904 date system (built-in and custom date formats).
expect_out "seekers: 2 added, 0 updated" imp seekers seekers_1904.xlsx
[ "$(sqlite3 "$db" "SELECT group_concat(registered, ',') FROM seekers WHERE id IN ('D1', 'D2')")" = \
  "2019-03-04,2019-03-04" ] || die "1904 dates"

# A date and a time of day in a fairs workbook.
expect_out "fairs: 1 added, 0 updated" imp fairs fairs.xlsx
[ "$(sqlite3 "$db" "SELECT date || ' ' || start || ' ' || periods FROM fairs WHERE id = 'F9'")" = \
  "2026-03-12 09:00 12" ] || die "fair date and time"

# --sheet picks a sheet by name; without it the first sheet is read.
expect_out "departments: 2 added, 0 updated" imp departments departments_sheets.xlsx --sheet Förvaltningar
[ "$(sqlite3 "$db" "SELECT group_concat(id || ':' || employees || ':' || tables, ',') FROM departments")" = \
  "KUF:120:2,ALF:3400:1" ] || die "departments from --sheet"

# Refusals: exact messages, exit 2, nothing written.
before=$(dump)
check_broken() { # kind, file, expected stderr, extra args...
  local kind=$1 file=$2 want=$3
  shift 3
  expect_err 2 "$want" imp "$kind" "$file" "$@"
  [ "$(dump)" = "$before" ] || die "$file changed the database"
}
check_broken seekers seekers_numbers.xlsx \
  'fairmatch: seekers_numbers.xlsx:2: personnummer: is a number in the workbook; enter it as text
fairmatch: seekers_numbers.xlsx:3: telefon: is a number in the workbook; enter it as text
fairmatch: seekers_numbers.xlsx:4: kön: is an error value in the workbook (such as #N/A or #VALUE!); correct the formula or type the value
fairmatch: seekers_numbers.xlsx:5: kön: "q" is not one of kvinna, woman, k, w, man, m, annat, other, x'
err=$(imp seekers seekers_numbers.xlsx 2>&1 >/dev/null) || true
case $err in *9876*|*1981121*|*70123*) die "a message shows a personal or phone number";; esac
check_broken departments departments_sheets.xlsx \
  'fairmatch: departments_sheets.xlsx:1: id: required column is missing
fairmatch: departments_sheets.xlsx:1: name: required column is missing
fairmatch: departments_sheets.xlsx:1: employees: required column is missing'
check_broken departments departments_sheets.xlsx \
  'fairmatch: departments_sheets.xlsx: no sheet named "Nope" (the sheets are "Instruktioner", "Förvaltningar")' \
  --sheet Nope
check_broken departments bomb.xlsx \
  "fairmatch: bomb.xlsx: xl/worksheets/sheet1.xml unpacks to more than 128 MiB in all (a zip bomb, or far larger than any fair's list); refused, nothing imported"
check_broken departments bomb_lying.xlsx \
  "fairmatch: bomb_lying.xlsx: xl/worksheets/sheet1.xml unpacks to more than 128 MiB in all (a zip bomb, or far larger than any fair's list); refused, nothing imported"
check_broken departments deep.xlsx \
  'fairmatch: deep.xlsx: xl/worksheets/sheet1.xml nests elements more than 64 deep; refused'
check_broken departments encrypted.xlsx \
  'fairmatch: encrypted.xlsx: the workbook is password-protected (encrypted): remove the password in Excel (File > Info > Protect Workbook) and save it again'
check_broken departments not_zip.xlsx \
  'fairmatch: not_zip.xlsx: not an .xlsx workbook (it is not a zip archive: a renamed file, or an old .xls?); save it from Excel as .xlsx or as CSV'
check_broken departments binary.xlsb \
  'fairmatch: binary.xlsb: this is a binary Excel workbook (.xlsb): save it as .xlsx or as "CSV UTF-8" and import that file'
check_broken departments seekers_sv.csv \
  'fairmatch: seekers_sv.csv: not an .xlsx workbook (it is not a zip archive: a renamed file, or an old .xls?); save it from Excel as .xlsx or as CSV' \
  --sheet Blad1

"$bin" import --help | grep -q -- "--sheet NAME" || die "import --help names --sheet"
echo "import xlsx CLI tests passed"
