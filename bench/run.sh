#!/usr/bin/env bash
# Benchmarks the supervisor against bare Kestrel, Gunicorn and nginx on loopback: throughput, the overhead of
# one worker against bare Kestrel with server and client pinned to a CPU each, recycling throughput, the CPU a
# worker's life costs, cold start and memory, and fault runs (recycling, HUP, TTIN/TTOU, SIGKILL, bursts of HUP
# and storms of TTIN/TTOU) under load.
# One command: bench/run.sh. Raw results go to bench/results/run-DATE/ (git-ignored); the tables are
# printed at the end and saved as tables.md there, beside the charts (*.png). See docs/benchmarks.md.
#
# Knobs (environment): ROUNDS (3), DURATION (4 s per wrk run), RECYCLE_SECONDS (10), FAULT_SECONDS (30),
# COLD_REPEATS (3), TARGETS ("ours bare gunicorn nginx"; add ours-jit and bare-jit for the JIT build, and
# injected-jit for the same JIT app with the Worker library injected by the master instead of its one-liner),
# SKIP_THROUGHPUT=1, SKIP_PINNED=1, SKIP_RECYCLE=1, SKIP_LIFECOST=1, SKIP_COLD=1 and SKIP_FAULTS=1 to leave those
# parts out, and FAULTS to pick the fault runs ("recycle hup ttin-ttou kill hup-burst ttin-storm"), e.g.
# FAULTS="hup-burst ttin-storm".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bench="$root/bench"
results="$bench/results"
build="$results/build"
run_dir="$results/run-$(date -u +%Y%m%d-%H%M%S)"
rounds=${ROUNDS:-3}
duration=${DURATION:-4}
fault_seconds=${FAULT_SECONDS:-30}
recycle_seconds=${RECYCLE_SECONDS:-10}
cold_repeats=${COLD_REPEATS:-3}
read -r -a targets <<<"${TARGETS:-ours bare gunicorn nginx}"
all_faults="recycle hup ttin-ttou kill hup-burst ttin-storm"
read -r -a fault_names <<<"${FAULTS:-$all_faults}"
for fault in "${fault_names[@]}"; do
  case " $all_faults " in
    *" $fault "*) ;;
    *) echo "bench: unknown fault: $fault (known: $all_faults)" >&2; exit 2 ;;
  esac
done

declare -A target_pid=()
declare -A target_port=()
bg_pids=()
pin=(env) # a prefix for the commands that start a target: taskset in the pinned and fault runs
client_pin=(env) # a prefix for wrk: taskset in the pinned runs
ours_workers=2 # workers = in ours' config: 1 in the pinned runs

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
  [ "${#bg_pids[@]}" -eq 0 ] || kill "${bg_pids[@]}" 2>/dev/null || true
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
  command -v clang >/dev/null 2>&1 || missing+=(clang)   # Native AOT links with it
  [ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)    # and with zlib
  # The charts: Debian's matplotlib, for Debian's python3 (another python3 may come first on PATH).
  /usr/bin/python3 -c 'import matplotlib' >/dev/null 2>&1 || missing+=(python3-matplotlib)
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
  local aot=(-r linux-x64 -p:PublishAot=true)
  say "publishing SampleApp and the supervisor (Release), Native AOT and JIT, into bench/results/build/"
  dotnet publish src/SampleApp -c Release "${aot[@]}" -o "$build/aot/app" --nologo -v quiet
  dotnet publish src/Supervisor -c Release "${aot[@]}" -o "$build/aot/supervisor" --nologo -v quiet
  dotnet publish src/SampleApp -c Release -o "$build/jit/app" --nologo -v quiet
  dotnet publish src/Supervisor -c Release -o "$build/jit/supervisor" --nologo -v quiet
  dotnet publish bench/LoadClient -c Release -o "$build/loadclient" --nologo -v quiet
}

machine() {
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpus (nproc): $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "kernel: $(uname -sr)"
  echo ".NET SDK: $(dotnet --version)"
  # Gunicorn runs on the interpreter of its script's #! line, which need not be the first python3 on PATH.
  echo "gunicorn: $(gunicorn --version 2>&1 | head -n 1), $("$(sed -n '1s/^#! *//p' "$(command -v gunicorn)" | cut -d' ' -f1)" --version 2>&1)"
  echo "nginx: $(nginx -v 2>&1 | head -n 1)"
  echo "wrk: $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
}

