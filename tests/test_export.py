"""Exporters: citations parse back to the same entries; the data ZIP holds a package that validates."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import bibtexparser
import pytest
import rispy

from explainer import export, tables
from tests.conftest import ROOT


def test_bibtex_parses_back_with_the_same_dois(pkg):
    src = pkg.tables["sources"]
    lib = bibtexparser.parse_string(export.bibtex(src))
    assert not lib.failed_blocks and len(lib.entries) == len(src)
    dois = {e.fields_dict["doi"].value for e in lib.entries if "doi" in e.fields_dict}
    assert dois == set(src["doi"].dropna())
    assert {e.key for e in lib.entries} == set(src["source_id"])


def test_bibtex_keeps_organisations_whole(pkg):
    text = export.bibtex(pkg.tables["sources"])
    orgs = [a for a in pkg.tables["sources"]["authors"] if "," not in a and " and " in a]
    for org in orgs:
        assert "{" + org.replace("&", "\\&") + "}" in text


def test_ris_parses_back_with_the_same_dois(pkg):
    src = pkg.tables["sources"]
    records = rispy.loads(export.ris(src))
    assert len(records) == len(src)
    assert {r["doi"] for r in records if "doi" in r} == set(src["doi"].dropna())


def test_data_zip_contains_a_valid_package(tmp_path, pkg):
    blob = export.data_zip(pkg.data_dir)
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        names = set(z.namelist())
        z.extractall(tmp_path)
    assert "ketamine-explained-data/datapackage.json" in names and "ketamine-explained-data/README.md" in names
    assert tables.read_package(tmp_path / "ketamine-explained-data").problems == []


@pytest.mark.slow
def test_cli_cite_formats():
    for fmt, marker in (("bibtex", "@article{"), ("ris", "TY  - ")):
        out = subprocess.run([sys.executable, "-m", "explainer", "cite", "--format", fmt], cwd=ROOT,
                             capture_output=True, text=True)
        assert out.returncode == 0 and marker in out.stdout


def handout_text(pkg) -> tuple[str, list]:
    from explainer import describe, registry

    charts = [c for _, c in registry.available(pkg)]
    return export.handout_html(pkg, describe.DISCLAIMER, url="http://example.test/"), charts


def test_handout_is_self_contained_html(pkg):
    from html.parser import HTMLParser

    text, specs = handout_text(pkg)

    class Collect(HTMLParser):
        def __init__(self):
            super().__init__()
            self.external, self.charts, self.scripts, self.text = [], [], 0, []

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "script":
                self.scripts += 1
                if a.get("src"):
                    self.external.append(a["src"])
            if tag in ("link", "img", "iframe", "source") and (a.get("href") or a.get("src") or "").startswith("http"):
                self.external.append(a.get("href") or a.get("src"))
            if tag == "div" and (a.get("id") or "").startswith("chart-"):
                self.charts.append(a["id"])

        def handle_data(self, data):
            self.text.append(data)

    parser = Collect()
    parser.feed(text)
    assert parser.external == []
    assert sorted(parser.charts) == sorted(f"chart-{s.key}" for s in specs)  # each chart exactly once
    assert text.count("Plotly.newPlot") >= len(specs) and text.count("/*! For license information") <= 1
    assert "@import" not in text and "fonts.googleapis" not in text
    for doi in pkg.tables["sources"]["doi"].dropna():
        assert doi in text
    assert "not medical advice" in text
    shown = "".join(parser.text)  # visible text, not attributes: what a reader of the printed page reads
    for chart in specs:
        card = chart.card(pkg.tables)
        assert card.takeaway in shown and card.alt in shown, chart.key


def test_handout_escapes_data_text(data_copy):
    from tests.conftest import set_cell

    set_cell(data_copy, "timeline", 0, "title", '<img src=x onerror=alert(1)>')
    pkg = tables.read_package(data_copy)
    text, _ = handout_text(pkg)
    assert "<img src=x onerror" not in text


@pytest.mark.slow
def test_png_and_svg_have_the_requested_size(pkg):
    import struct

    from explainer import registry

    fig = registry.available(pkg)[0][1].card(pkg.tables).figure
    png = export.image(fig, "png", width=800, height=450, scale=2)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (1600, 900)
    svg = export.image(fig, "svg", width=800, height=450).decode("utf-8")
    assert svg.startswith("<svg") and 'width="800"' in svg and 'height="450"' in svg
