#!/usr/bin/env bash
# Runs every test: installs what the tests need and is missing, builds the solution, runs each test
# project, and prints one summary line.
set -euo pipefail
cd "$(dirname "$0")"

# The integration tests read listening sockets with ss (iproute2) and leave a stale unix socket with python3.
missing=()
command -v ss >/dev/null 2>&1 || missing+=(iproute2)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "The tests need these Debian packages: ${missing[*]}. Install them (apt-get install ${missing[*]}) and run again." >&2
    exit 1
  fi
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

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
