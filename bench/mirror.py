"""The static mirror against the live app, in one run (not part of `make test`).

    make site && .venv/bin/python -m bench.mirror        # about 15 minutes on 2 cores

Starts the app (`streamlit run dashboard.py`) and serves `build/site/` with `python -m http.server`,
both on 127.0.0.1, then for every page of the registry, alternating app and mirror:

  first chart   ms from navigation start until the page's first chart shows: in the app, its
                `.js-plotly-plot` holds a `.main-svg`; in the mirror, its poster image is loaded
                and the page parsed (plotly.js loads only when the reader first interacts). Pages
                without charts: the h1 title (app), the parsed page (mirror). Median of RUNS
                visits, each in a new browser context.
  Lighthouse    performance and accessibility scores, LCP, TBT and CLS from a pinned Lighthouse
                (installed under build/lighthouse/ with npm, as bench/lighthouse.sh does) driving
                the system Chromium; PRESET=desktop for its desktop profile (default: mobile).

Both servers share the machine's 2 cores with the browser; `http.server` does not compress (a CDN
does). Prints a table and writes build/mirror.json. It asserts nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from bench.run import BROWSER_TIMEOUT_MS, CHROMIUM, CHROMIUM_ARGS, machine, save, visit
from explainer import registry
from tests import harness

ROOT = harness.ROOT
SITE = ROOT / "build" / "site"
TOOLS = ROOT / "build" / "lighthouse"
OUT = ROOT / "build" / "mirror.json"
LIGHTHOUSE_VERSION = "12.8.2"  # the newest release that runs on Node 20 (bench/lighthouse.sh pins the same)
RUNS = 5
PRESET = os.environ.get("PRESET", "")

# The mirror's first chart is its poster image: once it has loaded, the time it shows is the later of
# the end of its download and the moment the document was parsed (resource and navigation timing).
# A page without charts: when the document was parsed (its h1 is in the HTML).
POSTER_DONE_JS = """
(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  if (!nav || !nav.domInteractive) return null;
  const img = document.querySelector('.chart img');
  if (!img) return nav.domInteractive;
  if (!(img.complete && img.naturalWidth)) return null;
  const res = performance.getEntriesByName(img.currentSrc)[0];
  return Math.max(res ? res.responseEnd : 0, nav.domInteractive);
})()
"""


def app_first_chart(browser: Browser, url: str, charts: int) -> float:
    """ms to the first drawn chart (the h1 title on a page without charts) in the live app."""
    return visit(browser, url, charts)["first"]


def mirror_first_chart(browser: Browser, url: str) -> float:
    """ms to the first chart's poster (the parsed page, if it has no chart) in the mirror."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = ctx.new_page()
        page.goto(url, wait_until="commit", timeout=BROWSER_TIMEOUT_MS)
        return page.wait_for_function(POSTER_DONE_JS, timeout=BROWSER_TIMEOUT_MS, polling=50).json_value()
    finally:
        ctx.close()


def lighthouse_bin() -> Path:
    """The pinned Lighthouse, installed with npm on first use."""
    exe = TOOLS / "node_modules" / ".bin" / "lighthouse"
    if not exe.exists():
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(TOOLS),
                        f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    return exe


