"""Shared fixtures and helpers: the real data folder, broken copies of it, and pages run under AppTest.

Test tiers: a test that starts a server, a browser engine or any other process is marked `slow`;
`make test-fast` runs the rest (`-m "not slow"`). Every test under tests/e2e/ and every test using a
fixture that starts one (SLOW_FIXTURES) is marked here; other slow tests carry the marker themselves.
A test left unmarked that starts a process or listens on a socket fails, naming the marker it lacks.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from explainer import registry, tables

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# charts each page draws in its default view (the overview opens with the onset chart of the Onset page)
CHARTS = {p.name: p.drawn for p in registry.PAGES}
NOTEBOOK = ROOT / "notebooks" / "ketamine-explained.ipynb"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
APPTEST_TIMEOUT = 60
SITE_APP_URL = "https://app.example.test"  # the addresses the test build of the static mirror is given
SITE_BASE_URL = "https://mirror.example.test/ketamine/"
E2E = ROOT / "tests" / "e2e"
SLOW_FIXTURES = {"site_dir", "executed_notebook", "server", "browser", "page_factory", "manifests"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `slow` every browser test and every test whose fixtures start a process."""
    for item in items:
        if E2E in Path(item.path).parents or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


class StartedProcess(AssertionError):
    """A test outside the slow tier started a process or a server."""


@contextmanager
def no_processes(test: str) -> Iterator[None]:
    """While a fast test runs: starting a process or listening on a socket fails with what to do."""
    def refuse(what: str):
        def refused(*_args, **_kwargs):
            raise StartedProcess(f"{test} {what}: mark it @pytest.mark.slow (`make test-fast` starts nothing)")
        return refused

    saved = [(subprocess.Popen, "_execute_child"), (socket.socket, "listen"), (os, "fork"), (os, "system"),
             (os, "posix_spawn"), (os, "posix_spawnp")]
    originals = [(owner, name, vars(owner).get(name)) for owner, name in saved if hasattr(owner, name)]
    for owner, name, _ in originals:
        setattr(owner, name, refuse("listens on a socket" if name == "listen" else "starts a process"))
    try:
        yield
    finally:
        for owner, name, original in originals:
            if original is None:  # inherited (socket.listen comes from _socket.socket)
                delattr(owner, name)
            else:
                setattr(owner, name, original)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem):
    """Fixtures included: a fast test's session fixture that starts a server is caught too."""
    if item.get_closest_marker("slow"):
        yield
        return
    with no_processes(item.nodeid):
        yield


@pytest.fixture(scope="session")
def pkg() -> tables.DataPackage:
    return tables.read_package(DATA)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The static mirror as `make site` builds it, into a temporary folder (once per test run)."""
    out = tmp_path_factory.mktemp("mirror") / "site"
    flags = f"--app-url {SITE_APP_URL} --base-url {SITE_BASE_URL}"
    run = subprocess.run(["make", "-s", "site", f"SITE_OUT={out}", f"SITE_FLAGS={flags}", f"PY={sys.executable}"],
                         cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    assert "static mirror written" in run.stdout
    return out


@pytest.fixture(scope="session")
def executed_notebook():
    """The notebook run top to bottom in a fresh kernel, once per test session: (notebook, seconds).
    A cell that raises, or runs longer than explainer.notebook.TIMEOUT_S, fails every test that uses it."""
    from explainer import notebook

    return notebook.execute(NOTEBOOK)


def notebook_outputs(nb) -> list[dict]:
    """Every output of every code cell, in order."""
    return [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the data package a test may break."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest


def read_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def write_rows(path: Path, rows: list[dict[str, str]], fields: list[str] | None = None) -> None:
    fields = fields or list(rows[0].keys())
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def set_cell(data_dir: Path, table: str, index: int, field: str, value: str) -> None:
    """Set one cell (row `index` from 0, i.e. file line index + 2)."""
    path = data_dir / f"{table}.csv"
    rows = read_rows(path)
    rows[index][field] = value
    write_rows(path, rows)


def run_page(page: str, params: dict[str, str] | None = None, data_dir=None) -> AppTest:
    """The real dashboard under AppTest, switched to pages/<page>.py, with query parameters set."""
    if data_dir:
        os.environ[tables.DATA_DIR_ENV] = str(data_dir)
    try:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=APPTEST_TIMEOUT)
        for k, v in (params or {}).items():
            at.query_params[k] = v
        at.run()
        if page != "overview":
            at.switch_page(registry.page(page).script)
            at.run()
    finally:
        os.environ.pop(tables.DATA_DIR_ENV, None)
    return at


def figures(at: AppTest) -> list[dict]:
    """The Plotly figures a page sent, as their JSON specs."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def trial_arms(at: AppTest) -> dict:
    """The onset page's trial-arm chart (its second chart, after the pooled effects)."""
    return figures(at)[registry.page("onset").charts.index(registry.chart("onset"))]


def trace_ids(fig: dict) -> set[str]:
    return {i for tr in fig["data"] for i in (tr.get("ids") or [])}


def text_of(at: AppTest) -> str:
    """The text a reader sees (Markdown escapes removed)."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    return "\n".join(parts).replace("\\", "")
