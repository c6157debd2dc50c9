#!/usr/bin/env python3
"""Prints the tables of bench/run.sh (Markdown) from the raw TSV files in a results folder.

Usage: report.py RESULTS_DIR
  rounds.tsv   mode target round requests duration_us connect read write status timeout p50_us p99_us rss_kib procs
  pinned.tsv   as rounds.tsv: ours with 1 worker and bare Kestrel on CPU 0, wrk on CPU 1
  recycle.tsv  target max_requests requests duration_us connect read write status timeout p50_us p99_us jitter
  lifecost.tsv label max_requests round requests cpu_seconds (bench/lifecost.py: master and reaped workers)
  cold.tsv     build kind workers repeat value (ms, or KiB for *-rss and *-pss)
  faults.tsv   target fault signals lost_in_flight RESULT key=value... (bench/LoadClient's line), then
               master_alive=yes|no master_exit=N|- workers_end=N sig_NAME=N... (what bench/run.sh found)
"""
import os
import statistics
import sys

import lifecost

LABELS = {"ours": "ours (supervisor, 2 workers, AOT)", "bare": "bare Kestrel (1 process, AOT)",
          "ours-jit": "ours (supervisor, 2 workers, JIT)", "bare-jit": "bare Kestrel (1 process, JIT)",
          "gunicorn": "gunicorn gthread (2 x 4 threads)", "gunicorn-sync": "gunicorn sync (2 workers)",
          "nginx": "nginx return 200"}
ORDER = ["ours", "bare", "ours-jit", "bare-jit", "gunicorn", "gunicorn-sync", "nginx"]
PINNED_LABELS = {"ours": "ours (supervisor, 1 worker, AOT)", "bare": "bare Kestrel (1 process, AOT)"}
FAULTS = ["recycle", "hup", "ttin-ttou", "kill", "hup-burst", "ttin-storm"]
BURSTS = ["hup-burst", "ttin-storm"]


def rows(d, name):
    path = os.path.join(d, name)
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def rate(r, at):
    """requests/s of a stats.lua line whose requests field is at index at."""
    return int(r[at]) / (int(r[at + 1]) / 1e6)


def fault_rows(d):
    out = []
    for r in rows(d, "faults.tsv"):
        kv = dict(x.split("=", 1) for x in r[5:])
        out.append({"target": r[0], "fault": r[1], "signals": r[2], "lost": r[3], **kv})
    return out


def signals_sent(f):
    """The count of each signal a fault run sent, e.g. "300 HUP" or "1,000 TTIN + 1,000 TTOU"."""
    sent = [f"{int(v):,} {k[4:]}" for k, v in f.items() if k.startswith("sig_")]
    return " + ".join(sent) or "0"


def master_end(f):
    """Whether the master still ran when the clients were done, or how it exited."""
    if f.get("master_alive") == "yes":
        return "yes"
    return f"no (exit {f.get('master_exit', '?')})" if "master_alive" in f else "-"


def medians(rounds):
    """The medians over rounds of a rounds.tsv-like file, by (mode, target)."""
    data = {"rps": {}, "latency": {}, "errors": {}, "rss": {}}
    data["rounds"] = len({r[2] for r in rounds})
    data["duration"] = round(med([int(r[4]) / 1e6 for r in rounds])) if rounds else 0
    for key in {(r[0], r[1]) for r in rounds}:
        rs = [r for r in rounds if (r[0], r[1]) == key]
        data["rps"][key] = med([rate(r, 3) for r in rs])
        data["latency"][key] = (med([int(r[10]) / 1000 for r in rs]), med([int(r[11]) / 1000 for r in rs]))
        data["errors"][key] = sum(sum(int(x) for x in r[5:10]) for r in rs)
        data["rss"][key] = (med([int(r[12]) / 1024 for r in rs]), rs[-1][13])
    return data


def load(d):
    """Every figure the tables and the charts use, by name."""
    data = {"recycle": {}, "cold": {}, "faults": fault_rows(d)}
    data.update(medians(rows(d, "rounds.tsv")))
    data["pinned"] = medians(rows(d, "pinned.tsv"))
    for r in rows(d, "recycle.tsv"):
        # The jitter column came later: a recycle.tsv without it had none.
        jitter = int(r[11]) if len(r) > 11 else 0
        data["recycle"][(r[0], int(r[1]))] = (rate(r, 2), sum(int(x) for x in r[4:9]), int(r[2]), jitter)
    data["lifecost"] = life_costs(rows(d, "lifecost.tsv"))
    cold = rows(d, "cold.tsv")
    for key in {(r[0], r[1], int(r[2])) for r in cold}:
        data["cold"][key] = med([float(r[4]) for r in cold if (r[0], r[1], int(r[2])) == key])
    data["cold_repeats"] = len({r[3] for r in cold if r[0] in ("aot", "jit")})
    return data


