"""The static mirror (`make site`): every page at the app's path with its meta tags, charts, CSVs and
preview; the sitemap, citation files and data ZIP; nothing loaded from elsewhere; data text inert;
the app's optional link to the mirror. Browser checks are in tests/e2e/test_site.py."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import pandas as pd
import pytest
import rispy
from PIL import Image

from explainer import describe, memo, registry, static_html, static_site, tables
from explainer.describe import DISCLAIMER
from tests.conftest import ROOT, SITE_APP_URL, SITE_BASE_URL, run_page, set_cell

HOSTILE = '</script><script>alert(1)</script>"><img src=x onerror=alert(1)>'


class Parsed(HTMLParser):
    """What a page declares: html lang, title, meta, headings, links, scripts, images, chart divs."""

    def __init__(self, text: str):
        super().__init__()
        self.lang, self.title, self.meta, self.headings = None, "", {}, []
        self.links, self.scripts, self.images, self.charts, self.json_blocks = [], [], [], [], {}
        self._in, self._script_id = None, None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "meta" and ("name" in a or "property" in a):
            self.meta[a.get("name") or a.get("property")] = a.get("content")
        elif tag in ("h1", "h2", "h3", "h4", "title"):
            self._in = tag
            if tag != "title":
                self.headings.append([int(tag[1]), ""])
        elif tag == "a" or tag == "link":
            self.links.append(a)
        elif tag == "script":
            self.scripts.append(a)
            self._script_id = a.get("id") if a.get("type") == "application/json" else None
            if self._script_id:
                self.json_blocks[self._script_id] = ""
        elif tag == "img":
            self.images.append(a)
        elif tag == "div" and "chart" in (a.get("class") or "").split():
            self.charts.append(a)

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None
        if tag == "script":
            self._script_id = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in:
            self.headings[-1][1] += data
        if self._script_id:
            self.json_blocks[self._script_id] += data


def page_file(site: Path, page: registry.Page) -> Path:
    return site / page.path / "index.html" if page.path else site / "index.html"


@pytest.fixture(scope="module")
def parsed(site_dir) -> dict[str, Parsed]:
    return {p.name: Parsed(page_file(site_dir, p).read_text(encoding="utf-8")) for p in registry.PAGES}


def test_every_page_is_written_at_the_apps_path(site_dir):
    for p in registry.PAGES:
        assert page_file(site_dir, p).is_file(), p.url
    assert (site_dir / "onset" / "index.html").is_file() and (site_dir / "index.html").is_file()


@pytest.mark.parametrize("page", registry.PAGES, ids=lambda p: p.name)
def test_page_head_tells_search_engines_and_link_previews_what_it_is(parsed, page):
    doc = parsed[page.name]
    url = SITE_BASE_URL + (page.path + "/" if page.path else "")
    assert doc.lang == "en"
    assert doc.title == (f"{page.title} · Ketamine, Explained" if page.path else "Ketamine, Explained")
    assert doc.meta["description"] == page.description == doc.meta["og:description"]
    assert doc.meta["og:title"] == page.question
    assert doc.meta["og:image"] == url + "social.png" and doc.meta["og:url"] == url
    assert doc.meta["twitter:card"] == "summary_large_image"
    assert {"rel": "canonical", "href": url} in doc.links


@pytest.mark.parametrize("page", registry.PAGES, ids=lambda p: p.name)
def test_page_opens_with_its_question_and_headings_in_order(parsed, page):
    levels = [level for level, _ in parsed[page.name].headings]
    assert parsed[page.name].headings[0] == [1, page.question] and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels


@pytest.mark.parametrize("page", registry.PAGES, ids=lambda p: p.name)
def test_page_loads_nothing_from_elsewhere(parsed, site_dir, page):
    doc = parsed[page.name]
    loaded = ([s["src"] for s in doc.scripts if s.get("src")] + [i["src"] for i in doc.images]
              + [a["href"] for a in doc.links if a.get("rel") in ("icon", "stylesheet", "preload", "modulepreload")])
    assert all(not re.match(r"^([a-z]+:)?//", u) for u in loaded), loaded
    folder = page_file(site_dir, page).parent
    assert all((folder / u).resolve().is_file() for u in loaded), loaded
    assert all("defer" in s for s in doc.scripts if s.get("src"))


def test_plotly_js_is_served_once_as_the_partial_bundle_matching_the_python_package(site_dir):
    from plotly.offline.offline import get_plotlyjs_version

    bundles = [p for p in site_dir.rglob("*.js") if "plotly" in p.name]
    assert [p.relative_to(site_dir).as_posix() for p in bundles] == [f"assets/{static_html.PLOTLY_FILE}"]
    head = bundles[0].read_text(encoding="utf-8")[:300]
    assert "plotly.js (basic - minified)" in head and f"v{get_plotlyjs_version()}" in head
    assert bundles[0].stat().st_size < 1_300_000
    site_js = (site_dir / "assets" / "site.js").read_text(encoding="utf-8")
    assert static_html.PLOTLY_FILE in site_js  # fetched by the page's script, on the reader's first interaction


def test_the_partial_bundle_has_every_trace_type_the_charts_use():
    used = {t["type"] for _, c in registry.chart_pages() for t in registry.figure(c).data}
    assert used <= {"scatter", "bar", "pie"}  # what plotly.js-basic holds


@pytest.mark.parametrize("page", [p for p in registry.PAGES if p.charts], ids=lambda p: p.name)
def test_each_chart_has_its_spec_description_sources_and_rows(parsed, site_dir, page):
    doc, folder = parsed[page.name], site_dir / page.path
    assert [d["id"] for d in doc.charts] == [f"chart-{c.key}" for c in page.charts]
    for chart, div in zip(page.charts, doc.charts):
        assert div["aria-label"] == registry.alt(chart) and div["role"] == "figure"
        # reserved, for a phone too: nothing moves when the chart draws
        assert re.fullmatch(r"height:\d+px(;--phone-height:\d+px)?", div["style"])
        spec = json.loads(doc.json_blocks[div["data-spec"]])
        assert spec["config"].get("displayModeBar", True) is True  # a phone's spec draws no mode bar
        if div.get("data-phone-spec"):
            assert json.loads(doc.json_blocks[div["data-phone-spec"]])["config"]["displayModeBar"] is False
        assert [list(t.get("ids") or []) for t in spec["data"]] == [list(t.get("ids") or [])
                                                                   for t in registry.figure(chart).data]
        rows = pd.read_csv(folder / f"ketamine-explained-{chart.key}.csv")
        expected = registry.rows(chart)
        assert list(rows.columns) == list(expected.columns) and len(rows) == len(expected)
        hrefs = {a.get("href") for a in doc.links}
        assert {r.link for r in registry.sources(chart).itertuples()} <= hrefs
    text = page_file(site_dir, page).read_text(encoding="utf-8")
    assert static_html.esc(registry.takeaway(page.charts[0])) in text
    assert static_html.esc(DISCLAIMER) in text


def test_each_page_links_to_its_counterpart_in_the_app(parsed):
    for p in registry.PAGES:
        assert SITE_APP_URL + p.url in {a.get("href") for a in parsed[p.name].links}, p.url


def test_slides_are_one_page_with_a_section_per_slide(parsed):
    from explainer import deck

    slides = deck.deck(tables.load())
    doc = parsed["present"]
    assert [text for level, text in doc.headings if level == 2] == [
        f"Slide {n}: " + (s.title if s.chart else static_html.SITE_NAME) for n, s in enumerate(slides, 1)]
    assert [d["id"] for d in doc.charts] == [f"chart-slide-{s.key}" for s in slides if s.chart]


def test_sources_page_lists_every_reference_and_offers_the_files(parsed, site_dir, pkg):
    sources = pkg.tables["sources"]
    hrefs = [a.get("href") for a in parsed["sources"].links]
    assert parsed["sources"].headings[-1] == [2, f"References ({len(sources)})"]
    for name in ("ketamine-explained.bib", "ketamine-explained.ris", "ketamine-explained-sources.csv",
                 "ketamine-explained-data.zip"):
        assert name in hrefs and (site_dir / "sources" / name).is_file()
    lib = bibtexparser.parse_string((site_dir / "sources" / "ketamine-explained.bib").read_text(encoding="utf-8"))
    assert not lib.failed_blocks and {e.key for e in lib.entries} == set(sources["source_id"])
    assert len(rispy.loads((site_dir / "sources" / "ketamine-explained.ris").read_text(encoding="utf-8"))) == len(
        sources)


def test_data_zip_holds_a_package_that_validates(site_dir, tmp_path):
    with zipfile.ZipFile(site_dir / "sources" / "ketamine-explained-data.zip") as z:
        z.extractall(tmp_path)
    assert tables.read_package(tmp_path / "ketamine-explained-data").problems == []


def test_every_page_has_a_1200_by_630_preview(site_dir):
    for p in registry.PAGES:  # the conditions chart is taller than the card: laid out larger, scaled to fit
        with Image.open(page_file(site_dir, p).parent / "social.png") as img:
            assert img.size == (1200, 630), p.url
            assert len(img.convert("L").getcolors(256 * 256) or []) > 8  # drawn, not a blank card


def test_sitemap_lists_every_page(site_dir):
    root = ET.parse(site_dir / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in root.findall("s:url/s:loc", ns)]
    assert locs == [SITE_BASE_URL + (p.path + "/" if p.path else "") for p in registry.PAGES]
    assert f"Sitemap: {SITE_BASE_URL}sitemap.xml" in (site_dir / "robots.txt").read_text(encoding="utf-8")


# --- fast checks without a build ---------------------------------------------------------------

def test_data_text_is_inert_in_the_mirror(data_copy, monkeypatch):
    set_cell(data_copy, "timeline", 0, "title", HOSTILE)
    set_cell(data_copy, "claims", 0, "what_evidence_says", HOSTILE)
    monkeypatch.setenv(tables.DATA_DIR_ENV, str(data_copy))
    pages = {}
    for name in ("overview", "history", "claims", "present"):
        text = static_site.page_html(tables.load(), registry.page(name), static_site.Links(), static_site.Bake(False))
        assert "<script>alert" not in text and "<img src=x" not in text, name
        scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", text, flags=re.S)
        assert all("<" not in body for body in scripts), name  # a JSON block cannot close itself or open a tag
        pages[name] = text
    assert static_html.esc(HOSTILE) in pages["claims"]  # shown as text
    assert "\\u0026lt;/script\\u0026gt;" in pages["history"]  # hover text: escaped for Plotly, then for HTML


def test_the_overview_opens_with_its_lead_chart_as_the_app_does():
    """The page a shared link lands on shows the picture first: the chart the overview declares as its
    lead, before the headline figures, in the mirror as in the app."""
    page = registry.page("overview")
    assert page.lead in {c.key for p in registry.PAGES for c in p.charts if p is not page}
    text = static_site.page_html(tables.load(), page, static_site.Links(), static_site.Bake(False))
    first_figure = memo.call(memo.of_tables, describe.headlines)[0].label
    assert text.index(f'id="chart-{page.lead}"') < text.index(static_html.esc(first_figure))
    assert len(run_page("overview").get("plotly_chart")) == 1


@pytest.mark.parametrize("url,expected", [("https://x.test/a", "https://x.test/a"), ("javascript:alert(1)", "#"),
                                          ("//evil.test", "#")])
def test_only_http_links_are_written(url, expected):
    assert static_html.href(url) == expected


def test_a_broken_data_package_builds_no_mirror(data_copy, monkeypatch, tmp_path):
    set_cell(data_copy, "onset", 0, "value_pct", "not a number")
    monkeypatch.setenv(tables.DATA_DIR_ENV, str(data_copy))
    with pytest.raises(tables.DataError):
        static_site.build(tmp_path / "site", images=False)
    assert not (tmp_path / "site").exists()


def test_a_folder_that_is_not_a_mirror_is_never_replaced(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError):
        static_site.prepare(tmp_path)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_workflow_builds_the_mirror_and_deploys_it_to_pages():
    import yaml

    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    runs = " ".join(s.get("run", "") for s in build["steps"])
    uses = [s.get("uses", "") for s in build["steps"] + deploy["steps"]]
    assert "make site" in runs and any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses) and deploy["needs"] == "build"
    assert flow["permissions"]["pages"] == "write" and flow["permissions"]["id-token"] == "write"
    artifact = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert artifact["with"]["path"] == "build/site"


# --- the app's link to the mirror --------------------------------------------------------------

def static_links(at) -> list[str]:
    return [m.value for m in at.main.markdown if "Static version" in m.value]


def test_app_shows_no_static_link_unless_configured(monkeypatch):
    monkeypatch.delenv("KETAMINE_STATIC_URL", raising=False)
    assert static_links(run_page("onset")) == []


def test_app_links_each_page_to_its_static_copy(monkeypatch):
    monkeypatch.setenv("KETAMINE_STATIC_URL", "https://mirror.example.test/ketamine")
    assert static_links(run_page("onset")) == [
        ":small[:material/bolt: [Static version](https://mirror.example.test/ketamine/onset/) of this page: "
        "loads instantly, each chart in its default view]"]
    assert "(https://mirror.example.test/ketamine/)" in static_links(run_page("overview"))[0]


def test_app_reads_the_mirror_address_from_a_secret(monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.delenv("KETAMINE_STATIC_URL", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets["static_url"] = "https://secret.example.test/"
    at.run()
    assert "(https://secret.example.test/)" in static_links(at)[0]


def test_app_ignores_a_mirror_address_that_is_not_http(monkeypatch):
    monkeypatch.setenv("KETAMINE_STATIC_URL", "javascript:alert(1)")
    assert static_links(run_page("overview")) == []


def test_json_blocks_round_trip():
    value = {"text": HOSTILE, "line": "\u2028"}
    block = static_html.json_block("x", value)
    body = block.split(">", 1)[1].rsplit("</script>", 1)[0]
    assert "<" not in body and json.loads(body) == value

