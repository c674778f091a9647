#!/bin/sh
# Run once by the postgres image on an empty data folder (docker-entrypoint-initdb.d): makes the login
# the Klage instances serve as, with no rights of its own. Each `klage migrate` (as the owner, POSTGRES_USER)
# grants it the runtime role, so it owns no table and cannot rewrite the audit chains.
set -eu
password=$(cat /run/secrets/klage_runtime_password)
# psql quotes the variable as a literal (:'password'), so no character of it is read as SQL.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v password="$password" <<'SQL'
CREATE ROLE klage_runtime LOGIN PASSWORD :'password';
SQL
