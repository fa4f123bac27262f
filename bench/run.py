"""Benchmark the dashboard against a one-chart Streamlit + Plotly baseline (`make bench`).

Both apps run side by side on 127.0.0.1; every measurement alternates between them (A, B, A, B, ...)
so drift on the machine hits both alike. Prints a table and writes build/bench.json.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import platform
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: the repository root
from explainer import registry  # noqa: E402
from tests import harness  # noqa: E402  (the same server helpers the browser tests use)

ROOT = harness.ROOT
APP = ROOT / "dashboard.py"
BASELINE = ROOT / "bench" / "baseline_app.py"
OUT = ROOT / "build" / "bench.json"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
CHARTS = {p.path: p.drawn for p in registry.PAGES}  # charts each page draws on open
SERVER_STARTS = 3   # interleaved starts per app (the last pair serves everything else)
WARM_RUNS = 5       # warm visits per page, each in a new browser context
RERUN_RUNS = 7      # widget-change reruns per app
LEVELS = (1, 10, 30, 50)
LEAK_ROUNDS, LEAK_SESSIONS, LEAK_RUNS = 5, 50, 2
SOAK_SESSIONS, SOAK_S, SOAK_WARMUP_S = 50, 60.0, 10.0  # app only: 50 sessions rerunning pages for 60 s
BROWSER_TIMEOUT_MS = 60_000
SETTLE_S = 0.5      # pause after a page is drawn before clicking, and after a load level

# Injected before any page script: records when the h1 title appears and when the first and the last
# expected chart is drawn (a chart is drawn once its .js-plotly-plot holds a .main-svg), in ms since
# navigation start. Pages without charts record the h1 title as their chart times.
DRAWN_JS = """
(() => {
  const want = %d;
  window.__bench = {title: null, first: null, all: null};
  const drawn = () => want === 0 ? (document.querySelector('h1') ? 1 : 0)
    : [...document.querySelectorAll('.js-plotly-plot')].filter(e => e.querySelector('.main-svg')).length;
  const obs = new MutationObserver(() => {
    const n = drawn(), now = performance.now(), b = window.__bench;
    if (b.title === null && document.querySelector('h1')) b.title = now;
    if (n >= 1 && b.first === null) b.first = now;
    if (n >= Math.max(want, 1) && b.all === null) { b.all = now; obs.disconnect(); }
  });
  obs.observe(document, {childList: true, subtree: true});
})();
"""

# Armed before the click: ms from the pointerdown on the option until the y-axis title shows `want`.
RERUN_JS = """
(want) => {
  window.__rerun = null;
  let t0 = null;
  addEventListener('pointerdown', () => { if (t0 === null) t0 = performance.now(); }, {capture: true});
  const obs = new MutationObserver(() => {
    const title = document.querySelector('.js-plotly-plot .ytitle');
    if (t0 !== null && title && title.textContent.toLowerCase().includes(want)) {
      window.__rerun = performance.now() - t0; obs.disconnect();
    }
  });
  obs.observe(document.body, {childList: true, subtree: true, characterData: true});
}
"""


def machine() -> dict:
    """nproc, memory, CPU model and software versions of this machine."""
    info = Path("/proc/meminfo").read_text().split("\n")
    mem_kib = next(int(line.split()[1]) for line in info if line.startswith("MemTotal:"))
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    import plotly
    import streamlit
    return {"nproc": len(os.sched_getaffinity(0)), "mem_gib": round(mem_kib / 2**20, 1), "cpu": cpu,
            "python": platform.python_version(), "os": platform.platform(),
            "streamlit": streamlit.__version__, "plotly": plotly.__version__}


def median(xs: list[float]) -> float:
    """The median, NaN for no samples."""
    return statistics.median(xs) if xs else float("nan")


def pct(xs: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[max(0, math.ceil(q / 100 * len(s)) - 1)]


def visit(browser: Browser, url: str, want: int) -> dict[str, float]:
    """Open `url` in a new browser context; ms since navigation start to the h1 title ("title"),
    the first chart ("first") and all `want` charts ("all")."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        ctx.add_init_script(DRAWN_JS % want)
        page = ctx.new_page()
        page.goto(url, wait_until="commit", timeout=BROWSER_TIMEOUT_MS)
        page.wait_for_function("window.__bench && window.__bench.all !== null", timeout=BROWSER_TIMEOUT_MS,
                               polling=50)
        return page.evaluate("window.__bench")
    finally:
        ctx.close()


