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
    (56.0, "8 wk"), (168.0, "24 wk"), (23 / 24, "23 h"), (1409.4 / 1440, "23 h"), (1409.6 / 1440, "24 h"),
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


# --- URL parameters ------------------------------------------------------------------------------

class FakeParams(dict):
    """st.query_params as the state helpers use it: repeated keys as a list, the last one wins."""

    def get_all(self, key):
        value = super().get(key)
        return [] if value is None else value if isinstance(value, list) else [value]


class FakeStreamlit:
    def __init__(self, **params):
        self.query_params = FakeParams(params)
        self.session_state: dict = {}
        self.captions: list[str] = []
        self.markdowns: list[tuple[str, bool]] = []
        self.htmls: list[str] = []

    def caption(self, text):
        self.captions.append(text)

    def markdown(self, text, unsafe_allow_html=False):
        self.markdowns.append((text, unsafe_allow_html))

    def html(self, text):
        self.htmls.append(text)


@pytest.fixture
def fake_st(monkeypatch):
    from explainer import slides, state

    fake = FakeStreamlit()
    monkeypatch.setattr(state, "st", fake)
    monkeypatch.setattr(slides, "st", fake)
    return fake


def test_choice_parse():
    from explainer.state import Choice

    param = Choice("measure", ("response", "remission", "two words"), "response")
    assert param.parse(None) == ("response", None) and param.parse("  ") == ("response", None)
    assert param.parse(" REMISSION ") == ("remission", None) and param.parse("two \t Words") == ("two words", None)
    assert param.parse("x`y") == ("response", "Ignored `measure=x'y`: expected one of response, remission, two words.")
    long = "a" * 41
    assert param.parse(long)[1] == f"Ignored `measure={'a' * 40}…`: expected one of response, remission, two words."
    assert param.parse("a" * 40)[1] == f"Ignored `measure={'a' * 40}`: expected one of response, remission, two words."


def test_multichoice_parse():
    from explainer.state import MAX_VALUE_LENGTH, MultiChoice

    param = MultiChoice("group", ("mood", "pain", "other"))
    assert param.parse(None) == (["mood", "pain", "other"], None) and param.parse(" ") == (["mood", "pain", "other"],
                                                                                          None)
    assert param.parse("PAIN, mood,pain,,") == (["pain", "mood"], None)
    values, notice = param.parse("pain,x`1,  ,y,z,w")
    assert values == ["pain"]
    assert notice == "Ignored `group` value(s) `x'1`, `y`, `z`: expected any of mood, pain, other."
    assert param.parse("zzz") == (["mood", "pain", "other"], "Ignored `group` value(s) `zzz`: expected any of mood, "
                                                             "pain, other.")
    assert param.parse("q" * 31)[1] == f"Ignored `group` value(s) `{'q' * 30}`: expected any of mood, pain, other."
    tail = "," * (MAX_VALUE_LENGTH * 4 - 4) + "pain"
    assert param.parse(tail) == (["pain"], None)
    assert param.parse("," + tail)[1].startswith("Ignored `group` value(s) `pai`:")  # read only so far


def test_number_parse_and_its_expectation():
    from explainer.state import Number

    slide = Number("slide", (1, 2, 3), 1)
    assert slide.parse(None) == (1, None) and slide.parse(" 3 ") == (3, None) and slide.parse("003") == (3, None)
    for raw in ("4", "0", "-1", "²", "1.0", "9" * 13):
        assert slide.parse(raw) == (1, f"Ignored `slide={raw}`: expected a whole number from 1 to 3."), raw
    assert slide.parse("9" * 12)[0] == 1
    gaps = Number("step", (2, 5, 7), 5)
    assert gaps.parse("3") == (5, "Ignored `step=3`: expected one of 2, 5, 7.") and gaps.parse("7") == (7, None)
    assert Number("n", (), 0).expected() == "nothing (there are no values to choose from)"
    assert Number("n", (3, 1, 2), 1).expected() == "a whole number from 1 to 3"


def test_text_parse():
    from explainer.state import MAX_VALUE_LENGTH, Text

    assert Text("q").max_length == MAX_VALUE_LENGTH == 200
    assert Text("q", 5).parse(None) == ("", None)
    assert Text("q", 5).parse(" a\x00b\tc ") == ("a b c", None)
    assert Text("q", 5).parse("abcdef") == ("abcde", "Shortened `q` to its first 5 characters.")
    assert Text("q", 5).parse("abcde") == ("abcde", None)
    assert Text("q", 5).parse("\u202eab") == ("\u202eab", None)  # format characters are not control characters


