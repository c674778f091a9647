#!/usr/bin/env bash
# Load benchmark: requests/s of JSON-RPC methods over HTTP on loopback, with wrk.
#
#   Benchmarks/rpc-load.sh [DATABASE_URL]     (default: a fresh SQLite file in a temporary folder)
#
# Builds klage in release mode, starts it on a free port over a fresh database, creates a key and a
# complaint, then runs wrk against `complaint.get` (reads) and `complaint.create` (durable writes).
# Settings: DURATION (default 10s), CONNECTIONS (default 32), THREADS (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

DURATION=${DURATION:-10s}; CONNECTIONS=${CONNECTIONS:-32}; THREADS=${THREADS:-2}
work=$(mktemp -d)
database=${1:-sqlite:$work/klage.sqlite}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
server=""
trap 'if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; fi; rm -rf "$work"' EXIT

swift build -c release --product klage >/dev/null
klage=.build/release/klage
# Rate limits off: wrk calls as fast as it can with one key (Benchmarks/overload measures the limits).
KLAGE_LOG_LEVEL=warning $klage serve --database "$database" --port "$port" --key-requests-per-second 0 --max-requests-in-flight 100000 &
server=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

key=$($klage key create --database "$database" --tenant kobenhavn --role caseworker --label bench | tail -n 1)
id=$(curl -s "http://127.0.0.1:$port/rpc" -H "Authorization: Bearer $key" -d '{"jsonrpc":"2.0","id":1,"method":"complaint.create","params":{"workflow":"borgerkontakt.dialogue","channel":"phone","subject":"Benchmark","description":"A complaint to read.","citizen":{"name":"Bench Mark"}}}' | jq -r .result.id)

cat > "$work/get.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
wrk.body = '{"jsonrpc":"2.0","id":1,"method":"complaint.get","params":{"id":"$id"}}'
LUA
cat > "$work/create.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
wrk.body = '{"jsonrpc":"2.0","id":1,"method":"complaint.create","params":{"workflow":"borgerkontakt.dialogue","channel":"web","subject":"Benchmark","description":"A new complaint.","citizen":{"name":"Bench Mark"}}}'
LUA

for method in get create; do
  echo "== complaint.$method on ${database%%:*} ($THREADS threads, $CONNECTIONS connections, $DURATION)"
  wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" -s "$work/$method.lua" "http://127.0.0.1:$port/rpc" | grep -E "Requests/sec|Latency|Non-2xx|Socket errors"
done
errors=$(curl -s "http://127.0.0.1:$port/rpc" -H "Authorization: Bearer $key" -d '{"jsonrpc":"2.0","id":1,"method":"complaint.list","params":{"limit":1}}' | jq -r 'if .error then "error" else "ok" end')
echo "server still answering: $errors"
