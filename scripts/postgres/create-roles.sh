#!/usr/bin/env bash
# Run once by the postgres image on a database's first start (/docker-entrypoint-initdb.d), as its superuser
# (docs/operations.md: "Deploying"). Creates the two roles a subgraph's database is used with, neither a superuser:
#   HUB_OWNER_ROLE   owns the database and its tables; the migration job connects as it;
#   HUB_RUNTIME_ROLE the subgraph connects as it, with only the rights each migration run grants it, so it can write
#                    the access audit but never change, remove or skip a row of it.
set -euo pipefail
psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v database="$POSTGRES_DB" \
  -v owner="$HUB_OWNER_ROLE" -v owner_password="$HUB_OWNER_PASSWORD" \
  -v runtime="$HUB_RUNTIME_ROLE" -v runtime_password="$HUB_RUNTIME_PASSWORD" <<'SQL'
create role :"owner" login nosuperuser nocreatedb nocreaterole password :'owner_password';
create role :"runtime" login nosuperuser nocreatedb nocreaterole password :'runtime_password';
-- The database owner owns its public schema (pg_database_owner), where the migrations create the tables.
alter database :"database" owner to :"owner";
revoke all on database :"database" from public;
-- PostgreSQL 15 already refuses PUBLIC the right to create in the public schema; said here so that no other version
-- lets the service's role add objects beside the tables.
revoke create on schema public from public;
grant connect on database :"database" to :"owner", :"runtime";
SQL