def test_escape_code_and_normalise():
    from explainer.state import canonical, escape_code, normalise

    assert escape_code("a`b\nc\rd\u202ee\u2028f\tg") == "a'b c d e f g"
    assert normalise("  Two \t Words ") == "two words" and normalise("ẞ") == "ss"
    assert canonical(["Alpha", "Beta"], " beta ") == "Beta" and canonical(["Alpha"], "gamma") is None


def test_parameters_read_from_the_url_with_notices(fake_st):
    from explainer import state

    fake_st.query_params.update(measure=["response", "Remission"], group="pain,zzz", slide="7", q="x" * 201)
    assert state.read_param("measure") == "Remission" and state.read_param("absent") is None
    assert state.url_value(state.Choice("measure", ("response", "remission"), "response"), "m") == "remission"
    assert state.url_value(state.MultiChoice("group", ("mood", "pain")), "g") == ["pain"]
    assert state.number(state.Number("slide", (1, 2), 1)) == 1
    assert state.url_value(state.Text("q", 200), "t") == "x" * 200
    assert fake_st.captions == [
        ":material/info: Ignored `group` value(s) `zzz`: expected any of mood, pain.",
        ":material/info: Ignored `slide=7`: expected a whole number from 1 to 2.",
        ":material/info: Shortened `q` to its first 200 characters."]
    state.notify(None)
    state.notify("")
    assert len(fake_st.captions) == 3


def test_url_value_tells_once_and_lets_a_changed_address_win(fake_st):
    from explainer import state

    param = state.Choice("measure", ("response", "remission"), "response")
    fake_st.query_params.update(measure="zzz")
    assert state.url_value(param, "m") == "response" and len(fake_st.captions) == 1
    fake_st.session_state["m"] = "remission"  # the viewer picked a value in the widget
    assert state.url_value(param, "m") == "response" and len(fake_st.captions) == 1  # same address: told once
    assert fake_st.session_state["m"] == "remission"  # and the widget keeps its own state
    fake_st.query_params["measure"] = "remission"  # back/forward or an edited address
    assert state.url_value(param, "m") == "remission" and "m" not in fake_st.session_state
    fresh = state.Choice("other", ("a", "b"), "a")
    fake_st.query_params["other"] = "a"
    fake_st.session_state["o"] = "b"  # a reconnecting session's widget state is kept
    assert state.url_value(fresh, "o") == "a" and fake_st.session_state["o"] == "b"


def test_what_a_page_writes_to_the_address_is_not_read_back_as_a_change(fake_st):
    from explainer import state

    param = state.Choice("measure", ("response", "remission"), "response")
    assert state.url_value(param, "m") == "response"
    for value in ("remission", "response"):  # a value, then the default (left out of the address)
        fake_st.session_state["m"] = value
        state.write("measure", value, "response")
        assert state.url_value(param, "m") == value and fake_st.session_state["m"] == value


def test_a_malformed_query_string_reads_as_absent(fake_st):
    from explainer import state

    def broken(name):
        raise ValueError(name)

    fake_st.query_params.get_all = broken
    assert state.read_param("measure") is None


def test_write_keeps_links_short(fake_st):
    from explainer import state

    params = fake_st.query_params
    state.write("measure", "remission", "response")
    state.write("group", ["mood", "pain"], ["mood", "pain", "other"])
    assert params == {"measure": "remission", "group": "mood,pain"}
    state.write("measure", "response", "response")  # the default: left out
    state.write("group", [], ["mood"])  # nothing picked: left out
    state.write("absent", "x", "x")
    assert params == {}
    params["q"] = "same"
    writes = []
    params.__class__ = type("Counting", (FakeParams,), {"__setitem__": lambda s, k, v: writes.append((k, v))})
    state.write("q", "same", "")
    state.write("q", "new", "")
    assert writes == [("q", "new")]  # an unchanged value is not written again (no rerun)


# --- slides --------------------------------------------------------------------------------------