# ours_config FILE PORT BUILD [EXTRA TOML LINES...]: BUILD is aot or jit.
ours_config() {
  local file=$1 port=$2 flavour=$3
  shift 3
  {
    echo "app = [\"$build/$flavour/app/SampleApp\"]"
    echo "workers = $ours_workers"
    echo "bind = \"127.0.0.1:$port\""
    echo "loglevel = \"warning\""
    local line
    for line in "$@"; do
      echo "$line"
    done
  } > "$file"
}

# start_target NAME [MAX_REQUESTS] [LABEL] [JITTER]: starts a target on a free port and waits for its first 200.
# NAME: ours and bare (Native AOT build), ours-jit and bare-jit (JIT build), injected-jit (the JIT app with
# app_mode = "inject": the master injects the worker, the app's own UseSupervisorWorker() stands aside), gunicorn (gthread), gunicorn-sync,
# nginx. MAX_REQUESTS (0: none) recycles the workers of ours and gunicorn, each after its own quota drawn within
# MAX_REQUESTS +- JITTER (0: none). LABEL names its log file.
start_target() {
  local name=$1 max_requests=${2:-0} label=${3:-$1} jitter=${4:-0} port log flavour=aot quota=()
  port=$(free_port)
  quota=("max_requests = $max_requests")
  [ "$jitter" -eq 0 ] || quota+=("max_requests_jitter = $jitter")
  log="$run_dir/$label.log"
  case $name in
    *-jit) flavour=jit ;;
  esac
  case $name in
    ours | ours-jit)
      ours_config "$run_dir/$label.toml" "$port" "$flavour" "${quota[@]}"
      "${pin[@]}" setsid "$build/$flavour/supervisor/supervisor" run -c "$run_dir/$label.toml" >"$log" 2>&1 &
      ;;
    injected-jit)
      ours_config "$run_dir/$label.toml" "$port" jit "${quota[@]}" 'app_mode = "inject"'
      "${pin[@]}" setsid "$build/jit/supervisor/supervisor" run -c "$run_dir/$label.toml" >"$log" 2>&1 &
      ;;
    bare | bare-jit)
      Logging__LogLevel__Default=Warning "${pin[@]}" setsid "$build/$flavour/app/SampleApp" --urls "http://127.0.0.1:$port" >"$log" 2>&1 &
      ;;
    gunicorn | gunicorn-sync)
      local kind=(-k gthread -w 2 --threads 4)
      [ "$name" = gunicorn ] || kind=(-k sync -w 2)
      [ "$jitter" -eq 0 ] || kind+=(--max-requests-jitter "$jitter")
      "${pin[@]}" setsid gunicorn "${kind[@]}" -b "127.0.0.1:$port" --log-level warning --max-requests "$max_requests" \
        --chdir "$bench" hello:app >"$log" 2>&1 &
      ;;
    nginx)
      mkdir -p "$run_dir/nginx-tmp"
      sed -e "s|@DIR@|$run_dir|g" -e "s|@PORT@|$port|g" "$bench/nginx.conf.in" > "$run_dir/nginx.conf"
      setsid nginx -p "$run_dir" -c "$run_dir/nginx.conf" >"$log" 2>&1 &
      ;;
    *)
      say "unknown target: $name (known: ours bare ours-jit bare-jit injected-jit gunicorn gunicorn-sync nginx)"
      exit 2
      ;;
  esac
  target_pid[$label]=$!
  target_port[$label]=$port
  local i
  for i in $(seq 1 300); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "${target_pid[$label]}" 2>/dev/null; then
      say "$label exited at start; its log, $log:"
      cat "$log" >&2
      exit 1
    fi
    [ "$i" -lt 300 ] || { say "$label did not answer within 30 s; see $log"; exit 1; }
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

