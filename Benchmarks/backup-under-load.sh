#!/usr/bin/env bash
# Backup figures: `klage backup` of a SQLite host while wrk writes complaints through it, then
# `klage restore` of the copy (integrity, every table against the manifest, every audit chain).
#
#   Benchmarks/backup-under-load.sh [COMPLAINTS]     (default 20000 generated complaints first)
#
# Prints the database's size, the backup's size and time, the writes per second while it ran, and the
# restore's time. Settings: BUILD (release, or debug to skip the release build), CONNECTIONS (8).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

COMPLAINTS=${1:-20000}; BUILD=${BUILD:-release}; CONNECTIONS=${CONNECTIONS:-8}
work=$(mktemp -d)
database=sqlite:$work/klage.sqlite
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
server=""; load=""
trap 'for p in $load $server; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$work"' EXIT

swift build -c "$BUILD" --product klage >/dev/null
klage=.build/$BUILD/klage
$klage generate --database "$database" --tenant kobenhavn --complaints "$COMPLAINTS" >/dev/null
KLAGE_LOG_LEVEL=warning $klage serve --database "$database" --port "$port" --key-requests-per-second 0 --max-requests-in-flight 100000 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
key=$($klage key create --database "$database" --tenant kobenhavn --role caseworker --label bench | tail -n 1)
cat > "$work/create.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
wrk.body = '{"jsonrpc":"2.0","id":1,"method":"complaint.create","params":{"workflow":"borgerkontakt.dialogue","channel":"phone","subject":"Under backup","description":"Written while the backup runs.","citizen":{"name":"Bench Mark"}}}'
LUA
bytes=$(stat -c %s "$work/klage.sqlite")
wrk -t 2 -c "$CONNECTIONS" -d 60s -s "$work/create.lua" "http://127.0.0.1:$port/rpc" > "$work/wrk.txt" &
load=$!
sleep 3
started=$(date +%s.%N)
$klage backup --database "$database" --to "$work/backup.sqlite" > "$work/backup.txt"
ended=$(date +%s.%N)
kill -INT "$load" 2>/dev/null || true; wait "$load" 2>/dev/null || true; load=""
restore_started=$(date +%s.%N)
$klage restore --from "$work/backup.sqlite" --to "sqlite:$work/restored.sqlite" > "$work/restore.txt"
restore_ended=$(date +%s.%N)
echo "database before the load: $bytes bytes ($COMPLAINTS generated complaints), $BUILD build"
cat "$work/backup.txt"
printf 'backup wall time under load: %.2f s\n' "$(echo "$ended - $started" | bc)"
echo "load while it ran: $(grep -E 'Requests/sec' "$work/wrk.txt" | awk '{print $2}') complaint.create/s over the run ($CONNECTIONS connections), $(grep -E 'Non-2xx' "$work/wrk.txt" || echo 'no non-2xx answers')"
cat "$work/restore.txt"
printf 'restore wall time: %.2f s\n' "$(echo "$restore_ended - $restore_started" | bc)"
