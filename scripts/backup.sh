#!/usr/bin/env bash
# Backs up one subgraph's database into a file in pg_dump's custom format (docs/operations.md: "Backup and restore").
#   npm run backup -- --subgraph health --out backups/health.dump              # HEALTH_DATABASE_URL names the database
#   npm run backup -- --subgraph health --out backups/health.dump --compose    # the health-db service of docker-compose.yml
set -euo pipefail
source "$(dirname "$0")/pg-tools.sh"
parse_arguments --out "$@"

mkdir -p "$(dirname "$file")"
# Written beside the file and renamed once complete, so a failed run never leaves a dump that looks whole.
trap 'rm -f "$file.partial"' EXIT
run_on_database pg_dump --format=custom >"$file.partial"
mv "$file.partial" "$file"
echo "backed up the $subgraph database into $file ($(wc -c <"$file") bytes)"
