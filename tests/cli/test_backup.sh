#!/usr/bin/env bash
# fairmatch backup / restore: an online copy taken while another process
# writes (sqlite3, then `fairmatch serve` answering API writes) is complete
# and checked, 0600, with its SHA-256 beside it; restore refuses damaged,
# tampered (a changed name, random bytes in overflow pages, an added
# trigger), foreign, newer or missing files and files without their hash,
# without touching the database, and puts a good copy back.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
writer= client=
on_exit '[ -z "$client" ] || kill "$client" 2>/dev/null'
on_exit '[ -z "$writer" ] || { kill "$writer" 2>/dev/null && wait "$writer" 2>/dev/null; }'
cd "$tmp"

"$bin" init --db live.db >/dev/null
q live.db "INSERT INTO departments(id, name, employees) VALUES ('UBF', 'Utbildningsförvaltningen', 6200);
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
  INSERT INTO seekers(id, first_name, gender, registered) SELECT printf('S-%06d', i), 'Namn' || i, 'woman', '2018-01-01' FROM n;
  INSERT INTO seekers(id, first_name, gender, experience) VALUES ('S-LONG', 'Lång', 'man', printf('%.*c', 20000, '5'));"
# forge: what an attacker who can also write FILE.sha256 does
forge() { sha256sum "$1" >"$1.sha256"; }

# 1. a plain backup is one self-contained, checked file
"$bin" backup --db live.db --to copy.db >out.txt || die "backup exited $?"
grep -q "integrity ok" out.txt || die "backup did not report the check: $(cat out.txt)"
[ ! -e copy.db-wal ] || die "backup left a -wal file"
[ "$(od -A n -t u1 -j 18 -N 1 copy.db | tr -d ' ')" = 1 ] || die "backup is not in rollback-journal mode"
[ "$(q copy.db 'PRAGMA integrity_check')" = ok ] || die "copy fails integrity_check"
[ "$(q copy.db 'SELECT count(*) FROM seekers')" = 501 ] || die "copy lacks rows"
[ "$(q live.db "SELECT count(*) FROM audit_log WHERE action = 'backup'")" = 1 ] || die "no audit row"
sha256sum -c --status copy.db.sha256 || die "copy.db.sha256 does not hold the copy's SHA-256"
grep -q "sha256 $(cut -c1-64 copy.db.sha256) in copy.db.sha256" out.txt || die "backup did not print the hash"
[ "$(stat -c %a copy.db)" = 600 ] || die "backup mode $(stat -c %a copy.db), want 600"
[ "$(stat -c %a copy.db.sha256)" = 600 ] || die "hash file mode $(stat -c %a copy.db.sha256), want 600"
[ "$(stat -c %a live.db)" = 600 ] || die "database mode $(stat -c %a live.db), want 600"
"$bin" backup --verify copy.db >out.txt || die "backup --verify rejected a good copy: $(cat out.txt)"

# 2. bad destinations change nothing
expect_exit 2 "is the database itself" "$bin" backup --db live.db --to live.db
expect_exit 2 "is the database itself" "$bin" backup --db live.db --to ./live.db
expect_exit 2 "does not exist" "$bin" backup --db live.db --to nosuchdir/x.db
expect_exit 2 "--to FILE is required" "$bin" backup --db live.db
[ "$(q live.db 'PRAGMA integrity_check')" = ok ] || die "live db damaged"

# 3. online: a writer commits batches of 20 rows while backups run; every
#    copy is checked and holds whole batches only
(
  i=0
  while :; do
    i=$((i + 1))
    q live.db "BEGIN IMMEDIATE;
      WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 20)
      INSERT INTO seekers(id, gender) SELECT printf('W-%06d-%02d', $i, k), 'man' FROM n; COMMIT;" || exit 1
  done
) &
writer=$!
sleep 0.3
for k in 1 2 3 4 5 6 7 8; do
  "$bin" backup --db live.db --to "online$k.db" >/dev/null || die "online backup $k exited $?"
  [ "$(q "online$k.db" 'PRAGMA integrity_check')" = ok ] || die "online copy $k damaged"
  n=$(q "online$k.db" "SELECT count(*) FROM seekers WHERE id LIKE 'W-%'")
  [ $((n % 20)) -eq 0 ] || die "online copy $k holds a partial batch ($n rows)"
  sleep 0.1
