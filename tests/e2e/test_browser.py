"""Every page in a real Chromium: charts drawn, no error element, no console error, URL state."""

from __future__ import annotations

import re

import pytest

from explainer import registry
from tests.e2e.conftest import (
    APP_ERRORS,
    PAGES,
    SHOTS,
    SIGNATURE_JS,
    app_console_errors,
    chart_signature,
    open_page,
    wait_for_app,
    wait_for_charts,
    wait_until_settled,
)


@pytest.mark.parametrize("path,charts", PAGES.items())
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_page_renders(page_factory, server, path, charts, scheme):
    page = open_page(page_factory(scheme=scheme), server, path, charts)
    assert page.locator(".js-plotly-plot").count() == charts
    assert page.locator(APP_ERRORS).count() == 0
    assert "not medical advice" in page.inner_text("body")
    assert app_console_errors(page) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{path or 'overview'}-1280x720-{scheme}.png"))


def test_filter_changes_chart_and_url(page_factory, server):
    page = open_page(page_factory(), server, "onset", PAGES["onset"])
    before = page.locator(".js-plotly-plot .scatterlayer .trace").count()
    page.get_by_text("remission", exact=True).first.click()
    page.wait_for_url("**measure=remission**", timeout=15_000)
    wait_for_app(page)
    after = page.locator(".js-plotly-plot .scatterlayer .trace").count()
    assert after != before
    page.reload()
    wait_for_charts(page, 1)
    assert "measure=remission" in page.url
    assert "remission" in (page.locator(".js-plotly-plot .ytitle").text_content() or "").lower()


def test_garbage_url_shows_notice(page_factory, server):
    page = open_page(page_factory(), server, "onset?measure=%3Cscript%3E&view=zzz", PAGES["onset"])
    assert "Ignored" in page.inner_text("body")
    assert page.locator(APP_ERRORS).count() == 0


def test_phone_width_has_no_horizontal_scroll(page_factory, server):
    page = open_page(page_factory(width=390, height=844), server, "onset", PAGES["onset"])
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    page.screenshot(path=str(SHOTS / "onset-390-light.png"))


def clickable_filters() -> list[tuple[str, str, str]]:
    """Every declared filter drawn as buttons (pills, segments), as (page path, a choice other than the
    default, its URL key): read from the registry, so a new filter is tested without a new line here."""
    out = []
    for page in registry.PAGES:
        for f in page.all_filters():
            if f.widget in ("pills", "segmented"):
                choices = registry.options(f)
                default = f.default_of(choices)
                option = next(c for c in choices if c != default and (c,) != default)
                out.append((page.path, f.shown(option), f.name))
    return out


FILTERS = clickable_filters()


def settles_on(page, expected: str) -> bool:
    """Wait until the page shows `expected` (a history move reruns the app after the URL changes)."""
    try:
        page.wait_for_function(f"expected => ({SIGNATURE_JS})() === expected", arg=expected, timeout=20_000)
    except Exception:  # noqa: BLE001 - Playwright's timeout: the caller's assert reports what was shown
        return False
    return True


def settled_change(page) -> str:
    """The signature once the rerun a click started has finished and every chart of it is redrawn
    (the page has settled), never a signature caught between two charts' redraws."""
    wait_for_app(page)
    wait_until_settled(page, 1)
    return chart_signature(page)


@pytest.mark.parametrize("path,option,param", FILTERS)
def test_filter_changes_chart_url_and_survives_reload_and_history(page_factory, server, path, option, param):
    page = open_page(page_factory(), server, path, PAGES[path])  # every chart drawn before the first signature
    before = chart_signature(page)
    page.locator("button").filter(has_text=re.compile(f"^{re.escape(option)}$")).first.click()
    page.wait_for_url(f"**{param}=**", timeout=15_000)
    after_url, after = page.url, settled_change(page)
    assert after != before
    page.reload()
    wait_for_charts(page, 1)
    assert page.url == after_url and settles_on(page, after)
    for move in (page.go_back, page.go_forward):  # history moves keep the app working and consistent
        move()
        assert page.locator(APP_ERRORS).count() == 0
        if page.url.startswith(server):
            wait_for_charts(page, 1)
            expected = after if f"{param}=" in page.url else before
            assert settles_on(page, expected), (move.__name__, page.url, chart_signature(page), expected)


@pytest.mark.parametrize("path", ["no-such-page", "%E3%82%B1%E3%82%BF", "onset.py", "dashboard"])
def test_unknown_path_says_so_and_shows_the_overview(page_factory, server, path):
    page = page_factory()
    page.goto(f"{server}/{path}", wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=30_000)
    page.get_by_text("Page not found").wait_for(timeout=15_000)  # Streamlit's notice, over the overview
    page.get_by_text("not medical advice").last.wait_for(timeout=15_000)  # the overview, drawn to its end
    assert "not medical advice" in page.inner_text("body")
    assert page.locator(APP_ERRORS).count() == 0
    notice = "does not seem to exist"  # Streamlit also logs its notice to the console
    assert [e for e in app_console_errors(page) if notice not in e] == []


def test_repeated_and_overlong_params_in_the_address(page_factory, server):
    page = open_page(page_factory(), server, "onset?measure=garbage&measure=remission&view=" + "x" * 10_000, 1)
    assert "remission" in (page.locator(".js-plotly-plot .ytitle").text_content() or "").lower()
    assert "Ignored view=xxxx" in page.inner_text("body")  # the notice, cut short
    assert page.locator(APP_ERRORS).count() == 0


def test_no_request_leaves_the_machine(page_factory, server):
    """Every request a page makes goes to the app itself: no font CDN for the tab icon, nothing else."""
    page = page_factory()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server, "data:", "blob:")) else None)
    for path, charts in PAGES.items():
        open_page(page, server, path, charts)
    assert outside == []
    icon = page.evaluate("document.querySelector('link[rel*=icon]') && document.querySelector('link[rel*=icon]').href")
    assert icon and icon.startswith(server)


def test_charts_keep_their_height_while_they_load(page_factory, server):
    """Each chart sits in a box of its own height from the first paint: nothing below it jumps."""
    page = open_page(page_factory(), server, "onset", PAGES["onset"])
    boxes = page.evaluate("""() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(p => {
        const box = p.closest('[class*="st-key-box-"]'); const r = box.getBoundingClientRect();
        return [Math.round(r.height), Math.round(p.getBoundingClientRect().height)]; })""")
    assert len(boxes) == PAGES["onset"]
    for box, chart in boxes:
        assert box >= chart and box - chart <= 40, (box, chart)
