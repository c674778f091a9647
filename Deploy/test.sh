#!/usr/bin/env bash
# The whole test suite: installs what is missing, starts throwaway PostgreSQL clusters (removed on
# exit, also when tests fail), and runs `swift test` with every storage test on SQLite and PostgreSQL.
# Run from the repository's root: Deploy/test.sh [swift test options]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"

Deploy/setup-debian.sh --with-postgres --with-browser --with-test-tools
# The house style (.swift-format): a formatting slip fails the run before any test does.
swift format lint --strict --recursive --parallel Sources Plugins BuildTools Tests Package.swift
source Deploy/postgres-test-cluster.sh
log=$(mktemp)
# Every file the tests make in the temporary directory (their SQLite databases, keys, logs) goes in one
# folder, removed on exit with the clusters: a run left about 350 folders behind before.
test_tmp=$(mktemp -d /tmp/klage-test-run-XXXXXX)
chmod 755 "$test_tmp"
trap 'pg_cluster_stop_all; rm -rf "$log" "$test_tmp"' EXIT
pg_cluster_start POSTGRES          # shared by the storage and end-to-end tests, one database per test
pg_cluster_start POSTGRES_OUTAGE   # taken down and brought back by the outage test alone
pg_scratch_root                    # where the failover and backup tests make their own clusters

status=0
# Swift Testing starts every test at once; on two cores ~500 of them then each take minutes, and a
# loaded wait (an upgrade's answer, a provider's reply) meets a real timeout. At most 12 at a time
# does the same work with less thrashing.
export SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH="${SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH:-12}"
# Only the versions in Package.resolved: a requirement changed without it fails here, not silently.
TMPDIR="$test_tmp" swift test --force-resolved-versions "$@" 2>&1 | tee "$log" || status=$?
echo "PostgreSQL: $(grep -c '→ postgres to .* started' "$log" || true) storage test cases ran on PostgreSQL, $(grep -c '→ sqlite to .* started' "$log" || true) on SQLite"
# CI reads the last line: repeat swift test's closing summary after the count.
grep -E '^(✔|✘) Test run with' "$log" | tail -n 1 || true
exit "$status"
