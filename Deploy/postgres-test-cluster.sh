#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster in a temporary folder, as a non-root user, on a free port.
#
#   source Deploy/postgres-test-cluster.sh; pg_cluster_start NAME    -> exports KLAGE_TEST_<NAME>_URL, _CTL
#   pg_cluster_stop_all                                              -> stops and removes every cluster started
#
# PostgreSQL refuses to run as root, so as root it runs as the `postgres` system user (runuser).
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
pg_clusters=()

pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_cluster_start() {
  local name=$1 dir port
  dir=$(mktemp -d /tmp/klage-pg-XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
  # A free port below the kernel's ephemeral range: a test that binds port 0 (a test server, a scratch
  # cluster) must not take the port of a cluster the outage test has stopped for a moment, or the
  # cluster cannot start again (a CI run failed so: "pg_ctl start failed").
  port=$(python3 -c '
import random, socket
try:
    low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
except OSError:
    low = 32768
while True:
    port = random.randrange(20000, low)
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port)); print(port); break
    except OSError:
        pass
    finally:
        s.close()')
  pg_as_owner "$pg_bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
  # One role must prove a password, so tests can see how a failed authentication is reported.
  pg_as_owner sh -c "printf 'host all klage_password_test 127.0.0.1/32 scram-sha-256\n' | cat - '$dir/data/pg_hba.conf' > '$dir/hba' && mv '$dir/hba' '$dir/data/pg_hba.conf'"
  # Every test opens its own server with its own pool, and Swift Testing runs them all at once: 300
  # connections ran out on a clean CI run ("too many clients"), which failed tests at random.
  local options="-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=1000"
  pg_as_owner "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "$options" start >/dev/null
  pg_clusters+=("$dir")
  export "KLAGE_TEST_${name}_URL=postgres://postgres@127.0.0.1:$port/postgres"
  # A command that takes start|stop, for tests that take the server down and bring it back.
  if [ "$(id -u)" -eq 0 ]; then
    export "KLAGE_TEST_${name}_CTL=runuser -u postgres -- $pg_bin/pg_ctl -D $dir/data -l $dir/log -w -o '$options' -m fast"
  else
    export "KLAGE_TEST_${name}_CTL=$pg_bin/pg_ctl -D $dir/data -l $dir/log -w -o '$options' -m fast"
  fi
}

# A folder for the clusters tests make themselves (ScratchPostgres: standbys, restores), named to them by
# KLAGE_TEST_SCRATCH_ROOT, so that pg_cluster_stop_all stops and removes them even after a killed run.
pg_scratch_root() {
  pg_scratch=$(mktemp -d /tmp/klage-scratch-XXXXXX)
  chmod 0711 "$pg_scratch"
  export KLAGE_TEST_SCRATCH_ROOT=$pg_scratch
}

pg_cluster_stop_all() {
  local dir
  for dir in "${pg_clusters[@]}"; do
    pg_as_owner "$pg_bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
  done
  pg_clusters=()
  if [ -n "${pg_scratch:-}" ]; then
    for dir in "$pg_scratch"/klage-scratch-pg-*; do
      [ -d "$dir/data" ] && pg_as_owner "$pg_bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    done
    rm -rf "$pg_scratch"
    pg_scratch=""
  fi
}
