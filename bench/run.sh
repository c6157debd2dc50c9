#!/usr/bin/env bash
# Benchmarks the supervisor against bare Kestrel, Gunicorn (gthread) and nginx on loopback, then
# measures cold start and runs fault scenarios (recycling, HUP, TTIN/TTOU, SIGKILL) under load.
# One command: bench/run.sh. Raw results go to bench/results/run-DATE/ (git-ignored); the tables are
# printed at the end and saved as tables.md there. See docs/benchmarks.md for how to read them.
#
# Knobs (environment): ROUNDS (3), DURATION (5 s per wrk run), FAULT_SECONDS (30), COLD_REPEATS (3),
# SKIP_FAULTS=1 and SKIP_COLD=1 to leave those parts out.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bench="$root/bench"
results="$bench/results"
build="$results/build"
run_dir="$results/run-$(date -u +%Y%m%d-%H%M%S)"
rounds=${ROUNDS:-3}
duration=${DURATION:-5}
fault_seconds=${FAULT_SECONDS:-30}
cold_repeats=${COLD_REPEATS:-3}
targets=(ours bare gunicorn nginx)

declare -A target_pid=()
declare -A target_port=()
wrk_pid=""

say() {
  echo "bench: $*" >&2
}

# Each target runs in its own session (setsid), so its whole process group can be stopped at once.
stop_group() {
  local pid=$1 i
  kill -TERM -- "-$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    # Done when nothing but zombies is left in its session.
    # shellcheck disable=SC2009
    ps -o stat= --sid "$pid" 2>/dev/null | grep -qv '^Z' || break
    [ "$i" -lt 100 ] || kill -KILL -- "-$pid" 2>/dev/null || true
    sleep 0.1
  done
  wait "$pid" 2>/dev/null || true
}

stop_target() {
  local name=$1
  if [ -n "${target_pid[$name]:-}" ]; then
    stop_group "${target_pid[$name]}"
    unset "target_pid[$name]"
  fi
}

cleanup() {
  local name
  trap - EXIT INT TERM
  for name in "${!target_pid[@]}"; do
    stop_target "$name"
  done
  [ -z "$wrk_pid" ] || kill "$wrk_pid" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

install_tools() {
  local missing=()
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  command -v gunicorn >/dev/null 2>&1 || missing+=(gunicorn)
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
      say "missing: ${missing[*]}; install them (sudo apt-get install ${missing[*]}) and run again"
      exit 1
    fi
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  PATH="$PATH:/usr/sbin"
}

build() {
  say "publishing SampleApp and the supervisor (Release) into bench/results/build/"
  dotnet publish src/SampleApp -c Release -o "$build/app" --nologo -v quiet
  dotnet publish src/Supervisor -c Release -o "$build/supervisor" --nologo -v quiet
}

machine() {
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpus (nproc): $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "kernel: $(uname -sr)"
  echo ".NET SDK: $(dotnet --version)"
  echo "gunicorn: $(gunicorn --version 2>&1 | head -n 1), $(python3 --version 2>&1)"
  echo "nginx: $(nginx -v 2>&1 | head -n 1)"
  echo "wrk: $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
}

# ours_config FILE PORT [EXTRA TOML LINES...]
ours_config() {
  local file=$1 port=$2
  shift 2
  {
    echo "app = [\"$build/app/SampleApp\"]"
    echo "workers = 2"
    echo "bind = \"127.0.0.1:$port\""
    echo "loglevel = \"warning\""
    local line
    for line in "$@"; do
      echo "$line"
    done
  } > "$file"
}

# start_target NAME [FAULT]: FAULT "recycle" turns on max_requests=200 for ours and gunicorn.
start_target() {
  local name=$1 fault=${2:-} port log
  port=$(free_port)
  log="$run_dir/$name${fault:+-$fault}.log"
  case $name in
    ours)
      if [ "$fault" = recycle ]; then
        ours_config "$run_dir/ours.toml" "$port" "max_requests = 200"
      else
        ours_config "$run_dir/ours.toml" "$port"
      fi
      setsid "$build/supervisor/supervisor" run -c "$run_dir/ours.toml" >"$log" 2>&1 &
      ;;
    bare)
      Logging__LogLevel__Default=Warning setsid "$build/app/SampleApp" --urls "http://127.0.0.1:$port" >"$log" 2>&1 &
      ;;
    gunicorn)
      local extra=()
      [ "$fault" != recycle ] || extra=(--max-requests 200)
      setsid gunicorn -k gthread -w 2 --threads 4 -b "127.0.0.1:$port" --log-level warning \
        --chdir "$bench" "${extra[@]}" hello:app >"$log" 2>&1 &
      ;;
    nginx)
      mkdir -p "$run_dir/nginx-tmp"
      sed -e "s|@DIR@|$run_dir|g" -e "s|@PORT@|$port|g" "$bench/nginx.conf.in" > "$run_dir/nginx.conf"
      setsid nginx -p "$run_dir" -c "$run_dir/nginx.conf" >"$log" 2>&1 &
      ;;
  esac
  target_pid[$name]=$!
  target_port[$name]=$port
  local i
  for i in $(seq 1 300); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "${target_pid[$name]}" 2>/dev/null; then
      say "$name exited at start; its log, $log:"
      cat "$log" >&2
      exit 1
    fi
    [ "$i" -lt 300 ] || { say "$name did not answer within 30 s; see $log"; exit 1; }
    sleep 0.1
  done
}