done
kill "$writer"; wait "$writer" 2>/dev/null || true; writer=
n1=$(q online1.db "SELECT count(*) FROM seekers"); n8=$(q online8.db "SELECT count(*) FROM seekers")
[ "$n8" -gt "$n1" ] || die "writer made no progress during the backups ($n1 -> $n8)"

# 4. restore puts a good copy back, through the live database's own journal
q live.db "DELETE FROM seekers WHERE id LIKE 'S-%'"
"$bin" restore --from copy.db --db live.db >out.txt || die "restore exited $?"
[ "$(q live.db "SELECT count(*) FROM seekers WHERE id LIKE 'S-%'")" = 501 ] || die "restore lost rows"
[ "$(q live.db "SELECT count(*) FROM seekers WHERE id LIKE 'W-%'")" = 0 ] || die "restore kept newer rows"
[ "$(q live.db 'PRAGMA integrity_check')" = ok ] || die "restored db damaged"
[ "$(q live.db "SELECT count(*) FROM audit_log WHERE action = 'restore'")" = 1 ] || die "no restore audit row"
"$bin" restore --check --from copy.db >/dev/null || die "restore --check rejected a good copy"
"$bin" restore --from copy.db --db fresh.db >/dev/null || die "restore into a new file failed"
[ "$(q fresh.db 'SELECT count(*) FROM seekers')" = 501 ] || die "restore into a new file lost rows"

# 5. bad backups are refused and the database stays exactly as it was
before=$(q live.db .dump | sha256sum)
cp copy.db damaged.db
# overwrite the middle of the seekers table's pages with garbage
root=$(q copy.db "SELECT rootpage FROM sqlite_schema WHERE name = 'seekers'")
dd if=/dev/urandom of=damaged.db bs=4096 seek="$((root))" count=3 conv=notrunc status=none
expect_exit 2 "a backup is trusted only with the SHA-256" "$bin" restore --from damaged.db --db live.db
cp copy.db.sha256 damaged.db.sha256
expect_exit 2 "is not the one written at backup time" "$bin" restore --from damaged.db --db live.db
forge damaged.db
expect_exit 2 "integrity_check failed" "$bin" restore --from damaged.db --db live.db
echo "0123" >damaged.db.sha256
expect_exit 2 "not a SHA-256" "$bin" restore --from damaged.db --db live.db
# issue 15: a changed name; random bytes in an overflow page (integrity_check
# does not read overflow content); a trigger that copies the personal number
# into the phone column. Each comes with the original hash, then forged.
cp copy.db renamed.db && cp copy.db.sha256 renamed.db.sha256
q renamed.db "UPDATE seekers SET first_name = 'Mallory' WHERE id = 'S-000001'"
expect_exit 2 "is not the one written at backup time" "$bin" restore --from renamed.db --db live.db
cp copy.db overflow.db && cp copy.db.sha256 overflow.db.sha256
ovf=$(q copy.db "SELECT pageno FROM dbstat WHERE pagetype = 'overflow' ORDER BY pageno LIMIT 1")
[ -n "$ovf" ] || die "the fixture has no overflow page"
dd if=/dev/urandom of=overflow.db bs=1 seek="$(( (ovf - 1) * 4096 + 200 ))" count=64 conv=notrunc status=none
expect_exit 2 "is not the one written at backup time" "$bin" restore --from overflow.db --db live.db
expect_exit 2 "is not the one written at backup time" "$bin" backup --verify overflow.db
cp copy.db trigger.db && cp copy.db.sha256 trigger.db.sha256
q trigger.db "CREATE TRIGGER leak AFTER UPDATE ON seekers BEGIN
  UPDATE seekers SET phone = NEW.personal_number WHERE id = NEW.id AND phone IS NOT NEW.personal_number; END;"
