"""Legible where it is read: every page at desktop and phone size, light and dark; every slide on a
projector (1280x720) and a full-HD screen; every page of the static mirror on a phone. No chart text
over other text or a legend, none cut at the chart's edge, no legend over the data, no slide that
scrolls, no headline card truncated. One app server and one browser page serve every visit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from explainer import deck, registry, tables
from tests import harness
from tests.conftest import ROOT, read_rows, write_rows
from tests.e2e import legibility
from tests.e2e.conftest import WAIT_MS, open_page, wait_for_app

pytestmark = pytest.mark.slow

DESKTOP, PHONE = (1440, 900), (390, 844)
SLIDE_SIZES = [(1280, 720), (1920, 1080)]
SCHEMES = ["light", "dark"]
LONG_NAME = ("Treatment-resistant depression with comorbid chronic neuropathic pain in older adults (80 chars)")[:80]


@pytest.fixture(scope="module")
def tab(browser):
    """One browser page, resized and re-coloured per visit (a context per visit would cost seconds each)."""
    ctx = browser.new_context(viewport={"width": DESKTOP[0], "height": DESKTOP[1]})
    page = ctx.new_page()
    yield page
    ctx.close()


@pytest.fixture(scope="module")
def app(server, tab) -> str:
    """The app, visited once before the measured visits: a server's first visit runs the page twice
    (see ui.enter_through_navigation), and its first run can be drawn before the switch has answered."""
    open_page(tab, server, "", 0)
    return server


def settle(page, switch: bool = True) -> None:
    """Until web fonts are in and the layout the page chose for this viewport is drawn (`switch`: the
    page has the wide/narrow switch, which every page but the slides has)."""
    if switch:
        page.wait_for_function(
            "() => { const m = document.querySelector('[data-layout-target]');"
            " return m && m.dataset.layoutTarget === m.dataset.layoutWanted; }", timeout=WAIT_MS)
    wait_for_app(page)
    page.evaluate("document.fonts.ready.then(() => true)")


def look(page, server: str, path: str, charts: int, size: tuple[int, int], scheme: str) -> list:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.emulate_media(color_scheme=scheme)
    open_page(page, server, path, charts)
    settle(page, switch=not path.startswith("present"))
    where, label = "/" + path, f"{size[0]}x{size[1]} {scheme}"
    found = legibility.chart_findings(page, where, label) + legibility.truncation_findings(page, where, label)
    if size == PHONE:
        found += legibility.touch_findings(page, where, label) + legibility.title_findings(page, where, label)
    return found


def page_visits() -> list[tuple[str, int]]:
    return [(p.path, p.drawn) for p in registry.PAGES if p.name != "present"] + [("present", 0)]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_is_legible(tab, app, size, scheme):
    findings = [f for path, charts in page_visits() for f in look(tab, app, path, charts, size, scheme)]
    assert not findings, legibility.report(findings)


def slide_count() -> int:
    return len(deck.deck(tables.load()))


@pytest.mark.parametrize("size", SLIDE_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_slide_fits_the_screen_and_is_legible(tab, app, size):
    findings = []
    for n, slide in enumerate(deck.deck(tables.load()), start=1):
        where = f"present?slide={n}"
        findings += look(tab, app, where, 1 if slide.chart else 0, size, "light")
        findings += legibility.scroll_findings(tab, "/" + where, f"{size[0]}x{size[1]}")
    assert not findings, legibility.report(findings)


def test_every_mirror_page_is_legible_on_a_phone(tab, mirror):
    tab.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    tab.emulate_media(color_scheme="light")
    findings, drawn_for_phone = [], []
    for p in registry.PAGES:
        tab.goto(f"{mirror}/{p.path + '/' if p.path else ''}", wait_until="load")
        divs = tab.eval_on_selector_all(".chart[id^='chart-']", "els => els.map(e => e.id)")
        if divs:
            tab.mouse.move(100, 100)  # the reader's first interaction loads plotly.js
            tab.wait_for_function("() => window.Plotly !== undefined", timeout=WAIT_MS)
            for div in divs:
                tab.locator(f"#{div}").scroll_into_view_if_needed()
                tab.locator(f"#{div} .main-svg").first.wait_for(timeout=WAIT_MS)
        tab.evaluate("document.fonts.ready.then(() => true)")
        findings += legibility.chart_findings(tab, f"mirror /{p.path}", f"{PHONE[0]}x{PHONE[1]}")
        findings += legibility.touch_findings(tab, f"mirror /{p.path}", f"{PHONE[0]}x{PHONE[1]}")
        drawn_for_phone += tab.evaluate("""() => [...document.querySelectorAll('.chart[data-phone-spec]')]
            .map(el => el.layout.height ===
                 JSON.parse(document.getElementById(el.dataset.phoneSpec).textContent).layout.height)""")
    assert not findings, legibility.report(findings)
    assert drawn_for_phone and all(drawn_for_phone)  # every page chart drawn from its phone layout


def test_the_touch_check_sees_a_mode_bar_where_one_is_drawn(tab, app):
    """The phone's check can fail: at desktop size, where charts keep Plotly's mode bar (shown on hover),
    it reports each of them."""
    onset = registry.page("onset")
    look(tab, app, onset.path, onset.drawn, DESKTOP, "light")
    found = legibility.touch_findings(tab, "/onset", "desktop")
    assert len(found) == onset.drawn, legibility.report(found)


@pytest.fixture(scope="module")
def long_label_server(tmp_path_factory) -> Iterator[str]:
    """The app on a copy of the data whose first condition has an 80-character name."""
    import shutil

    data = tmp_path_factory.mktemp("long-label") / "data"
    shutil.copytree(ROOT / "data", data)
    rows = read_rows(data / "conditions.csv")
    rows[0]["condition"] = LONG_NAME
    write_rows(data / "conditions.csv", rows)
    srv = harness.start_server(ROOT / "dashboard.py", env={tables.DATA_DIR_ENV: str(data)})
    try:
        yield srv.url
    finally:
        srv.stop()


def test_a_planted_long_label_is_reported_by_name(tab, long_label_server):
    """The check can fail: an 80-character condition name drawn on one line is named in the report, with
    the page and size. The app breaks a long label over lines; the label is then written back on one
    line into the drawn chart, as a layout that did not wrap it would draw it."""
    findings = look(tab, long_label_server, "conditions", 1, PHONE, "light")
    if not any(LONG_NAME[:20] in f.a or LONG_NAME[:20] in f.b for f in findings):
        tab.evaluate("""name => { const flat = s => s.replace(/\\s+/g, '');
            const tick = [...document.querySelectorAll('.js-plotly-plot .ytick text')]
              .find(t => flat(t.textContent).startsWith(flat(name).slice(0, 20)));
            tick.textContent = name; }""", LONG_NAME)
        findings = legibility.chart_findings(tab, "/conditions", "390x844 light")
    message = legibility.report(findings)
    assert any(LONG_NAME in (f.a, f.b) for f in findings), message
    assert f"/conditions at 390x844 light, chart matrix: cut at the chart edge: {LONG_NAME!r}" in message
