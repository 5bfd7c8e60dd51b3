#!/usr/bin/env bash
# Restores one subgraph's database from a file made by backup.sh (docs/operations.md: "Backup and restore"), into a fresh, empty
# database: created with createdb, and the subgraph stopped or not yet pointed at it.
#   npm run restore -- --subgraph health --in backups/health.dump              # HEALTH_DATABASE_URL names the database
#   npm run restore -- --subgraph health --in backups/health.dump --compose    # the health-db service of docker-compose.yml
set -euo pipefail
source "$(dirname "$0")/pg-tools.sh"
parse_arguments --in "$@"

if [ ! -r "$file" ]; then
  echo "cannot read $file" >&2
  exit 2
fi
# Restoring over live tables would mix two states of the database; only an empty one is accepted.
tables=$(run_on_database psql --no-psqlrc --tuples-only --no-align \
  --command="select count(*) from pg_tables where schemaname = 'public'" </dev/null)
if [ "$tables" != 0 ]; then
  echo "the $subgraph database already has $tables tables: restore into a fresh one (createdb) and point the subgraph at it" >&2
  exit 1
fi
# One transaction: a dump that fails half-way leaves the database empty, not half restored. The roles of the
# backed-up server need not exist here, so ownership and grants are left to the restoring user.
run_on_database pg_restore --no-owner --no-privileges --exit-on-error --single-transaction <"$file"
echo "restored the $subgraph database from $file"