def small_package(problems=()):
    from pathlib import Path

    from explainer.problems import Problem
    from explainer.tables import DataPackage

    effects = pd.DataFrame(columns=["effect_id", "treatment", "measure", "time_days", "k_trials", "source_ids"])
    stones = pd.DataFrame({"milestone_id": ["m"], "treatment": ["SSRI"], "milestone": ["first separation from placebo"],
                           "outcome": ["symptom score"], "days_low": [7.0], "days_high": [14.0], "source_ids": ["kry"]})
    return DataPackage(Path("."), {"resources": []},
                       tables={"onset_effect": effects, "onset_milestones": stones, "sources": sources()},
                       problems=[Problem(t, 2, None, None, "x") for t in problems])


def test_deck_title_then_a_slide_per_chart_then_sources():
    from explainer import registry, slides

    deck = slides.deck(small_package())
    on_slides = [c.key for _, c in registry.chart_pages() if c.slide]  # page order, the sources chart last
    assert on_slides[-1] == "sources" and len(on_slides) > 2
    assert [s.kind for s in deck] == ["title"] + ["chart"] * (len(on_slides) - 1) + ["sources"]
    assert [s.chart.key for s in deck[1:]] == on_slides
    assert all(s.chart.slide for s in deck[1:]) and deck[0].chart is None
    assert deck[0].lines == ("SSRIs separate by 1–2 wk (Krystal 1994).",)
    assert deck[-1].chart is registry.chart("sources") and deck[1].lines == ()
    broken = slides.deck(small_package(problems=["onset_milestones"]))
    assert broken[0].lines == () and "onset-effect" not in [s.chart.key for s in broken[1:]]
    assert len(broken) == len(deck) - 1
    assert slides.deck(small_package(problems=["sources"])) == (slides.Slide("title"),)  # every chart cites sources
    assert slides.deck(small_package(problems=["onset_effect"]))[0].lines == ()


def test_speaker_notes_say_what_the_slide_rests_on():
    from dataclasses import replace

    from explainer import registry, slides

    card = replace(registry.card(registry.chart("claims")), alt="Alt of claims.", takeaway="Most hold up.",
                   sources=sources().iloc[[0, 1, 2]])
    assert slides.speaker_notes(card) == "Alt of claims. Most hold up. It rests on 3 sources (2 trial, 1 label)."
    assert slides.speaker_notes(replace(card, sources=card.sources.iloc[:0])) == (
        "Alt of claims. Most hold up. It rests on 0 sources (no sources).")


@pytest.mark.parametrize(("index", "count", "slide"), [(0, 5, "1"), (4, 5, "5"), (5, 5, "5"), (-1, 5, "1"),
                                                       (2, 5, "3")])
def test_goto_clamps_and_keeps_the_slide_in_the_url(fake_st, index, count, slide):
    from explainer import slides

    slides.goto(index, count)
    assert fake_st.query_params == {"slide": slide}


def test_slide_takeaway_is_escaped_and_the_chrome_hidden(fake_st):
    from explainer import slides

    slides.takeaway("<b>x</b> & y")
    slides.hide_chrome()
    assert fake_st.markdowns == [
        ('<div style="font-size:1.55rem;font-weight:600;line-height:1.3;margin:0.2rem 0 0.5rem">'
         "&lt;b&gt;x&lt;/b&gt; &amp; y</div>", True)]
    assert fake_st.htmls == [slides.SLIDE_CSS]  # as it arrives, before the Markdown renderer has loaded
    assert "display: none !important" in slides.SLIDE_CSS and slides.CHART_HEIGHT == 370


# --- validation rules ----------------------------------------------------------------------------

def table_resource(required_key: bool = True) -> dict:
    return {"name": "t", "path": "t.csv", "schema": {"primaryKey": "id", "fields": [
        {"name": "id", "type": "string", **({"constraints": {"required": True}} if required_key else {})},
        {"name": "n", "type": "integer", "unit": "mg", "constraints": {"minimum": 1, "maximum": 3}},
        {"name": "x", "type": "number"},
        {"name": "flag", "type": "boolean"},
        {"name": "day", "type": "date"},
        {"name": "kind", "type": "string", "constraints": {"enum": ["big", "small"]}},
        {"name": "code", "type": "string", "constraints": {"pattern": "[A-Z]+"}},
        {"name": "name", "type": "string", "constraints": {"maxLength": 3}}],
        "foreignKeys": [{"fields": "kind", "reference": {"resource": "other", "fields": "k"}}]}}