# cpus_tree PID: the CPUs the process and its descendants may run on ("PID:LIST" each, Cpus_allowed_list).
cpus_tree() {
  local pid list queue=("$1") out=()
  while [ "${#queue[@]}" -gt 0 ]; do
    pid=${queue[0]}
    queue=("${queue[@]:1}")
    list=$(awk '/^Cpus_allowed_list:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    [ -z "$list" ] || out+=("$pid:$list")
    # shellcheck disable=SC2207
    queue+=($(pgrep -P "$pid" || true))
  done
  echo "${out[*]}"
}

# wrk_run PORT MODE SECONDS CONNECTIONS OUTFILE: prints the RESULT fields of stats.lua.
wrk_run() {
  local port=$1 mode=$2 secs=$3 conns=$4 outfile=$5 header=()
  [ "$mode" != close ] || header=(-H 'Connection: close')
  "${client_pin[@]}" wrk -t2 -c"$conns" -d"${secs}s" -s "$bench/stats.lua" "${header[@]}" "http://127.0.0.1:$port/" > "$outfile" 2>&1 || true
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
  say "starting ${targets[*]}"
  for name in "${targets[@]}"; do
    start_target "$name"
    say "  $name on 127.0.0.1:${target_port[$name]} (pid ${target_pid[$name]})"
  done
  say "warming up"
  for name in "${targets[@]}"; do
    wrk_run "${target_port[$name]}" keepalive 2 8 "$run_dir/warm-$name-keepalive.txt" >/dev/null
    wrk_run "${target_port[$name]}" close 1 8 "$run_dir/warm-$name-close.txt" >/dev/null
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

# The supervisor's own cost per request, without two workers and wrk competing for the same CPUs: ours with one
# worker against the same executable alone, each on CPU 0 (taskset's affinity is inherited by the master's
# workers), wrk on CPU 1. Both run at once and the rounds are interleaved, as in throughput; pinned.tsv has the
# columns of rounds.tsv.
pinned() {
  local name label r mode res rss cpus
  if [ "$(nproc)" -lt 2 ]; then
    say "pinned overhead: left out, it needs 2 CPUs and nproc says $(nproc)"
    return 0
  fi
  say "pinned overhead: ours with 1 worker and bare Kestrel on CPU 0, wrk on CPU 1"
  pin=(taskset -c 0)
  ours_workers=1
  for name in ours bare; do
    start_target "$name" 0 "pinned-$name"
    say "  $name on 127.0.0.1:${target_port[pinned-$name]} (pid ${target_pid[pinned-$name]})"
  done
  pin=(env)
  ours_workers=2
  client_pin=(taskset -c 1)
  say "warming up"
  for name in ours bare; do
    label="pinned-$name"
    wrk_run "${target_port[$label]}" keepalive 2 8 "$run_dir/warm-$label-keepalive.txt" >/dev/null
    wrk_run "${target_port[$label]}" close 1 8 "$run_dir/warm-$label-close.txt" >/dev/null
    # Every process of the target, the master's worker included, must be on CPU 0 alone.
    cpus=$(cpus_tree "${target_pid[$label]}")
    echo "$name $cpus" >> "$run_dir/pinned-cpus.txt"
    if [ -z "$cpus" ] || grep -qv ':0$' <<<"${cpus// /$'\n'}"; then
      say "$label is not on CPU 0 alone (pid:CPUs $cpus); the pinned figures would not mean what they say"
      exit 1
    fi
  done
  for r in $(seq 1 "$rounds"); do
    for mode in keepalive close; do
      for name in ours bare; do
        label="pinned-$name"
        res=$(wrk_run "${target_port[$label]}" "$mode" "$duration" 8 "$run_dir/wrk-pinned-$mode-$name-$r.txt")
        rss=$(rss_tree "${target_pid[$label]}")
        printf '%s\t%s\t%s\t%s\t%s\n' "$mode" "$name" "$r" "${res// /$'\t'}" "${rss// /$'\t'}" >> "$run_dir/pinned.tsv"
        say "pinned round $r $mode $name: $(awk '{printf "%.0f req/s", $1 / ($2 / 1e6)}' <<<"$res")"
      done
    done
  done
  client_pin=(env)
  for name in ours bare; do
    stop_target "pinned-$name"
  done
}

# Recycling costs throughput: a worker that retires after N requests must be replaced by a new process.
# Same client as Gunicorn's figures in docs/benchmarks.md: wrk -c8, keep-alive (Gunicorn sync closes anyway).
# 10000 with a jitter of 1000 is a quota as deployed; 1000 and 200 show what a recycle costs.
recycling() {
  local spec name max jitter label res shown
  say "recycling throughput: wrk -t2 -c8 -d${recycle_seconds}s with max_requests 0 (none), 10000 (jitter 1000), 1000 and 200"
  for spec in ours:0:0 ours:10000:1000 ours:1000:0 ours:200:0 gunicorn-sync:0:0 gunicorn-sync:200:0; do
    IFS=: read -r name max jitter <<<"$spec"
    label="recycle-$name-$max"
    start_target "$name" "$max" "$label" "$jitter"
    shown=""
    [ "$jitter" -eq 0 ] || shown=" jitter=$jitter"
    wrk_run "${target_port[$label]}" keepalive 1 8 "$run_dir/warm-$label.txt" >/dev/null
    res=$(wrk_run "${target_port[$label]}" keepalive "$recycle_seconds" 8 "$run_dir/wrk-$label.txt")
    printf '%s\t%s\t%s\t%s\n' "$name" "$max" "${res// /$'\t'}" "$jitter" >> "$run_dir/recycle.tsv"
    say "  $name max_requests=$max${shown}: $(awk '{printf "%.0f req/s, %d errors", $1 / ($2 / 1e6), $3 + $4 + $5 + $6 + $7}' <<<"$res")"
    stop_target "$label"
  done
}

# What a worker's life costs in CPU: bench/lifecost.py, the master and every worker it reaped (wait4's rusage),
# with no quota and at max_requests=200, in interleaved rounds; a life is the difference per 200 requests.
life_cost() {
  say "CPU per worker life: bench/lifecost.py, $rounds rounds of 8 s, no quota and max_requests=200"
  python3 "$bench/lifecost.py" --supervisor "$build/aot/supervisor/supervisor" --rounds "$rounds" --seconds 8 \
    --tsv "$run_dir/lifecost.tsv" ours="$build/aot/app/SampleApp" >&2
}

cold_start() {
  local flavour
  for flavour in aot jit; do
    say "cold start ($flavour): launch to N workers READY, N = 1 2 3 4, idle memory, and replacing a SIGKILLed worker ($cold_repeats times)"
    python3 "$bench/coldstart.py" "$build/$flavour/supervisor/supervisor" "$build/$flavour/app/SampleApp" "$run_dir" \
      "$(free_port)" "$(free_port)" "$cold_repeats" 1 2 3 4 | sed "s/^/$flavour\t/" >> "$run_dir/cold.tsv"
  done
  # Gunicorn's workers, idle, for the memory table.
  local kind worker kib pss
  for kind in gunicorn-sync gunicorn; do
    start_target "$kind" 0 "idle-$kind"
    sleep 1 # let the workers settle after their first request; this measures memory, not time
    for worker in $(pgrep -P "${target_pid[idle-$kind]}"); do
      kib=$(awk '/^VmRSS:/ {print $2}' "/proc/$worker/status")
      pss=$(awk '/^Pss:/ {print $2}' "/proc/$worker/smaps_rollup")
      printf '%s\tworker-rss\t2\t1\t%s\n%s\tworker-pss\t2\t1\t%s\n' "$kind" "$kib" "$kind" "$pss" >> "$run_dir/cold.tsv"
    done
    stop_target "idle-$kind"
  done
}

# running PID...: whether any of them still runs.
running() {
  local pid
  for pid in "$@"; do
    ! kill -0 "$pid" 2>/dev/null || return 0
  done
  return 1
}

# now_us: the wall clock in microseconds, without starting a process.
now_us() {
  echo "${EPOCHREALTIME//[.,]/}"
}

# burst SIGNAL MASTER COUNT GAP_US: sends COUNT signals GAP_US apart (0: as fast as bash can), counting in
# sent[SIGNAL] those the kernel took; stops early if the master is gone. Appends "SIGNAL: N in MS ms" to $burst_log.
burst() {
  local sig=$1 master=$2 count=$3 gap=$4 i ok=0 t0 wait_us
  t0=$(now_us)
  for ((i = 0; i < count; i++)); do
    if [ "$gap" -gt 0 ] && [ "$i" -gt 0 ]; then
      # Paced from the start, not from the last signal, so that the burst lasts (COUNT - 1) x GAP whatever
      # starting sleep costs.
      wait_us=$((t0 + i * gap - $(now_us)))
      [ "$wait_us" -le 0 ] || sleep "$(printf '0.%06d' "$wait_us")"
    fi
    kill "-$sig" "$master" 2>/dev/null || break
    ok=$((ok + 1))
  done
  sent[$sig]=$((${sent[$sig]:-0} + ok))
  echo "$sig: $ok in $((($(now_us) - t0) / 1000)) ms" >> "$burst_log"
}

# fault_signals FAULT MASTER BURST_LOG PID...: sends the fault's signals while any PID (the clients) runs;
# prints how many of each were sent, as NAME=N words on one line (an empty line for recycle).
fault_signals() {
  local fault=$1 master=$2 burst_log=$3 every sig=TTIN victim name line=""
  local -A sent=()
  shift 3
  case $fault in
    recycle) every=1 ;;
    hup) every=5 ;;
    ttin-ttou) every=2 ;;
    kill) every=3 ;;
    hup-burst) every=5 ;;
    ttin-storm) every=4 ;; # then 2 s to the TTOU storm: a storm every 6 s
  esac
  while true; do
    sleep "$every"
    running "$@" || break
    case $fault in
      recycle) continue ;;
      hup) kill -HUP "$master" 2>/dev/null && sent[HUP]=$((${sent[HUP]:-0} + 1)) ;;
      ttin-ttou)
        kill "-$sig" "$master" 2>/dev/null && sent[$sig]=$((${sent[$sig]:-0} + 1))
        if [ "$sig" = TTIN ]; then sig=TTOU; else sig=TTIN; fi
        ;;
      kill)
        victim=$(pgrep -P "$master" | shuf -n 1 || true)
        [ -z "$victim" ] || kill -KILL "$victim" 2>/dev/null || continue
        sent[KILL]=$((${sent[KILL]:-0} + 1))
        ;;
      hup-burst) burst HUP "$master" 50 20000 ;; # 50 HUPs 20 ms apart: within one second
      ttin-storm)
        burst TTIN "$master" 200 0
        sleep 2
        burst TTOU "$master" 200 0
        ;;
    esac
  done
  for name in HUP TTIN TTOU KILL; do
    [ -z "${sent[$name]:-}" ] || line+="${line:+ }$name=${sent[$name]}"
  done
  echo "$line"
}

