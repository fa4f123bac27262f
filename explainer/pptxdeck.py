"""The deck as a PowerPoint file (python-pptx): opens in PowerPoint, Keynote, Google Slides and LibreOffice.

Every slide keeps its title in the slide's title placeholder (the outline, screen readers and the
"go to slide" list read it), the chart as a picture whose description is the chart's alt text, the
sources as live links, and the takeaway, speaker notes and chart description in the notes pane.
python-pptx is imported only here, when a deck is written.
"""

from __future__ import annotations

import io

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

EMU_PER_PX = 9525                    # 914400 EMU an inch / 96 px an inch: the 1280x720 canvas is 13.33 x 7.5 in
TITLE_ONLY_LAYOUT = 5                # the default template's "Title Only" layout
INK, MUTED, LINK, ACCENT = "262730", "4B535D", "0550AE", "D55E00"


def px(value: float) -> int:
    return int(round(value * EMU_PER_PX))


def _rgb(hex_: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_)


def _title(slide, text: str, box=TITLE_BOX, size: int = TITLE_PT) -> None:
    """The title placeholder, moved onto our canvas and left-aligned."""
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Pt

    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = (px(v) for v in box)
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.margin_left = frame.margin_right = 0
    frame.text = text
    for para in frame.paragraphs:
        para.alignment = PP_ALIGN.LEFT
        for run in para.runs:
            run.font.size, run.font.bold, run.font.color.rgb = Pt(size), True, _rgb(INK)


def _text_box(slide, box, size: int, color: str = INK):
    """A wrapping text box; returns its text frame (first paragraph empty, ready for runs)."""
    from pptx.util import Pt

    shape = slide.shapes.add_textbox(*(px(v) for v in box))
    frame = shape.text_frame
    frame.word_wrap = True
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, 0)
    frame.paragraphs[0].font.size = Pt(size)
    frame.paragraphs[0].font.color.rgb = _rgb(color)
    return frame


def _run(paragraph, text: str, size: int, color: str = INK, url: str = "", bold: bool = False) -> None:
    from pptx.util import Pt

    run = paragraph.add_run()
    run.text = text
    run.font.size, run.font.bold = Pt(size), bold
    run.font.color.rgb = _rgb(LINK if url else color)
    if url:
        run.hyperlink.address = url


def _links(paragraph, prefix: str, links: tuple[Link, ...], more: int, size: int) -> None:
    """`Sources: A · B · C · and N more in the references`, each cite a live link."""
    _run(paragraph, f"{prefix}: ", size, MUTED)
    for n, link in enumerate(links):
        if n:
            _run(paragraph, " · ", size, MUTED)
        _run(paragraph, link.text, size, url=link.url if link.url.startswith(("http://", "https://")) else "")
    if more:
        _run(paragraph, f" · and {more} more in the references", size, MUTED)
    if not links:
        _run(paragraph, "see the references", size, MUTED)


def _notes(slide, text: str) -> None:
    if text:
        slide.notes_slide.notes_text_frame.text = text


def _picture(slide, png: bytes, alt: str, name: str, box) -> None:
    """The image, with `alt` as its description (what a screen reader and PowerPoint's Alt Text read)."""
    pic = slide.shapes.add_picture(io.BytesIO(png), *(px(v) for v in box))
    props = pic._element.nvPicPr.cNvPr  # python-pptx has no API for descr: set the DrawingML attribute
    props.set("descr", alt)
    props.set("name", name)


def title_slide(prs, deck: Deck, s: ExportSlide) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    qr_side = 300 if deck.qr else 0
    text_w = WIDTH - 2 * MARGIN - (qr_side + 40 if qr_side else 0)
    _title(slide, s.title, (MARGIN, 90, text_w, 90), 48)
    frame = _text_box(slide, (MARGIN, 190, text_w, 250), BODY_PT)
    for n, line in enumerate(s.lines):
        para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        _run(para, line, BODY_PT + (2 if n == 0 else 0), MUTED if n == 0 else INK, bold=n == 0)
        para.space_after = px(8)
    warn = _text_box(slide, (MARGIN, 470, text_w, 110), 16)
    _run(warn.paragraphs[0], deck.disclaimer, 16, ACCENT, bold=True)
    if deck.qr:
        _picture(slide, deck.qr, f"QR code linking to this deck: {deck.address}", "QR code",
                 (WIDTH - MARGIN - qr_side, 150, qr_side, qr_side))
        cap = _text_box(slide, (WIDTH - MARGIN - qr_side - 30, 460, qr_side + 30, 120), SOURCES_PT, MUTED)
        _run(cap.paragraphs[0], "This deck, live: ", SOURCES_PT, MUTED)
        _run(cap.paragraphs[0], deck.address, SOURCES_PT, url=deck.address)
    _notes(slide, s.notes)


def chart_slide(prs, s: ExportSlide) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    _title(slide, s.title)
    _picture(slide, s.image, s.alt, f"Chart: {s.chart_key}", CHART_BOX)
    frame = _text_box(slide, SOURCES_BOX, SOURCES_PT, MUTED)
    _links(frame.paragraphs[0], "Sources", s.sources, s.more, SOURCES_PT)
    _notes(slide, s.notes)


def references_slide(prs, deck: Deck, s: ExportSlide) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    _title(slide, s.title)
    col_w = (WIDTH - 2 * MARGIN - 40) // 2
    for c in range(2):
        part = s.sources[c * REFS_PER_COLUMN:(c + 1) * REFS_PER_COLUMN]
        if not part:
            continue
        frame = _text_box(slide, (MARGIN + c * (col_w + 40), 120, col_w, 480), SOURCES_PT)
        for n, link in enumerate(part):
            para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
            _run(para, link.text, SOURCES_PT, url=link.url if link.url.startswith(("http://", "https://")) else "")
    if not s.sources:
        frame = _text_box(slide, (MARGIN, 120, WIDTH - 2 * MARGIN, 60), BODY_PT)
        _run(frame.paragraphs[0], "These slides cite no sources.", BODY_PT)
    warn = _text_box(slide, (MARGIN, HEIGHT - 76, WIDTH - 2 * MARGIN, 56), SOURCES_PT, ACCENT)
    _run(warn.paragraphs[0], deck.disclaimer, SOURCES_PT, ACCENT)
    _notes(slide, s.notes)


def _widen_template(prs, width: int, height: int) -> None:
    """16:9 slides, with the default template's master and layouts stretched to match, so a slide a
    presenter adds in PowerPoint gets placeholders across the whole width (the template is 4:3)."""
    sx, sy = width / prs.slide_width, height / prs.slide_height
    prs.slide_width, prs.slide_height = width, height
    for part in (prs.slide_master, *prs.slide_layouts):
        for shape in part.shapes:
            if getattr(shape._element, "xfrm", None) is None:  # inherits its place from the master: done there
                continue
            shape.left, shape.width = int(shape.left * sx), int(shape.width * sx)
            shape.top, shape.height = int(shape.top * sy), int(shape.height * sy)


def write(deck: Deck) -> bytes:
    """The deck as .pptx bytes: 16:9, one slide per ExportSlide."""
    from pptx import Presentation

    prs = Presentation()
    _widen_template(prs, px(WIDTH), px(HEIGHT))
    prs.core_properties.title = "Ketamine, Explained"
    prs.core_properties.subject = "Slides from the sourced explainer; educational, not medical advice"
    for s in deck.slides:
        if s.kind == "title":
            title_slide(prs, deck, s)
        elif s.kind == "chart":
            chart_slide(prs, s)
        else:
            references_slide(prs, deck, s)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
