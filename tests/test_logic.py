"""The small pure pieces every page leans on, each on hand-made values: formatting, cells, citations,
exports, URL parameters, validation rules and the slide deck.

Fast (no app, no browser, no full data package): `make mutate` runs these against every mutant.
"""

from __future__ import annotations

import pandas as pd
import pytest

from explainer import cells, fmt

# --- fmt -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "text"), [
    (3.0, "3"), (3.04, "3"), (2.96, "3"), (3.06, "3.1"), (3.5, "3.5"), (0.25, "0.2"), (9.94, "9.9"), (9.96, "10"),
    (10.4, "10"), (12.6, "13"), (0.0, "0"), (-3.5, "-3.5"), (-12.4, "-12"), (-10.0, "-10"), (100.0, "100"),
])
def test_num_whole_numbers_without_decimals_small_ones_to_one(value, text):
    assert fmt.num(value) == text


@pytest.mark.parametrize(("items", "text"), [
    ([], ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c"), ([1, 2], "1 and 2"),
])
def test_listing(items, text):
    assert fmt.listing(items) == text


@pytest.mark.parametrize(("days", "text"), [
    (40 / 1440, "40 min"), (1 / 1440, "1 min"), (119 / 1440, "119 min"), (0.0833, "2 h"), (2 / 24, "2 h"),
    (6 / 24, "6 h"), (0.999, "24 h"), (1.0, "1 day"), (1.5, "1.5 days"), (2.0, "2 days"), (6.0, "6 days"),
    (7.0, "1 wk"), (10.0, "10 days"), (13.0, "13 days"), (14.0, "2 wk"), (21.0, "3 wk"), (27.0, "27 days"),
    (56.0, "8 wk"), (168.0, "24 wk"),
])
def test_time_label(days, text):
    assert fmt.time_label(days) == text


@pytest.mark.parametrize(("low", "high", "text"), [
    (1.0, 1.0, "1 day"), (10.0, 12.0, "10–12 days"), (1.0, 2.0, "1–2 days"), (7.0, 14.0, "1–2 wk"),
    (40 / 1440, 40 / 1440, "40 min"), (40 / 1440, 1.0, "40 min–1 day"), (6 / 24, 12 / 24, "6–12 h"),
    (27.0, 28.0, "27 days–4 wk"),
])
def test_time_range_shares_a_unit(low, high, text):
    assert fmt.time_range(low, high) == text


@pytest.mark.parametrize(("low", "high", "text"), [
    (None, None, "unknown"), (float("nan"), pd.NA, "unknown"), (20.0, 40.0, "20–40 min"), (48.0, 48.0, "48 min"),
    (None, 30.0, "30 min"), (15.0, float("nan"), "15 min"), (0.5, 1.0, "0.5–1 min"),
])
def test_value_range(low, high, text):
    assert fmt.value_range(low, high, "min") == text


# --- cells ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [None, pd.NA, pd.NaT, float("nan")])
def test_missing_cells(value):
    assert cells.missing(value)


@pytest.mark.parametrize("value", ["", "x", 0, 0.0, False, "nan"])
def test_present_cells(value):
    assert not cells.missing(value)


@pytest.mark.parametrize(("cell", "ids"), [
    (None, []), (float("nan"), []), ("", []), ("a", ["a"]), ("a;b", ["a", "b"]), (" a ; b ;", ["a", "b"]),
    ("a;;b", ["a", "b"]),
])
def test_split_ids(cell, ids):
    assert cells.split_ids(cell) == ids


def test_header_of():
    assert cells.header_of("a,b,\"c,d\"\n1,2,3\n") == ["a", "b", "c,d"]
    assert cells.header_of("") == []


# --- citations -----------------------------------------------------------------------------------

def sources() -> pd.DataFrame:
    return pd.DataFrame({
        "source_id": ["zar", "fda", "kry", "who", "doh"],
        "kind": ["trial", "label", "trial", "guideline", "web"],
        "authors": ["Zarate CA Jr, Singh JB, et al.", "U.S. Food and Drug Administration", "Krystal JH",
                    "World Health Organization, Expert Committee", "Doherty"],
        "year": [2006, 2019, 1994, 2016, 2020],
        "title": ["A {randomized} trial 100% & #1", "Spravato label", "Comparative effects", "Critical review",
                  "Line one\nline two"],
        "venue": ["Arch Gen Psychiatry", "FDA", "Arch Gen Psychiatry", "WHO", "Blog & co"],
        "doi": ["10.1001/x", None, None, None, None], "pmid": [None, "555", "777", None, None],
        "url": ["https://z.example", None, None, "https://who.example", "https://d.example"],
    })


@pytest.mark.parametrize(("authors", "cite"), [
    ("Zarate CA, Singh JB, et al.", "Zarate et al. 2006"), ("Zarate CA Jr, Singh JB", "Zarate et al. 2006"),
    ("Krystal JH", "Krystal 2006"), ("Krystal J.", "Krystal J. 2006"), ("U.S. Food and Drug Administration",
                                                                       "U.S. Food and Drug Administration 2006"),
    ("World Health Organization, Expert Committee", "World Health Organization 2006"), ("Doherty", "Doherty 2006"),
    ("de la Cruz AB, Lee C", "de la Cruz et al. 2006"), ("Smith ABCD", "Smith 2006"),
    ("Smith ABCDE", "Smith ABCDE 2006"),
    ("Smith Ab", "Smith Ab 2006"), ("NICE", "NICE 2006"), ("Lee B Jr.", "Lee 2006"),
])
def test_short_cite(authors, cite):
    from explainer.citations import short_cite

    assert short_cite(authors, 2006) == cite


def test_links_prefer_doi_then_pubmed_then_url():
    from explainer.citations import link

    rows = sources().to_dict("records")
    assert [link(r) for r in rows] == ["https://doi.org/10.1001/x", "https://pubmed.ncbi.nlm.nih.gov/555/",
                                       "https://pubmed.ncbi.nlm.nih.gov/777/", "https://who.example",
                                       "https://d.example"]
    assert link({"doi": None, "pmid": None, "url": None}) == "" and link({}) == ""


def test_cited_ids_in_first_cited_order():
    from explainer.citations import cited_ids

    a = pd.DataFrame({"source_ids": ["kry;zar", None, "fda; kry"]})
    b = pd.DataFrame({"source_ids": ["who", "zar"]})
    assert cited_ids(a, pd.DataFrame({"x": [1]}), b) == ["kry", "zar", "fda", "who"]
    assert cited_ids() == []


def test_cites_for_and_cite_map():
    from explainer.citations import cite_map, cites_for, with_cites

    table = cites_for(sources(), ["who", "zar", "nope"])
    assert list(table["source_id"]) == ["who", "zar"] and list(table.index) == [0, 1]
    assert list(table["cite"]) == ["World Health Organization 2016", "Zarate et al. 2006"]
    assert list(table["link"]) == ["https://who.example", "https://doi.org/10.1001/x"]
    assert cite_map(sources())["kry"] == "Krystal 1994" and len(cite_map(sources())) == 5
    full = with_cites(sources())
    assert list(full.columns)[-2:] == ["cite", "link"] and "cite" not in sources().columns


@pytest.mark.parametrize(("query", "ids"), [
    ("", ["zar", "fda", "kry", "who", "doh"]), ("zarate", ["zar"]), ("ARCH GEN", ["zar", "kry"]), ("1994", ["kry"]),
    ("555", ["fda"]), ("10.1001", ["zar"]), ("who", ["who"]), ("doh", ["doh"]), ("label", ["fda"]),
    ("guideline", []), ("a.*b", []),
    ("Comparative", ["kry"]),
])
def test_search_sources(query, ids):
    from explainer.citations import search

    assert list(search(sources(), query)["source_id"]) == ids


# --- exports -------------------------------------------------------------------------------------

def test_bibtex_entries_parse_back_with_names_split_as_written():
    import bibtexparser
    from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts

    from explainer import export

    text = export.bibtex(sources())
    lib = bibtexparser.parse_string(text, append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    assert not lib.failed_blocks
    entries = {e.key: e for e in lib.entries}
    assert [e.key for e in lib.entries] == ["zar", "fda", "kry", "who", "doh"]
    assert {k: e.entry_type for k, e in entries.items()} == {"zar": "article", "fda": "misc", "kry": "article",
                                                             "who": "article", "doh": "misc"}
    zar = entries["zar"].fields_dict
    assert [(n.last, n.first, n.jr) for n in zar["author"].value] == [(["Zarate"], ["C.", "A."], ["Jr"]),
                                                                      (["Singh"], ["J.", "B."], [])]
    assert [n.last for n in entries["fda"].fields_dict["author"].value] == [["{U.S. Food and Drug Administration}"]]
    assert [n.last for n in entries["who"].fields_dict["author"].value] == [["{World Health Organization}"],
                                                                           ["{Expert Committee}"]]
    assert [n.last for n in entries["doh"].fields_dict["author"].value] == [["{Doherty}"]]
    assert zar["title"].value == "{A \\{randomized\\} trial 100\\% \\& \\#1}"
    assert (zar["year"].value, zar["journal"].value, zar["doi"].value) == ("2006", "Arch Gen Psychiatry", "10.1001/x")
    assert "url" in zar and "pmid" not in zar
    fda = entries["fda"].fields_dict
    assert fda["howpublished"].value == "FDA" and "journal" not in fda and fda["pmid"].value == "555"
    assert entries["doh"].fields_dict["title"].value == "{Line one line two}"
    assert entries["doh"].fields_dict["howpublished"].value == "Blog \\& co"
    assert "\\cmd" not in export.bibtex(sources().assign(title="a \\cmd b"))  # a backslash cannot start a command


def test_person_names():
    from explainer.export import person

    assert person("Zarate CA Jr") == "Zarate, Jr, C. A." and person("Lee B Jr.") == "Lee, Jr., B."
    assert person("Smith A") == "Smith, A." and person("de la Cruz AB") == "de la Cruz, A. B."
    for organisation in ("Doherty", "Mind", "Home Office", "Janssen Pharmaceuticals Inc.", "Johnson Jr", "Smith Ab",
                         "Smith ABCDE"):
        assert person(organisation) is None, organisation


def test_ris_records_parse_back():
    import rispy

    from explainer import export

    records = rispy.loads(export.ris(sources()))
    assert [r["id"] for r in records] == ["zar", "fda", "kry", "who", "doh"]
    assert [r["type_of_reference"] for r in records] == ["JOUR", "GEN", "JOUR", "JOUR", "ELEC"]
    zar = records[0]
    assert zar["authors"] == ["Zarate, Jr, C. A.", "Singh, J. B."] and zar["year"] == "2006"
    assert zar["title"] == "A {randomized} trial 100% & #1" and zar["journal_name"] == "Arch Gen Psychiatry"
    assert zar["doi"] == "10.1001/x" and zar["urls"] == ["https://doi.org/10.1001/x"] and "notes" not in zar
    fda = records[1]
    assert fda["authors"] == ["U.S. Food and Drug Administration"] and "doi" not in fda
    assert fda["urls"] == ["https://pubmed.ncbi.nlm.nih.gov/555/"] and fda["notes"] == ["PMID: 555"]
    assert records[4]["title"] == "Line one line two" and records[3]["authors"] == ["World Health Organization",
                                                                                    "Expert Committee"]
    assert "urls" not in rispy.loads(export.ris(sources().iloc[[4]].assign(url=None)))[0]


def test_data_zip_holds_every_file_under_one_folder(tmp_path):
    import io
    import zipfile

    from explainer import export

    (tmp_path / "seed").mkdir()
    (tmp_path / "a.csv").write_text("x\n1\n")
    (tmp_path / "seed" / "article.md").write_text("text")
    with zipfile.ZipFile(io.BytesIO(export.data_zip(tmp_path))) as z:
        assert sorted(z.namelist()) == ["ketamine-explained-data/a.csv", "ketamine-explained-data/seed/article.md"]
        assert z.read("ketamine-explained-data/a.csv") == b"x\n1\n"
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in z.infolist())

    class Pkg:
        data_dir = tmp_path

    assert export.package_zip(Pkg()) == export.data_zip(tmp_path)


def test_reference_listing_and_files():
    import rispy

    from explainer import export

    t = {"sources": sources(), "timeline": pd.DataFrame({"source_ids": ["zar;fda", "zar"]}),
         "claims": pd.DataFrame({"source_ids": ["kry", None]})}
    listing = export.reference_listing(t)
    assert dict(zip(listing["source_id"], listing["rows_backed"])) == {"zar": 2, "fda": 1, "kry": 1, "who": 0,
                                                                       "doh": 0}
    assert listing["rows_backed"].dtype == "int64" and list(listing["cite"])[0] == "Zarate et al. 2006"
    files = export.reference_files(t)
    assert sorted(files) == ["bib", "csv", "ris"]
    assert files["bib"].decode("utf-8") == export.bibtex(sources())
    assert len(rispy.loads(files["ris"].decode("utf-8"))) == 5
    assert files["csv"].decode("utf-8") == sources().to_csv(index=False)