expect_exit 2 "is not the one written at backup time" "$bin" restore --from trigger.db --db live.db
forge trigger.db
expect_exit 2 'trigger "leak" is not part of fairmatch' "$bin" restore --from trigger.db --db live.db
expect_exit 2 'trigger "leak" is not part of fairmatch' "$bin" restore --check --from trigger.db
expect_exit 2 'trigger "leak" is not part of fairmatch' "$bin" backup --verify trigger.db
cp copy.db view.db && q view.db "CREATE VIEW v AS SELECT 1" && forge view.db
expect_exit 2 'view "v" is not part of fairmatch' "$bin" restore --from view.db --db live.db
cp copy.db noindex.db && q noindex.db "DROP INDEX seekers_personal_number" && forge noindex.db
expect_exit 2 'index "seekers_personal_number" of fairmatch' "$bin" restore --from noindex.db --db live.db
cp copy.db changed.db && q changed.db "ALTER TABLE seekers ADD COLUMN note TEXT" && forge changed.db
expect_exit 2 'table "seekers" differs from fairmatch' "$bin" restore --from changed.db --db live.db
# SQLite's own statistics are no schema of ours: an ANALYZEd backup is fine.
cp copy.db analyzed.db && q analyzed.db "ANALYZE" && forge analyzed.db
"$bin" restore --check --from analyzed.db >/dev/null || die "an ANALYZEd backup was refused"
# A backup made by an older build is compared with the schema of its own version.
for m in "$src"/data/migrations/000[123]_*.sql; do q old3.db <"$m"; done
q old3.db "PRAGMA user_version = 3" && forge old3.db
"$bin" restore --check --from old3.db >/dev/null || die "a version-3 backup was refused"
"$bin" restore --from old3.db --db old3-restored.db >/dev/null || die "restoring a version-3 backup failed"
echo "not a database" >garbage.db
expect_exit 2 "not an SQLite database" "$bin" restore --from garbage.db --db live.db
: >empty.db
expect_exit 2 "not an SQLite database" "$bin" restore --from empty.db --db live.db
expect_exit 2 "No such file" "$bin" restore --from missing.db --db live.db
q foreign.db "CREATE TABLE t(x); INSERT INTO t VALUES (1);" && forge foreign.db
expect_exit 2 "not a fairmatch database" "$bin" restore --from foreign.db --db live.db
cp copy.db newer.db && q newer.db "PRAGMA user_version = 999" && forge newer.db
expect_exit 2 "newer than this fairmatch" "$bin" restore --from newer.db --db live.db
expect_exit 2 "is the database itself" "$bin" restore --from live.db --db live.db
[ "$(q live.db .dump | sha256sum)" = "$before" ] || die "a refused restore changed the database"
# 6. with the real server writing: backups taken while `fairmatch serve`
#    commits API writes are checked copies that hold every write acknowledged
#    before the backup started
"$bin" init --db srv.db >/dev/null
add_user srv.db org organiser backup-test-password
start_server srv.db --bind 127.0.0.1 --quiet
port=$(sed -n 's|^http://127.0.0.1:\([0-9]*\)/$|\1|p' <<<"$url")
csrf=$(curl -s -c jar -H 'Content-Type: application/json' \
  -d '{"username":"org","password":"backup-test-password"}' "http://127.0.0.1:$port/api/login" |
  sed -n 's/.*"csrf_token": *"\([0-9a-f]*\)".*/\1/p')
[ -n "$csrf" ] || die "login failed"
awk -v port="$port" -v csrf="$csrf" 'BEGIN {
  for (n = 1; n <= 5000; n++) {
    printf "url = \"http://127.0.0.1:%s/api/departments\"\n", port
    printf "data = \"{\\\"id\\\":\\\"B%d\\\",\\\"name\\\":\\\"Backup %d\\\"}\"\n", n, n
    printf "header = \"Content-Type: application/json\"\nheader = \"X-CSRF-Token: %s\"\n", csrf
    printf "cookie = \"jar\"\noutput = \"/dev/null\"\nwrite-out = \"%%{http_code} B%d\\n\"\n", n
    if (n < 5000) print "next"
  }
}' >client.cfg
curl -s -N -K client.cfg >client.out &
client=$!
for k in 1 2 3 4; do
  sleep 0.2
  acked_before=$(awk '$1 == 201' client.out | wc -l)
  "$bin" backup --db srv.db --to "srv$k.db" >/dev/null || die "backup $k beside the server exited $?"
  [ "$(q "srv$k.db" 'PRAGMA integrity_check')" = ok ] || die "backup $k beside the server damaged"
  n=$(q "srv$k.db" "SELECT count(*) FROM departments WHERE id LIKE 'B%'")
  [ "$n" -ge "$acked_before" ] || die "backup $k holds $n writes, $acked_before were acknowledged before it"
done
sleep 0.2
live=$(q srv.db "SELECT count(*) FROM departments WHERE id LIKE 'B%'")
kill "$client"; wait "$client" 2>/dev/null || true; client=
stop_server
bad=$(sed '$d' client.out | awk '$1 != 201' | head -3) # the last line may be cut by the kill
[ -z "$bad" ] || die "server writes failed during the backups: $bad"
[ "$n" -lt "$live" ] || die "the server stopped writing before the last backup ($n, $live)"
echo "backup/restore: ok"
