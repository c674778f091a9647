#!/usr/bin/env bash
# The whole test suite: installs what is missing, then runs `swift test`.
# Run from the repository's root: Deploy/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"

Deploy/setup-debian.sh
swift test "$@"
