#!/usr/bin/env bash
# What the request tally (status classes and the duration histogram in each worker's slot) costs per request:
# keep-alive throughput of two builds of the same tree, interleaved round by round, JIT Release, 2 workers,
# wrk -t2 -c8 GET /. BEFORE is a commit without the tally; the working tree is the build with it.
# Usage: bench/tally.sh BEFORE [ROUNDS]. Builds into bench/results/tally/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
before=${1:?usage: bench/tally.sh BEFORE-COMMIT [ROUNDS]}
rounds=${2:-5}
out=bench/results/tally
port=18731
rm -rf "$out" && mkdir -p "$out/before-src"
git archive "$before" | tar -x -C "$out/before-src"
for build in before after; do
  src=$([ "$build" = before ] && echo "$out/before-src" || echo .)
  dotnet publish "$src/src/SampleApp" -c Release -o "$out/$build/app" --nologo -v quiet
  dotnet publish "$src/src/Supervisor" -c Release -o "$out/$build/supervisor" --nologo -v quiet
done
master=
trap '[ -n "$master" ] && kill -TERM "$master" 2>/dev/null; true' EXIT
for round in $(seq 1 "$rounds"); do
  for build in before after; do
    printf 'bind = "127.0.0.1:%s"\nworkers = 2\napp = ["%s"]\nloglevel = "warning"\n' "$port" "$PWD/$out/$build/app/SampleApp" >"$out/$build.toml"
    setsid "$out/$build/supervisor/supervisor" run -c "$out/$build.toml" >"$out/$build.log" 2>&1 &
    master=$!
    for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
    wrk -t2 -c8 -d3s "http://127.0.0.1:$port/" >/dev/null
    echo "round $round $build $(wrk -t2 -c8 -d6s "http://127.0.0.1:$port/" | awk '/Requests\/sec/ {print $2}') requests/s"
    kill -TERM "$master"; wait "$master" 2>/dev/null || true
    master=
  done
done
