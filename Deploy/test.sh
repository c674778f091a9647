#!/usr/bin/env bash
# The whole test suite: installs what is missing, starts throwaway PostgreSQL clusters (removed on
# exit, also when tests fail), and runs `swift test` with every storage test on SQLite and PostgreSQL.
# Run from the repository's root: Deploy/test.sh [swift test options]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"

Deploy/setup-debian.sh --with-postgres
source Deploy/postgres-test-cluster.sh
trap pg_cluster_stop_all EXIT
pg_cluster_start POSTGRES          # shared by the storage and end-to-end tests, one database per test
pg_cluster_start POSTGRES_OUTAGE   # taken down and brought back by the outage test alone

swift test "$@"
