"""What an exported deck holds, slide by slide, before it becomes a PPTX or a PDF.

Both file formats draw the same content on the same 1280x720 canvas (16:9; at 96 px per inch it is
exactly a 13.33 x 7.5 in PowerPoint slide): a title slide with the disclaimer and a QR code of the
deck's address, one slide per chart in its chosen view (the figure the app draws, rendered as a PNG at
the slide's size and twice its pixel density), and closing slides with the references. Positions are
in canvas pixels so each writer only scales them. Free of Streamlit: the CLI and the app share it.
"""

from __future__ import annotations

import io
from collections.abc import Hashable
from dataclasses import dataclass, field

import plotly.graph_objects as go

from explainer import deck, deckspec, describe, registry
from explainer.registry import Chart
from explainer.tables import DataPackage

WIDTH, HEIGHT = 1280, 720          # the canvas (px); 16:9
MARGIN = 40
TITLE_BOX = (MARGIN, 22, WIDTH - 2 * MARGIN, 92)      # x, y, w, h: two lines of the title at TITLE_PT
CHART_BOX = (MARGIN, 118, WIDTH - 2 * MARGIN, 500)    # the chart image, drawn at exactly this size
SOURCES_BOX = (MARGIN, 626, WIDTH - 2 * MARGIN, 80)   # up to three lines of short citations
TITLE_PT, BODY_PT, SOURCES_PT = 26, 20, 14            # 14 pt = 18.7 px at 1280x720: the smallest slide text
IMAGE_SCALE = 2                                       # PNG pixels per canvas pixel: sharp on a 2560 px screen
REFS_PER_COLUMN, REF_CHARS = 20, 48                   # references: two columns of one-line entries
SITE = "Ketamine, Explained"
SUBTITLE = "An interactive, sourced explainer"


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True)
class ExportSlide:
    """One slide of an exported deck. `kind`: "title", "chart" or "references"."""

    kind: str
    title: str
    lines: tuple[str, ...] = ()          # title slide: the lead sentences
    image: bytes = b""                   # chart slide: PNG at CHART_BOX's size x IMAGE_SCALE
    alt: str = ""                        # the chart's description (the picture's alt text)
    sources: tuple[Link, ...] = ()       # chart slide: its first citations; references slide: its entries
    more: int = 0                        # chart slide: citations left to the references
    notes: str = ""                      # the speaker notes pane
    chart_key: str = ""
    view: tuple[tuple[str, Hashable], ...] = field(default=())


@dataclass(frozen=True)
class Deck:
    slides: tuple[ExportSlide, ...]
    address: str                         # the deck's link (what the QR code opens); "" when unknown
    qr: bytes                            # PNG of its QR code (b"" without an address)
    disclaimer: str = describe.DISCLAIMER


def headline(chart: Chart, **view: Hashable) -> str:
    """The slide's title: the chart's short headline (at most 20 words, no citation) in this view."""
    return registry.headline(chart, **view)


def address(app_url: str, entries: tuple[deckspec.Entry, ...]) -> str:
    """The deck's link on the app: `/present` with the chosen deck (none for the default deck)."""
    from urllib.parse import quote

    if not app_url:
        return ""
    spec = deckspec.spec(entries)
    return app_url.rstrip("/") + "/present" + (f"?deck={quote(spec, safe=',:=|')}" if spec else "")


def qr_png(url: str) -> bytes:
    """A QR code of the deck's address (dark on white, standard quiet zone), or b"" without one."""
    import segno

    if not url:
        return b""
    buf = io.BytesIO()
    try:
        code = segno.make(url, error="m")
    except segno.DataOverflowError:  # a deck link too long for a QR code: the slides page alone
        code = segno.make(url.split("?")[0][:1000], error="m")
    code.save(buf, kind="png", scale=10, border=4)
    return buf.getvalue()


def chart_figure(chart: Chart, window: tuple[int, int] | None = None, **view: Hashable) -> go.Figure:
    """The figure the app's slide draws for this view (its `window` of rows, for a chart split over
    slides), laid out for a slide at the chart box's height."""
    return registry.figure(chart, height=CHART_BOX[3], target="slide", window=window, **view).drawable()


def render_pngs(figures: list[go.Figure]) -> list[bytes]:
    """PNGs of the figures at the chart box's size, on the export layout, in one kaleido session."""
    from explainer import export

    return export.pngs(figures, CHART_BOX[2], CHART_BOX[3], IMAGE_SCALE)


