"""Presentation mode: the deck of slides, the `?slide=` parameter and the projector layout."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from explainer import describe, registry
from explainer.registry import Chart
from explainer.tables import DataPackage

CHART_HEIGHT = 370  # fits a 1280x720 projector below the title and takeaway without scrolling
CAPTION_SOURCES = 8  # citations listed under a slide's chart; the rest are on the Sources page
SLIDE_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] {display: none !important;}
[data-testid="stMainBlockContainer"] {padding-top: 0.8rem; padding-bottom: 0; max-width: 96vw;}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] {gap: 0.6rem;}
.st-key-pager-keys {position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden;}
h1 {font-size: 3.2rem !important;}
h2 {font-size: 2.1rem !important; padding-top: 0.2rem !important;}
</style>
"""


@dataclass(frozen=True)
class Slide:
    kind: str                      # "title", "chart" or "sources"
    chart: Chart | None = None
    lines: tuple[str, ...] = field(default=())


def deck(pkg: DataPackage) -> tuple[Slide, ...]:
    """Title slide, a slide per chart the registry marks for slides, the sources slide last."""
    charts = [c for _, c in registry.available(pkg) if c.slide]
    title_lines = ()
    if not pkg.problems_for("onset_effect", "onset_milestones", "sources"):
        t = pkg.tables
        title_lines = (describe.onset_effect_takeaway(t["onset_effect"], t["onset_milestones"], t["sources"]),)
    closing = [Slide("sources", chart=c) for c in charts if c.key == "sources"]
    return ((Slide("title", lines=title_lines),) + tuple(Slide("chart", chart=c) for c in charts if c.key != "sources")
            + tuple(closing))


def speaker_notes(chart: Chart, cited: pd.DataFrame) -> str:
    """Notes for the presenter, computed: what the chart shows and what it rests on."""
    kinds = cited["kind"].value_counts() if len(cited) else pd.Series(dtype=int)
    basis = ", ".join(f"{n} {k}" for k, n in kinds.items()) or "no sources"
    return f"{registry.alt(chart)} It rests on {len(cited)} sources ({basis})."


def goto(index: int, count: int) -> None:
    """Button/keyboard callback: move to slide `index` (clamped), keeping it in the URL."""
    st.query_params["slide"] = str(min(max(index, 0), count - 1) + 1)


TAKEAWAY_STYLE = "font-size:1.55rem;font-weight:600;line-height:1.3;margin:0.2rem 0 0.5rem"


def takeaway(text: str) -> None:
    """The slide's takeaway in large type (the text is HTML-escaped; only the style is ours)."""
    st.markdown(f'<div style="{TAKEAWAY_STYLE}">{html.escape(str(text))}</div>', unsafe_allow_html=True)


def hide_chrome() -> None:
    """Projector layout: no sidebar, header or toolbar; larger type (static CSS, no data)."""
    st.markdown(SLIDE_CSS, unsafe_allow_html=True)
