"""Throughput and latency through nginx with 1 and 2 app replicas (not part of `make test`).

    .venv/bin/python -m bench.replicas            # about 5 minutes on 2 cores

Two stacks run side by side on 127.0.0.1: one replica behind nginx, and two replicas behind another
nginx, each nginx with the repository's config (deploy/nginx/ketamine.conf.template, via
tests/proxy.py). Measurements alternate between the stacks (1, 2, 1, 2, ...) for ROUNDS rounds, so
drift on the machine hits both alike. Load is closed-loop: C concurrent visitors, each opening a new
session (a new affinity cookie, so a new visitor to nginx), showing PAGES_PER_VISIT pages, closing it
and starting the next, for DURATION_S seconds.

  sessions/s  visits finished (every page drawn) per second; median of the rounds (min-max)
  runs/s      script runs finished per second, median of the rounds
  p50 / p95   latency of one script run (rerun request sent -> script_finished), all rounds pooled
  errors      runs that showed an error, or visits that never got through

The load generator shares the 2 cores with nginx and the replicas. Prints a table and writes
build/replicas.json.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import statistics
import time
from pathlib import Path

import streamlit

from explainer import registry
from tests import harness, proxy, sticky

PAGES = [p.path for p in registry.PAGES]
PAGES_PER_VISIT = 3
CONCURRENCY = (10, 30)
DURATION_S = 20.0
ROUNDS = 3
OUT = harness.ROOT / "build" / "replicas.json"


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[-1] if len(xs) >= 2 else (xs[0] if xs else float("nan"))


async def visitor(ws_url: str, idx: int, deadline: float, done: list[sticky.StickySession]) -> None:
    """Visit after visit until the deadline; each visit starts on the next page of the cycle."""
    n = 0
    while time.perf_counter() < deadline:
        start = (idx + n) % len(PAGES)
        visit = sticky.StickySession(f"bench-{idx}-{n}-{time.monotonic_ns()}",
                                     [PAGES[(start + k) % len(PAGES)] for k in range(PAGES_PER_VISIT)])
        await sticky.drive(visit, ws_url)
        done.append(visit)
        n += 1


async def load(ws_url: str, concurrency: int, duration: float) -> tuple[float, list[sticky.StickySession]]:
    done: list[sticky.StickySession] = []
    t0 = time.perf_counter()
    deadline = t0 + duration
    await asyncio.wait_for(asyncio.gather(*(visitor(ws_url, i, deadline, done) for i in range(concurrency))),
                           duration + sticky.RUN_TIMEOUT * (PAGES_PER_VISIT + 2))
    return time.perf_counter() - t0, done


def start_stack(replicas: int) -> tuple[list[harness.Server], proxy.Proxy]:
    """`replicas` app processes behind nginx, each replica warmed: it has imported the app and rendered
    every page once (the first visit of a process pays for that, and is not what is measured)."""
    servers: list[harness.Server] = []
    try:
        for _ in range(replicas):
            servers.append(harness.start_server(harness.ROOT / "dashboard.py"))
        for server in servers:
            warm = sticky.StickySession("warm", PAGES)
            asyncio.run(asyncio.wait_for(sticky.drive(warm, server.ws_url), 300))
            if warm.errors:
                raise RuntimeError(f"warm-up failed: {warm.errors}")
        return servers, proxy.start_proxy([int(s.url.rsplit(":", 1)[1]) for s in servers])
    except BaseException:
        for server in servers:
            server.stop()
        raise


def summary(replicas: int, concurrency: int, rounds: list[tuple[float, list[sticky.StickySession]]],
            servers: list[harness.Server]) -> dict:
    rates, run_rates, lat, errors = [], [], [], 0
    for wall, visits in rounds:
        runs = [r for v in visits for r in v.runs]
        rates.append(sum(not v.errors and len(v.runs) == PAGES_PER_VISIT for v in visits) / wall)
        run_rates.append(len(runs) / wall)
        lat += [r.seconds for r in runs if not r.error]
        errors += sum(len(v.errors) for v in visits)
    return {"replicas": replicas, "concurrency": concurrency, "sessions_per_s": statistics.median(rates),
            "sessions_per_s_rounds": rates, "runs_per_s": statistics.median(run_rates),
            "p50_ms": statistics.median(lat) * 1000 if lat else float("nan"), "p95_ms": p95(lat) * 1000,
            "runs": len(lat), "errors": errors, "rss_mib": [round(s.rss_mib()) for s in servers]}


def measure() -> list[dict]:
    """Both stacks up, then every level ROUNDS times, alternating between the stacks."""
    stacks: dict[int, tuple[list[harness.Server], proxy.Proxy]] = {}
    try:
        for n in (1, 2):
            stacks[n] = start_stack(n)
            asyncio.run(load(stacks[n][1].ws_url, 10, 5.0))  # nginx and the load path warm too
        samples: dict[tuple[int, int], list] = {(n, c): [] for n in stacks for c in CONCURRENCY}
        for r in range(ROUNDS):
            for c in CONCURRENCY:
                for n, (_, nginx) in stacks.items():
                    samples[n, c].append(asyncio.run(load(nginx.ws_url, c, DURATION_S)))
            print(f"  round {r + 1}/{ROUNDS} done", flush=True)
        return [summary(n, c, samples[n, c], stacks[n][0]) for n in stacks for c in CONCURRENCY]
    finally:
        for servers, nginx in stacks.values():
            nginx.stop()
            for server in servers:
                server.stop()


def main() -> None:
    if proxy.nginx_binary() is None:
        raise SystemExit("nginx not found: run `make nginx`")
    machine = {"nproc": os.cpu_count(), "python": platform.python_version(), "streamlit": streamlit.__version__}
    rows = measure()
    print(f"\nMachine: {machine['nproc']} CPUs, Python {machine['python']}, streamlit {machine['streamlit']}; "
          f"{PAGES_PER_VISIT} pages per visit, {ROUNDS} rounds of {DURATION_S:.0f} s per level, through nginx")
    print(f"{'replicas':>8}{'visitors':>9}{'sessions/s':>11}{'(min-max)':>12}{'runs/s':>8}{'p50 ms':>8}"
          f"{'p95 ms':>8}{'errors':>7}{'RSS MiB':>12}")
    for r in rows:
        spread = f"{min(r['sessions_per_s_rounds']):.1f}-{max(r['sessions_per_s_rounds']):.1f}"
        print(f"{r['replicas']:>8}{r['concurrency']:>9}{r['sessions_per_s']:>11.2f}{spread:>12}{r['runs_per_s']:>8.1f}"
              f"{r['p50_ms']:>8.0f}{r['p95_ms']:>8.0f}{r['errors']:>7}{'/'.join(map(str, r['rss_mib'])):>12}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"machine": machine, "rows": rows}, indent=2), encoding="utf-8")
    print(f"\nraw figures: {Path(OUT).relative_to(harness.ROOT)}")


if __name__ == "__main__":
    main()
