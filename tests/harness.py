"""Start Streamlit servers on 127.0.0.1 and drive them with protocol-level websocket sessions.

A session here is what a browser tab is to the server: one websocket on `/_stcore/stream` that sends
`BackMsg.rerun_script` (with the page's url path as `page_name`) and reads ForwardMsgs until
`script_finished`. No browser, so a few hundred sessions cost the client very little.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
RUN_TIMEOUT = 60.0  # seconds a connect, or a wait for the next message of a run, may take (else: error)


@dataclass
class Server:
    """A running `streamlit run` process."""

    proc: subprocess.Popen
    url: str
    start_s: float  # process start -> /_stcore/health answers 200
    log_path: Path | None = None  # the server's stdout and stderr: a script's exception is logged there

    def log_tail(self, chars: int = 6000) -> str:
        """The end of the server's log: what a failing test prints, since the page itself only says
        that an error happened (`client.showErrorDetails = "none"`)."""
        if self.log_path is None or not self.log_path.exists():
            return ""
        return self.log_path.read_text(errors="replace")[-chars:]

    @property
    def ws_url(self) -> str:
        return self.url.replace("http://", "ws://") + "/_stcore/stream"

    def rss_mib(self) -> float:
        """Resident memory of the server process (VmRSS from /proc), in MiB."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        stop_process(self.proc)
        if self.log_path is not None:
            self.log_path.unlink(missing_ok=True)


def stop_process(proc: subprocess.Popen) -> None:
    """Terminate a process (kill it if it does not exit within 10 s)."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


async def drawn_by_run(ws, page: str) -> list[bytes]:
    """Rerun `page` on an open websocket; the raw delta messages of the run, in order."""
    await ws.send(rerun_msg(page))
    deltas = []
    while True:
        raw = await asyncio.wait_for(ws.recv(), RUN_TIMEOUT)
        fwd = ForwardMsg()
        fwd.ParseFromString(raw)
        if fwd.WhichOneof("type") == "delta":
            deltas.append(raw)
        if run_finished(fwd):
            return deltas


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(script: Path, timeout: float = 60.0, env: dict[str, str] | None = None,
                 port: int | None = None) -> Server:
    """`streamlit run script` headless on a free 127.0.0.1 port; returns once healthy.

    `env` adds variables to the server's environment (tests point KETAMINE_DATA_DIR at a broken copy);
    `port` reuses a given port (a restarted server where the browser expects the old one)."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true",
           "--browser.gatherUsageStats", "false"]
    t0 = time.perf_counter()
    fd, name = tempfile.mkstemp(prefix=f"streamlit-{port}-", suffix=".log")
    log_path = Path(name)
    with os.fdopen(fd, "wb") as log:  # the child keeps its own handle
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                env={**os.environ, "STREAMLIT_LOGGER_ENABLE_RICH": "false",  # plain tracebacks
                                     **(env or {})})
    server = Server(proc, url, 0.0, log_path)
    deadline = t0 + timeout
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            log = server.log_tail()
            server.stop()  # removes the log
            raise RuntimeError(f"{script.name}: streamlit exited early with code {proc.returncode}:\n{log}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    server.start_s = time.perf_counter() - t0
                    return server
        except OSError:
            time.sleep(0.05)
    proc.kill()
    log = server.log_tail()
    server.stop()  # waits for the killed process and removes the log
    raise TimeoutError(f"{script.name}: not healthy at {url} after {timeout:.0f} s:\n{log}")


@dataclass
class SessionResult:
    """What one websocket session saw."""

    latencies: list[float] = field(default_factory=list)  # seconds, one per successful run
    errors: list[str] = field(default_factory=list)
    done_at: float | None = None  # perf_counter() when its runs were over (finished or failed)


def run_finished(fwd: ForwardMsg) -> bool:
    """True for the message that ends a script run as a viewer sees it: `script_finished`, except
    a run that stopped early because the script asked for a rerun (its rerun follows)."""
    return fwd.WhichOneof("type") == "script_finished" and fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN


def rerun_msg(page: str) -> bytes:
    """A serialized BackMsg asking to (re)run the page at url path `page` with default widgets."""
    msg = BackMsg()
    msg.rerun_script.query_string = ""
    msg.rerun_script.page_name = page
    return msg.SerializeToString()


async def run_once(ws, page: str) -> str | None:
    """Rerun `page` on an open websocket and read until the run finishes; the first error or None."""
    await ws.send(rerun_msg(page))
    error = None
    while True:
        fwd = ForwardMsg()
        fwd.ParseFromString(await asyncio.wait_for(ws.recv(), RUN_TIMEOUT))
        kind = fwd.WhichOneof("type")
        if kind == "page_not_found":
            error = error or f"page not found: {page!r}"
        elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element" \
                and fwd.delta.new_element.WhichOneof("type") == "exception":
            error = error or f"exception on {page!r}: {fwd.delta.new_element.exception.message[:200]}"
        elif run_finished(fwd):
            if fwd.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                error = error or f"{page!r} finished with status {fwd.script_finished}"
            return error


class Load:
    """`sessions` concurrent clients, each running `runs` pages (cycling through `pages`).

    With `duration` (seconds), each client instead keeps cycling through the pages until that
    much time has passed since the start (a soak test); `runs` is then ignored.
    """

    def __init__(self, ws_url: str, sessions: int, pages: list[str], runs: int, duration: float | None = None) -> None:
        self.ws_url = ws_url
        self.pages = pages
        self.duration = duration
        self.plans = [[pages[(i + k) % len(pages)] for k in range(runs)] for i in range(sessions)]
        self.results = [SessionResult() for _ in range(sessions)]
        self.release = asyncio.Event()  # connected sessions stay open until this is set

    def finished(self) -> int:
        """How many sessions are through their runs."""
        return sum(r.done_at is not None for r in self.results)

    async def run(self, hold: bool = False) -> float:
        """Run every session concurrently; wall seconds from start until the last run finished.

        With `hold`, sessions stay connected after their runs until `release` is set (so the
        caller can measure the memory of idle connected sessions)."""
        if not hold:
            self.release.set()
        t0 = time.perf_counter()
        if self.duration is not None:
            self.deadline = t0 + self.duration
            budget = self.duration + RUN_TIMEOUT * 2
        else:
            budget = RUN_TIMEOUT * (max(map(len, self.plans), default=0) + 2)
        await asyncio.wait_for(asyncio.gather(*(self._session(p, r) for p, r in zip(self.plans, self.results))),
                               budget)
        return max((r.done_at or t0) for r in self.results) - t0

    def _pages_of(self, plan: list[str]):
        """The plan's pages, or (soak) the pages over and over until the deadline."""
        if self.duration is None:
            yield from plan
            return
        k = self.pages.index(plan[0]) if plan and plan[0] in self.pages else 0
        while time.perf_counter() < self.deadline:
            yield self.pages[k % len(self.pages)]
            k += 1

    async def _session(self, pages: list[str], result: SessionResult) -> None:
        """One client: connect, run each page in turn, then wait for `release`."""
        try:
            async with websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=None,
                                          open_timeout=RUN_TIMEOUT, ping_interval=None) as ws:
                for page in self._pages_of(pages):
                    t0 = time.perf_counter()
                    error = await run_once(ws, page)
                    if error:
                        result.errors.append(error)
                    else:
                        result.latencies.append(time.perf_counter() - t0)
                result.done_at = time.perf_counter()
                await self.release.wait()  # bounded by the budget in run()
        except (TimeoutError, OSError, websockets.WebSocketException) as exc:
            result.errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            if result.done_at is None:
                result.done_at = time.perf_counter()
