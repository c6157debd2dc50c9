#!/usr/bin/env bash
# Builds the sample app and the supervisor, then runs them with gunicorn.toml on 127.0.0.1:8000.
# Extra arguments go to 'supervisor run' (for example: ./run.sh -w 2).
set -euo pipefail
cd "$(dirname "$0")"

dotnet publish src/SampleApp -c Release -o out/app --nologo -v quiet
dotnet publish src/Supervisor -c Release -o out/supervisor --nologo -v quiet

exec out/supervisor/supervisor run -c gunicorn.toml -b 127.0.0.1:8000 "$@"
