#!/bin/sh
# Run once by the postgres image on an empty volume (docker-compose.yml). The superuser stays for
# the operator; the schema belongs to samverkan_owner, which runs the migrations and is no
# superuser; the app signs in as samverkan_web, which owns nothing (it gets samverkan_app's grants
# at the first migration).
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner_password="$SAMVERKAN_OWNER_PASSWORD" -v web_password="$SAMVERKAN_WEB_PASSWORD" <<'EOSQL'
CREATE ROLE samverkan_owner LOGIN NOSUPERUSER CREATEROLE PASSWORD :'owner_password';
CREATE ROLE samverkan_web LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD :'web_password';
SELECT format('ALTER DATABASE %I OWNER TO samverkan_owner', current_database()) \gexec
ALTER SCHEMA public OWNER TO samverkan_owner;
EOSQL
