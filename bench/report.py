#!/usr/bin/env python3
"""Prints the tables of bench/run.sh (Markdown) from the raw TSV files in a results folder.

Usage: report.py RESULTS_DIR
  rounds.tsv  mode target round requests duration_us connect read write status timeout p50_us p99_us rss_kib procs
  cold.tsv    kind workers repeat ms
  faults.tsv  target fault seconds requests connect read write status timeout signals
"""
import os
import statistics
import sys

TARGETS = ["ours", "bare", "gunicorn", "nginx"]
LABELS = {"ours": "ours (supervisor, 2 workers)", "bare": "bare Kestrel (1 process)",
          "gunicorn": "gunicorn gthread (2 x 4 threads)", "nginx": "nginx return 200"}


def rows(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def main():
    d = sys.argv[1]
    rounds = rows(os.path.join(d, "rounds.tsv"))
    rps = {}
    if rounds:
        n_rounds = len({r[2] for r in rounds})
        secs = round(med([int(r[4]) / 1e6 for r in rounds]))
        print(f"### Throughput and latency (median of {n_rounds} interleaved rounds, wrk -t2 -c8 -d{secs}s, GET /)\n")
        print("| mode | target | requests/s | p50 ms | p99 ms | errors (all rounds) | RSS MiB (processes) |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
        for mode in ["keepalive", "close"]:
            for t in TARGETS:
                rs = [r for r in rounds if r[0] == mode and r[1] == t]
                if not rs:
                    continue
                rate = med([int(r[3]) / (int(r[4]) / 1e6) for r in rs])
                rps[(mode, t)] = rate
                p50 = med([int(r[10]) / 1000 for r in rs])
                p99 = med([int(r[11]) / 1000 for r in rs])
                errs = sum(sum(int(x) for x in r[5:10]) for r in rs)
                rss = med([int(r[12]) / 1024 for r in rs])
                procs = rs[-1][13]
                print(f"| {mode} | {LABELS[t]} | {rate:,.0f} | {p50:.2f} | {p99:.2f} | {errs} | {rss:.1f} ({procs}) |")
        print()
        print("### Ratios (of the medians above)\n")
        print("| ratio | value | goal (issue 7) |")
        print("| --- | ---: | --- |")
        for name, a, b, goal in [
            ("ours / bare, keep-alive", ("keepalive", "ours"), ("keepalive", "bare"), ">= 0.95"),
            ("ours / gunicorn, keep-alive", ("keepalive", "ours"), ("keepalive", "gunicorn"), ">= 5"),
            ("ours / gunicorn, Connection: close", ("close", "ours"), ("close", "gunicorn"), ">= 2"),
            ("ours / bare, Connection: close", ("close", "ours"), ("close", "bare"), "(none)"),
            ("ours / nginx, keep-alive", ("keepalive", "ours"), ("keepalive", "nginx"), "(none; the ceiling)"),
        ]:
            if a in rps and b in rps and rps[b]:
                r = rps[a] / rps[b]
                print(f"| {name} | {r:.2f} | {goal} |")
        print()

    cold = rows(os.path.join(d, "cold.tsv"))
    if cold:
        reps = len({r[2] for r in cold})
        print(f"### Cold start and replacement of ours (JIT build, median of {reps})\n")
        print("| workers | launch to first 200 ms | launch to all READY ms | SIGKILL to replacement READY ms |")
        print("| ---: | ---: | ---: | ---: |")
        for n in sorted({int(r[1]) for r in cold}):
            vals = {k: med([float(r[3]) for r in cold if r[0] == k and int(r[1]) == n])
                    for k in ["first", "ready", "replace"]}
            print(f"| {n} | {vals['first']:.0f} | {vals['ready']:.0f} | {vals['replace']:.0f} |")
        print()

    faults = rows(os.path.join(d, "faults.tsv"))
    if faults:
        secs = faults[0][2]
        print(f"### Fault runs (wrk -t2 -c4 -d{secs}s, Connection: close: a connection per request)\n")
        print("| fault | target | signals sent | responses | requests/s | failed | connect | read | write | timeout | non-2xx |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for r in faults:
            t, fault, s, req = r[0], r[1], float(r[2]), int(r[3])
            conn, read, write, status, tmo = (int(x) for x in r[4:9])
            failed = conn + read + write + status + tmo
            signals = "-" if fault == "recycle" else r[9]
            print(f"| {fault} | {t} | {signals} | {req:,} | {req / s:,.0f} | {failed} | {conn} | {read} | {write} | {tmo} | {status} |")
        print()


if __name__ == "__main__":
    main()
