#!/usr/bin/env bash
# Runs the server: installs what is missing, builds, migrates, creates the demo tenants, serves.
# Run from the repository's root: Deploy/run.sh [serve options, e.g. --port 8081]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"

Deploy/setup-debian.sh
swift build --product klage
exec .build/debug/klage serve "$@"
