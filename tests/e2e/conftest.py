"""A real `streamlit run` on 127.0.0.1 and a real system Chromium driven by Playwright."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import shutil
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest

from bench import harness

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = ROOT / "build" / "screenshots"


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