# rss_tree PID: "KiB processes" summed over the process and its descendants.
rss_tree() {
  local total=0 count=0 pid kib queue=("$1")
  while [ "${#queue[@]}" -gt 0 ]; do
    pid=${queue[0]}
    queue=("${queue[@]:1}")
    kib=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    if [ -n "$kib" ]; then
      total=$((total + kib))
      count=$((count + 1))
    fi
    # shellcheck disable=SC2207
    queue+=($(pgrep -P "$pid" || true))
  done
  echo "$total $count"
}

# wrk_run PORT MODE SECONDS CONNECTIONS OUTFILE: prints the RESULT fields of stats.lua.
wrk_run() {
  local port=$1 mode=$2 secs=$3 conns=$4 outfile=$5 header=()
  [ "$mode" != close ] || header=(-H 'Connection: close')
  wrk -t2 -c"$conns" -d"${secs}s" -s "$bench/stats.lua" "${header[@]}" "http://127.0.0.1:$port/" > "$outfile" 2>&1 || true
  local line
  line=$(grep '^RESULT ' "$outfile" || true)
  if [ -z "$line" ]; then
    say "wrk printed no result; see $outfile"
    exit 1
  fi
  echo "${line#RESULT }"
}

throughput() {
  local name r mode res rss
  say "starting the four targets"
  for name in "${targets[@]}"; do
    start_target "$name"
    say "  $name on 127.0.0.1:${target_port[$name]} (pid ${target_pid[$name]})"
  done
  say "warming up"
  for name in "${targets[@]}"; do
    wrk_run "${target_port[$name]}" keepalive 3 8 "$run_dir/warm-$name-keepalive.txt" >/dev/null
    wrk_run "${target_port[$name]}" close 2 8 "$run_dir/warm-$name-close.txt" >/dev/null
  done
  for r in $(seq 1 "$rounds"); do
    for mode in keepalive close; do
      for name in "${targets[@]}"; do
        res=$(wrk_run "${target_port[$name]}" "$mode" "$duration" 8 "$run_dir/wrk-$mode-$name-$r.txt")
        rss=$(rss_tree "${target_pid[$name]}")
        printf '%s\t%s\t%s\t%s\t%s\n' "$mode" "$name" "$r" "${res// /$'\t'}" "${rss// /$'\t'}" >> "$run_dir/rounds.tsv"
        say "round $r $mode $name: $(awk '{printf "%.0f req/s", $1 / ($2 / 1e6)}' <<<"$res")"
      done
    done
  done
  for name in "${targets[@]}"; do
    stop_target "$name"
  done
}

cold_start() {
  say "cold start: launch to N workers READY, N = 1 2 4, and replacing a SIGKILLed worker ($cold_repeats times)"
  python3 "$bench/coldstart.py" "$build/supervisor/supervisor" "$build/app/SampleApp" "$run_dir" \
    "$(free_port)" "$(free_port)" "$cold_repeats" 1 2 4 > "$run_dir/cold.tsv"
}

# fault_signals FAULT MASTER WRK_PID: sends the fault's signals while wrk runs; prints how many.
fault_signals() {
  local fault=$1 master=$2 wrk_pid=$3 count=0 every sig=TTIN victim
  case $fault in
    recycle) every=1 ;;
    hup) every=5 ;;
    ttin-ttou) every=2 ;;
    kill) every=3 ;;
  esac
  while true; do
    sleep "$every"
    kill -0 "$wrk_pid" 2>/dev/null || break
    case $fault in
      recycle) continue ;;
      hup) kill -HUP "$master" ;;
      ttin-ttou)
        kill "-$sig" "$master"
        if [ "$sig" = TTIN ]; then sig=TTOU; else sig=TTIN; fi
        ;;
      kill)
        victim=$(pgrep -P "$master" | shuf -n 1 || true)
        [ -z "$victim" ] || kill -KILL "$victim" 2>/dev/null || continue
        ;;
    esac
    count=$((count + 1))
  done
  echo "$count"
}

faults() {
  local fault name out res count
  for fault in recycle hup ttin-ttou kill; do
    for name in ours gunicorn; do
      start_target "$name" "$fault"
      wrk_run "${target_port[$name]}" close 1 4 "$run_dir/warm-fault-$fault-$name.txt" >/dev/null
      out="$run_dir/fault-$fault-$name.txt"
      wrk -t2 -c4 -d"${fault_seconds}s" -s "$bench/stats.lua" -H 'Connection: close' \
        "http://127.0.0.1:${target_port[$name]}/" > "$out" 2>&1 &
      wrk_pid=$!
      count=$(fault_signals "$fault" "${target_pid[$name]}" "$wrk_pid")
      wait "$wrk_pid" || true
      wrk_pid=""
      res=$(grep '^RESULT ' "$out" || true)
      [ -n "$res" ] || { say "wrk printed no result; see $out"; exit 1; }
      res=${res#RESULT }
      read -r req _ conn rd wr st to _ _ <<<"$res"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$fault" "$fault_seconds" "$req" "$conn" "$rd" "$wr" "$st" "$to" "$count" >> "$run_dir/faults.tsv"
      say "fault $fault $name: $req responses, $((conn + rd + wr + st + to)) failed, $count signals"
      stop_target "$name"
    done
  done
}

started=$(date +%s)
install_tools
mkdir -p "$run_dir"
ln -sfn "$(basename "$run_dir")" "$results/latest"
build
machine | tee "$run_dir/machine.txt" >&2
throughput
[ -n "${SKIP_COLD:-}" ] || cold_start
[ -n "${SKIP_FAULTS:-}" ] || faults
python3 "$bench/report.py" "$run_dir" > "$run_dir/tables.md"
echo
cat "$run_dir/machine.txt"
echo
cat "$run_dir/tables.md"
echo "bench: done in $(( $(date +%s) - started )) s; raw results in ${run_dir#"$root"/}"
