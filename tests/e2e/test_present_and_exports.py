"""Presentation keys, the offline handout from file:// with the network blocked, and downloads."""

from __future__ import annotations

import struct

import bibtexparser
import pytest

from explainer import describe, export, registry, slides, tables
from tests.e2e.conftest import PAGES, charts_drawn, open_page, wait_for_app, wait_until_settled


def slide_number(page) -> str:
    return page.url.split("slide=")[-1].split("&")[0]


def press_and_wait(page, key: str, expected: int) -> None:
    page.keyboard.press(key)
    page.wait_for_url(f"**slide={expected}**", timeout=15_000)
    page.get_by_text(f"Slide {expected} of").wait_for(timeout=15_000)
    wait_for_app(page)  # the rerun has finished before the next key


def test_keyboard_moves_slides(page_factory, server):
    page = open_page(page_factory(), server, "present?slide=2", 1)
    press_and_wait(page, "ArrowRight", 3)
    press_and_wait(page, "PageDown", 4)
    press_and_wait(page, "PageUp", 3)
    press_and_wait(page, "ArrowLeft", 2)
    assert slide_number(page) == "2"
    assert page.locator('[data-testid="stSidebar"]').is_hidden()


@pytest.mark.parametrize("width,height", [(1280, 720), (1920, 1080)])
def test_slides_fit_projector_without_scrolling(page_factory, server, width, height):
    page = page_factory(width, height)
    for n, slide in enumerate(slides.deck(tables.load()), start=1):
        open_page(page, server, f"present?slide={n}", 0 if slide.kind == "title" else 1)
        main = page.locator('[data-testid="stMain"]')
        overflow = main.evaluate("el => el.scrollHeight - el.clientHeight")
        assert overflow <= 1, (n, overflow)


def test_handout_works_offline(tmp_path, browser):
    pkg = tables.load()
    specs = registry.available(pkg)
    path = tmp_path / "handout.html"
    path.write_text(export.handout_html(pkg, describe.DISCLAIMER), encoding="utf-8")
    ctx = browser.new_context()
    requests: list[str] = []

    def block(route):
        requests.append(route.request.url)
        route.abort()

    ctx.route("http*://**/*", block)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function(charts_drawn(len(specs)), timeout=30_000)
    assert page.locator(".js-plotly-plot").count() == len(specs)
    assert errors == [] and requests == []
    ctx.close()


def test_bibtex_download_has_the_right_name(page_factory, server):
    page = open_page(page_factory(), server, "sources", 1)
    with page.expect_download() as info:
        page.get_by_role("button", name="BibTeX").click()
    download = info.value
    assert download.suggested_filename == "ketamine-explained.bib"
    lib = bibtexparser.parse_string(open(download.path(), encoding="utf-8").read())
    assert len(lib.entries) == len(tables.load().tables["sources"])


def test_png_download_is_slide_sized(page_factory, server):
    page = open_page(page_factory(), server, "onset", PAGES["onset"])
    page.get_by_role("button", name="Image").first.click()
    with page.expect_download(timeout=90_000) as info:
        page.get_by_test_id("stPopoverBody").get_by_role("button", name="PNG").click()
    download = info.value
    assert download.suggested_filename == "ketamine-explained-onset-effect.png"  # the page's first chart
    head = open(download.path(), "rb").read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", head[16:24]) == (3200, 1800)


def test_embed_mode_hides_chrome(page_factory, server):
    page = open_page(page_factory(), server, "onset?embed=true&measure=remission", PAGES["onset"])
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.count() == 0 or sidebar.is_hidden()
    assert page.locator('[data-testid="stTopNav"]').count() == 0
    assert "not medical advice" in page.inner_text("body")
    assert "remission" in (page.locator(".js-plotly-plot .ytitle").text_content() or "").lower()


def test_tab_title_names_the_page(page_factory, server):
    page = open_page(page_factory(), server, "safety", 1)
    assert page.title() == "Safety · Ketamine, Explained"


def test_share_link_carries_the_filters(page_factory, server):
    page = open_page(page_factory(), server, "onset?measure=remission", PAGES["onset"])
    box = page.locator(".st-key-share")
    assert box.locator("code").count() == 0  # sent only once opened
    box.get_by_text("Share or cite this view").click()
    codes = box.locator("code")
    codes.first.wait_for()
    assert codes.first.text_content().endswith("/onset?measure=remission")
    assert "Ketamine, Explained: Onset" in codes.nth(1).text_content()


def test_rows_open_on_demand_and_download_as_csv(page_factory, server):
    page = open_page(page_factory(), server, "onset?measure=remission", PAGES["onset"])
    assert page.locator('[data-testid="stDataFrame"]').count() == 0  # not sent before it is opened
    onset = tables.load().tables["onset"]
    n = int(((onset["measure"] == "remission") & onset["regimen"].isin(["single dose", "daily course"])).sum())
    page.get_by_text(f"The data behind this chart ({n} rows)").click()
    page.locator('[data-testid="stDataFrame"]').wait_for(timeout=15_000)
    # the rerun that opened the rows, and any it set off, have finished and the page has stood still: the
    # button is the one that stays, and the file it points to is the current run's (a click on a button
    # from an earlier run asks for a file the server has already dropped, and no download starts)
    wait_until_settled(page, PAGES["onset"])
    with page.expect_download() as info:
        page.get_by_role("button", name="Download these rows (CSV)").click()
    download = info.value
    assert download.suggested_filename == "ketamine-explained-onset-remission.csv"
    lines = open(download.path(), encoding="utf-8").read().splitlines()
    assert len(lines) == n + 1 and lines[0].startswith("point_id")