# master_state NAME PID: sets state[NAME] to "alive" or "exit N" (N as bash's wait gives it: 128 + the signal
# for a signal) for a target's master. Not in a $(...): only the shell that started the master can wait for it.
master_state() {
  local name=$1 pid=$2 rc=0
  # A zombie is dead too; bash reaps its children as they end, so ps usually finds nothing at all.
  if ps -o stat= -p "$pid" 2>/dev/null | grep -qv '^Z'; then
    state[$name]=alive
  else
    wait "$pid" 2>/dev/null || rc=$?
    state[$name]="exit $rc"
  fi
}

# workers_settled PID: the number of live children of PID once it has stayed the same for 3 s (a reload or a
# TTOU under way ends first), or after 20 s whatever it is then.
workers_settled() {
  local pid=$1 count last=-1 same=0 i
  for i in $(seq 1 100); do
    # shellcheck disable=SC2009 # pgrep -P counts zombies too
    count=$(ps -o stat= --ppid "$pid" 2>/dev/null | grep -cv '^Z' || true)
    if [ "$count" = "$last" ]; then
      same=$((same + 1))
      [ "$same" -lt 15 ] || break
    else
      same=0
      last=$count
    fi
    sleep 0.2
  done
  echo "$count"
}

# Each fault run has both kinds of client at once, each counted on its own: 4 that open a connection per
# request and 4 that keep theirs alive (bench/LoadClient tells a failed request from an idle close). Ours and
# Gunicorn go through the same fault at the same time, each with its clients on a CPU of its own (taskset), so
# a noisy moment hits both alike and the faults take half the time. Once the clients are done, each
# master is checked: still running or how it exited, and how many workers it settles on.
faults() {
  local fault name label max mode lost cpu signals total extra workers word
  local -A clients=() state=()
  for fault in "${fault_names[@]}"; do
    max=0
    [ "$fault" != recycle ] || max=200
    cpu=0
    for name in ours gunicorn; do
      label="fault-$fault-$name"
      pin=(taskset -c "$cpu")
      start_target "$name" "$max" "$label"
      pin=(env)
      wrk_run "${target_port[$label]}" close 1 4 "$run_dir/warm-$label.txt" >/dev/null
      clients[$name]=""
      for mode in close keepalive; do
        taskset -c "$cpu" "$build/loadclient/loadclient" --url "http://127.0.0.1:${target_port[$label]}/" --mode "$mode" \
          --clients 4 --duration "$fault_seconds" --verbose > "$run_dir/$label-$mode.txt" 2> "$run_dir/$label-$mode.err" &
        bg_pids+=($!)
        clients[$name]+=" $!"
      done
      cpu=1
    done
    for name in ours gunicorn; do
      label="fault-$fault-$name"
      : > "$run_dir/$label.bursts"
      # shellcheck disable=SC2086 # the client pids, one word each
      fault_signals "$fault" "${target_pid[$label]}" "$run_dir/$label.bursts" ${clients[$name]} > "$run_dir/$label.signals" &
      bg_pids+=($!)
    done
    wait "${bg_pids[@]}" || true
    bg_pids=()
    for name in ours gunicorn; do
      master_state "$name" "${target_pid[fault-$fault-$name]}"
    done
    for name in ours gunicorn; do
      label="fault-$fault-$name"
      # The master names what each dying worker held: "died with N request(s) in flight and M connection(s) open".
      lost=-
      if [ "$name" = ours ]; then
        lost=$({ grep -o 'and [0-9]* connection(s) open' "$run_dir/$label.log" || true; } | awk '{n += $2} END {print n + 0}')
      fi
      signals=$(cat "$run_dir/$label.signals")
      total=$(tr ' =' '\n ' <<<"$signals" | awk '{n += $2} END {print n + 0}')
      # After the load client's fields: the count of each signal, whether the master still runs (its exit
      # status if not), and the workers it ended with.
      extra="master_alive=$([ "${state[$name]}" = alive ] && echo yes || echo no)"
      extra+=$'\t'"master_exit=$([ "${state[$name]}" = alive ] && echo - || echo "${state[$name]#exit }")"
      workers=$(workers_settled "${target_pid[$label]}")
      extra+=$'\t'"workers_end=$workers"
      for word in $signals; do
        extra+=$'\t'"sig_$word"
      done
      for mode in close keepalive; do
        if ! grep -q '^RESULT' "$run_dir/$label-$mode.txt"; then
          say "the load client printed no result; see $run_dir/$label-$mode.txt and .err"
          exit 1
        fi
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$fault" "$total" "$lost" \
          "$(grep '^RESULT' "$run_dir/$label-$mode.txt")" "$extra" >> "$run_dir/faults.tsv"
      done
      say "fault $fault $name: ${signals:-no} signals; $(awk -F'\t' '{for (i = 2; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]} printf "%s: %s sent, %s failed, %s idle closed; ", v["mode"], v["sent"], v["failed"], v["idle_closed"]}' "$run_dir/$label-close.txt" "$run_dir/$label-keepalive.txt")master ${state[$name]}, $workers workers at the end"
      stop_target "$label"
    done
  done
}

started=$(date +%s)
install_tools
mkdir -p "$run_dir"
ln -sfn "$(basename "$run_dir")" "$results/latest"
build
machine | tee "$run_dir/machine.txt" >&2
[ -n "${SKIP_THROUGHPUT:-}" ] || throughput
[ -n "${SKIP_PINNED:-}" ] || pinned
[ -n "${SKIP_RECYCLE:-}" ] || recycling
[ -n "${SKIP_LIFECOST:-}" ] || life_cost
[ -n "${SKIP_COLD:-}" ] || cold_start
[ -n "${SKIP_FAULTS:-}" ] || faults
python3 "$bench/report.py" "$run_dir" > "$run_dir/tables.md"
/usr/bin/python3 "$bench/charts.py" "$run_dir"
echo
cat "$run_dir/machine.txt"
echo
cat "$run_dir/tables.md"
echo "bench: done in $(( $(date +%s) - started )) s; raw results and charts in ${run_dir#"$root"/}"
