"""Decks: the `deck=` link, the PowerPoint and PDF files it exports, and the slides page that reads it."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys

import pytest

from explainer import deck, deckcontent, deckspec, describe, export, registry
from tests.conftest import ROOT, SITE_APP_URL, run_page

APP = "https://app.example.test"
CUSTOM = "onset:measure=remission,conditions:group=mood|pain,onset-effect"


@pytest.fixture(scope="module")
def charts(pkg):
    return [c for _, c in registry.available(pkg)]


def parse(raw, pkg, charts):
    return deckspec.parse(raw, charts, pkg.tables)


# --- the link ---------------------------------------------------------------------------------

def test_a_link_names_slides_in_order_with_their_views(pkg, charts):
    entries, notices = parse(CUSTOM, pkg, charts)
    assert notices == []
    assert [e.key for e in entries] == ["onset", "conditions", "onset-effect"]
    assert entries[0].kwargs() == {"measure": "remission"}
    assert entries[1].kwargs() == {"group": ("mood", "pain")}
    assert entries[2].kwargs() == {}
    assert deckspec.spec(entries) == CUSTOM  # a copied link reads back to the same deck


def test_case_spacing_and_a_page_s_own_parameter_name_are_forgiven(pkg, charts):
    entries, notices = parse(" ONSET : Measure = Remission : view=Placebo-Subtracted , history:categories=approval",
                             pkg, charts)
    assert notices == []  # `view` is the values filter's older name, `categories` the plural of `category`
    assert entries[0].kwargs() == {"measure": "remission", "values": "placebo-subtracted"}
    assert entries[1].kwargs() == {"category": ("approval",)}


@pytest.mark.parametrize("raw,kept,named", [
    ("onset-effec,conditions", ["conditions"], "Left out deck entry `onset-effec`: no slide `onset-effec`"),
    ("onset:measur=remission", ["onset"], "Ignored `measur=remission` in deck entry `onset`: no parameter `measur`"),
    ("onset:measure=sometimes", ["onset"], "Ignored `measure=sometimes` in deck entry `onset`: expected one of "
                                           "response, remission"),
    ("conditions:groups=mood|nonsense", ["conditions"], "Ignored `groups=mood|nonsense` in deck entry `conditions`"),
    ("onset:values=perhaps", ["onset"], "Ignored `values=perhaps` in deck entry `onset`: expected one of absolute, "
                                        "placebo-subtracted"),
    ("safety:x=1", ["safety"], "Ignored `x=1` in deck entry `safety`: no parameter `x`; its parameters: none"),
    ("mechanism:step=`abc`", ["mechanism"], "Ignored `step='abc'` in deck entry `mechanism`"),
    ("onset:measure", ["onset"], "expected name=value, not `measure`"),
    ("mechanism:step=0", ["mechanism"], "Ignored `step=0` in deck entry `mechanism`: expected a whole number from 1"),
])
def test_a_bad_entry_is_named_and_the_rest_kept(pkg, charts, raw, kept, named):
    entries, notices = parse(raw, pkg, charts)
    assert [e.key for e in entries] == kept
    assert any(named in n for n in notices), notices
    assert all(e.view == () for e in entries)  # a bad value falls back to the default view


def test_a_number_filter_takes_a_number_among_its_choices(pkg, charts):
    entries, notices = parse("mechanism:step=3", pkg, charts)
    assert notices == [] and entries[0].kwargs() == {"step": 3}


def test_values_come_from_the_data_not_a_list_in_code(pkg):
    groups = deckspec.choices(registry.chart("conditions"), "group", pkg.tables)
    assert set(groups) == set(pkg.tables["conditions"]["group"])
    assert deckspec.choices(registry.chart("onset"), "measure", pkg.tables) == tuple(
        m for m in pkg.tables["onset"].attrs["enums"]["measure"] if m in set(pkg.tables["onset"]["measure"]))
    main = pkg.tables["mechanism"][pkg.tables["mechanism"]["pathway"] == "main"]
    assert deckspec.choices(registry.chart("mechanism"), "step", pkg.tables) == tuple(str(int(s)) for s in main["step"])


def test_no_link_or_only_bad_entries_give_the_default_deck(pkg, charts):
    assert parse("", pkg, charts) == ((), [])
    entries, notices = parse("nope,,also-nope", pkg, charts)
    assert entries == () and len(notices) == 2
    assert deckspec.slides(pkg, entries) == deck.deck(pkg)


def test_a_long_link_is_cut_with_a_notice(pkg, charts):
    entries, notices = parse(",".join(["safety"] * 40), pkg, charts)
    assert len(entries) == deckspec.MAX_ENTRIES and any("first 30 of 40" in n for n in notices)


def test_chosen_slides_follow_the_title_slide(pkg):
    entries, _ = deckspec.read(pkg, CUSTOM)
    chosen = deckspec.slides(pkg, entries)
    assert chosen[0] == deck.deck(pkg)[0]
    assert [(s.chart.key, s.kwargs()) for s in chosen[1:]] == [(e.key, e.kwargs()) for e in entries]


# --- /present ---------------------------------------------------------------------------------

def test_present_shows_a_linked_deck_in_its_view():
    at = run_page("present", {"deck": CUSTOM, "slide": "2"})
    assert not at.exception, at.exception
    assert any("Slide 2 of 4" in (p.proto.text or "") for p in at.get("progress"))
    shown = json.loads(at.get("plotly_chart")[0].proto.spec)
    expected = registry.figure(registry.chart("onset"), height=deck.CHART_HEIGHT, measure="remission").to_dict()
    assert shown["data"] == json.loads(json.dumps(expected["data"], default=str))


def test_present_names_a_malformed_entry_and_renders_the_rest():
    at = run_page("present", {"deck": "claims,nonsense:x=1,onset:measure=weekly", "slide": "3"})
    assert not at.exception, at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "Left out deck entry `nonsense:x=1`" in captions
    assert "Ignored `measure=weekly` in deck entry `onset`" in captions
    assert any("Slide 3 of 3" in (p.proto.text or "") for p in at.get("progress"))
    assert len(at.get("plotly_chart")) == 1  # the trial arms, in their default view


def test_deck_menu_composes_a_link_from_slides_and_views():
    at = run_page("present", {"deck": "onset:measure=remission"})
    at.session_state["deck-menu"] = True
    at.run()
    assert at.multiselect(key="deck-slides").value == ["onset"]
    assert at.selectbox(key="deck-onset-measure").value == "remission"
    assert at.code[0].value.endswith("/present?deck=onset:measure=remission")
    assert [b.proto.label for b in at.get("download_button")] == ["Slides (PowerPoint)", "Slides (PDF)"]
    at.multiselect(key="deck-slides").set_value(["claims", "onset"]).run()
    at.selectbox(key="deck-onset-measure").set_value("response").run()
    at.selectbox(key="deck-onset-values").set_value("placebo-subtracted").run()
    assert at.code[0].value.endswith("/present?deck=claims,onset:values=placebo-subtracted")
    at.button(key="deck-use").click().run()
    assert not at.exception, at.exception
    assert at.query_params["deck"] in ("claims,onset:values=placebo-subtracted",
                                       ["claims,onset:values=placebo-subtracted"])
    assert any("Slide 1 of 3" in (p.proto.text or "") for p in at.get("progress"))


# --- the files ----------------------------------------------------------------------------------

def pixels(png: bytes) -> str:
    from PIL import Image

    return hashlib.sha256(Image.open(io.BytesIO(png)).convert("RGB").tobytes()).hexdigest()


@pytest.fixture(scope="module")
def custom(pkg):
    """The linked deck, built once: its content, its PowerPoint and its PDF."""
    from explainer import pdfdeck, pptxdeck

    entries, _ = deckspec.read(pkg, CUSTOM)
    built = deckcontent.build(pkg, entries, APP)
    return entries, built, pptxdeck.write(built), pdfdeck.write(built)


@pytest.fixture(scope="module")
def presentation(custom):
    from pptx import Presentation

    return Presentation(io.BytesIO(custom[2]))


def chart_slides(presentation):
    """The chart slides: every slide after the title slide and before the references."""
    return [s for s in list(presentation.slides)[1:] if not s.shapes.title.text.startswith("References")]


@pytest.mark.slow
def test_pptx_has_the_slides_in_order_at_16_9(presentation, custom):
    entries, built, *_ = custom
    assert presentation.slide_width * 9 == presentation.slide_height * 16
    parts = [presentation.slide_master, *presentation.slide_layouts, *presentation.slides]
    assert all(0 <= sh.left and sh.left + sh.width <= presentation.slide_width for part in parts for sh in part.shapes
               if sh.width)  # a slide a presenter adds gets placeholders across the 16:9 width, none beyond it
    assert max(sh.left + sh.width for sh in presentation.slide_master.shapes) > 0.9 * presentation.slide_width
    assert len(presentation.slides) == len(built.slides) == 1 + len(entries) + sum(
        s.kind == "references" for s in built.slides)
    titles = [s.shapes.title.text for s in presentation.slides]
    assert titles[0] == deckcontent.SITE
    assert titles[1:4] == [deckcontent.headline(e.chart, **e.kwargs()) for e in entries]
    assert titles[4].startswith("References")


@pytest.mark.slow
def test_pptx_title_slide_has_the_disclaimer_and_a_qr_code_of_the_deck(presentation, custom):
    title = list(presentation.slides)[0]
    text = " ".join(sh.text_frame.text for sh in title.shapes if sh.has_text_frame)
    assert describe.DISCLAIMER in text
    address = custom[1].address
    assert address == f"{APP}/present?deck={CUSTOM}"
    qr = [sh for sh in title.shapes if sh.shape_type == 13]
    assert len(qr) == 1 and address in qr[0]._element.nvPicPr.cNvPr.get("descr")
    assert qr[0].image.blob == deckcontent.qr_png(address)


@pytest.mark.slow
def test_pptx_chart_images_are_the_charts_of_their_views(presentation, custom, pkg):
    chosen = deckspec.slides(pkg, custom[0])[1:]  # a chart split over slides has one per part
    assert len(chart_slides(presentation)) == len(chosen)
    for slide, s in zip(chart_slides(presentation), chosen):
        (picture,) = [sh for sh in slide.shapes if sh.shape_type == 13]
        view = s.kwargs()
        fig = registry.figure(s.chart, height=deckcontent.CHART_BOX[3], target="slide", window=s.window,
                              **view).drawable()
        alone = export.image(fig, "png", width=deckcontent.CHART_BOX[2], height=deckcontent.CHART_BOX[3],
                             scale=deckcontent.IMAGE_SCALE)
        assert pixels(picture.image.blob) == pixels(alone), s
        assert picture.image.size == (2 * deckcontent.CHART_BOX[2], 2 * deckcontent.CHART_BOX[3])
        assert picture._element.nvPicPr.cNvPr.get("descr") == registry.alt(s.chart, **view)
        assert slide.shapes.title.text == deckcontent.slide_title(s.chart, view, s.part)
    default = export.image(deckcontent.chart_figure(registry.chart("onset")),
                           "png", width=deckcontent.CHART_BOX[2], height=deckcontent.CHART_BOX[3], scale=2)
    first = [sh for sh in chart_slides(presentation)[0].shapes if sh.shape_type == 13][0]
    assert pixels(first.image.blob) != pixels(default)  # remission, not the default response view


@pytest.mark.slow
def test_pptx_notes_sources_and_links(presentation, custom, pkg):
    chosen = deckspec.slides(pkg, custom[0])[1:]
    for slide, s in zip(chart_slides(presentation), chosen):
        entry, view = s, s.kwargs()
        notes = slide.notes_slide.notes_text_frame.text
        assert registry.takeaway(entry.chart, **view) in notes
        assert deck.speaker_notes(registry.card(entry.chart, **view)) in notes
        assert registry.alt(entry.chart, **view) in notes
        cited = registry.sources(entry.chart, **view)
        links = [r.hyperlink.address for sh in slide.shapes if sh.has_text_frame
                 for p in sh.text_frame.paragraphs for r in p.runs if r.hyperlink.address]
        assert links == list(cited["link"][:deck.CAPTION_SOURCES])
    refs = [r.hyperlink.address for s in list(presentation.slides)[1 + len(chosen):] for sh in s.shapes
            if sh.has_text_frame for p in sh.text_frame.paragraphs for r in p.runs if r.hyperlink.address]
    every = {link for e in chosen for link in registry.sources(e.chart, **e.kwargs())["link"]}
    assert set(refs) == every and len(refs) == len(every)


@pytest.mark.slow
def test_pdf_has_the_same_slides_with_text_and_live_links(custom):
    import pypdf

    entries, built, _, pdf = custom
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == len(built.slides)
    assert all((float(p.mediabox.width), float(p.mediabox.height)) == (960, 540) for p in reader.pages)
    texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert "Ketamine, Explained" in texts[0] and " ".join(describe.DISCLAIMER.split()) in texts[0]
    charts = [x for x in built.slides if x.kind == "chart"]
    for text, page, made in zip(texts[1:], reader.pages[1:], charts):
        chart, view = registry.chart(made.chart_key), dict(made.view)
        assert " ".join(made.title.split()) in text
        cited = registry.sources(chart, **view)
        assert "Sources:" in text and all(c in text for c in cited["cite"][:deck.CAPTION_SOURCES])
        uris = [a.get_object()["/A"]["/URI"] for a in page.get("/Annots", [])]
        assert list(dict.fromkeys(uris)) == list(cited["link"][:deck.CAPTION_SOURCES])  # a wrapped cite: 2 areas
    assert texts[1 + len(charts)].startswith("References")


@pytest.mark.slow
def test_cli_writes_a_deck_and_refuses_a_link_with_no_valid_slide(tmp_path):
    out = tmp_path / "d.pptx"
    ok = subprocess.run([sys.executable, "-m", "explainer", "deck", "--format", "pptx", "--deck", "claims,nope",
                         "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stderr[-2000:]
    assert "deck written" in ok.stdout and "Left out deck entry nope" in ok.stderr
    from pptx import Presentation

    titles = [s.shapes.title.text for s in Presentation(str(out)).slides]
    assert titles[:2] == [deckcontent.SITE, deckcontent.headline(registry.chart("claims"))]
    bad = subprocess.run([sys.executable, "-m", "explainer", "deck", "--format", "pdf", "--deck", "nope",
                          "--out", str(tmp_path / "x.pdf")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "no slide nope" in bad.stderr and not (tmp_path / "x.pdf").exists()


# --- as an office suite draws it ----------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
DOCS_IMAGE = ROOT / "docs" / "img" / "deck-slide.png"


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (scripts/ensure-libreoffice.sh installs it)")
def test_libreoffice_draws_a_chart_slide_as_exported(custom, tmp_path):
    """One chart slide alone, converted to PNG by LibreOffice headless: the chart sits in its box as rendered."""
    from PIL import Image, ImageChops, ImageStat
    from pptx import Presentation

    prs = Presentation(io.BytesIO(custom[2]))
    ids = prs.slides._sldIdLst
    for n, item in reversed(list(enumerate(list(ids)))):
        if n != 3:  # the pooled effects over time
            ids.remove(item)
    prs.save(tmp_path / "slide.pptx")
    env = {**os.environ, "HOME": str(tmp_path)}  # a private LibreOffice profile
    run = subprocess.run([SOFFICE, "--headless", "--convert-to", "png", "--outdir", str(tmp_path),
                          str(tmp_path / "slide.pptx")], capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stderr
    drawn = Image.open(tmp_path / "slide.png").convert("RGB")
    assert drawn.size == (deckcontent.WIDTH, deckcontent.HEIGHT)
    x, y, w, h = deckcontent.CHART_BOX
    chart = Image.open(io.BytesIO(custom[1].slides[3].image)).convert("RGB").resize((w, h), Image.LANCZOS)
    difference = ImageStat.Stat(ImageChops.difference(drawn.crop((x, y, x + w, y + h)), chart)).mean
    assert max(difference) < 6, difference  # the same picture, in the same place (resampling aside)
    title = drawn.crop(deckcontent.TITLE_BOX[:2] + (x + w, deckcontent.TITLE_BOX[1] + deckcontent.TITLE_BOX[3]))
    assert min(title.convert("L").getextrema()) < 80  # the title is drawn, dark on white
    if os.environ.get("UPDATE_SNAPSHOTS"):
        drawn.save(DOCS_IMAGE)


def test_deck_modules_are_free_of_streamlit():
    """The CLI and the mirror build decks without a running app."""
    import ast

    for name in ("deckspec", "deckcontent", "pptxdeck", "pdfdeck", "static_deck"):
        tree = ast.parse((ROOT / "explainer" / f"{name}.py").read_text(encoding="utf-8"))
        imported = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        imported += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not any(i.split(".")[0] == "streamlit" for i in imported), name
        assert "explainer.slides" not in imported and "explainer.share" not in imported, name


@pytest.mark.slow
def test_mirror_ships_the_default_deck_and_the_data_its_links_need(site_dir, pkg):
    import re

    import pypdf
    from pptx import Presentation

    from explainer import static_deck

    (_, pptx_name), (_, pdf_name) = static_deck.FILES
    prs = Presentation(str(site_dir / pptx_name))
    default = deck.deck(pkg)
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles[:len(default)] == [deckcontent.SITE] + [deckcontent.slide_title(s.chart, s.kwargs(), s.part)
                                                          for s in default[1:]]
    address = f"{SITE_APP_URL}/present"
    assert address in " ".join(sh.text_frame.text for sh in prs.slides[0].shapes if sh.has_text_frame)
    assert len(pypdf.PdfReader(str(site_dir / pdf_name)).pages) == len(prs.slides)
    sources = (site_dir / "sources" / "index.html").read_text(encoding="utf-8")
    assert f'href="../{pptx_name}"' in sources and f'href="../{pdf_name}"' in sources
    present = (site_dir / "present" / "index.html").read_text(encoding="utf-8")
    block = re.search(rf'<script type="application/json" id="{static_deck.DATA_ID}">(.*?)</script>', present).group(1)
    data = json.loads(block)
    parts: dict[str, list[str]] = {}
    for n, s in enumerate(default, 1):
        if s.chart:
            parts.setdefault(s.chart.key, []).append(f"slide-{n}")
    assert data["slides"] == parts
    assert set(data["charts"]) == {c.key for _, c in registry.chart_pages()}
    assert data["charts"]["onset"]["params"] == [k for f in registry.chart("onset").filters for k in f.keys]
    assert f'src="../assets/{static_deck.SCRIPT}"' in present and (site_dir / "assets" / static_deck.SCRIPT).is_file()


@pytest.mark.slow
def test_pdf_without_a_unicode_font_spells_signs_out(custom, monkeypatch):
    """A host without DejaVu or Liberation fonts still gets a readable PDF (core Helvetica, Latin-1)."""
    import pypdf

    from explainer import pdfdeck

    monkeypatch.setattr(pdfdeck, "FONT_FILES", ())
    reader = pypdf.PdfReader(io.BytesIO(pdfdeck.write(custom[1])))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert len(reader.pages) == len(custom[1].slides) and "Sources:" in text
    for line in custom[1].slides[0].lines:  # the lead sentence's ranges and signs, spelled in Latin-1
        assert " ".join(line.translate(pdfdeck.LATIN1).split()) in text
    assert "–" not in text
