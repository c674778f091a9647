#!/usr/bin/env bash
# Installs the system packages Klage builds, runs and tests with, on Debian or Ubuntu.
# Idempotent: installs only what is missing, and touches nothing when all is there.
set -euo pipefail

# curl and jq run the README's session in the tests; python3-jsonschema checks rpc.discover against
# the OpenRPC meta-schema (Tests/KlageServerTests/OpenRPC/validate.py, run with /usr/bin/python3).
packages=(libsqlite3-dev libpq-dev pkg-config curl jq python3 python3-jsonschema)
# --with-postgres: also a PostgreSQL server, for the test suite's throwaway clusters.
# --with-benchmarks: also wrk, for Benchmarks/rpc-load.sh and Benchmarks/overload.
for option in "$@"; do
  case "$option" in
    --with-postgres) ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || packages+=(postgresql) ;;
    --with-benchmarks) packages+=(wrk) ;;
    *) echo "setup-debian: unknown option $option (--with-postgres, --with-benchmarks)" >&2; exit 2 ;;
  esac
done
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup-debian: run as root (or install sudo) to install: ${missing[*]}" >&2; exit 1
  fi
}

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-debian: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v swift >/dev/null || [ -x /opt/swift/usr/bin/swift ] || {
  echo "setup-debian: Swift 6 is not on PATH; install it from swift.org first" >&2; exit 1
}
