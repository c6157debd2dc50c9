#!/usr/bin/env bash
# Builds the sample app and the supervisor, then runs them with gunicorn.toml on 127.0.0.1:8000.
# With no database configured (DATABASE_URL or DATABASE_HOST), it starts a throwaway PostgreSQL under
# .local/pg (git-ignored; its data stays between runs) and migrates it first. Ctrl-C stops everything.
# Extra arguments go to 'supervisor run' (for example: ./run.sh -w 2). BIND moves the address,
# LOCAL_PG_PORT the local PostgreSQL's port (54329).
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
pg_dir="$root/.local/pg"
pg_port=${LOCAL_PG_PORT:-54329}
bind=${BIND:-127.0.0.1:8000}
pg_started=""
supervisor_pid=""

say() {
  echo "run.sh: $*" >&2
}

# PostgreSQL refuses to run as root: as root, its commands run as the postgres user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

stop_all() {
  if [ -n "$supervisor_pid" ] && kill -0 "$supervisor_pid" 2>/dev/null; then
    kill -TERM "$supervisor_pid" 2>/dev/null || true
    wait "$supervisor_pid" 2>/dev/null || true
  fi
  if [ -n "$pg_started" ]; then
    as_pg pg_ctl -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
    say "stopped the local PostgreSQL"
  fi
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_local_postgres() {
  local bin
  if ! command -v initdb >/dev/null 2>&1; then
    bin=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$bin" ]; then
      say "PostgreSQL is not installed. Install it (sudo apt-get install postgresql), or set DATABASE_URL to a database you have, and run again."
      exit 1
    fi
    PATH="$bin:$PATH"
  fi
  mkdir -p "$pg_dir/run"
  [ "$(id -u)" -ne 0 ] || chown -R postgres "$pg_dir"
  if [ ! -f "$pg_dir/data/PG_VERSION" ]; then
    say "creating a local PostgreSQL cluster in .local/pg (first run only)"
    printf 'local-dev\n' > "$pg_dir/password"
    [ "$(id -u)" -ne 0 ] || chown postgres "$pg_dir/password"
    as_pg initdb -D "$pg_dir/data" -U app --pwfile="$pg_dir/password" --auth-host=scram-sha-256 --auth-local=trust -E UTF8 >/dev/null
  fi
  say "starting the local PostgreSQL on 127.0.0.1:$pg_port"
  if ! as_pg pg_ctl -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w -t 60 start \
      -o "-p $pg_port -k $pg_dir/run -c listen_addresses=127.0.0.1" >/dev/null; then
    say "the local PostgreSQL did not start; see .local/pg/postgres.log (is port $pg_port taken? set LOCAL_PG_PORT)."
    exit 1
  fi
  pg_started=1
  if [ "$(as_pg psql -h "$pg_dir/run" -p "$pg_port" -U app -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = 'app'")" != "1" ]; then
    as_pg psql -h "$pg_dir/run" -p "$pg_port" -U app -d postgres -qc "CREATE DATABASE app" >/dev/null
  fi
  export DATABASE_HOST=127.0.0.1 DATABASE_PORT="$pg_port" DATABASE_NAME=app DATABASE_USER=app DATABASE_PASSWORD=local-dev
}

say "building"
dotnet publish src/SampleApp -c Release -o out/app --nologo -v quiet
dotnet publish src/Supervisor -c Release -o out/supervisor --nologo -v quiet
# gunicorn.toml's pidfile goes here; the master never creates a folder itself.
mkdir -p out/run

if [ -z "${DATABASE_URL:-}" ] && [ -z "${DATABASE_HOST:-}" ]; then
  start_local_postgres
fi
out/app/SampleApp migrate

say "open http://$bind/static/ to register and log in; Ctrl-C stops everything"
# In the background and waited for, so the traps above run when it ends or Ctrl-C arrives.
out/supervisor/supervisor run -c gunicorn.toml -b "$bind" "$@" &
supervisor_pid=$!
wait "$supervisor_pid"