def life_costs(runs):
    """By label: (steady µs of CPU per request, each round's ms of CPU per worker life, quota), as bench/lifecost.py
    computes them."""
    out = {}
    for label in sorted({r[0] for r in runs}):
        steady = [(int(r[3]), float(r[4])) for r in runs if r[0] == label and r[1] == "0"]
        recycled = [r for r in runs if r[0] == label and r[1] != "0"]
        if not steady or not recycled:
            continue
        quota = int(recycled[0][1])
        per_request, lives = lifecost.life_costs(steady, [(int(r[3]), float(r[4])) for r in recycled], quota)
        out[label] = (per_request * 1e6, lives, quota)
    return out


def ratio(a, b):
    return a / b if b else float("nan")


def goals(data):
    """(goal, figure, met) for every goal the run can check."""
    out = []
    rps, rec, cold = data["rps"], data["recycle"], data["cold"]

    def throughput(label, mode, other, at_least):
        if (mode, "ours") in rps and (mode, other) in rps:
            r = ratio(rps[(mode, "ours")], rps[(mode, other)])
            out.append((label, f"{r:.2f} ({rps[(mode, 'ours')]:,.0f} against {rps[(mode, other)]:,.0f} requests/s)",
                        r >= at_least))

    # Two workers against one process, or Gunicorn, on 2 CPUs that wrk shares: information (the ratios table). What
    # the supervisor itself costs per request is the pinned guard below.
    pinned = data["pinned"]["rps"]
    for mode, shown in [("keepalive", "keep-alive"), ("close", "`Connection: close`")]:
        if (mode, "ours") in pinned and (mode, "bare") in pinned:
            a, b = pinned[(mode, "ours")], pinned[(mode, "bare")]
            out.append((f"pinned, 1 worker, {shown} requests/s >= 0.97 x bare Kestrel",
                        f"{ratio(a, b):.2f} ({a:,.0f} against {b:,.0f} requests/s)", ratio(a, b) >= 0.97))
    if ("ours", 200) in rec and ("gunicorn-sync", 200) in rec:
        a, b = rec[("ours", 200)][0], rec[("gunicorn-sync", 200)][0]
        out.append(("recycling at max_requests=200: >= 2 x Gunicorn sync's throughput",
                    f"{ratio(a, b):.2f} ({a:,.0f} against {b:,.0f} requests/s)", ratio(a, b) >= 2))
    for quota, at_least in [(10000, 0.95), (1000, 0.75)]:
        if ("ours", quota) in rec and ("ours", 0) in rec:
            a, b = rec[("ours", quota)][0], rec[("ours", 0)][0]
            out.append((f"max_requests={quota}: >= {at_least} x its own steady throughput",
                        f"{ratio(a, b):.2f} ({a:,.0f} against {b:,.0f} requests/s)", ratio(a, b) >= at_least))
    if "ours" in data["lifecost"]:
        steady, lives, quota = data["lifecost"]["ours"]
        out.append(("CPU per worker life <= 15 ms (master and workers, bench/lifecost.py)",
                    f"{med(lives):.1f} ms (rounds: {', '.join(f'{x:.1f}' for x in lives)}; max_requests={quota}, "
                    f"{steady:.1f} µs per request without)", med(lives) <= 15))
    for fault in ["recycle", "hup", "ttin-ttou"]:
        for f in data["faults"]:
            if f["target"] == "ours" and f["fault"] == fault and f["mode"] == "close":
                out.append((f"zero failed requests, connection per request, {fault}",
                            f"{f['failed']} of {int(f['sent']):,}", int(f["failed"]) == 0))
    kills = [f for f in data["faults"] if f["target"] == "ours" and f["fault"] == "kill"]
    if kills:
        failed = sum(int(f["failed"]) for f in kills)
        lost = int(kills[0]["lost"])
        out.append(("under SIGKILLs only the requests in flight on the killed worker fail",
                    f"{failed} failed (both clients); the {kills[0]['signals']} killed workers held {lost} connections, "
                    "each accepted with its request on the way or idle",
                    failed <= lost))
    for fault in BURSTS:
        for f in data["faults"]:
            if f["target"] == "ours" and f["fault"] == fault and f["mode"] == "close":
                out.append((f"zero failed requests, connection per request, and the master alive, {fault}",
                            f"{f['failed']} of {int(f['sent']):,}; master alive: {master_end(f)}, "
                            f"{f.get('workers_end', '-')} workers at the end",
                            int(f["failed"]) == 0 and f.get("master_alive") == "yes"))
    for fault in FAULTS:
        ka = {f["target"]: int(f["failed"]) for f in data["faults"] if f["fault"] == fault and f["mode"] == "keepalive"}
        if "ours" in ka and "gunicorn" in ka:
            out.append((f"keep-alive clients, {fault}: fewer errors than Gunicorn gthread (or none)",
                        f"{ka['ours']} against {ka['gunicorn']}", ka["ours"] < ka["gunicorn"] or ka["ours"] == 0))
    for key, label, limit, unit in [(("aot", "worker-pss", 4), "AOT idle worker PSS <= 10 MiB at 4 workers", 10 * 1024, "MiB"),
                                    (("aot", "worker-rss", 4), "AOT idle worker RSS <= 22 MiB at 4 workers", 22 * 1024, "MiB"),
                                    (("aot", "ready", 3), "AOT cold start to 3 READY workers <= 0.5 s", 500, "ms"),
                                    (("aot", "replace", 3), "AOT replacement of a killed worker <= 0.3 s", 300, "ms")]:
        if key in cold:
            jit = cold.get(("jit",) + key[1:])
            shown = (lambda v: f"{v / 1024:.1f} MiB") if unit == "MiB" else (lambda v: f"{v:.0f} ms")
            out.append((label, f"{shown(cold[key])} (JIT: {shown(jit) if jit else '-'})", cold[key] <= limit))
    return out


