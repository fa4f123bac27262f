"""Decks in a browser: `/present`'s Deck menu downloads the linked deck; the static mirror's slides page
follows the same `?deck=` link."""

from __future__ import annotations

import io

import pypdf

from explainer import deck, deckcontent, describe, registry, tables
from tests.e2e.conftest import WAIT_MS, open_page


def test_deck_menu_downloads_the_linked_deck_as_pdf(page_factory, server):
    page = open_page(page_factory(), server, "present?deck=claims,history", 0)
    page.get_by_role("button", name="Deck").click()
    button = page.get_by_role("button", name="Slides (PDF)")
    button.wait_for(timeout=WAIT_MS)
    with page.expect_download(timeout=120_000) as info:
        button.click()
    download = info.value
    assert download.suggested_filename == deckcontent.file_name("pdf")
    with open(download.path(), "rb") as f:
        reader = pypdf.PdfReader(io.BytesIO(f.read()))
    texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert texts[0].startswith(deckcontent.SITE) and " ".join(describe.DISCLAIMER.split()) in texts[0]
    assert deckcontent.headline(registry.chart("claims")) in texts[1]
    assert deckcontent.headline(registry.chart("history")) in texts[2]
    assert all(t.startswith("References") for t in texts[3:]) and len(texts) > 3


def test_mirror_slides_follow_a_deck_link(site_dir, browser):
    """Opened from disk (file://): the link's slides in its order, the rest hidden, each bad entry named."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    url = (site_dir / "present" / "index.html").as_uri() + "?deck=mechanism,onset-effect:effect=x,nope,onset"
    page.goto(url, wait_until="load")
    page.wait_for_function("document.querySelectorAll('#deck-notes p').length >= 2", timeout=WAIT_MS)
    shown = page.eval_on_selector_all("main section:not([hidden]) h2", "els => els.map(e => e.textContent)")
    pkg = tables.load()  # a chart too tall for one slide shows every part, in order
    parts = deck.parts(pkg, registry.chart("mechanism")) + deck.parts(pkg, registry.chart("onset-effect"))
    assert shown == [f"Slide 1: {deckcontent.SITE}"] + [f"Slide {n}: {s.title}" for n, s in enumerate(parts, 2)]
    notes = page.eval_on_selector_all("#deck-notes p", "els => els.map(e => e.textContent)")
    assert any("Left out deck entry “nope”" in n for n in notes)
    assert any(registry.chart("onset").title in n and "not a slide of this static copy" in n for n in notes)
    view_note = page.locator("section:not([hidden]) p.static", has_text="draws the default view")
    assert view_note.count() == 1 and "effect=x" in view_note.inner_text()
    assert errors == []
    page.close()