def rerun(browser: Browser, url: str, option: str) -> float:
    """Load `url`, click segmented-control `option`, return ms until the chart's y-axis title shows it."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        ctx.add_init_script(DRAWN_JS % 1)
        page = ctx.new_page()
        page.goto(url, wait_until="commit", timeout=BROWSER_TIMEOUT_MS)
        page.wait_for_function("window.__bench && window.__bench.all !== null", timeout=BROWSER_TIMEOUT_MS)
        time.sleep(SETTLE_S)
        page.evaluate(RERUN_JS, option)
        page.get_by_role("radio", name=option, exact=True).click(timeout=BROWSER_TIMEOUT_MS)
        page.wait_for_function("window.__rerun !== null", timeout=BROWSER_TIMEOUT_MS, polling=50)
        return page.evaluate("window.__rerun")
    finally:
        ctx.close()


def start_pair() -> tuple[list[float], list[float], harness.Server, harness.Server]:
    """Start both apps SERVER_STARTS times, alternating; keep the last pair running."""
    a_times, b_times, a, b = [], [], None, None
    for i in range(SERVER_STARTS):
        for s in (a, b):
            if s is not None:
                s.stop()
        a = harness.start_server(APP)
        try:
            b = harness.start_server(BASELINE)
        except Exception:
            a.stop()
            raise
        a_times.append(a.start_s)
        b_times.append(b.start_s)
        print(f"  start {i + 1}/{SERVER_STARTS}: app {a.start_s:.2f} s, baseline {b.start_s:.2f} s", flush=True)
    return a_times, b_times, a, b


def browser_pages(browser: Browser, a: harness.Server, b: harness.Server) -> dict:
    """Cold (first visit since start) and warm (median of WARM_RUNS) draw times, app pages vs baseline."""
    cold: dict[str, dict[str, float]] = {}
    first_page, *rest = CHARTS
    cold[first_page] = visit(browser, f"{a.url}/{first_page}", CHARTS[first_page])
    base_cold = visit(browser, b.url, 1)
    for p in rest:
        cold[p] = visit(browser, f"{a.url}/{p}", CHARTS[p])
    print("  cold visits done", flush=True)
    warm: dict[str, list[dict[str, float]]] = {p: [] for p in CHARTS}
    base_warm: list[dict[str, float]] = []
    for r in range(WARM_RUNS):
        for p in CHARTS:
            warm[p].append(visit(browser, f"{a.url}/{p}", CHARTS[p]))
            base_warm.append(visit(browser, b.url, 1))
        print(f"  warm round {r + 1}/{WARM_RUNS} done", flush=True)

    def summary(c: dict[str, float], samples: list[dict[str, float]]) -> dict:
        return {"cold_title_ms": c["title"], "cold_first_ms": c["first"], "cold_all_ms": c["all"],
                **{f"warm_{k}_ms": median([x[k] for x in samples]) for k in ("title", "first", "all")},
                "warm_samples": samples}

    base = summary(base_cold, base_warm)
    pages = {}
    for p in CHARTS:
        v = summary(cold[p], warm[p])
        pages[p] = {"charts": CHARTS[p], **v, "ratio_first": v["warm_first_ms"] / base["warm_first_ms"],
                    "ratio_all": v["warm_all_ms"] / base["warm_all_ms"],
                    "ratio_cold_first": v["cold_first_ms"] / base["cold_first_ms"]}
    return {"pages": pages, "baseline": {"charts": 1, **base, "ratio_first": 1.0, "ratio_all": 1.0,
                                         "ratio_cold_first": 1.0}}


def browser_reruns(browser: Browser, a: harness.Server, b: harness.Server) -> dict:
    """Widget change -> redrawn chart, app /onset vs baseline, alternating."""
    app, base = [], []
    for _ in range(RERUN_RUNS):
        app.append(rerun(browser, f"{a.url}/onset", "remission"))
        base.append(rerun(browser, b.url, "remission"))
    return {"app_ms": median(app), "baseline_ms": median(base), "ratio": median(app) / median(base),
            "app_samples": app, "baseline_samples": base}


async def load_level(server: harness.Server, pages: list[str], sessions: int, runs: int) -> dict:
    """`sessions` concurrent websocket sessions x `runs` reruns; throughput, latency, errors, RSS."""
    idle = server.rss_mib()
    load = harness.Load(server.ws_url, sessions, pages, runs)
    task = asyncio.create_task(load.run(hold=True))
    peak = idle
    while not task.done() and load.finished() < sessions:  # bounded: load.run has its own timeout
        peak = max(peak, server.rss_mib())
        await asyncio.sleep(0.05)
    held = server.rss_mib()
    load.release.set()
    wall = await task
    await asyncio.sleep(SETTLE_S * 4)
    lat = [x for r in load.results for x in r.latencies]
    errors = [e for r in load.results for e in r.errors]
    return {"sessions": sessions, "runs": sessions * runs, "finished": len(lat),
            "errors": sessions * runs - len(lat),
            "error_samples": errors[:5], "wall_s": wall, "scripts_per_s": len(lat) / wall if wall else 0.0,
            "p50_ms": pct(lat, 50) * 1000, "p95_ms": pct(lat, 95) * 1000,
            "rss_idle_mib": idle, "rss_peak_mib": max(peak, held), "rss_held_mib": held,
            "rss_after_mib": server.rss_mib()}


def runs_for(sessions: int) -> int:
    """Reruns per session: enough samples at low concurrency, bounded work at high."""
    return max(3, 40 // sessions)


def load_tests(a: harness.Server, b: harness.Server) -> dict:
    """Concurrency levels, then LEAK_ROUNDS rounds of LEAK_SESSIONS sessions for the leak check."""
    pages = list(CHARTS)
    levels = []
    for n in LEVELS:
        app = asyncio.run(load_level(a, pages, n, runs_for(n)))
        base = asyncio.run(load_level(b, [""], n, runs_for(n)))
        levels.append({"app": app, "baseline": base})
        print(f"  {n} sessions: app {app['scripts_per_s']:.1f}/s p95 {app['p95_ms']:.0f} ms "
              f"errors {app['errors']}; baseline {base['scripts_per_s']:.1f}/s p95 {base['p95_ms']:.0f} ms "
              f"errors {base['errors']}", flush=True)
    rounds = {"app": [], "baseline": []}
    for _ in range(LEAK_ROUNDS):
        app = asyncio.run(load_level(a, pages, LEAK_SESSIONS, LEAK_RUNS))
        base = asyncio.run(load_level(b, [""], LEAK_SESSIONS, LEAK_RUNS))
        for name, v in (("app", app), ("baseline", base)):
            rounds[name].append({k: v[k] for k in ("rss_after_mib", "errors", "error_samples", "p95_ms")})
    print(f"  soak: {SOAK_SESSIONS} sessions for {SOAK_S:.0f} s", flush=True)
    return {"levels": levels, "leak_rounds": rounds, "soak": asyncio.run(soak(a, pages))}


async def soak(server: harness.Server, pages: list[str]) -> dict:
    """SOAK_SESSIONS sessions cycling through the pages for SOAK_S seconds; RSS sampled every second."""
    idle = server.rss_mib()
    load = harness.Load(server.ws_url, SOAK_SESSIONS, pages, 1, duration=SOAK_S)
    task = asyncio.create_task(load.run())
    t0, samples = time.perf_counter(), []
    while not task.done():
        samples.append((time.perf_counter() - t0, server.rss_mib()))
        await asyncio.sleep(1.0)
    wall = await task
    await asyncio.sleep(SETTLE_S * 4)
    lat = [x for r in load.results for x in r.latencies]
    errors = [e for r in load.results for e in r.errors]
    steady = [rss for t, rss in samples if t >= SOAK_WARMUP_S] or [idle]
    return {"sessions": SOAK_SESSIONS, "seconds": wall, "runs": len(lat) + len(errors), "errors": len(errors),
            "error_samples": errors[:5], "scripts_per_s": len(lat) / wall if wall else 0.0,
            "p50_ms": pct(lat, 50) * 1000, "p95_ms": pct(lat, 95) * 1000, "rss_idle_mib": idle,
            "rss_peak_mib": max(rss for _, rss in samples) if samples else idle,
            "rss_growth_after_warmup_mib": steady[-1] - steady[0], "rss_after_mib": server.rss_mib(),
            "rss_samples": samples}


def targets(res: dict) -> list[tuple[str, str, bool]]:
    """(target, measured, met) for each target in bench/README.md."""
    chart_pages = {p: v for p, v in res["browser"]["pages"].items() if v["charts"]}
    worst = max(chart_pages, key=lambda p: chart_pages[p]["ratio_first"])
    w = chart_pages[worst]["ratio_first"]
    rr = res["rerun"]["ratio"]
    top = res["load"]["levels"][-1]
    app50, base50 = top["app"], top["baseline"]
    p95 = app50["p95_ms"] / base50["p95_ms"]
    per_session = (app50["rss_held_mib"] - app50["rss_idle_mib"]) / app50["sessions"]
    rounds = res["load"]["leak_rounds"]["app"]
    slope = statistics.linear_regression(range(len(rounds)), [r["rss_after_mib"] for r in rounds]).slope
    n = app50["sessions"]
    errors = app50["errors"] + sum(r["errors"] for r in rounds)
    s = res["load"]["soak"]
    return [("first chart <= 1.3x baseline (warm, worst page)", f"{w:.2f}x (/{worst})", w <= 1.3),
            ("rerun after widget change <= 1.2x baseline", f"{rr:.2f}x", rr <= 1.2),
            (f"{n} sessions: 0 errors (load level and leak rounds)", f"{errors} errors", errors == 0),
            (f"p95 at {n} sessions <= 2x baseline's", f"{p95:.2f}x", p95 <= 2),
            ("RSS per extra connected session <= 5 MiB", f"{per_session:.2f} MiB", per_session <= 5),
            (f"RSS flat across {len(rounds)} rounds (slope <= 1 MiB/round)", f"{slope:+.1f} MiB/round", slope <= 1),
            (f"soak, {s['sessions']} sessions for {SOAK_S:.0f} s: 0 errors",
             f"{s['errors']} errors in {s['runs']} runs", s["errors"] == 0),
            (f"soak: RSS growth after the first {SOAK_WARMUP_S:.0f} s <= 5 MiB",
             f"{s['rss_growth_after_warmup_mib']:+.1f} MiB", s["rss_growth_after_warmup_mib"] <= 5)]


def report(res: dict) -> str:
    """The printed table."""
    m = res["machine"]
    out = [f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['mem_gib']} GiB RAM, Python {m['python']}, "
           f"streamlit {m['streamlit']}, plotly {m['plotly']}", ""]
    st_ = res["server_start"]
    out += [f"Server start (process -> /_stcore/health), median of {len(st_['app_s'])}: "
            f"app {st_['app_median_s']:.2f} s, baseline {st_['baseline_median_s']:.2f} s ({st_['ratio']:.2f}x)", ""]
    out.append("Browser, ms from navigation start to the h1 title, the first chart and all charts (pages "
               f"without charts: the title); warm = median of {WARM_RUNS}, new browser context each")
    out.append(f"{'page':<12}{'charts':>6}{'cold 1st':>9}{'cold all':>9}{'warm h1':>9}{'warm 1st':>9}"
               f"{'warm all':>9}{'x base 1st':>11}{'x base all':>11}{'cold x':>8}")
    rows = [("/" + p, v) for p, v in res["browser"]["pages"].items()] + [("baseline", res["browser"]["baseline"])]
    for name, v in rows:
        out.append(f"{name:<12}{v['charts']:>6}{v['cold_first_ms']:>9.0f}{v['cold_all_ms']:>9.0f}"
                   f"{v['warm_title_ms']:>9.0f}{v['warm_first_ms']:>9.0f}{v['warm_all_ms']:>9.0f}"
                   f"{v['ratio_first']:>10.2f}x{v['ratio_all']:>10.2f}x{v['ratio_cold_first']:>7.2f}x")
    r = res["rerun"]
    out += ["", f"Rerun after widget change (click -> y-axis title updated), median of {RERUN_RUNS}: "
                f"app /onset {r['app_ms']:.0f} ms, baseline {r['baseline_ms']:.0f} ms ({r['ratio']:.2f}x)", ""]
    out.append("Load: concurrent websocket sessions rerunning pages (RSS in MiB)")
    out.append(f"{'app':<9}{'sessions':>8}{'runs':>6}{'errors':>7}{'scripts/s':>10}{'p50 ms':>8}{'p95 ms':>8}"
               f"{'RSS idle':>9}{'peak':>7}{'held':>7}{'after':>7}")
    for lv in res["load"]["levels"]:
        for name in ("app", "baseline"):
            v = lv[name]
            out.append(f"{name:<9}{v['sessions']:>8}{v['runs']:>6}{v['errors']:>7}{v['scripts_per_s']:>10.1f}"
                       f"{v['p50_ms']:>8.0f}{v['p95_ms']:>8.0f}{v['rss_idle_mib']:>9.0f}{v['rss_peak_mib']:>7.0f}"
                       f"{v['rss_held_mib']:>7.0f}{v['rss_after_mib']:>7.0f}")
    lr = res["load"]["leak_rounds"]
    out += ["", f"Leak check: RSS (MiB) after each of {LEAK_ROUNDS} rounds of {LEAK_SESSIONS} sessions "
                f"x {LEAK_RUNS} runs"]
    for name in ("app", "baseline"):
        out.append(f"{name:<9}" + "  ".join(f"{x['rss_after_mib']:.0f}" for x in lr[name])
                   + f"   (errors {sum(x['errors'] for x in lr[name])})")
    s = res["load"]["soak"]
    out += ["", f"Soak: app, {s['sessions']} sessions rerunning pages for {s['seconds']:.0f} s: {s['runs']} runs, "
                f"{s['errors']} errors, {s['scripts_per_s']:.1f} scripts/s, p50 {s['p50_ms']:.0f} ms, "
                f"p95 {s['p95_ms']:.0f} ms; "
                f"RSS idle {s['rss_idle_mib']:.0f}, peak {s['rss_peak_mib']:.0f}, growth after {SOAK_WARMUP_S:.0f} s "
                f"{s['rss_growth_after_warmup_mib']:+.1f}, after {s['rss_after_mib']:.0f} MiB"]
    out += ["", "Targets"]
    out += [f"  [{'met' if ok else 'MISSED'}] {name}: {measured}" for name, measured, ok in res["targets"]]
    return "\n".join(out)


def save(res: dict, table: str, out: Path) -> None:
    """Print the table and keep the raw figures as JSON under build/."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=1))
    print("\n" + table)
    print(f"\nRaw figures: {out.relative_to(ROOT)}")


def main() -> int:
    """Run everything, print the table, write build/bench.json."""
    res: dict = {"machine": machine()}
    print("Starting servers", flush=True)
    a_times, b_times, a, b = start_pair()
    res["server_start"] = {"app_s": a_times, "baseline_s": b_times, "app_median_s": median(a_times),
                           "baseline_median_s": median(b_times), "ratio": median(a_times) / median(b_times)}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                print("Browser: page draw times", flush=True)
                res["browser"] = browser_pages(browser, a, b)
                print("Browser: reruns", flush=True)
                res["rerun"] = browser_reruns(browser, a, b)
            finally:
                browser.close()
        print("Load", flush=True)
        res["load"] = load_tests(a, b)
    finally:
        a.stop()
        b.stop()
    res["targets"] = targets(res)
    save(res, report(res), OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
