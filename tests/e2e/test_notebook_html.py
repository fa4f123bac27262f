"""The notebook's HTML copy opens offline in a real browser with every chart drawn."""

from __future__ import annotations

import re

import pytest
from plotly.offline import get_plotlyjs_version

from explainer import notebook, registry
from tests.e2e.conftest import charts_drawn

OFFLINE = ("file:", "data:", "blob:")  # what a page opened from disk may load; anything else is aborted


@pytest.fixture(scope="module")
def html_copy(executed_notebook) -> str:
    """The executed notebook exported as `make notebook-html` exports it."""
    return notebook.to_html(executed_notebook[0])


def test_the_html_copy_has_no_network_script_or_stylesheet(html_copy):
    page = html_copy
    assert re.findall(r"<script[^>]*\ssrc\s*=", page, flags=re.I) == []
    assert re.findall(r"<link[^>]*\shref\s*=\s*[\"']?(?:https?:)?//", page, flags=re.I) == []
    assert re.findall(r"@import\s+(?:url\()?[\"']?(?:https?:)?//", page, flags=re.I) == []
    assert page.count(f"plotly.js v{get_plotlyjs_version()}") == 1


def test_the_html_copy_draws_every_chart_offline(html_copy, page_factory, tmp_path):
    path = tmp_path / "ketamine-explained-notebook.html"
    text = html_copy
    path.write_text(text, encoding="utf-8")
    figures = text.count('class="plotly-graph-div"')
    assert figures >= len(registry.chart_pages())

    page = page_factory(width=1280, height=900)
    blocked = []

    def offline(route):
        if route.request.url.startswith(OFFLINE):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", offline)
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function(charts_drawn(figures), timeout=60_000)
    drawn = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')]
        .filter(gd => gd._fullLayout && gd.data && gd.data.length > 0 && gd.querySelector('.main-svg')).length""")
    assert drawn == figures
    assert page.console_errors == []
    assert blocked == []
