"""The deck as one PDF (fpdf2, pure Python): 16:9 pages, selectable text, live links.

The same slides as the PowerPoint file, placed on the same canvas: each chart as its PNG (with the
chart's description as the image's alternative text), titles and sources as real text in an embedded
Unicode font, each citation a link annotation. Built locally without a browser or network; fpdf2 is
imported only here, when a PDF is written.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from explainer.deckcontent import (
    BODY_PT,
    CHART_BOX,
    HEIGHT,
    MARGIN,
    REFS_PER_COLUMN,
    SOURCES_BOX,
    SOURCES_PT,
    TITLE_BOX,
    TITLE_PT,
    WIDTH,
    Deck,
    ExportSlide,
    Link,
)

PT_PER_PX = 0.75                     # 72 pt an inch / 96 px an inch
FONT = "Deck"
FONT_FILES = (  # a Unicode font with a bold face (titles carry ≤, –, µ …); the first one installed is used
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
)
INK, MUTED, LINK, ACCENT = (38, 39, 48), (75, 83, 93), (5, 80, 174), (213, 94, 0)


def pt(value: float) -> float:
    return value * PT_PER_PX


def _font(pdf) -> str:
    """Register the first installed Unicode font; without one, the core Helvetica (Latin-1 text only)."""
    for regular, bold in FONT_FILES:
        if Path(regular).exists() and Path(bold).exists():
            pdf.add_font(FONT, "", regular)
            pdf.add_font(FONT, "B", bold)
            return FONT
    return "helvetica"


LATIN1 = str.maketrans({"–": "-", "—": "-", "≤": "<=", "≥": ">=", "“": '"', "”": '"', "‘": "'", "’": "'",
                        "…": "...", "→": "->", "−": "-"})


def _safe(pdf, text: str) -> str:
    """Text the chosen font can draw (the core font: Latin-1, common signs spelled out, anything else '?')."""
    if pdf.font_family == FONT.lower():
        return text
    return text.translate(LATIN1).encode("latin-1", "replace").decode("latin-1")


def _live(link: Link) -> str:
    return link.url if link.url.startswith(("http://", "https://")) else ""


def _box_text(pdf, box, text: str, size: int, color=INK, bold: bool = False, align: str = "L") -> None:
    """Wrapped text inside a canvas box (px)."""
    x, y, w, h = box
    pdf.set_font(style="B" if bold else "", size=size)
    pdf.set_text_color(*color)
    pdf.set_xy(pt(x), pt(y))
    pdf.multi_cell(pt(w), size * 1.2, _safe(pdf, text), align=align, new_x="LMARGIN", new_y="NEXT")


def _flow_links(pdf, box, prefix: str, links: tuple[Link, ...], more: int, size: int) -> None:
    """`Sources: A · B …` inside the box, each cite a link annotation. A cite moves whole to the next line
    (fpdf2's own flowing text would split a name at the line's end)."""
    x, y, w, _ = box
    pieces = [(f"{prefix}: ", "", MUTED)]
    for n, link in enumerate(links):
        pieces += [(" · ", "", MUTED)] if n else []
        pieces.append((link.text, _live(link), LINK if _live(link) else INK))
    pieces.append((f" · and {more} more in the references" if more else "" if links else "see the references",
                   "", MUTED))
    pdf.set_font(style="", size=size)
    line, left, right = size * 1.25, pt(x), pt(x + w)
    pdf.set_xy(left, pt(y))
    for text, url, color in pieces:
        for word in _words(pdf, _safe(pdf, text), url, right - left):
            width = pdf.get_string_width(word)
            if pdf.get_x() + width > right and pdf.get_x() > left:
                pdf.set_xy(left, pdf.get_y() + line)
            pdf.set_text_color(*color)
            pdf.cell(width, line, word, link=url)


def _words(pdf, text: str, url: str, width: float) -> list[str]:
    """What may move to the next line as a whole: a linked cite (cut into lines only when wider than a
    line, e.g. a long address), else each word with the space after it."""
    if not url:
        return re.findall(r"\S+\s*|\s+", text)
    parts, current = [], ""
    for ch in text:
        if current and pdf.get_string_width(current + ch) > width:
            parts.append(current)
            current = ""
        current += ch
    return parts + [current]


def title_page(pdf, deck: Deck, s: ExportSlide) -> None:
    qr_side = 300 if deck.qr else 0
    text_w = WIDTH - 2 * MARGIN - (qr_side + 40 if qr_side else 0)
    _box_text(pdf, (MARGIN, 100, text_w, 80), s.title, 48, bold=True)
    y = 190
    for n, line in enumerate(s.lines):
        _box_text(pdf, (MARGIN, y, text_w, 60), line, BODY_PT + (2 if n == 0 else 0), MUTED if n == 0 else INK,
                  bold=n == 0)
        y = pdf.get_y() / PT_PER_PX + 10
    _box_text(pdf, (MARGIN, max(y + 20, 470), text_w, 110), deck.disclaimer, 16, ACCENT, bold=True)
    if deck.qr:
        pdf.image(io.BytesIO(deck.qr), x=pt(WIDTH - MARGIN - qr_side), y=pt(150), w=pt(qr_side), h=pt(qr_side),
                  link=deck.address, alt_text=f"QR code linking to this deck: {deck.address}")
        _flow_links(pdf, (WIDTH - MARGIN - qr_side - 30, 460, qr_side + 30, 120), "This deck, live",
                    (Link(deck.address, deck.address),), 0, SOURCES_PT)


def chart_page(pdf, s: ExportSlide) -> None:
    _box_text(pdf, TITLE_BOX, s.title, TITLE_PT, bold=True)
    x, y, w, h = CHART_BOX
    pdf.image(io.BytesIO(s.image), x=pt(x), y=pt(y), w=pt(w), h=pt(h), alt_text=s.alt)
    _flow_links(pdf, SOURCES_BOX, "Sources", s.sources, s.more, SOURCES_PT)


def references_page(pdf, deck: Deck, s: ExportSlide) -> None:
    _box_text(pdf, TITLE_BOX, s.title, TITLE_PT, bold=True)
    col_w = (WIDTH - 2 * MARGIN - 40) // 2
    pdf.set_font(style="", size=SOURCES_PT)
    line = SOURCES_PT * 1.2
    for n, link in enumerate(s.sources):
        column, row = divmod(n, REFS_PER_COLUMN)
        pdf.set_xy(pt(MARGIN + column * (col_w + 40)), pt(120) + row * line * 1.1)
        pdf.set_text_color(*(LINK if _live(link) else INK))
        pdf.cell(pt(col_w), line, _safe(pdf, link.text), link=_live(link))
    if not s.sources:
        _box_text(pdf, (MARGIN, 120, WIDTH - 2 * MARGIN, 60), "These slides cite no sources.", BODY_PT)
    _box_text(pdf, (MARGIN, HEIGHT - 76, WIDTH - 2 * MARGIN, 56), deck.disclaimer, SOURCES_PT, ACCENT)


def write(deck: Deck) -> bytes:
    """The deck as PDF bytes: one 16:9 page (960 x 540 pt) per slide."""
    from fpdf import FPDF

    pdf = FPDF(orientation="landscape", unit="pt", format=(pt(HEIGHT), pt(WIDTH)))
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.set_title("Ketamine, Explained")
    pdf.set_subject("Slides from the sourced explainer; educational, not medical advice")
    pdf.set_lang("en")
    pdf.set_font(_font(pdf), size=BODY_PT)
    for s in deck.slides:
        pdf.add_page()
        if s.kind == "title":
            title_page(pdf, deck, s)
        elif s.kind == "chart":
            chart_page(pdf, s)
        else:
            references_page(pdf, deck, s)
    return bytes(pdf.output())
