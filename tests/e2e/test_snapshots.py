"""Visual snapshots of key charts, light and dark, compared with a tolerance.

A chart that silently changes (a lost trace, a colour swapped, an axis flipped) fails here even
when every structural test passes. Snapshots live in tests/e2e/snapshots/. After an intended
change, regenerate them with `make snapshots` (UPDATE_SNAPSHOTS=1), look at the new PNGs, commit.
"""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image, ImageChops, ImageStat

from explainer import deck, tables
from tests.e2e.conftest import PAGES, ROOT, open_page

SNAPSHOTS = ROOT / "tests" / "e2e" / "snapshots"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"
TOLERANCE = 2.0  # mean absolute difference per channel (0-255): anti-aliasing, not content
KEY_CHARTS = [(path, PAGES[path]) for path in ("onset", "conditions", "routes")]  # every chart of the page drawn
KEY_SLIDES = ["onset-effect", "conditions-1"]  # the slide that carries the comparison; a split row chart


def difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute per-channel difference of two same-size images."""
    diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB"))
    return sum(ImageStat.Stat(diff).mean) / 3


def check(shot: Image.Image, name: str) -> None:
    """Compare with the recorded PNG `name` (or record it, with UPDATE_SNAPSHOTS=1)."""
    target = SNAPSHOTS / name
    if UPDATE or not target.exists():
        SNAPSHOTS.mkdir(parents=True, exist_ok=True)
        shot.save(target)
        if not UPDATE:
            pytest.fail(f"no snapshot yet: wrote {target.relative_to(ROOT)}; look at it and commit it")
        return
    recorded = Image.open(target)
    assert shot.size == recorded.size, (shot.size, recorded.size)
    assert difference(shot, recorded) <= TOLERANCE


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path,charts", KEY_CHARTS)
def test_key_chart_looks_as_recorded(page_factory, server, path, charts, scheme):
    page = open_page(page_factory(width=1280, height=900, scheme=scheme), server, path, charts)
    # the top bar (navigation) stays over the page as it scrolls: out of the way of a chart taller than the screen
    page.add_style_tag(content='[data-testid="stHeader"] {visibility: hidden !important}')
    shot = page.locator(".js-plotly-plot").first.screenshot(animations="disabled")
    check(Image.open(io.BytesIO(shot)), f"{path}-{scheme}.png")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("key", KEY_SLIDES)
def test_key_slide_looks_as_recorded(page_factory, server, key, scheme):
    """The whole slide on a 1280x720 projector: chart, title and takeaway as the room sees them."""
    n = next(i for i, s in enumerate(deck.deck(tables.load()), start=1) if s.chart and s.key == key)
    page = open_page(page_factory(width=1280, height=720, scheme=scheme), server, f"present?slide={n}", 1)
    check(Image.open(io.BytesIO(page.screenshot(animations="disabled"))), f"slide-{key}-{scheme}.png")