def lighthouse(exe: Path, url: str) -> dict:
    """Scores and timings of one Lighthouse run (empty when it failed)."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        cmd = [str(exe), url, "--quiet", "--output=json", f"--output-path={report}",
               "--only-categories=performance,accessibility", "--chrome-flags=--headless --no-sandbox"]
        if PRESET:
            cmd.append(f"--preset={PRESET}")
        subprocess.run(cmd, env={**os.environ, "CHROME_PATH": CHROMIUM}, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=300, check=False)
        if not report.exists():
            return {}
        r = json.loads(report.read_text())
    audits, cats = r["audits"], r["categories"]

    def score(c: str) -> float | None:
        s = cats.get(c, {}).get("score")
        return None if s is None else round(s * 100)

    def value(k: str) -> float | None:
        return audits.get(k, {}).get("numericValue")

    return {"performance": score("performance"), "accessibility": score("accessibility"),
            "lcp_ms": value("largest-contentful-paint"), "tbt_ms": value("total-blocking-time"),
            "cls": value("cumulative-layout-shift"), "bytes": value("total-byte-weight")}


def serve_site() -> tuple[subprocess.Popen, str]:
    """`python -m http.server` on build/site, 127.0.0.1; returns once it answers."""
    port = harness.free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                             "--directory", str(SITE)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(url + "/", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise TimeoutError(f"http.server did not answer at {url}")


def page_url(base: str, path: str, mirror: bool) -> str:
    """The page's address; the mirror's pages are directories (`/onset/`)."""
    return f"{base}/{path}/" if mirror and path else f"{base}/{path}"


def fmt(v: float | None, digits: int = 0) -> str:
    return "-" if v is None else f"{v:.{digits}f}"


def report(res: dict) -> str:
    head = (f"{'page':12} {'1st app':>8} {'1st mirror':>10} {'perf app':>9} {'perf mir':>9} {'a11y app':>9} "
            f"{'a11y mir':>9} {'LCP app':>8} {'LCP mir':>8} {'TBT app':>8} {'TBT mir':>8} {'CLS app':>8} "
            f"{'CLS mir':>8} {'MB app':>7} {'MB mir':>7}")
    lines = [f"First chart: ms from navigation, median of {RUNS}; Lighthouse {LIGHTHOUSE_VERSION} "
             f"({PRESET or 'mobile'} preset); LCP in s, TBT in ms", head]
    for path, r in res["pages"].items():
        a, m = r["lighthouse_app"], r["lighthouse_mirror"]
        lines.append(
            f"{'/' + path:12} {fmt(r['first_app_ms']):>8} {fmt(r['first_mirror_ms']):>10} "
            f"{fmt(a.get('performance')):>9} {fmt(m.get('performance')):>9} {fmt(a.get('accessibility')):>9} "
            f"{fmt(m.get('accessibility')):>9} {fmt((a.get('lcp_ms') or 0) / 1000, 1):>8} "
            f"{fmt((m.get('lcp_ms') or 0) / 1000, 1):>8} {fmt(a.get('tbt_ms')):>8} {fmt(m.get('tbt_ms')):>8} "
            f"{fmt(a.get('cls'), 3):>8} {fmt(m.get('cls'), 3):>8} {fmt((a.get('bytes') or 0) / 1e6, 2):>7} "
            f"{fmt((m.get('bytes') or 0) / 1e6, 2):>7}")
    return "\n".join(lines)


def main() -> int:
    if not (SITE / "index.html").exists():
        print("no mirror in build/site: run `make site` first", file=sys.stderr)
        return 1
    if shutil.which("npm") is None:
        print("npm not found: Lighthouse needs Node.js and npm", file=sys.stderr)
        return 1
    exe = lighthouse_bin()
    res: dict = {"machine": machine(), "runs": RUNS, "lighthouse": LIGHTHOUSE_VERSION, "preset": PRESET or "mobile",
                 "pages": {}}
    app = harness.start_server(ROOT / "dashboard.py")
    site, site_url = serve_site()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for p in registry.PAGES:  # one visit each first: the app's first visit warms its caches
                    app_first_chart(browser, page_url(app.url, p.path, False), p.drawn)
                for p in registry.PAGES:
                    app_ms, mirror_ms = [], []
                    for _ in range(RUNS):
                        app_ms.append(app_first_chart(browser, page_url(app.url, p.path, False), p.drawn))
                        mirror_ms.append(mirror_first_chart(browser, page_url(site_url, p.path, True)))
                    res["pages"][p.path] = {"first_app_ms": statistics.median(app_ms),
                                            "first_mirror_ms": statistics.median(mirror_ms),
                                            "app_samples": app_ms, "mirror_samples": mirror_ms}
                    print(f"  /{p.path}: first chart done", flush=True)
            finally:
                browser.close()
        for p in registry.PAGES:
            res["pages"][p.path]["lighthouse_app"] = lighthouse(exe, page_url(app.url, p.path, False))
            res["pages"][p.path]["lighthouse_mirror"] = lighthouse(exe, page_url(site_url, p.path, True))
            print(f"  /{p.path}: Lighthouse done", flush=True)
    finally:
        app.stop()
        harness.stop_process(site)
    save(res, report(res), OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
