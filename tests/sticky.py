"""Browser-like websocket sessions through a proxy: they keep an affinity cookie and reconnect.

A browser tab that loses its websocket (its replica died, the network blinked) shows "Connecting"
and opens a new one; through the proxy that carries the same `ke_replica` cookie, so it reaches the
same replica while it lives and another one when it does not. These sessions do the same, so a test
can tell a dropped connection (recovered, invisible to the viewer) from an error the viewer would
see (an exception on the page, a page not found, a run that does not finish).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.harness import RUN_TIMEOUT, rerun_msg, run_finished

RECONNECTS = 5  # a session gives up after this many dropped connections in a row


@dataclass
class Run:
    """One script run as the viewer saw it."""

    page: str
    elements: int = 0  # new elements drawn
    charts: int = 0  # of which Plotly charts
    error: str | None = None
    seconds: float = 0.0


@dataclass
class StickySession:
    """One viewer: an affinity key, the pages to show in turn, and what happened."""

    key: str
    pages: list[str]
    runs: list[Run] = field(default_factory=list)
    reconnects: int = 0
    failures: list[str] = field(default_factory=list)  # gave up: the viewer would be left on "Connecting"

    @property
    def errors(self) -> list[str]:
        return [r.error for r in self.runs if r.error] + self.failures


class Dropped(Exception):
    """The websocket closed or stalled mid-run: the browser would reconnect and rerun."""


async def run_page(ws, page: str) -> Run:
    """Rerun `page` on an open websocket and read until the run finishes."""
    run = Run(page)
    t0 = time.perf_counter()
    await ws.send(rerun_msg(page))
    while True:
        fwd = ForwardMsg()
        fwd.ParseFromString(await asyncio.wait_for(ws.recv(), RUN_TIMEOUT))
        kind = fwd.WhichOneof("type")
        if kind == "page_not_found":
            run.error = run.error or f"page not found: {page!r}"
        elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            element = fwd.delta.new_element.WhichOneof("type")
            run.elements += 1
            run.charts += element == "plotly_chart"
            if element == "exception":
                run.error = run.error or f"exception on {page!r}: {fwd.delta.new_element.exception.message[:200]}"
        elif run_finished(fwd):
            if fwd.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                run.error = run.error or f"{page!r} finished with status {fwd.script_finished}"
            elif run.elements == 0:
                run.error = run.error or f"{page!r} drew nothing"
            run.seconds = time.perf_counter() - t0
            return run


async def drive(session: StickySession, ws_url: str, after_run=None) -> None:
    """Show each page of the session in turn, reconnecting (same cookie) whenever the socket drops.

    `after_run(session)` is awaited after each finished run (a test uses it to kill a replica once
    every session is under way)."""
    pending = list(session.pages)
    dropped_in_a_row = 0
    while pending and dropped_in_a_row <= RECONNECTS:
        try:
            async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None,
                                          open_timeout=RUN_TIMEOUT, ping_interval=None,
                                          additional_headers={"Cookie": f"ke_replica={session.key}"}) as ws:
                while pending:
                    try:
                        run = await run_page(ws, pending[0])
                    except (TimeoutError, websockets.ConnectionClosed) as exc:
                        raise Dropped(str(exc)) from exc
                    session.runs.append(run)
                    pending.pop(0)
                    dropped_in_a_row = 0
                    if after_run is not None:
                        await after_run(session)
        except (TimeoutError, Dropped, OSError, websockets.InvalidHandshake, websockets.ConnectionClosed) as exc:
            dropped_in_a_row += 1
            session.reconnects += 1
            if dropped_in_a_row > RECONNECTS:
                session.failures.append(f"gave up after {RECONNECTS} reconnects: {type(exc).__name__}: {exc}")
            else:
                await asyncio.sleep(0.2 * dropped_in_a_row)  # the browser backs off too
