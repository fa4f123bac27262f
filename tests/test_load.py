"""Concurrent sessions on a real `streamlit run`: every script run finishes without an error.

Ten websocket clients speak Streamlit's own protocol (as a browser tab does) and each reruns two
pages twice. Nothing here is timed: `make bench` measures speed.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Iterator

import pytest

from explainer import registry
from tests import harness

SESSIONS = 10
PAGES = ["onset", "conditions"]
RUNS = 2 * len(PAGES)  # each page twice


@pytest.fixture(scope="module")
def server() -> Iterator[harness.Server]:
    srv = harness.start_server(harness.ROOT / "dashboard.py")
    try:
        yield srv
    finally:
        srv.stop()


def test_concurrent_sessions_all_finish(server: harness.Server) -> None:
    load = harness.Load(server.ws_url, SESSIONS, PAGES, RUNS)
    # own thread: the browser tests' sync Playwright keeps an event loop on the main thread
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, load.run()).result(timeout=120)
    errors = [e for r in load.results for e in r.errors]
    assert errors == []
    assert [len(r.latencies) for r in load.results] == [RUNS] * SESSIONS
    assert load.plans[0] == ["onset", "conditions", "onset", "conditions"]


def test_short_soak_every_page_without_errors(server: harness.Server) -> None:
    """Ten sessions cycle through every page for a few seconds (the benchmark soaks 50 for 60 s)."""
    pages = [p.path for p in registry.PAGES]
    load = harness.Load(server.ws_url, SESSIONS, pages, 1, duration=8.0)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, load.run()).result(timeout=120)
    assert [e for r in load.results for e in r.errors] == []
    assert all(len(r.latencies) >= 1 for r in load.results)
    assert sum(len(r.latencies) for r in load.results) >= len(pages)  # the sessions went through the pages