def main():
    d = sys.argv[1]
    data = load(d)
    rps = data["rps"]
    if rps:
        print(f"### Throughput and latency (median of {data['rounds']} interleaved rounds, "
              f"wrk -t2 -c8 -d{data['duration']}s, GET /)\n")
        print("| mode | target | requests/s | p50 ms | p99 ms | errors (all rounds) | RSS MiB (processes) |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
        for mode in ["keepalive", "close"]:
            for t in ORDER:
                if (mode, t) in rps:
                    p50, p99 = data["latency"][(mode, t)]
                    rss, procs = data["rss"][(mode, t)]
                    print(f"| {mode} | {LABELS[t]} | {rps[(mode, t)]:,.0f} | {p50:.2f} | {p99:.2f} | "
                          f"{data['errors'][(mode, t)]} | {rss:.1f} ({procs}) |")
        print()
        print("### Ratios (of the medians above)\n")
        print("| ratio | keep-alive | Connection: close |")
        print("| --- | ---: | ---: |")
        for other in ["bare", "gunicorn", "nginx", "ours-jit"]:
            cells = [f"{ratio(rps[(m, 'ours')], rps[(m, other)]):.2f}" if (m, "ours") in rps and (m, other) in rps
                     else "-" for m in ["keepalive", "close"]]
            if cells != ["-", "-"]:
                print(f"| ours / {other} | {cells[0]} | {cells[1]} |")
        print()

    pinned = data["pinned"]
    if pinned["rps"]:
        p = pinned["rps"]
        print(f"### Overhead, pinned (median of {pinned['rounds']} interleaved rounds, the server on CPU 0, "
              f"wrk -t2 -c8 -d{pinned['duration']}s on CPU 1, GET /)\n")
        print("| mode | target | requests/s | of bare Kestrel | p50 ms | p99 ms | errors (all rounds) "
              "| RSS MiB (processes) |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for mode in ["keepalive", "close"]:
            for t in ["ours", "bare"]:
                if (mode, t) in p:
                    p50, p99 = pinned["latency"][(mode, t)]
                    rss, procs = pinned["rss"][(mode, t)]
                    of_bare = f"{ratio(p[(mode, t)], p[(mode, 'bare')]):.2f}" if (mode, "bare") in p else "-"
                    print(f"| {mode} | {PINNED_LABELS[t]} | {p[(mode, t)]:,.0f} | {of_bare} | {p50:.2f} | {p99:.2f} | "
                          f"{pinned['errors'][(mode, t)]} | {rss:.1f} ({procs}) |")
        print()

    rec = data["recycle"]
    if rec:
        print("### Recycling throughput (wrk -t2 -c8 keep-alive, GET /)\n")
        print("| target | max_requests | requests | requests/s | errors | of its own steady throughput |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for (t, m), (r, errs, n, jitter) in sorted(rec.items(), key=lambda kv: (ORDER.index(kv[0][0]), kv[0][1] == 0, -kv[0][1])):
            steady = rec.get((t, 0), (0,))[0]
            quota = f"{m} (jitter {jitter})" if jitter else f"{m or 'none'}"
            print(f"| {LABELS[t]} | {quota} | {n:,} | {r:,.0f} | {errs} | {ratio(r, steady):.2f} |")
        print()

    costs = data["lifecost"]
    if costs:
        print("### What a worker's life costs (bench/lifecost.py: CPU of the master and every worker it reaped, "
              "wrk -t2 -c8 keep-alive, 8 s per run)\n")
        print("| build | steady µs CPU/request | quota | CPU per worker life, ms (median) | rounds |")
        print("| --- | ---: | ---: | ---: | --- |")
        for label, (steady, lives, quota) in costs.items():
            print(f"| {label} | {steady:.1f} | {quota} | {med(lives):.1f} | {', '.join(f'{x:.1f}' for x in lives)} |")
        print()

    cold = data["cold"]
    if cold:
        print(f"### Cold start, replacement and idle memory of ours (median of {data['cold_repeats']})\n")
        print("| build | workers | launch to first 200 ms | launch to all READY ms | SIGKILL to replacement READY ms "
              "| idle worker RSS MiB | idle worker PSS MiB | master RSS MiB |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for b in ["aot", "jit"]:
            for n in sorted({k[2] for k in cold if k[0] == b}):
                v = {k: cold.get((b, k, n), float("nan")) for k in
                     ["first", "ready", "replace", "worker-rss", "worker-pss", "master-rss"]}
                print(f"| {b.upper()} | {n} | {v['first']:.0f} | {v['ready']:.0f} | {v['replace']:.0f} | "
                      f"{v['worker-rss'] / 1024:.1f} | {v['worker-pss'] / 1024:.1f} | {v['master-rss'] / 1024:.1f} |")
        for g in ["gunicorn-sync", "gunicorn"]:
            if (g, "worker-rss", 2) in cold:
                print(f"| {LABELS[g]} | 2 | - | - | - | {cold[(g, 'worker-rss', 2)] / 1024:.1f} | "
                      f"{cold[(g, 'worker-pss', 2)] / 1024:.1f} | - |")
        print()

    faults = data["faults"]
    if faults:
        secs = round(float(faults[0]["seconds"]))
        print(f"### Fault runs ({secs} s each; bench/LoadClient: 4 clients with a connection per request and 4 keep-alive "
              "clients at once, each kind counted on its own; ours and Gunicorn gthread side by side, one CPU each)\n")
        print("| fault | target | signals | clients | sent | ok | requests/s | failed | connect | reset | status "
              "| timeout | other | idle closed (retried) | connections open on killed workers |")
        print("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for f in faults:
            signals = "-" if f["fault"] == "recycle" else f["signals"]
            lost = f["lost"] if f["fault"] == "kill" else "-"
            print(f"| {f['fault']} | {f['target']} | {signals} | {f['mode']} | {int(f['sent']):,} | {int(f['ok']):,} | "
                  f"{int(f['ok']) / float(f['seconds']):,.0f} | {f['failed']} | {f['connect']} | {f['reset']} | "
                  f"{f['status']} | {f['timeout']} | {f['other']} | {f['idle_closed']} | {lost} |")
        print()

    bursts = [f for f in faults if f["fault"] in BURSTS]
    if bursts:
        print("### Signal bursts (the fault runs above: requests sent and failed by each kind of client; the master "
              "once the clients were done)\n")
        print("| fault | target | signals sent | close: sent | close: failed | keep-alive: sent | keep-alive: failed "
              "| master alive | workers at the end |")
        print("| --- | --- | --- | ---: | ---: | ---: | ---: | --- | ---: |")
        for fault in BURSTS:
            for t in ["ours", "gunicorn"]:
                by_mode = {f["mode"]: f for f in bursts if f["fault"] == fault and f["target"] == t}
                if "close" in by_mode and "keepalive" in by_mode:
                    c, k = by_mode["close"], by_mode["keepalive"]
                    print(f"| {fault} | {t} | {signals_sent(c)} | {int(c['sent']):,} | {c['failed']} | "
                          f"{int(k['sent']):,} | {k['failed']} | {master_end(c)} | {c.get('workers_end', '-')} |")
        print()

    checks = goals(data)
    if checks:
        print("### Against the goals\n")
        print("| goal | this run | met |")
        print("| --- | --- | --- |")
        for goal, figure, met in checks:
            print(f"| {goal} | {figure} | {'yes' if met else 'NO'} |")
        print()


if __name__ == "__main__":
    main()
