#!/usr/bin/env python3
"""Draws the charts of bench/run.sh (PNG, matplotlib) from the raw results in a results folder.

Usage: charts.py RESULTS_DIR. Reads the same files as report.py and writes throughput.png, recycling.png,
startup.png and faults.png beside them.
"""
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 (the backend must be chosen first)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report import FAULTS, LABELS, ORDER, load  # noqa: E402

COLORS = {"ours": "#2a6fdb", "bare": "#7aa6ea", "ours-jit": "#1b4a94", "bare-jit": "#a9c4ef",
          "gunicorn": "#d9822b", "gunicorn-sync": "#f0b27a", "nginx": "#8c8c8c"}


def bars(ax, groups, series, values, colors, fmt="{:,.0f}"):
    """Grouped bars: one group per entry of groups, one bar per series, each labelled with its value."""
    width = 0.8 / max(len(series), 1)
    for i, s in enumerate(series):
        xs = [g + (i - (len(series) - 1) / 2) * width for g in range(len(groups))]
        ys = [values.get((group, s), 0) for group in groups]
        rects = ax.bar(xs, ys, width, label=LABELS.get(s, s), color=colors.get(s))
        ax.bar_label(rects, [fmt.format(y) if y else "" for y in ys], fontsize=7, padding=2)
    ax.set_xticks(range(len(groups)), groups)
    ax.spines[["top", "right"]].set_visible(False)


def throughput(data, out):
    rps = data["rps"]
    targets = [t for t in ORDER if any(k[1] == t for k in rps)]
    fig, ax = plt.subplots(figsize=(9, 4.5))
    bars(ax, ["keepalive", "close"], targets, rps, COLORS)
    ax.set_ylabel("requests/s (median of rounds)")
    ax.set_title(f"GET /, wrk -t2 -c8, median of {data['rounds']} interleaved rounds")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "throughput.png"), dpi=110)
    plt.close(fig)


