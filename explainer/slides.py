"""Presentation mode: the deck of slides, the `?slide=` parameter and the projector layout."""

from __future__ import annotations

import html

import streamlit as st

from explainer.deck import CAPTION_SOURCES, CHART_HEIGHT, Slide, deck, speaker_notes  # noqa: F401 (the deck, re-exported)

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


def goto(index: int, count: int) -> None:
    """Button/keyboard callback: move to slide `index` (clamped), keeping it in the URL."""
    st.query_params["slide"] = str(min(max(index, 0), count - 1) + 1)


TAKEAWAY_STYLE = "font-size:1.55rem;font-weight:600;line-height:1.3;margin:0.2rem 0 0.5rem"


def takeaway(text: str) -> None:
    """The slide's takeaway in large type (the text is HTML-escaped; only the style is ours)."""
    st.markdown(f'<div style="{TAKEAWAY_STYLE}">{html.escape(str(text))}</div>', unsafe_allow_html=True)


def hide_chrome() -> None:
    """Projector layout: no sidebar, header or toolbar; larger type (static CSS, no data)."""
    st.html(SLIDE_CSS)  # st.html, not st.markdown: applied as it arrives, not after the Markdown renderer loads
