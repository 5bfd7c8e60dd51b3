# What backup.sh and restore.sh share: their arguments, and where PostgreSQL's client tools run. Sourced, not run.

# The client tools from PATH, or where Debian's postgresql-15 package installs them.
PATH="$PATH:/usr/lib/postgresql/15/bin"

subgraph=''
file=''
compose=false

usage() {
  echo "usage: $(basename "$0") --subgraph social|health|education|ngo $1 FILE [--compose]" >&2
  exit 2
}

# $1 is the name of the file option (--out or --in); the script's own arguments follow.
parse_arguments() {
  local file_option=$1
  shift
  while [ $# -gt 0 ]; do
    case $1 in
      --subgraph) subgraph=${2:-} && shift 2 || usage "$file_option" ;;
      "$file_option") file=${2:-} && shift 2 || usage "$file_option" ;;
      --compose) compose=true && shift ;;
      *) usage "$file_option" ;;
    esac
  done
  case $subgraph in social | health | education | ngo) ;; *) usage "$file_option" ;; esac
  [ -n "$file" ] || usage "$file_option"
}

# Runs a client tool ($1, then its arguments) on the subgraph's database, passing stdin and stdout through, as the
# role that owns its tables (a restore creates them; the service's role may not): the database of
# <NAME>_MIGRATION_DATABASE_URL, or of <NAME>_DATABASE_URL where one role does both; or, with --compose, the
# database service of docker-compose.yml as <name>_owner, whose network has no route from the host.
run_on_database() {
  local tool=$1
  shift
  if $compose; then
    docker compose exec -T "$subgraph-db" "$tool" --username="${subgraph}_owner" --dbname="$subgraph" "$@"
    return
  fi
  local variable="${subgraph^^}_MIGRATION_DATABASE_URL"
  [ -n "${!variable:-}" ] || variable="${subgraph^^}_DATABASE_URL"
  if [ -z "${!variable:-}" ]; then
    echo "$variable is not set: the URL of the $subgraph database (or pass --compose)" >&2
    exit 2
  fi
  "$tool" --dbname="${!variable}" "$@"
}
