#!/usr/bin/env python3
"""Cold start of the supervisor: launch to N workers READY, and replacement of a SIGKILLed worker.

Usage: coldstart.py SUPERVISOR APP WORKDIR PORT CONTROL_PORT REPEATS N...
Prints one TSV line per measurement: kind, workers, repeat, milliseconds.
  first    launch to the first 200 from GET /
  ready    launch to N workers READY (the master's /status)
  replace  SIGKILL of one READY worker to N workers READY again, the killed one gone
  worker-rss, worker-pss, master-rss  KiB, one line per process, read 3 s after all were READY (idle,
           after each worker's boot garbage collection, 2 s after its READY)
"""
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import time

POLL = 0.005
LIMIT = 30.0


def get(port, path):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        c.request("GET", path)
        r = c.getresponse()
        body = r.read()
        c.close()
        return r.status, body
    except OSError:
        return None, None


def ready_pids(control_port):
    status, body = get(control_port, "/status")
    if status != 200:
        return []
    return [w["pid"] for w in json.loads(body)["workers"] if w["state"] == "ready"]


def memory(pid):
    """(RSS, PSS) in KiB: PSS shares the pages of the executable among the processes that map it."""
    values = {}
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("Rss", "Pss"):
                values[key] = int(rest.split()[0])
    return values["Rss"], values["Pss"]


def wait_for(cond, what):
    deadline = time.monotonic() + LIMIT
    while time.monotonic() < deadline:
        if cond():
            return time.monotonic()
        time.sleep(POLL)
    raise SystemExit(f"coldstart: timed out waiting for {what}")


def one(sup, app, workdir, port, cport, n, rep):
    conf = os.path.join(workdir, f"cold-{n}.toml")
    with open(conf, "w") as f:
        f.write(f'app = ["{app}"]\nworkers = {n}\nbind = "127.0.0.1:{port}"\nloglevel = "warning"\n'
                f'control_bind = "127.0.0.1:{cport}"\n')
    log = open(os.path.join(workdir, f"cold-{n}-{rep}.log"), "w")
    t0 = time.monotonic()
    p = subprocess.Popen([sup, "run", "-c", conf], stdout=log, stderr=subprocess.STDOUT)
    try:
        t_first = wait_for(lambda: get(port, "/")[0] == 200, "the first response")
        t_ready = wait_for(lambda: len(ready_pids(cport)) >= n, f"{n} ready workers")
        print(f"first\t{n}\t{rep}\t{(t_first - t0) * 1000:.0f}", flush=True)
        print(f"ready\t{n}\t{rep}\t{(t_ready - t0) * 1000:.0f}", flush=True)
        time.sleep(3)  # idle: past each worker's boot garbage collection (2 s after READY); memory, not time
        for pid in ready_pids(cport):
            rss, pss = memory(pid)
            print(f"worker-rss\t{n}\t{rep}\t{rss}\nworker-pss\t{n}\t{rep}\t{pss}", flush=True)
        print(f"master-rss\t{n}\t{rep}\t{memory(p.pid)[0]}", flush=True)
        victim = random.choice(ready_pids(cport))
        t1 = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        t_rep = wait_for(lambda: (lambda r: len(r) >= n and victim not in r)(ready_pids(cport)),
                         "the replacement")
        print(f"replace\t{n}\t{rep}\t{(t_rep - t1) * 1000:.0f}", flush=True)
    finally:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(15)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
        log.close()


def main():
    sup, app, workdir, port, cport, repeats = sys.argv[1:7]
    for n in [int(x) for x in sys.argv[7:]]:
        for rep in range(1, int(repeats) + 1):
            one(sup, app, workdir, int(port), int(cport), n, rep)


if __name__ == "__main__":
    main()