def recycling(data, out):
    rec = data["recycle"]
    targets = [t for t in ORDER if any(k[0] == t for k in rec)]
    limits = sorted({k[1] for k in rec}, key=lambda m: (m != 0, -m))
    groups = ["none" if m == 0 else f"max_requests={m}" for m in limits]
    values = {("none" if m == 0 else f"max_requests={m}", t): v[0] for (t, m), v in rec.items()}
    fig, ax = plt.subplots(figsize=(9, 4.5))
    bars(ax, groups, targets, values, COLORS)
    ax.set_ylabel("requests/s")
    ax.set_title("Throughput while workers recycle (wrk -t2 -c8, keep-alive)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "recycling.png"), dpi=110)
    plt.close(fig)


def startup(data, out):
    cold = data["cold"]
    ns = sorted({k[2] for k in cold if k[0] in ("aot", "jit") and k[1] == "ready"})
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
    build_colors = {"aot": COLORS["ours"], "jit": COLORS["ours-jit"]}
    labels = {"aot": "Native AOT", "jit": "JIT"}
    values = {}
    for b in ["aot", "jit"]:
        for n in ns:
            values[(f"{n} READY", b)] = cold.get((b, "ready", n), 0)
            values[(f"replace ({n})", b)] = cold.get((b, "replace", n), 0)
    groups = [f"{n} READY" for n in ns] + [f"replace ({n})" for n in ns]
    width = 0.4
    for i, b in enumerate(["aot", "jit"]):
        xs = [g + (i - 0.5) * width for g in range(len(groups))]
        ys = [values.get((g, b), 0) for g in groups]
        rects = left.bar(xs, ys, width, label=labels[b], color=build_colors[b])
        left.bar_label(rects, [f"{y:.0f}" for y in ys], fontsize=7, padding=2)
    left.set_xticks(range(len(groups)), groups, rotation=30, fontsize=8)
    left.set_ylabel("ms")
    left.set_title("Launch to N workers READY; SIGKILL to replacement READY")
    left.legend(fontsize=8)
    left.spines[["top", "right"]].set_visible(False)

    mem = [("ours AOT, 2 workers", cold.get(("aot", "worker-rss", 2)), cold.get(("aot", "worker-pss", 2)), COLORS["ours"]),
           ("ours AOT, 4 workers", cold.get(("aot", "worker-rss", 4)), cold.get(("aot", "worker-pss", 4)), COLORS["ours"]),
           ("ours JIT, 2 workers", cold.get(("jit", "worker-rss", 2)), cold.get(("jit", "worker-pss", 2)), COLORS["ours-jit"]),
           ("gunicorn sync", cold.get(("gunicorn-sync", "worker-rss", 2)), cold.get(("gunicorn-sync", "worker-pss", 2)),
            COLORS["gunicorn-sync"]),
           ("gunicorn gthread", cold.get(("gunicorn", "worker-rss", 2)), cold.get(("gunicorn", "worker-pss", 2)),
            COLORS["gunicorn"])]
    mem = [m for m in mem if m[1]]
    xs = range(len(mem))
    rects = right.bar([x - 0.2 for x in xs], [m[1] / 1024 for m in mem], 0.4, color=[m[3] for m in mem], label="RSS")
    right.bar_label(rects, [f"{m[1] / 1024:.1f}" for m in mem], fontsize=7, padding=2)
    rects = right.bar([x + 0.2 for x in xs], [m[2] / 1024 for m in mem], 0.4, color=[m[3] for m in mem], alpha=0.5,
                      hatch="//", label="PSS (shared pages split)")
    right.bar_label(rects, [f"{m[2] / 1024:.1f}" for m in mem], fontsize=7, padding=2)
    for goal, text in [(22, "RSS goal, 4 workers"), (10, "PSS goal, 4 workers")]:
        right.axhline(goal, color="#c0392b", linestyle="--", linewidth=1)
        right.text(-0.45, goal + 0.5, f"{goal} MiB: {text}", color="#c0392b", fontsize=7, ha="left")
    right.set_xticks(list(xs), [m[0] for m in mem], fontsize=8, rotation=15)
    right.set_ylabel("MiB per idle worker")
    right.set_title("Idle worker memory")
    right.legend(fontsize=8)
    right.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "startup.png"), dpi=110)
    plt.close(fig)


def faults(data, out):
    rows = data["faults"]
    fault_names = [f for f in FAULTS if any(r["fault"] == f for r in rows)]
    fig, axes = plt.subplots(1, 3, figsize=(max(15, 3 * len(fault_names) + 3), 4.5))
    panels = [(axes[0], "close", "failed", "Failed, a connection per request"),
              (axes[1], "keepalive", "failed", "Failed, keep-alive"),
              (axes[2], "keepalive", "idle_closed", "Keep-alive: closed idle, retried (not failed)")]
    for ax, mode, key, title in panels:
        values = {(r["fault"], r["target"]): int(r[key]) for r in rows if r["mode"] == mode}
        bars(ax, fault_names, ["ours", "gunicorn"], values, COLORS, fmt="{:d}")
        for i, f in enumerate(fault_names):
            for j, t in enumerate(["ours", "gunicorn"]):
                if values.get((f, t)) == 0:
                    ax.text(i + (j - 0.5) * 0.4, 0, "0", ha="center", va="bottom", fontsize=7)
        ax.set_title(f"{title} (4 clients, 30 s)", fontsize=10)
        ax.legend(fontsize=7)
    axes[0].set_ylabel("requests")
    fig.tight_layout()
    fig.savefig(os.path.join(out, "faults.png"), dpi=110)
    plt.close(fig)


def main():
    d = sys.argv[1]
    data = load(d)
    if data["rps"]:
        throughput(data, d)
    if data["recycle"]:
        recycling(data, d)
    if data["cold"]:
        startup(data, d)
    if data["faults"]:
        faults(data, d)


if __name__ == "__main__":
    main()
