"""A dropped connection in a real browser: the server goes away and comes back on the same port.

This is what a viewer sees when a replica is restarted or replaced: the page shows "Connecting",
the browser reconnects to a process that has never heard of its session, and the view must come
back as it was (the filters are in the URL and in the browser's widget state) and keep working.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests import harness
from tests.e2e.conftest import APP_ERRORS, PAGES, SIGNATURE_JS, chart_signature, wait_for_charts

STATUS = '[data-testid="stStatusWidget"]'


class Restartable:
    """A server that can be stopped and started again on the same port."""

    def __init__(self) -> None:
        self.server: harness.Server | None = harness.start_server(harness.ROOT / "dashboard.py")
        self.url = self.server.url
        self.port = int(self.url.rsplit(":", 1)[1])

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None

    def start(self) -> None:
        self.server = harness.start_server(harness.ROOT / "dashboard.py", port=self.port)


@pytest.fixture
def restartable() -> Iterator[Restartable]:
    r = Restartable()
    try:
        yield r
    finally:
        r.stop()


def wait_for_new_signature(page, old: str) -> str:
    """Bounded wait until the charts differ from `old`: the rerun arrived and replaced them
    (mid-rerun the old charts and the new ones can both be on the page)."""
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot').length === {PAGES['onset']} && "
                           f"({SIGNATURE_JS})() !== {old!r}", timeout=30_000)
    return chart_signature(page)


def y_title(page) -> str:
    """The trial-arm chart's y-axis title (the page's last chart)."""
    return (page.locator(".js-plotly-plot").last.locator(".ytitle").text_content() or "").lower()


def test_filters_and_widget_state_survive_a_server_restart(page_factory, restartable):
    page = page_factory()
    sockets: list = []
    page.on("websocket", lambda ws: sockets.append(ws))
    page.goto(f"{restartable.url}/onset?measure=remission", wait_until="domcontentloaded")
    wait_for_charts(page, PAGES["onset"])
    assert "remission" in y_title(page)
    first = chart_signature(page)

    page.locator("button").filter(has_text=re.compile("^placebo-subtracted$")).first.click()  # a widget change
    page.wait_for_url("**values=placebo-subtracted**", timeout=15_000)
    before = wait_for_new_signature(page, first)
    url_before, title_before = page.url, y_title(page)
    assert "measure=remission" in url_before and "percentage points" in title_before

    restartable.stop()
    page.locator(STATUS).filter(has_text=re.compile("connecting", re.IGNORECASE)).wait_for(timeout=30_000)
    restartable.start()  # a new process: the old session is gone
    page.locator(STATUS).wait_for(state="detached", timeout=60_000)  # reconnected
    assert len(sockets) >= 2  # a new websocket, not the old one
    assert page.url == url_before
    assert chart_signature(page) == before and y_title(page) == title_before
    assert page.locator(APP_ERRORS).count() == 0

    # The new process runs the page with the browser's widget state: change one filter and the other
    # one (values) must still apply, in the chart and in the address.
    page.locator("button").filter(has_text=re.compile("^response$")).first.click()
    page.wait_for_url(lambda url: "measure=remission" not in url, timeout=15_000)
    wait_for_new_signature(page, before)
    assert "values=placebo-subtracted" in page.url
    assert "percentage points" in y_title(page)  # still the placebo-subtracted view, now of response
    assert page.locator(APP_ERRORS).count() == 0
    assert page.get_by_text("Connection error").count() == 0