BAD_TABLE = ("id,n,x,flag,day,kind,code,name\n"
             "a,1,1.5,true,2020-01-01,big,AB,abc\n"
             "a,0,2,false,2020-01-01,big,AB,abc\n"
             ",5,x,maybe,2020-13-01,huge,ab,abcdef\n"
             "\n"
             "b,1,1,true,2020-01-01,big,AB,abc,extra\n"
             "c,1\n")


def test_each_kind_of_cell_problem_named_by_line_field_value_and_expectation(tmp_path):
    from explainer.checks import check_table_text
    from explainer.problems import Problem

    (tmp_path / "t.csv").write_text(BAD_TABLE)
    res = table_resource()
    got = check_table_text(res, BAD_TABLE, tmp_path)
    assert res["schema"]["foreignKeys"]  # the caller's schema keeps what this check leaves to another
    cells = "as many cells as there are columns in the header"
    assert got == [
        Problem("t", 3, "n", "0", "a value of at least 1 mg"),
        Problem("t", 3, "id", "a", "a value not used by another row (it is the table's key)"),
        Problem("t", 4, "id", "", "a value (this field is required)"),  # once: not also as a duplicate key
        Problem("t", 4, "n", "5", "a value of at most 3 mg"),
        Problem("t", 4, "x", "x", "a number"),
        Problem("t", 4, "flag", "maybe", "true or false"),
        Problem("t", 4, "day", "2020-13-01", "a date (YYYY-MM-DD)"),
        Problem("t", 4, "kind", "huge", "one of: big, small"),
        Problem("t", 4, "code", "ab", "text matching the pattern [A-Z]+"),
        Problem("t", 4, "name", "abcdef", "at most 3 characters"),
        Problem("t", 5, None, None, "no blank rows"),
        Problem("t", 6, None, "extra", cells),
    ] + [Problem("t", 7, f, "", cells) for f in ("x", "flag", "day", "kind", "code", "name")]


def test_an_empty_key_that_is_not_required_is_a_key_problem(tmp_path):
    from explainer.checks import check_table_text
    from explainer.problems import Problem

    text = "id,n,x,flag,day,kind,code,name\n,1,1,true,2020-01-01,big,AB,abc\n"
    (tmp_path / "t.csv").write_text(text)
    assert check_table_text(table_resource(required_key=False), text, tmp_path) == [
        Problem("t", 2, "id", "", "a value (it is the table's key)")]


def test_header_problems_come_first_and_alone(tmp_path):
    from explainer.checks import check_header, check_table_text
    from explainer.problems import Problem

    text = "id, n,x,flag,day,kind,extra,name\n" + "a" * 5 + "\n"
    declared = "id, n, x, flag, day, kind, code, name"
    assert check_table_text(table_resource(), text, tmp_path) == [  # no file needed: Frictionless is not run
        Problem("t", 1, "code", None, "a column named 'code' (declared in datapackage.json)"),
        Problem("t", 1, "extra", "extra", f"only the columns declared in datapackage.json: {declared}")]
    assert check_header(table_resource(), BAD_TABLE) == []


@pytest.mark.parametrize(("kind", "field", "note", "words"), [
    ("type-error", {"type": "integer"}, None, "a whole number"),
    ("type-error", {"type": "geopoint"}, None, "geopoint"),
    ("type-error", {"name": "x"}, None, "text"),
    ("type-error", {}, "empty field", "empty field"),
    ("type-error", None, "bad type", "bad type"),
    ("constraint-error", {"constraints": {"minimum": 2}}, 'constraint "minimum" is "2"', "a value of at least 2"),
    ("constraint-error", {"constraints": {}}, 'constraint "unique" is "True"',
     "a value meeting the 'unique' constraint"),
    ("constraint-error", {"constraints": {}}, "no quotes", "a value meeting the '' constraint"),
    ("constraint-error", {"constraints": {}}, None, "a value meeting the '' constraint"),
    ("primary-key", None, 'cells composing the primary keys are all "None"', "a value (it is the table's key)"),
    ("primary-key", None, "duplicate", "a value not used by another row (it is the table's key)"),
    ("unique-error", None, None, "a value not used by another row (it is the table's key)"),
    ("blank-row", None, None, "no blank rows"),
    ("missing-cell", None, None, "as many cells as there are columns in the header"),
    ("encoding-error", None, "cannot decode", "cannot decode"),
    ("source-error", None, None, "source-error"),
])
def test_expectation_in_words(kind, field, note, words):
    from explainer.checks import expectation

    assert expectation(kind, field, note) == words


