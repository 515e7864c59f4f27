#!/usr/bin/env bash
# fairmatch import on OpenDocument spreadsheets (.ods), the fixtures of
# tests/fixtures/import/make_ods.py: departments and seekers import (text
# with text:s spaces, a note that is not the cell's, date, boolean and
# currency cells, LibreOffice's million-row empty tail), --sheet, a fair's
# date and time; a numeric personal number refused at its cell without its
# digits; a repeated-row bomb, a value repeated past the column limit, a
# zip bomb, an encrypted and a non-zip .ods refused with exit 2 and the
# database unchanged (dump).
set -euo pipefail
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
db=$tmp/t.db
dump() { sqlite3 -batch "$db" .dump; }

mkdir "$tmp/fix"
cp "$src"/tests/fixtures/import/*.ods "$tmp/fix/"
python3 "$src/tests/fixtures/import/make_ods.py" "$tmp/fix" bomb
# Run from the fixtures directory so that FILE in messages is the bare name.
cd "$tmp/fix"

imp() { "$bin" import "$@" --db "$db"; }
expect_out() { # expected stdout, command...
  local want=$1; shift
  local got
  got=$("$@") || fail "$* exited $?"
  [ "$got" = "$want" ] || fail "$*: got '$got', want '$want'"
}

# The empty tail of 1 048 000 rows by 16 384 columns costs nothing: well within a second.
start=$(date +%s%N)
expect_out "departments: 2 added, 0 updated" imp departments departments.ods
[ $(( ($(date +%s%N) - start) / 1000000 )) -lt 5000 ] || fail "the repeated tail took seconds"
[ "$(sqlite3 "$db" "SELECT group_concat(id || ':' || name || ':' || employees || ':' || tables, ',') FROM departments")" = \
  "KUF:Kulturförvaltningen:120:2,ALF:Äldreförvaltningen:3400:1" ] || fail "departments values"
expect_out "departments: 0 added, 0 updated, 2 unchanged" \
  imp departments departments_sheets.ods --sheet Förvaltningar

expect_out "seekers: 2 added, 0 updated" imp seekers seekers.ods
[ "$(sqlite3 "$db" "SELECT group_concat(id || '|' || first_name || '|' || last_name || '|' || birth_year || '|' || driving_licence || '|' || registered || '|' || coalesce(phone, '') || '|' || extent_preference, ',') FROM seekers")" = \
  "O1|Anna Lena|Berg|1990|1|2018-01-15|0701234567|75,O2|Bo|Ek|1985|0|2019-03-04||100" ] ||
  fail "seekers values: text:s, note, date, boolean, numbers"

expect_out "fairs: 1 added, 0 updated" imp fairs fairs.ods
[ "$(sqlite3 "$db" "SELECT date || ' ' || start || ' ' || periods FROM fairs WHERE id = 'F9'")" = \
  "2026-03-12 09:00 12" ] || fail "fair date and time"

# Refusals: exact messages, exit 2, nothing written.
before=$(dump)
check_broken() { # kind, file, expected stderr, extra args...
  local kind=$1 file=$2 want=$3 status=0 err
  shift 3
  err=$(imp "$kind" "$file" "$@" 2>&1 >/dev/null) || status=$?
  [ "$status" = 2 ] || fail "$file: exit $status, want 2"
  [ "$err" = "$want" ] || fail "$file: stderr
got:  $err
want: $want"
  [ "$(dump)" = "$before" ] || fail "$file changed the database"
}
check_broken seekers seekers_numbers.ods \
  'fairmatch: seekers_numbers.ods:2: personnummer: is a number in the workbook; enter it as text
fairmatch: seekers_numbers.ods:3: telefon: is a number in the workbook; enter it as text
fairmatch: seekers_numbers.ods:4: kön: "q" is not one of kvinna, woman, k, w, man, m, annat, other, x'
err=$(imp seekers seekers_numbers.ods 2>&1 >/dev/null) || true
case $err in *9876*|*1981121*|*70123*) fail "a message shows a personal or phone number";; esac
check_broken departments departments_sheets.ods \
  'fairmatch: departments_sheets.ods:1: id: required column is missing
fairmatch: departments_sheets.ods:1: name: required column is missing
fairmatch: departments_sheets.ods:1: employees: required column is missing'
check_broken departments departments_sheets.ods \
  'fairmatch: departments_sheets.ods: no sheet named "Nope" (the sheets are "Instruktioner", "Förvaltningar")' \
  --sheet Nope
check_broken departments repeat_bomb.ods \
  'fairmatch: repeat_bomb.ods: the sheet has more than 200000 rows; refused'
check_broken departments wide.ods \
  'fairmatch: wide.ods: row 2 has a value beyond column 1024; refused'
check_broken departments bomb.ods \
  "fairmatch: bomb.ods: content.xml unpacks to more than 128 MiB in all (a zip bomb, or far larger than any fair's list); refused, nothing imported"
check_broken departments encrypted.ods \
  'fairmatch: encrypted.ods: the spreadsheet is password-protected (encrypted): remove the password in LibreOffice Calc (File > Save As, without "Save with password") and save it again'
check_broken departments not_zip.ods \
  'fairmatch: not_zip.ods: not an .ods spreadsheet (it is not a zip archive: a renamed file?); save it from LibreOffice Calc as .ods or as CSV'

echo "import ods CLI tests passed"
