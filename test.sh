#!/usr/bin/env bash
# Runs every test: builds the solution, then runs each test project, and prints one summary line.
set -euo pipefail
cd "$(dirname "$0")"

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
