#!/usr/bin/env bash
# Installs the system packages Klage builds, runs and tests with, on Debian or Ubuntu.
# Idempotent: installs only what is missing, and touches nothing when all is there.
set -euo pipefail

# curl and jq run the README's session in the tests; python3-jsonschema checks rpc.discover against
# the OpenRPC meta-schema (Tests/KlageServerTests/OpenRPC/validate.py, run with /usr/bin/python3).
packages=(libsqlite3-dev libpq-dev zlib1g-dev pkg-config curl jq python3 python3-jsonschema)
# --with-postgres: also a PostgreSQL server, for the test suite's throwaway clusters.
# --with-benchmarks: also wrk, for Benchmarks/rpc-load.sh and Benchmarks/overload.
# --with-browser: also headless Chromium and its WebDriver, for the web console's browser tests.
# --with-test-tools: also the test suite's checking tools (hadolint, kubernetes-validate, PyYAML,
#   prometheus-client, selenium, oidc-provider-mock; axe-playwright-python for its axe-core 4.x), pinned in Deploy/test-tools*.txt, in a virtualenv at .build/tools-venv.
test_tools=false
for option in "$@"; do
  case "$option" in
    --with-postgres) ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || packages+=(postgresql) ;;
    --with-benchmarks) packages+=(wrk) ;;
    --with-browser) packages+=(chromium chromium-driver) ;;
    --with-test-tools) test_tools=true; packages+=(python3-venv) ;;
    *) echo "setup-debian: unknown option $option (--with-postgres, --with-benchmarks, --with-browser, --with-test-tools)" >&2; exit 2 ;;
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

# The test tools: a virtualenv of Debian's Python (/usr/bin/python3, not a pyenv or other Python on
# PATH) with the pins of Deploy/test-tools.txt. Skipped when the venv holds exactly those pins and they
# work; rebuilt when the pins change or the venv is broken.
if [ "$test_tools" = true ]; then
  root=$(cd "$(dirname "$0")/.." && pwd)
  venv="$root/.build/tools-venv"
  requirements="$root/Deploy/test-tools.txt"
  bare="$root/Deploy/test-tools-without-dependencies.txt"
  stamp="$venv/klage-test-tools.txt"
  tools_work() {
    cat "$requirements" "$bare" | cmp -s - "$stamp" \
      && "$venv/bin/python3" -c "import kubernetes_validate, prometheus_client, yaml, selenium, oidc_provider_mock" 2>/dev/null \
      && "$venv/bin/python3" -c "import importlib.util, os, sys; spec = importlib.util.find_spec('axe_playwright_python'); sys.exit(not spec or not os.path.isfile(os.path.join(os.path.dirname(spec.origin), 'axe.min.js')))" 2>/dev/null \
      && "$venv/bin/hadolint" --version >/dev/null 2>&1 \
      && "$venv/bin/kubernetes-validate" --version >/dev/null 2>&1
  }
  if ! tools_work; then
    python=/usr/bin/python3
    [ -x "$python" ] || python=$(command -v python3)
    echo "setup-debian: installing the test tools of Deploy/test-tools.txt in $venv"
    mkdir -p "$root/.build"
    "$python" -m venv --clear "$venv"
    "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check --requirement "$requirements"
    "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check --no-deps --requirement "$bare"
    cat "$requirements" "$bare" > "$stamp"
    tools_work || { echo "setup-debian: the test tools in $venv do not work" >&2; exit 1; }
  fi
fi

command -v swift >/dev/null || [ -x /opt/swift/usr/bin/swift ] || {
  echo "setup-debian: Swift 6 is not on PATH; install it from swift.org first" >&2; exit 1
}
