#!/usr/bin/env python3
"""CPU a worker's life costs: master and workers, reaped ones included, side by side for two or more builds.

    bench/lifecost.py --supervisor out/supervisor/supervisor before=/tmp/before/SampleApp after=out/app/SampleApp
    bench/lifecost.py --supervisor out/supervisor/supervisor old=out/app/SampleApp@/tmp/old/supervisor new=out/app/SampleApp

For each build, in interleaved rounds, it runs `supervisor run` (2 workers, loglevel warning) on a free 127.0.0.1
port under wrk -t2 -c8 keep-alive, once with no quota and once with max_requests = N (200), then stops it with
TERM and reads the CPU (user + system) of the master and of every worker it reaped from wait4's rusage. A build may
name its own supervisor after an @. The master runs in an empty temporary folder, the workers' working folder. A life's
cost is what the quota run spent beyond the steady run's CPU per request, divided by the lives (requests / N).
"""
import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import tempfile
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as c:
            c.sendall(b"GET / HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
            return c.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def run(supervisor, app, max_requests, seconds, folder):
    port = free_port()
    config = os.path.join(folder, f"lifecost-{port}.toml")
    with open(config, "w", encoding="utf-8") as f:
        f.write(f'app = ["{app}"]\nworkers = 2\nbind = "127.0.0.1:{port}"\nloglevel = "warning"\nmax_requests = {max_requests}\n')
    master = subprocess.Popen([supervisor, "run", "-c", config], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              cwd=folder)
    try:
        deadline = time.monotonic() + 60
        while not answers(port):
            if time.monotonic() > deadline or master.poll() is not None:
                raise SystemExit(f"lifecost: {app} did not answer on 127.0.0.1:{port}")
            time.sleep(0.05)
        out = subprocess.run(["wrk", "-t2", "-c8", f"-d{seconds}s", f"http://127.0.0.1:{port}/"],
                             capture_output=True, text=True, check=True).stdout
        requests = int(re.search(r"(\d+) requests in", out).group(1))
        master.send_signal(signal.SIGTERM)
        _, _, usage = os.wait4(master.pid, 0)
        return requests, usage.ru_utime + usage.ru_stime
    finally:
        if master.poll() is None and master.returncode is None:
            master.kill()


def life_costs(steady, recycled, quota):
    """The steady runs' median CPU per request (s), and each quota run's CPU per worker life (ms): what it spent beyond
    that per request, divided by its lives (requests / quota). Runs are (requests, CPU seconds); bench/report.py uses
    this too."""
    per_request = statistics.median(cpu / requests for requests, cpu in steady)
    return per_request, [(cpu - per_request * requests) / (requests / quota) * 1000 for requests, cpu in recycled]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--supervisor", required=True, help="the supervisor executable")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (3)")
    parser.add_argument("--seconds", type=int, default=8, help="seconds of wrk per run (8)")
    parser.add_argument("--max-requests", type=int, default=200, help="the quota of the recycling runs (200)")
    parser.add_argument("--tsv", help="also append each run to this file: label, max_requests, round, requests, CPU s")
    parser.add_argument("builds", nargs="+", metavar="LABEL=APP[@SUPERVISOR]",
                        help="a label, the app executable and, after an @, a supervisor other than --supervisor")
    args = parser.parse_args()
    builds = []
    for build in args.builds:
        label, _, rest = build.partition("=")
        app, _, supervisor = rest.partition("@")
        builds.append((label, app, supervisor or args.supervisor))
    quota = args.max_requests
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for round_number in range(1, args.rounds + 1):
            for label, app, supervisor in builds:
                for max_requests in (0, quota):
                    requests, cpu = run(os.path.abspath(supervisor), os.path.abspath(app), max_requests, args.seconds, folder)
                    results.setdefault((label, max_requests), []).append((requests, cpu))
                    if args.tsv:
                        with open(args.tsv, "a", encoding="utf-8") as f:
                            f.write(f"{label}\t{max_requests}\t{round_number}\t{requests}\t{cpu:.6f}\n")
                    print(f"round {round_number} {label} max_requests={max_requests}: {requests} requests, "
                          f"{cpu:.2f} s CPU, {cpu / requests * 1e6:.1f} us/request", flush=True)
    print()
    print(f"| build | steady us/request | max_requests={quota} us/request | max_requests={quota} requests/s | CPU per worker life, ms (median; rounds) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, _, _ in builds:
        recycled = results[(label, quota)]
        steady, lives = life_costs(results[(label, 0)], recycled, quota)
        rate = statistics.median(requests for requests, _ in recycled) / args.seconds
        per_request = statistics.median(cpu / requests for requests, cpu in recycled)
        print(f"| {label} | {steady * 1e6:.1f} | {per_request * 1e6:.1f} | {rate:,.0f} | "
              f"{statistics.median(lives):.1f} ({', '.join(f'{x:.1f}' for x in lives)}) |")


if __name__ == "__main__":
    main()
