#!/usr/bin/env bash
# Measures `klage copy` on a host of N complaints: SQLite -> PostgreSQL -> SQLite, then compares the
# per-table checksums of the first and last copy.
#
#   Benchmarks/copy-roundtrip.sh POSTGRES_URL_OF_AN_EMPTY_DATABASE [N]     (N defaults to 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
postgres=$1; count=${2:-10000}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
swift build -c release --product klage >/dev/null
klage=.build/release/klage

time_it() { local start; start=$(date +%s%N); "$@"; echo "  took $(( ($(date +%s%N) - start) / 1000000 )) ms" >&2; }

echo "== generate $count complaints in sqlite:$work/a.sqlite"
time_it $klage generate --database "sqlite:$work/a.sqlite" --complaints "$count"
echo "== copy SQLite -> PostgreSQL"
time_it $klage copy --from "sqlite:$work/a.sqlite" --to "$postgres" | tee "$work/there.txt"
echo "== copy PostgreSQL -> SQLite"
time_it $klage copy --from "$postgres" --to "sqlite:$work/b.sqlite" | tee "$work/back.txt"
there=$(grep -o 'checksum [0-9a-f]*' "$work/there.txt" | sort)
back=$(grep -o 'checksum [0-9a-f]*' "$work/back.txt" | sort)
[ "$there" = "$back" ] && echo "round trip: every table's checksum equal" || { echo "round trip: CHECKSUMS DIFFER"; exit 1; }
