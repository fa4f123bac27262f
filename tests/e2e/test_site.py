"""The static mirror in a real browser, served by `python -m http.server` on 127.0.0.1: every page shows
its chart posters first, draws its charts with plotly.js after the reader's first interaction, logs no
console error, requests nothing off the machine, transfers under 1.6 MB, and draws the same traces as
the app's figures for the default view."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from explainer import deck, registry, static_html, tables
from tests.e2e.conftest import WAIT_MS

BUDGET = 1_600_000  # bytes a visit may transfer, every chart drawn (slides: 13, each with its phone layout)


def charts_of(page: registry.Page) -> list[tuple[str, registry.Chart, int | None]]:
    """(div id, chart, height) of every chart the mirror draws on a page: its charts, or the slides."""
    if page.name == "present":
        return [(f"chart-slide-{s.key}", s.chart,
                 deck.CHART_HEIGHT - (100 if s.kind == "sources" else 0))
                for s in deck.deck(tables.load()) if s.chart]
    return [(f"chart-{c.key}", c, None) for c in page.charts]


def visit(tab, mirror: str, page: registry.Page) -> list:
    """Open a page of the mirror, check it before any interaction, then interact and draw every chart.
    Returns every request the page made."""
    requests = []
    tab.on("request", lambda r: requests.append(r))
    tab.goto(f"{mirror}/{page.path + '/' if page.path else ''}", wait_until="load")
    charts = charts_of(page)
    if charts:
        tab.wait_for_function("() => { const i = document.querySelector('.chart img');"
                              " return i && i.complete && i.naturalWidth > 0; }", timeout=WAIT_MS)
        assert not any(static_html.PLOTLY_FILE in r.url for r in requests), "plotly.js fetched before interaction"
        tab.mouse.move(200, 200)  # the reader's first interaction fetches plotly.js
        tab.wait_for_function("() => window.Plotly !== undefined", timeout=WAIT_MS)
        for div, _, _ in charts:
            tab.locator(f"#{div}").scroll_into_view_if_needed()
            tab.locator(f"#{div} .main-svg").first.wait_for(timeout=WAIT_MS)
    tab.wait_for_load_state("networkidle")
    return requests


@pytest.fixture(scope="module")
def opened(browser, mirror):
    """`opened(page)`: the page visited once in its own browser context (shared by this module's tests),
    with its requests and console errors."""
    visits, contexts = {}, []

    def get(page: registry.Page):
        if page.name not in visits:
            ctx = browser.new_context(viewport={"width": 1280, "height": 720})
            contexts.append(ctx)
            tab = ctx.new_page()
            tab.console_errors = []
            tab.on("console", lambda m: tab.console_errors.append(m.text) if m.type == "error" else None)
            tab.on("pageerror", lambda e: tab.console_errors.append(str(e)))
            visits[page.name] = (tab, visit(tab, mirror, page))
        return visits[page.name]

    yield get
    for ctx in contexts:
        ctx.close()


@pytest.mark.parametrize("page", registry.PAGES, ids=lambda p: p.name)
def test_page_draws_its_charts_from_this_machine_alone(opened, mirror, page):
    tab, requests = opened(page)
    charts = charts_of(page)
    assert tab.locator(".js-plotly-plot").count() == len(charts)
    assert tab.locator(".modebar-btn[data-title='Share chart...']").count() == 0  # it would upload the chart
    assert tab.locator("h1").inner_text() == page.question
    off = [r.url for r in requests if not r.url.startswith(mirror + "/")]
    assert off == []
    transferred = sum(s["responseBodySize"] + s["responseHeadersSize"] for s in (r.sizes() for r in requests))
    assert 0 < transferred < BUDGET, transferred
    assert tab.console_errors == []


@pytest.mark.parametrize("page", [p for p in registry.PAGES if charts_of(p)], ids=lambda p: p.name)
def test_mirror_draws_the_same_traces_as_the_app(opened, page):
    tab, _ = opened(page)
    for div, chart, height in charts_of(page):
        drawn = tab.evaluate("id => document.getElementById(id).data.map(t => [t.type, t.ids || []])", div)
        expected = [[t.get("type"), list(t.get("ids") or [])] for t in registry.figure(chart, height=height).data]
        assert drawn == expected, div


@pytest.mark.parametrize("page", registry.PAGES, ids=lambda p: p.name)
def test_no_serious_accessibility_violation(opened, page):
    tab, _ = opened(page)
    bad = [(v["id"], len(v["nodes"])) for v in Axe().run(tab).response["violations"]
           if v["impact"] in ("serious", "critical")]
    assert bad == []


def test_keyboard_alone_makes_the_charts_interactive(page_factory, mirror):
    tab = page_factory()
    tab.goto(f"{mirror}/onset/", wait_until="load")
    tab.keyboard.press("Tab")
    tab.locator("#chart-onset-effect .main-svg").first.wait_for(timeout=WAIT_MS)
    assert tab.console_errors == []
