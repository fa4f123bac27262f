"""A broken data file, served for real: the pages that use it say exactly what is wrong; the rest work."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from explainer import tables
from tests import harness
from tests.conftest import ROOT, set_cell
from tests.e2e.conftest import APP_ERRORS, PAGES, open_page


@pytest.fixture(scope="module")
def broken_server(tmp_path_factory) -> Iterator[str]:
    import shutil

    data = tmp_path_factory.mktemp("broken") / "data"
    shutil.copytree(ROOT / "data", data)
    set_cell(data, "onset", 2, "value_pct", "lots")
    srv = harness.start_server(ROOT / "dashboard.py", env={tables.DATA_DIR_ENV: str(data)})
    try:
        yield srv.url
    finally:
        srv.stop()


def test_page_on_the_broken_table_names_the_problem_and_draws_nothing(page_factory, broken_server):
    page = open_page(page_factory(), broken_server, "onset", 0)
    error = page.locator('[data-testid="stAlertContentError"]')
    error.first.wait_for(timeout=15_000)
    assert "data/onset.csv, line 4, field 'value_pct': value 'lots'" in error.first.inner_text()
    assert page.locator(".js-plotly-plot").count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0  # a message, never a traceback


def test_pages_on_other_tables_still_draw(page_factory, broken_server):
    page = open_page(page_factory(), broken_server, "history", PAGES["history"])
    assert page.locator(".js-plotly-plot").count() == PAGES["history"]
    assert page.locator(APP_ERRORS).count() == 0
