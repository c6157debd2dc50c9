#!/usr/bin/env bash
# Runs every test: installs what the tests need and is missing, builds the solution, runs each test
# project, and prints one summary line.
set -euo pipefail
cd "$(dirname "$0")"

# The integration tests read listening sockets with ss (iproute2) and leave a stale unix socket with python3.
# The production stack's tests run real nginx and PostgreSQL, and check the shell scripts with shellcheck.
pg_bin() {
  find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1
}
missing=()
command -v ss >/dev/null 2>&1 || missing+=(iproute2)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
# supervisor top is tested on a real terminal, in tmux.
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
# The systemd tests hand the master a socket with systemd-socket-activate and check the units with systemd-analyze.
command -v systemd-socket-activate >/dev/null 2>&1 || missing+=(systemd)
command -v initdb >/dev/null 2>&1 || [ -n "$(pg_bin)" ] || missing+=(postgresql)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "The tests need these Debian packages: ${missing[*]}. Install them (apt-get install ${missing[*]}) and run again." >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Debian keeps initdb and pg_ctl out of PATH; nginx lives in sbin, which a non-login shell may lack.
PATH="$(pg_bin):$PATH:/usr/sbin"
export PATH

log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet build Supervisor.sln --nologo -v quiet -clp:ErrorsOnly
status=0
dotnet test Supervisor.sln --no-build --nologo 2>&1 | tee "$log" || status=$?

# One closing line across all projects, so a reader sees the whole run at a glance.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "${passed} passed, ${failed} failed"
exit "$status"
