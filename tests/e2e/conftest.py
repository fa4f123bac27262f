"""A real `streamlit run` on 127.0.0.1 and a real system Chromium driven by Playwright, plus the
helpers every browser test shares (open a page, wait for the app, collect console errors)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest

from explainer import registry
from tests import harness

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = ROOT / "build" / "screenshots"
# URL path -> charts drawn on open (present: title slide; the overview opens with the onset chart)
PAGES = {p.path: p.drawn for p in registry.PAGES}
APP_ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'
# Chromium's own fetches that fail on a machine without internet (fonts, icons) are not app errors.
IGNORED = ("net::ERR_NAME_NOT_RESOLVED", "net::ERR_INTERNET_DISCONNECTED", "status of 404")
IDLE = "[data-testid='stApp'][data-test-connection-state='CONNECTED'][data-test-script-state='notRunning']"
WAIT_MS = 30_000


def run_async(coro: Coroutine[Any, Any, Any], timeout: float = 300) -> Any:
    """Run a coroutine to completion in a thread of its own: once a browser test has run, sync
    Playwright keeps an event loop on the main thread, where asyncio.run() refuses to start."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result(timeout=timeout)


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                      shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail("No system Chromium found: run `make chromium` (installs Debian's chromium package).")


def wait_for_app(page) -> None:
    """Until the app is connected and its script has finished (the attributes Streamlit's frontend
    sets on its root element: connection CONNECTED, script state notRunning)."""
    page.locator(IDLE).wait_for(state="attached", timeout=WAIT_MS)


# Charts Plotly has drawn: a chart holds two or three .main-svg layers, so counting those layers
# counts one drawn chart as two and lets a test go on while the next chart is still being drawn.
DRAWN_JS = ("[...document.querySelectorAll('.js-plotly-plot')]"
            ".filter(p => p._fullLayout && p.querySelector('.main-svg'))")


def charts_drawn(count: int) -> str:
    """A condition for page.wait_for_function: at least `count` charts drawn (not merely their layers)."""
    return f"{DRAWN_JS}.length >= {count}"


def wait_for_charts(page, count: int) -> None:
    """Until `count` Plotly charts are drawn and the app is idle."""
    if count:
        page.wait_for_function(charts_drawn(count), timeout=WAIT_MS)
    wait_for_app(page)


# The page has settled when, all at once: the script has finished, no element is left stale from the
# previous run, the web fonts have loaded, every chart on the page is drawn in the app's current theme
# (its paper is the app's background: a dark-scheme page is not caught mid-switch), and no chart's
# geometry, element count or data changes over STEADY_FRAMES animation frames in a row (a chart
# redrawn after its width was measured, or after the page grew a scroll bar, has finished).
STEADY_FRAMES = 5
SETTLED_JS = """async ([idle, count, frames]) => {
    const rgb = c => { const x = document.createElement('canvas').getContext('2d'); x.fillStyle = c;
        x.fillRect(0, 0, 1, 1); return x.getImageData(0, 0, 1, 1).data.slice(0, 3).join(); };
    const ready = () => document.querySelector(idle) && !document.querySelector('[data-stale="true"]')
        && document.fonts.status === 'loaded';
    const shape = () => [...document.querySelectorAll('.js-plotly-plot')].map(p => {
        const r = p.getBoundingClientRect();
        return [p._fullLayout ? 1 : 0, r.x, r.y, r.width, r.height, p.querySelectorAll('*').length,
                (p.data || []).map(t => (t.ids || t.y || []).length).join(':')].join();
    }).join('|') + '#' + document.documentElement.scrollWidth;
    const plots = [...document.querySelectorAll('.js-plotly-plot')];
    if (!ready() || plots.length < count || plots.some(p => !p._fullLayout || !p.querySelector('.main-svg'))) {
        return false;
    }
    const background = rgb(getComputedStyle(document.querySelector('[data-testid="stApp"]')).backgroundColor);
    if (plots.some(p => rgb(p._fullLayout.paper_bgcolor) !== background)) return false;
    const first = shape();
    for (let i = 0; i < frames; i++) {
        await new Promise(requestAnimationFrame);
        if (!ready() || shape() !== first) return false;
    }
    return true;
}"""


def wait_until_settled(page, count: int = 0) -> None:
    """Until the page has settled (SETTLED_JS) with at least `count` charts: what a screenshot, a
    measurement or a before/after comparison needs."""
    page.wait_for_function(SETTLED_JS, arg=[IDLE, count, STEADY_FRAMES], timeout=WAIT_MS)


LAYOUT_SETTLED = ("() => { const m = document.querySelector('[data-layout-target]');"
                  " return m && m.dataset.layoutTarget === m.dataset.layoutWanted; }")


def open_page(page, server: str, path: str, charts: int):
    """Go to `path` and return once its heading and `charts` charts are drawn, laid out for this viewport
    (every page that draws charts has the wide/narrow switch; the slides and a page stopped by a data
    problem have none), and the page has settled."""
    page.goto(f"{server}/{path}", wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stMainBlockContainer"] :is(h1, h2)', timeout=WAIT_MS)
    wait_for_charts(page, charts)
    if charts and not path.startswith("present"):
        page.wait_for_function(LAYOUT_SETTLED, timeout=WAIT_MS)
        wait_for_charts(page, charts)
    wait_until_settled(page, charts)
    return page


SIGNATURE_JS = r"""() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(p =>
    (p.data || []).map(t => (t.ids || t.y || []).length + ':' + String(Array.from(t.y || []).slice(0, 4))).join(','))
    .join('|') + '#' +
    Array.from(document.querySelectorAll('p')).map(e => e.textContent).filter(t => / shown\./.test(t)).join()"""


def chart_signature(page) -> str:
    """What the filter controls: trace sizes and first values of every chart, plus any 'N of M … shown' count."""
    return page.evaluate(SIGNATURE_JS)


def app_console_errors(page) -> list[str]:
    return [e for e in page.console_errors if not any(i in e for i in IGNORED)]


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The real app, started the same way the benchmark starts it, stopped even on failure."""
    srv = harness.start_server(ROOT / "dashboard.py")
    try:
        yield srv.url
    finally:
        srv.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page_factory(browser):
    contexts = []

    def make(width: int = 1280, height: int = 720, scheme: str = "light"):
        ctx = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
        contexts.append(ctx)
        page = ctx.new_page()
        page.console_errors = []
        page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page.console_errors.append(str(e)))
        return page

    yield make
    for ctx in contexts:
        ctx.close()


MIRROR_START_S = 30.0  # seconds Python's static file server may take to answer


@pytest.fixture(scope="module")
def mirror(site_dir) -> Iterator[str]:
    """The built mirror served by Python's static file server on a free 127.0.0.1 port."""
    port = harness.free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                             "--directory", str(site_dir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + MIRROR_START_S
        while True:
            try:
                with urllib.request.urlopen(url + "/", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
