"""The settings a running server really uses, observed from outside, not read from config.toml.

A flag on the command line or a STREAMLIT_* variable in a deploy's environment overrides the file,
so each promise of the public deploy is checked on a live server by what it does: XSRF protection
on, static file serving off, error details hidden, source files not watched. Each check also runs
against a server started with the opposite settings, to show that it can tell them apart.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
import tomllib
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import websockets
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from explainer import tables
from tests import harness
from tests.conftest import ROOT
from tests.e2e.conftest import run_async

OPPOSITE = {  # what a careless deploy might set in the environment
    "STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION": "false",
    "STREAMLIT_SERVER_ENABLE_STATIC_SERVING": "true",
    "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS": "full",
    "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "poll",
}
SETTINGS = ["project", "opposite"]


@pytest.fixture(scope="module")
def opposite_server() -> Iterator[str]:
    srv = harness.start_server(ROOT / "dashboard.py", env=OPPOSITE)
    try:
        yield srv.url
    finally:
        srv.stop()


@pytest.fixture(params=SETTINGS)
def live(request, server, opposite_server) -> tuple[str, str]:
    """(which settings, URL): the app as the tests serve it, and the same app with OPPOSITE."""
    return request.param, server if request.param == "project" else opposite_server


def request(url: str, method: str = "GET") -> tuple[int, dict[str, str], str]:
    req = urllib.request.Request(url, method=method, data=b"" if method == "PUT" else None)
    try:
        with urllib.request.urlopen(req, timeout=15) as r:
            return r.status, dict(r.headers), r.read(20_000).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read(20_000).decode("utf-8", "replace")


def test_xsrf_protection_is_on(live):
    which, url = live
    _, headers, _ = request(f"{url}/_stcore/health")
    status, _, body = request(f"{url}/_stcore/upload_file/some-session/some-file", "PUT")
    if which == "project":
        assert "_streamlit_xsrf=" in headers.get("set-cookie", "")  # the token the browser must echo
        assert status == 403 and "XSRF" in body  # an upload without it is refused
    else:
        assert "_streamlit_xsrf=" not in headers.get("set-cookie", "") and status != 403


def test_static_file_serving_is_off(live):
    """With static serving on, /app/static/ is a file route (404 for a missing file); off, the path is
    just another app URL and gets the app's page."""
    which, url = live
    status, headers, body = request(f"{url}/app/static/{uuid.uuid4().hex}.png")
    if which == "project":
        assert status == 200 and headers["content-type"].startswith("text/html") and '<div id="root">' in body
    else:
        assert status == 404 and "File not found" in body


# --- error details -------------------------------------------------------------------------------

async def exceptions_on(ws_url: str, page: str) -> tuple[list, bytes]:
    """Run `page` once: its exception elements, and every byte of what it drew."""
    async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None,
                                  open_timeout=harness.RUN_TIMEOUT) as ws:
        deltas = await harness.drawn_by_run(ws, page)
    found = []
    for raw in deltas:
        fwd = ForwardMsg()
        fwd.ParseFromString(raw)
        if fwd.delta.WhichOneof("type") == "new_element" and fwd.delta.new_element.WhichOneof("type") == "exception":
            found.append(fwd.delta.new_element.exception)
    return found, b"".join(deltas)


@pytest.mark.parametrize("which", SETTINGS)
def test_an_exception_shows_no_details(tmp_path, which):
    """No data package at all is an error the app does not handle: the viewer gets a notice, with
    neither the message nor a traceback (file paths and code lines of the server)."""
    missing = tmp_path / f"no-data-{uuid.uuid4().hex}"
    missing.mkdir()
    env = {tables.DATA_DIR_ENV: str(missing), **(OPPOSITE if which == "opposite" else {})}
    srv = harness.start_server(ROOT / "dashboard.py", env=env)
    try:
        found, drawn = run_async(exceptions_on(srv.ws_url, "onset"), timeout=120)
    finally:
        srv.stop()
    assert found, "the page raised"
    shows_code = b'File "' in drawn or b"explainer/" in drawn  # a frame of the server's traceback
    if which == "project":
        assert all("redacted" in e.message and not e.stack_trace for e in found)
        assert not shows_code
    else:
        assert any(e.stack_trace and "redacted" not in e.message for e in found) and shows_code


# --- file watcher -------------------------------------------------------------------------------

APP_FILES = ["dashboard.py", "pages", "explainer", "data", "pyproject.toml"]


@pytest.mark.parametrize("which", SETTINGS)
def test_source_files_are_not_watched(tmp_path, which):
    """Served code is read-only: an edit to a page's file changes nothing until the app restarts.

    A watching server drops its compiled scripts when a file changes; one that does not watch keeps
    running the code it started with as long as a session is connected."""
    app = tmp_path / "app"
    app.mkdir()
    for name in APP_FILES:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, app / name)
    marker = f"edited-{uuid.uuid4().hex}"
    srv = harness.start_server(app / "dashboard.py", env=OPPOSITE if which == "opposite" else {})
    try:
        seen = run_async(edit_and_rerun(srv.ws_url, app / "pages" / "onset.py", marker), timeout=300)
    finally:
        srv.stop()
    assert seen == (which == "opposite")


async def edit_and_rerun(ws_url: str, page_file: Path, marker: str, attempts: int = 40) -> bool:
    """Run /onset, append a line showing `marker` to its file, rerun up to `attempts` times (a
    bounded poll: a polling watcher needs a moment to notice). True once the marker is drawn."""
    async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None,
                                  open_timeout=harness.RUN_TIMEOUT) as ws:
        assert await run_and_collect(ws, "onset", marker) is False
        with page_file.open("a", encoding="utf-8") as f:
            f.write(f"\nst.caption({marker!r})\n")
        for _ in range(attempts):
            if await run_and_collect(ws, "onset", marker):
                return True
            await asyncio.sleep(0.25)
        return False


async def run_and_collect(ws, page: str, marker: str) -> bool:
    """Rerun `page` on an open websocket; whether `marker` was in what it drew."""
    return marker.encode() in b"".join(await harness.drawn_by_run(ws, page))


# --- the configuration as the server's environment resolves it -------------------------------

def test_config_as_the_server_environment_resolves_it():
    """`streamlit config show` in the servers' working directory and environment (config.toml plus
    any STREAMLIT_* variable) gives the deploy's settings."""
    cfg = effective_config(dict(os.environ))
    assert cfg["server.enableXsrfProtection"] is True
    assert cfg["server.enableStaticServing"] is False
    assert cfg["server.fileWatcherType"] == "none" and cfg["server.runOnSave"] is False
    assert cfg["client.showErrorDetails"] == "none"
    assert cfg["browser.gatherUsageStats"] is False
    assert effective_config({**os.environ, **OPPOSITE})["server.fileWatcherType"] == "poll"  # the env counts


def effective_config(env: dict[str, str]) -> dict[str, object]:
    """The options `streamlit config show` prints as set (uncommented), as {"section.option": value}.

    Its output is TOML-like text with prose around it, so only `[section]` headers and one-line
    `option = value` lines are read."""
    out = subprocess.run([sys.executable, "-m", "streamlit", "config", "show"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60, check=True).stdout
    section, values = "", {}
    for line in map(str.strip, out.splitlines()):
        if re.fullmatch(r"\[[\w.]+\]", line):
            section = line[1:-1]
        elif (m := re.fullmatch(r"(\w+) = (.+)", line)) and not m.group(2).endswith("["):
            values[f"{section}.{m.group(1)}"] = tomllib.loads(f"v = {m.group(2)}")["v"]
    return values
