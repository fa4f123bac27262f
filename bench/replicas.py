"""Throughput and latency through nginx with 1 and 2 app replicas (not part of `make test`).

    .venv/bin/python -m bench.replicas            # about 4 minutes on 2 cores

Each configuration is N `streamlit run` replicas behind the repository's nginx config
(deploy/nginx/ketamine.conf.template, via bench/proxy.py), all on 127.0.0.1. Load is closed-loop:
C concurrent visitors, each opening a new session (a new affinity cookie, so a new visitor to nginx),
showing PAGES_PER_VISIT pages, closing it and starting the next, for DURATION_S seconds.

  sessions/s  visits finished (every page drawn) per second of the measured window
  runs/s      script runs finished per second
  p50 / p95   latency of one script run: rerun request sent -> script_finished received
  errors      runs that showed an error, or visits that never got through

Prints a table and writes build/replicas.json.
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

from bench import harness, proxy, sticky

PAGES = ["", "history", "conditions", "onset", "routes", "mechanism", "safety", "claims", "sources", "present"]
PAGES_PER_VISIT = 3
CONCURRENCY = (10, 30)
DURATION_S = 30.0
WARMUP_VISITS = 10  # per replica count: every page rendered once on every replica before measuring
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


def measure(replicas: int) -> list[dict]:
    """Start `replicas` app processes and nginx, warm every replica, then each concurrency level."""
    servers: list[harness.Server] = []
    nginx = None
    try:
        for _ in range(replicas):
            servers.append(harness.start_server(harness.ROOT / "dashboard.py"))
        nginx = proxy.start_proxy([int(s.url.rsplit(":", 1)[1]) for s in servers])
        for server in servers:  # warm up directly: each replica imports the app and renders every page once
            warm = sticky.StickySession("warm", PAGES)
            asyncio.run(asyncio.wait_for(sticky.drive(warm, server.ws_url), 300))
            if warm.errors:
                raise RuntimeError(f"warm-up failed: {warm.errors}")
        asyncio.run(load(nginx.ws_url, WARMUP_VISITS, 5.0))
        rows = []
        for c in CONCURRENCY:
            wall, visits = asyncio.run(load(nginx.ws_url, c, DURATION_S))
            runs = [r for v in visits for r in v.runs]
            ok = [v for v in visits if not v.errors and len(v.runs) == PAGES_PER_VISIT]
            lat = [r.seconds for r in runs if not r.error]
            rows.append({"replicas": replicas, "concurrency": c, "wall_s": wall, "visits": len(ok),
                         "sessions_per_s": len(ok) / wall, "runs": len(runs), "runs_per_s": len(runs) / wall,
                         "p50_ms": statistics.median(lat) * 1000 if lat else float("nan"),
                         "p95_ms": p95(lat) * 1000, "errors": sum(len(v.errors) for v in visits),
                         "reconnects": sum(v.reconnects for v in visits),
                         "rss_mib": [round(s.rss_mib()) for s in servers]})
            print(f"  {replicas} replica(s), {c} visitors: {rows[-1]['sessions_per_s']:.2f} sessions/s, "
                  f"p95 {rows[-1]['p95_ms']:.0f} ms", flush=True)
        return rows
    finally:
        if nginx is not None:
            nginx.stop()
        for server in servers:
            server.stop()


def main() -> None:
    if proxy.nginx_binary() is None:
        raise SystemExit("nginx not found: run `make nginx`")
    machine = {"nproc": os.cpu_count(), "python": platform.python_version(), "streamlit": streamlit.__version__}
    rows = [row for n in (1, 2) for row in measure(n)]
    print(f"\nMachine: {machine['nproc']} CPUs, Python {machine['python']}, streamlit {machine['streamlit']}; "
          f"{PAGES_PER_VISIT} pages per visit, {DURATION_S:.0f} s per level, through nginx")
    print(f"{'replicas':>8}{'visitors':>9}{'sessions/s':>11}{'runs/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'errors':>7}"
          f"{'RSS MiB':>12}")
    for r in rows:
        print(f"{r['replicas']:>8}{r['concurrency']:>9}{r['sessions_per_s']:>11.2f}{r['runs_per_s']:>8.1f}"
              f"{r['p50_ms']:>8.0f}{r['p95_ms']:>8.0f}{r['errors']:>7}{'/'.join(map(str, r['rss_mib'])):>12}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"machine": machine, "rows": rows}, indent=2), encoding="utf-8")
    print(f"\nraw figures: {Path(OUT).relative_to(harness.ROOT)}")


if __name__ == "__main__":
    main()
