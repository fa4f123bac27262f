"""Accessibility and layout in a real browser: axe-core, accessible chart names, keyboard, overlaps."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from explainer import tables
from tests.e2e.conftest import PAGES, open_page

BLOCKING = ("serious", "critical")


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation(page_factory, server, axe, scheme):
    page = page_factory(scheme=scheme)
    found = {}
    for path, charts in PAGES.items():
        open_page(page, server, path, charts)
        violations = axe.run(page).response["violations"]
        bad = [(v["id"], v["impact"], len(v["nodes"])) for v in violations if v["impact"] in BLOCKING]
        if bad:
            found[path or "overview"] = bad
    assert found == {}


def test_each_chart_has_its_alt_text_as_accessible_name(page_factory, server):
    page = open_page(page_factory(), server, "onset", PAGES["onset"])
    effect, arms = page.get_by_role("figure").nth(0), page.get_by_role("figure").nth(1)
    onset = tables.load().tables["onset"]
    shown = onset[onset["regimen"].isin(["single dose", "daily course"]) & (onset["measure"] == "response")]
    assert (effect.get_attribute("aria-label") or "").startswith("Two panels on a log time axis")
    name = arms.get_attribute("aria-label") or ""
    assert name.startswith("Line chart of response") and f"{shown['study'].nunique()} studies" in name


def test_keyboard_reaches_every_control_with_visible_focus(page_factory, server):
    page = open_page(page_factory(), server, "onset", PAGES["onset"])
    seen, unfocused_style = [], []
    for _ in range(150):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const e = document.activeElement; if (!e || e === document.body) return null;
            const cs = getComputedStyle(e);
            return {text: (e.innerText || e.getAttribute('aria-label') || '').trim().slice(0, 40),
                    visible: cs.outlineStyle !== 'none' || cs.boxShadow !== 'none'
                             || e.matches(':focus-visible')}; }""")
        if info:
            seen.append(info["text"])
            if not info["visible"]:
                unfocused_style.append(info["text"])
    # a segmented control is one tab stop (its selected option); arrow keys move within it
    for control in ("response", "absolute", "Image"):
        assert any(control in s.split() for s in seen), (control, seen[-25:])
    assert unfocused_style == []


def overlaps(boxes: list[dict]) -> list[tuple]:
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if (a["x"] < b["x"] + b["width"] - 1 and b["x"] < a["x"] + a["width"] - 1
                    and a["y"] < b["y"] + b["height"] - 1 and b["y"] < a["y"] + a["height"] - 1):
                out.append((a["text"], b["text"]))
    return out


@pytest.mark.parametrize("width,height", [(390, 844), (1280, 720), (1920, 1080)])
def test_no_overlapping_ticks_and_no_horizontal_scroll(page_factory, server, width, height):
    page = page_factory(width, height)
    problems = {}
    for path, charts in PAGES.items():
        open_page(page, server, path, charts)
        scroll = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if scroll > 1:
            problems[f"{path} scroll"] = scroll
        for axis in ("xtick", "ytick"):
            boxes = page.evaluate(f"""() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(plot =>
                Array.from(plot.querySelectorAll('.{axis} text')).filter(t => t.textContent.trim()).map(t => {{
                    const r = t.getBoundingClientRect();
                    return {{text: t.textContent, x: r.x, y: r.y, width: r.width, height: r.height}}; }}))""")
            for i, chart_boxes in enumerate(boxes):
                clash = overlaps(chart_boxes)
                if clash:
                    problems[f"{path} chart {i} {axis}"] = clash[:3]
    assert problems == {}
