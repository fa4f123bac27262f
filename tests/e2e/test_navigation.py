"""The first request a fresh server gets, for any page, goes through the app's navigation.

With page scripts in a top-level ``pages/`` folder Streamlit would otherwise run a first deep
link's script on its own (its older multipage mode), without the page config, the sidebar or the
navigation. Each case starts its own server so the deep link really is the first request.
"""

from __future__ import annotations

import pytest

from explainer import registry
from tests import harness
from tests.e2e.conftest import APP_ERRORS, ROOT, open_page

TITLE = "Ketamine, Explained"


@pytest.mark.parametrize("page", registry.PAGES, ids=lambda p: p.name)
def test_first_deep_link_after_start_has_its_title_and_the_navigation(page_factory, page):
    srv = harness.start_server(ROOT / "dashboard.py")
    try:
        tab = open_page(page_factory(), srv.url, page.path, len(page.charts))
        expected = TITLE if page.path == "" else f"{page.title} · {TITLE}"
        tab.wait_for_function("t => document.title === t", arg=expected, timeout=15_000)
        assert tab.locator(APP_ERRORS).count() == 0
        if page.name != "present":  # slides hide the sidebar by design
            nav = tab.locator('[data-testid="stSidebarNav"] a')
            assert nav.count() == len(registry.PAGES)
            heading = tab.locator('[data-testid="stMainBlockContainer"] h1').first.inner_text()
            assert heading.startswith(page.question if page.path else "Ketamine, explained")
    finally:
        srv.stop()