@pytest.mark.parametrize(("name", "words"), [
    ("required", "a value (this field is required)"), ("minimum", "a value of at least 0 h"),
    ("maximum", "a value of at most 9 h"), ("enum", "one of: 1, 2"), ("pattern", "text matching the pattern p+"),
    ("maxLength", "at most 4 characters"), ("other", "a value meeting the 'other' constraint"),
])
def test_constraint_words(name, words):
    from explainer.checks import constraint_words

    field = {"unit": "h", "constraints": {"minimum": 0, "maximum": 9, "enum": [1, 2], "pattern": "p+", "maxLength": 4}}
    assert constraint_words(name, field) == words
    assert constraint_words("minimum", {"constraints": {"minimum": 0}}) == "a value of at least 0"
    assert constraint_words("required", {"name": "x"}) == "a value (this field is required)"  # no constraints


def rules_package(**changes):
    """Five small tables with every cross-table rule satisfied, then `changes` (table -> frame) applied."""
    from pathlib import Path

    from explainer.tables import DataPackage

    def res(name, fields, **schema):
        return {"name": name, "schema": {"fields": [{"name": f, "type": t} for f, t in fields], **schema}}

    descriptor = {"resources": [
        res("sources", [("source_id", "string"), ("doi", "string"), ("pmid", "string"), ("url", "string")],
            primaryKey="source_id"),
        res("grades", [("grade", "string")], primaryKey="grade"),
        res("facts", [("fact_id", "string"), ("grade", "string"), ("dose_low", "integer"), ("dose_high", "integer"),
                      ("value", "number"), ("ci_low", "number"), ("ci_high", "number"), ("related_rows", "string"),
                      ("source_ids", "string")], primaryKey="fact_id",
            foreignKeys=[{"fields": "grade", "reference": {"resource": "absent", "fields": "x"}},
                         {"fields": "grade", "reference": {"resource": "grades", "fields": "grade"}}],
            ranges=[["ci_low", "value", "ci_high"]]),
        res("claims", [("claim_id", "string"), ("seed_quote", "string"), ("related_rows", "string"),
                       ("source_ids", "string")], primaryKey="claim_id"),
        res("timeline", [("event_id", "string"), ("date", "string"), ("year", "integer"), ("source_ids", "string")]),
    ]}
    tables = {
        "sources": pd.DataFrame({"source_id": ["s1", "s2", "s3"], "doi": ["10.1/x", None, None],
                                 "pmid": [None, "9", None], "url": [None, None, "https://x.example"]}),
        "grades": pd.DataFrame({"grade": ["A", "B"]}),
        "facts": pd.DataFrame({"fact_id": ["f1", "f2"], "grade": ["A", None], "dose_low": [1.0, None],
                               "dose_high": [2.0, 5.0], "value": [0.5, 1.0], "ci_low": [0.2, 1.0],
                               "ci_high": [0.8, 1.0], "related_rows": ["claims:c1; facts:f2", None],
                               "source_ids": ["s1;s2", "s3"]}),
        "claims": pd.DataFrame({"claim_id": ["c1"], "seed_quote": ["works  within\nhours"],
                                "related_rows": ["facts:f1"], "source_ids": ["s1"]}),
        "timeline": pd.DataFrame({"event_id": ["e1"], "date": ["1962-08"], "year": [1962], "source_ids": ["s2"]}),
    }
    tables.update(changes)
    return DataPackage(Path("."), descriptor, tables, article="It works within hours, they say.")


def test_a_consistent_package_has_no_cross_table_problem():
    from explainer.checks import check_package

    assert check_package(rules_package()) == []


def test_unknown_source_ids():
    from explainer.checks import check_source_ids
    from explainer.problems import Problem

    pkg = rules_package(claims=rules_package().tables["claims"].assign(source_ids=["s1; s9;s8"]))
    assert check_source_ids(pkg) == [Problem("claims", 2, "source_ids", "s9", "an id listed in data/sources.csv"),
                                     Problem("claims", 2, "source_ids", "s8", "an id listed in data/sources.csv")]
    del pkg.tables["sources"]
    assert check_source_ids(pkg) == []


