"""The first request a fresh server gets, for any page, goes through the app's navigation.

With page scripts in a top-level ``pages/`` folder Streamlit would otherwise run a first deep
link's script on its own (its older multipage mode), without the page config or the
navigation. Each case starts its own server so the deep link really is the first request.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from explainer import registry
from tests import harness
from tests.e2e.conftest import APP_ERRORS, ROOT, WAIT_MS, open_page

TITLE = "Ketamine, Explained"


@pytest.mark.parametrize("page", registry.PAGES, ids=lambda p: p.name)
def test_first_deep_link_after_start_has_its_title_and_the_navigation(page_factory, page):
    srv = harness.start_server(ROOT / "dashboard.py")
    try:
        tab = open_page(page_factory(), srv.url, page.path, len(page.charts))
        expected = TITLE if page.path == "" else f"{page.title} · {TITLE}"
        expect(tab).to_have_title(expected, timeout=WAIT_MS)
        assert tab.locator(APP_ERRORS).count() == 0
        if page.name != "present":  # slides show no navigation by design
            expect(tab.locator('[data-testid="stTopNav"] a')).to_have_count(len(registry.PAGES), timeout=WAIT_MS)
            heading = tab.locator('[data-testid="stMainBlockContainer"] h1').first
            question = page.question if page.path else "Ketamine, explained"
            expect(heading).to_have_text(re.compile("^" + re.escape(question)), timeout=WAIT_MS)
    finally:
        srv.stop()
