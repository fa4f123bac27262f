"""Concurrent sessions on a real `streamlit run`: every script run finishes without an error.

Ten websocket clients speak Streamlit's own protocol (as a browser tab does) and each reruns two
pages twice. Nothing here is timed: `make bench` measures speed.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Iterator

import pytest

from bench import harness

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
