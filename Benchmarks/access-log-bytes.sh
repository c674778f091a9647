#!/usr/bin/env bash
# Bytes per access-log row on SQLite: the compact log of migration 9 against the old `access_log` of
# migration 4, filled with the same reads (N reads of 2,000 complaints by 40 readers for 8 purposes,
# one read per 250 ms). Uses the sqlite3 shell's `dbstat` table; run from the repository's root after
# `swift build` (it runs `klage migrate` for the real schema).
#
#   Benchmarks/access-log-bytes.sh [N]      # N defaults to 200000
set -euo pipefail
N=${1:-200000}
KLAGE=${KLAGE:-.build/debug/klage}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
NEW="$DIR/new.sqlite"
OLD="$DIR/old.sqlite"
"$KLAGE" migrate --database "sqlite:$NEW" >/dev/null

FILL_NEW="
INSERT OR IGNORE INTO tenants (id, name, plugins, settings, created_at) VALUES ('kobenhavn', 'K', '[]', '{}', 0);
INSERT INTO access_readers (tenant_id, id, actor, label)
  WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 40)
  SELECT 'kobenhavn', i, printf('019a%04x-5c1e-7d2f-8a3b-%012x', i, i * 7919), printf('Caseworker %d', i) FROM r;
INSERT INTO access_purposes (tenant_id, id, purpose) VALUES ('kobenhavn', 1, 'complaint.get'), ('kobenhavn', 2, 'complaint.list'),
  ('kobenhavn', 3, 'complaint.act'), ('kobenhavn', 4, 'complaint.journey'), ('kobenhavn', 5, 'complaint.assign'),
  ('kobenhavn', 6, 'complaint.pause'), ('kobenhavn', 7, 'complaint.resume'), ('kobenhavn', 8, 'privacy.export');
INSERT INTO access_reads (tenant_id, complaint_id, at, reader, purpose, reads)
  WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $N - 1)
  SELECT 'kobenhavn', printf('019b%04x-1d2e-7f3a-9b4c-%012x', i % 2000, (i % 2000) * 104729), 1790000000000 + i * 250,
    1 + (i * 7) % 40, 1 + (i * 3) % 8, 1 FROM n;
"
sqlite3 "$NEW" "$FILL_NEW"

sqlite3 "$OLD" "
CREATE TABLE access_log (
    tenant_id TEXT NOT NULL, complaint_id TEXT NOT NULL, seq TEXT NOT NULL, actor TEXT NOT NULL,
    actor_label TEXT NOT NULL, at BIGINT NOT NULL, purpose TEXT NOT NULL, PRIMARY KEY (tenant_id, complaint_id, seq));
ATTACH '$NEW' AS new;
INSERT INTO access_log
  SELECT a.tenant_id, a.complaint_id, printf('%08x-%04x-7%03x-8%03x-%012x', a.at / 65536, a.at % 65536, a.reader, a.purpose, a.at),
    r.actor, r.label, a.at, p.purpose
  FROM new.access_reads a JOIN new.access_readers r ON r.id = a.reader JOIN new.access_purposes p ON p.id = a.purpose;
"

bytes() { sqlite3 "$1" "SELECT SUM(pgsize) FROM dbstat WHERE name IN ($2);"; }
NEW_BYTES=$(bytes "$NEW" "'access_reads', 'access_readers', 'access_purposes', 'access_readers_actor', 'access_purposes_name', 'sqlite_autoindex_access_readers_1', 'sqlite_autoindex_access_purposes_1'")
OLD_BYTES=$(bytes "$OLD" "'access_log', 'sqlite_autoindex_access_log_1'")
ROWS=$(sqlite3 "$NEW" "SELECT COUNT(*) FROM access_reads")
echo "reads: $ROWS"
echo "old access_log (migration 4):  $OLD_BYTES bytes, $((OLD_BYTES / ROWS)) bytes per read"
echo "compact access_reads (migration 9): $NEW_BYTES bytes, $((NEW_BYTES / ROWS)) bytes per read"