def test_related_rows_name_a_table_and_one_of_its_rows():
    from explainer.checks import check_related_rows
    from explainer.problems import Problem

    claims = rules_package().tables["claims"].assign(related_rows=["facts:f9;nope:x;timeline:e1; grades:A;facts:f2"])
    assert check_related_rows(rules_package(claims=claims)) == [
        Problem("claims", 2, "related_rows", "facts:f9", "an id from facts.fact_id"),
        Problem("claims", 2, "related_rows", "nope:x", "table:id with a table of the package that has an id column"),
        Problem("claims", 2, "related_rows", "timeline:e1",
                "table:id with a table of the package that has an id column")]


def test_related_rows_into_a_withheld_table_are_skipped_and_the_rest_still_checked():
    from explainer.checks import check_related_rows
    from explainer.problems import Problem

    claims = rules_package().tables["claims"].assign(related_rows=["facts:f1; nope:x; facts:zz"])
    pkg = rules_package(claims=claims)
    assert [p.value for p in check_related_rows(pkg)] == ["nope:x", "facts:zz"]
    colon = rules_package(claims=claims.assign(related_rows=["facts:f1:x"]))
    assert check_related_rows(colon) == [Problem("claims", 2, "related_rows", "facts:f1:x", "an id from facts.fact_id")]
    del pkg.tables["facts"]  # failed its own checks: declared, but not loaded
    assert check_related_rows(pkg) == [
        Problem("claims", 2, "related_rows", "nope:x", "table:id with a table of the package that has an id column")]


def test_foreign_keys():
    from explainer.checks import check_foreign_keys
    from explainer.problems import Problem

    facts = rules_package().tables["facts"].assign(grade=["Z", None])
    assert check_foreign_keys(rules_package(facts=facts)) == [
        Problem("facts", 2, "grade", "Z", "a value from grades.grade: A, B")]


def test_ranges_read_from_names_and_declarations():
    from explainer.checks import check_ranges, range_groups
    from explainer.problems import Problem

    schema = rules_package().resource("facts")["schema"]
    assert range_groups(schema) == [("ci_low", "value", "ci_high"), ("dose_low", "dose_high")]
    facts = rules_package().tables["facts"].assign(dose_low=[3.0, 6.0], value=[0.9, 1.0], ci_high=[0.8, None],
                                                   ci_low=[0.2, 1.5])
    assert check_ranges(rules_package(facts=facts)) == [
        Problem("facts", 2, "value", "0.9", "a value at most ci_high (0.8)"),
        Problem("facts", 3, "ci_low", "1.5", "a value at most value (1)"),
        Problem("facts", 2, "dose_low", "3", "a value at most dose_high (2)"),
        Problem("facts", 3, "dose_low", "6", "a value at most dose_high (5)")]
    skip = facts.assign(value=[None, None], ci_low=[0.9, 0.1])  # an empty middle: its neighbours are compared
    assert check_ranges(rules_package(facts=skip))[0] == Problem("facts", 2, "ci_low", "0.9",
                                                                 "a value at most ci_high (0.8)")
    taken = {"fields": [{"name": n} for n in ("a_low", "a_high", "b_low", "b_high")], "ranges": [["a_low", "b_high"]]}
    assert range_groups(taken) == [("a_low", "b_high"), ("b_low", "b_high")]  # a declared end is not paired again


def test_a_range_of_every_numeric_field_of_a_table_is_checked():
    from pathlib import Path

    from explainer.checks import check_ranges
    from explainer.problems import Problem
    from explainer.tables import DataPackage

    fields = [{"name": "id", "type": "string"}, {"name": "t_low", "type": "number"},
              {"name": "t_high", "type": "number"}]
    pkg = DataPackage(Path("."), {"resources": [{"name": "r", "schema": {"fields": fields}}]},
                      {"r": pd.DataFrame({"id": ["a"], "t_low": [9.0], "t_high": [1.0]})})
    assert check_ranges(pkg) == [Problem("r", 2, "t_low", "9", "a value at most t_high (1)")]


