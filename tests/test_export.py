"""Exporters: citations parse back to the same entries; the data ZIP holds a package that validates."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import bibtexparser
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


def test_cli_cite_formats():
    for fmt, marker in (("bibtex", "@article{"), ("ris", "TY  - ")):
        out = subprocess.run([sys.executable, "-m", "explainer", "cite", "--format", fmt], cwd=ROOT,
                             capture_output=True, text=True)
        assert out.returncode == 0 and marker in out.stdout
