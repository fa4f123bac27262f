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


# --- the deck a link chooses: composer and downloads ------------------------------------------

def app_base() -> str:
    """The app's address without the page: what a deck's link and QR code start from."""
    from explainer import share

    url = (st.context.url or share.FALLBACK).split("?")[0]
    return url[: url.rfind("/present")] if "/present" in url else url.rstrip("/")


def deck_menu(entries: tuple, key: str = "deck") -> None:
    """'Deck': choose slides, their order and views (the choice goes into `?deck=`), copy the link,
    download the deck as PowerPoint or PDF. Sent only while open; each file is built only on click."""
    menu = st.popover("Deck", icon=":material/tune:", key=f"{key}-menu", on_change="rerun", width="stretch")
    if not menu.open:
        return
    with menu:
        composer(entries, key)
        deck_downloads(entries, key)


def deck_downloads(entries: tuple, key: str = "deck") -> None:
    """PowerPoint and PDF of the deck `entries` choose (none: the default deck), built on click."""
    from explainer import deckcontent, memo

    base = app_base()
    cols = st.columns(2)
    for col, fmt, label in ((cols[0], "pptx", "Slides (PowerPoint)"), (cols[1], "pdf", "Slides (PDF)")):
        col.download_button(label, lambda fmt=fmt: memo.call(deckcontent.file_bytes, fmt, entries, base),
                            file_name=deckcontent.file_name(fmt), mime=deckcontent.FORMATS[fmt],
                            icon=":material/download:", key=f"{key}-{fmt}", width="stretch",
                            on_click="ignore")


def composer(entries: tuple, key: str = "deck") -> None:
    """Slides in the order picked, each with its page's filters; "Use this deck" puts it in the URL."""
    from explainer import deckcontent, deckspec, registry, tables

    pkg = tables.load()
    charts = {c.key: c for _, c in registry.available(pkg)}
    current = {e.key: e for e in entries} or {e.key: e for e in deckspec.default_entries(list(charts.values()))}
    picked = st.multiselect("Slides, in the order picked", list(charts), default=[k for k in current if k in charts],
                            format_func=lambda k: charts[k].title, key=f"{key}-slides")
    chosen = []
    for k in picked:
        view = dict(current[k].view) if k in current else {}
        for f in charts[k].filters:
            options = f.options(pkg.tables)
            if f.free or not options:
                continue
            label, wkey = f"{charts[k].title} · {f.label}", f"{key}-{k}-{f.name}"
            start = view.get(f.name, f.default_of(options))
            if f.multi:
                value = st.multiselect(label, options, default=[v for v in (start or ()) if v in options],
                                       key=wkey, placeholder="all")
                view[f.name] = f.value(value, options)
            else:
                view[f.name] = st.selectbox(label, options, index=options.index(start) if start in options else 0,
                                            format_func=f.shown, key=wkey)
        defaults = deckspec.defaults(charts[k], pkg.tables)
        chosen.append(deckspec.Entry(k, tuple(sorted((n, v) for n, v in view.items() if v != defaults.get(n)))))
    spec = deckspec.spec(chosen)
    st.caption("Link to this deck:")
    st.code(deckcontent.address(app_base(), tuple(chosen)), language=None, wrap_lines=True)
    st.button("Use this deck", icon=":material/check:", key=f"{key}-use", disabled=not chosen, on_click=use_deck,
              args=(spec,))


def use_deck(spec: str) -> None:
    """Button callback: open the composed deck at its first slide (the link now carries it)."""
    st.query_params["deck"] = spec
    st.query_params["slide"] = "1"