def notes_text(chart: Chart, takeaway: str, notes: str, alt: str, view: dict[str, Hashable]) -> str:
    """The notes pane: the takeaway, the computed speaker notes, the chart's description and its view."""
    parts = [f"Takeaway: {takeaway}", notes]
    if alt not in notes:
        parts.append(f"Chart description: {alt}")
    if view:
        parts.append("View: " + ", ".join(f"{k} = {deckspec._text(v)}" for k, v in view.items()))
    return "\n\n".join(parts)


def slide_title(chart: Chart, view: dict[str, Hashable], part: tuple[int, int] = (1, 1)) -> str:
    """The exported slide's title: the chart's headline, and "(1 of 2)" for a part of a split chart."""
    return headline(chart, **view) + (f" ({part[0]} of {part[1]})" if part[1] > 1 else "")


def chart_slide(chart: Chart, view: dict[str, Hashable], image: bytes, part: tuple[int, int] = (1, 1)) -> ExportSlide:
    card = registry.card(chart, **view)
    links = tuple(Link(r.cite, r.link) for r in card.sources.itertuples())
    alt = card.alt
    notes = notes_text(chart, card.takeaway, deck.speaker_notes(card), alt, view)
    shown = links[:deck.CAPTION_SOURCES]
    return ExportSlide("chart", slide_title(chart, view, part), image=image, alt=alt, sources=shown,
                       more=len(links) - len(shown), notes=notes, chart_key=chart.key, view=tuple(view.items()))


def reference_slides(cited: list[Link]) -> list[ExportSlide]:
    """The references the deck's slides cite, in first-cited order, two columns a slide."""
    per = 2 * REFS_PER_COLUMN
    pages = [cited[i:i + per] for i in range(0, len(cited), per)] or [[]]
    return [ExportSlide("references", f"References ({n} of {len(pages)})" if len(pages) > 1 else "References",
                        sources=tuple(page), notes="Every source with its full record: the Sources page "
                        "(BibTeX, RIS and CSV).") for n, page in enumerate(pages, start=1)]


def reference_line(cite: str, venue: str) -> str:
    """One reference on one line: short cite (with its year) and venue; the link carries the rest."""
    text = f"{cite}. {venue}"
    return text if len(text) <= REF_CHARS else text[:REF_CHARS - 1].rstrip() + "…"


def build(pkg: DataPackage, entries: tuple[deckspec.Entry, ...] = (), app_url: str = "") -> Deck:
    """The deck of `entries` (none: the default deck) ready to write: slides, images, notes, references."""
    from explainer import citations

    chosen = deckspec.slides(pkg, entries)
    shown = [s for s in chosen if s.chart is not None]
    charts = [(s.chart, s.kwargs()) for s in shown]
    images = render_pngs([chart_figure(s.chart, s.window, **s.kwargs()) for s in shown])
    body = [chart_slide(s.chart, s.kwargs(), img, s.part) for s, img in zip(shown, images)]
    ids: dict[str, None] = {}
    for c, v in charts:
        ids.update(dict.fromkeys(citations.cited_ids(*registry.cited(c, **v))))
    table = citations.cites_for(pkg.tables["sources"], list(ids))
    refs = [Link(reference_line(r.cite, r.venue), r.link) for r in table.itertuples()]
    link = address(app_url, entries)
    title = ExportSlide("title", SITE, lines=(SUBTITLE,) + chosen[0].lines,
                        notes="Every chart in this deck is computed from the explainer's data package; "
                              "each slide's notes give its takeaway, its description and what it rests on.")
    return Deck((title, *body, *reference_slides(refs)), link, qr_png(link))


def file_name(fmt: str) -> str:
    return f"ketamine-explained-deck.{fmt}"


FORMATS = {"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
           "pdf": "application/pdf"}


def file_bytes(pkg: DataPackage, fmt: str, entries: tuple[deckspec.Entry, ...] = (), app_url: str = "") -> bytes:
    """The deck as a .pptx or .pdf file (the writer is imported only now: neither is needed to show slides)."""
    if fmt not in FORMATS:
        raise ValueError(f"deck format {fmt!r}: expected one of {', '.join(FORMATS)}")
    built = build(pkg, entries, app_url)
    if fmt == "pptx":
        from explainer import pptxdeck

        return pptxdeck.write(built)
    from explainer import pdfdeck

    return pdfdeck.write(built)