def test_range_declarations_are_checked():
    from explainer.checks import check_range_declarations
    from explainer.problems import Problem

    pkg = rules_package()
    facts = pkg.resource("facts")["schema"]
    facts["ranges"] = [["ci_low", "value", "ci_high", "dose_high"], ["ci_low", "related_rows"], ["value"]]
    facts["fields"].append({"name": "time_low_min", "type": "number"})
    facts["fields"].append({"name": "highlight", "type": "string"})
    pkg.tables["facts"] = pkg.tables["facts"].assign(dose_low=[0.1, None], dose_high=[0.5, 5.0])  # 0.8 > 0.5
    assert check_range_declarations(pkg) == [
        Problem("datapackage", None, "facts.ranges", "ci_low, value, ci_high, dose_high",
                "a range of 2 or 3 numeric fields of the table"),
        Problem("datapackage", None, "facts.ranges", "ci_low, related_rows",
                "a range of 2 or 3 numeric fields of the table"),
        Problem("datapackage", None, "facts.ranges", "value", "a range of 2 or 3 numeric fields of the table"),
        Problem("datapackage", None, "facts.time_low_min", None,
                "a partner field (X_low with X_high) or a 'ranges' entry naming this range")]
    from explainer.checks import check_ranges

    assert check_ranges(pkg) == []  # malformed declarations are reported, not applied


def test_every_source_can_be_looked_up():
    from explainer.checks import check_source_links
    from explainer.problems import Problem

    srcs = rules_package().tables["sources"].assign(url=[None, None, None])
    assert check_source_links(rules_package(sources=srcs)) == [
        Problem("sources", 4, "doi", "s3", "a DOI, a PMID or a URL for this source")]
    pkg = rules_package()
    del pkg.tables["sources"]
    assert check_source_links(pkg) == []


def test_claims_quote_the_article_word_for_word():
    from explainer.checks import check_seed_quotes, normalise
    from explainer.problems import Problem

    assert normalise(" a \n b\tc ") == "a b c"
    claims = rules_package().tables["claims"].assign(seed_quote=["works within days"])
    assert check_seed_quotes(rules_package(claims=claims)) == [
        Problem("claims", 2, "seed_quote", "works within days", "a verbatim quote from the source article")]
    no_article = rules_package(claims=claims)
    no_article.article = ""
    assert check_seed_quotes(no_article) == []


def test_timeline_years_match_their_dates():
    from explainer.checks import check_timeline_years
    from explainer.problems import Problem

    timeline = rules_package().tables["timeline"].assign(year=[1963])
    assert check_timeline_years(rules_package(timeline=timeline)) == [
        Problem("timeline", 2, "year", "1963", "the year of the date (1962)")]
    pkg = rules_package()
    del pkg.tables["timeline"]
    assert check_timeline_years(pkg) == []


def test_check_package_runs_every_rule():
    from explainer.checks import check_package

    bad = rules_package(
        claims=rules_package().tables["claims"].assign(source_ids=["s9"], related_rows=["facts:f9"],
                                                       seed_quote=["never said"]),
        facts=rules_package().tables["facts"].assign(grade=["Z", None], dose_low=[3.0, None]),
        sources=rules_package().tables["sources"].assign(url=None),
        timeline=rules_package().tables["timeline"].assign(year=[1900]))
    bad.resource("facts")["schema"]["fields"].append({"name": "x_high", "type": "number"})
    fields = {(p.table, p.field) for p in check_package(bad)}
    assert fields == {("claims", "source_ids"), ("claims", "related_rows"), ("facts", "grade"), ("facts", "dose_low"),
                      ("datapackage", "facts.x_high"), ("sources", "doi"), ("claims", "seed_quote"),
                      ("timeline", "year")}


def test_citation_edges():
    from explainer.citations import cites_for, search

    assert "index" not in cites_for(sources(), ["who", "zar"]).columns
    assert list(search(sources(), "xx")["source_id"]) == []  # empty cells and field joins add nothing to match


def test_export_edges():
    import rispy

    from explainer import export

    record = rispy.loads(export.ris(sources().iloc[[0]].assign(doi="", pmid="")))[0]
    assert "doi" not in record and "notes" not in record  # an empty cell is no value

    text = export.bibtex(sources().assign(title="a \\cmd X b", authors="Smith A, Lee B, et al"))
    assert "title = {{a cmd X b}}" in text and "author = {Smith, A. and Lee, B.}" in text


def test_choice_notice_reaches_the_page(fake_st):
    from explainer import state

    fake_st.query_params.update(measure="zzz")
    assert state.url_value(state.Choice("measure", ("response",), "response"), "m") == "response"
    assert fake_st.captions == [":material/info: Ignored `measure=zzz`: expected one of response."]
    fake_st.query_params.update(group="mood,pain")
    state.write("group", ["mood", "pain"], ["mood", "pain"])
    assert "group" not in fake_st.query_params
