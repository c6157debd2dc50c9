#!/bin/sh
# The container's entrypoint: check the environment, wait for PostgreSQL, collect the static files for
# nginx, migrate, then become the supervisor (exec), so it is the process that receives the
# container's signals: TERM drains the workers, HUP reloads them.
#
# Paths default to the image's layout (see Dockerfile) and can be changed for a run outside it.
set -eu

APP_ROOT=${APP_ROOT:-/app}
SAMPLEAPP=${SAMPLEAPP:-$APP_ROOT/out/app/SampleApp}
SUPERVISOR=${SUPERVISOR:-$APP_ROOT/out/supervisor/supervisor}
SUPERVISOR_CONFIG=${SUPERVISOR_CONFIG:-$APP_ROOT/gunicorn.toml}
DATABASE_WAIT_ATTEMPTS=${DATABASE_WAIT_ATTEMPTS:-30}
MIGRATE_TIMEOUT=${MIGRATE_TIMEOUT:-60}

say() {
  echo "entrypoint: $*" >&2
}

fail() {
  say "$*"
  exit 1
}

# 1. The environment: every missing variable is named at once, so one restart fixes them all.
missing=""
[ -n "${STATIC_ROOT:-}" ] || missing="$missing STATIC_ROOT"
if [ -n "${DATABASE_URL:-}" ]; then
  # postgres://user:password@host:port/name -> host:port, for the wait below.
  address=$(printf '%s\n' "$DATABASE_URL" | sed -e 's#^[a-z]*://##' -e 's#^.*@##' -e 's#[/?].*$##')
  db_host=${address%:*}
  db_port=${address##*:}
  [ "$db_port" != "$address" ] || db_port=5432
else
  for name in DATABASE_HOST DATABASE_NAME DATABASE_USER DATABASE_PASSWORD; do
    eval "value=\${$name:-}"
    [ -n "$value" ] || missing="$missing $name"
  done
  db_host=${DATABASE_HOST:-}
  db_port=${DATABASE_PORT:-5432}
fi
if [ -n "$missing" ]; then
  fail "missing environment variables:$missing. Set them (see .env.docker; DATABASE_URL may replace the DATABASE_* ones) and start again."
fi
for file in "$SAMPLEAPP" "$SUPERVISOR"; do
  [ -x "$file" ] || fail "$file is not an executable file; set SAMPLEAPP and SUPERVISOR to the published app and supervisor."
done
[ -f "$SUPERVISOR_CONFIG" ] || fail "the supervisor configuration $SUPERVISOR_CONFIG does not exist; set SUPERVISOR_CONFIG."

# 2. The database's port, with bounded retries: a database still starting is normal, one that never
#    comes is a mistake to report.
say "waiting for the database at $db_host:$db_port (up to $DATABASE_WAIT_ATTEMPTS attempts)"
attempt=1
until "$SAMPLEAPP" portcheck "$db_host" "$db_port"; do
  if [ "$attempt" -ge "$DATABASE_WAIT_ATTEMPTS" ]; then
    fail "the database at $db_host:$db_port did not accept connections after $DATABASE_WAIT_ATTEMPTS attempts; check DATABASE_HOST and DATABASE_PORT, and that PostgreSQL is running."
  fi
  attempt=$((attempt + 1))
  sleep 1
done

# 3. Static files, where nginx serves them from.
say "collecting static files into $STATIC_ROOT"
"$SAMPLEAPP" collectstatic --output "$STATIC_ROOT" || fail "collecting static files into $STATIC_ROOT failed (see above); the server was not started."

# 4. Migrations: an open port is not yet a database that answers, so migrate waits for that itself.
say "applying migrations"
"$SAMPLEAPP" migrate --timeout "$MIGRATE_TIMEOUT" || fail "migrations failed (see above); the server was not started."

# 5. The supervisor replaces this shell.
say "starting: $SUPERVISOR run -c $SUPERVISOR_CONFIG $*"
exec "$SUPERVISOR" run -c "$SUPERVISOR_CONFIG" "$@"
