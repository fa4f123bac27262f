"""Every page runs for real under AppTest: no exception, its charts, its data, its URL state."""

from __future__ import annotations

import json

import pytest

from explainer import derive, notebook, registry, tables, ui
from tests.conftest import CHARTS, figures, run_page, set_cell, text_of, trace_ids, trial_arms


@pytest.mark.parametrize("page,n", CHARTS.items())
def test_page_runs_with_its_charts(page, n):
    at = run_page(page)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert len(at.get("plotly_chart")) == n
    assert "not medical advice" in text_of(at)
    # Nothing in a sidebar: the app shell paints before the script runs, so a sidebar would appear
    # after the first paint and push the page sideways (a layout shift); the navigation is in the top bar.
    assert not at.sidebar.children, [type(c).__name__ for c in at.sidebar.children.values()]


def test_first_paint_matches_the_app_layout():
    """The settings the app shell reads before any script runs: no sidebar navigation from the
    pages folder, and small fixed paddings, so the empty column it paints first and the page the
    script draws start at the same place (what moves after the first paint is a layout shift)."""
    import tomllib

    from tests.conftest import ROOT

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showSidebarNavigation"] is False
    assert config["theme"]["paddingTop"] and config["theme"]["paddingBottom"]


@pytest.mark.parametrize("page", CHARTS)
def test_headings_descend_one_level_at_a_time(page):
    at = run_page(page)  # one h1 (the page's question), then h2 sections: a screen reader's outline skips no level
    assert not at.subheader, [h.value for h in at.subheader]
    assert len(at.title) == (0 if page == "present" else 1)  # slides: one Markdown heading per slide


@pytest.mark.parametrize("page", [p for p in registry.PAGES if p.name != "present"], ids=lambda p: p.name)
def test_page_opens_with_its_question_and_its_first_charts_takeaway(page):
    """As the mirror opens it: the same title, then the takeaway of the chart drawn first."""
    at = run_page(page.name)
    first = registry.chart(page.lead) if page.lead else page.charts[0]
    assert at.title[0].value == page.question
    assert at.markdown[0].value == f"**{ui.inert(registry.takeaway(first))}**"


@pytest.mark.parametrize("page", [p.name for p in registry.PAGES if p.charts and p.name != "present"])
def test_each_chart_shows_its_caption_and_notes(page):
    """The words declared on a chart reach the page: how to read it, and the notices above it."""
    at = run_page(page)
    captions = [c.value for c in at.caption]
    infos = [i.value for i in at.info]
    for chart in registry.page(page).charts:
        card = registry.card(chart, **chart.own({}))
        if card.caption:
            assert card.caption.strip() in captions, (chart.key, card.caption)
        for note in card.notes:
            assert any(note.text in i for i in infos), (chart.key, note.title)


@pytest.mark.parametrize("page", [p for p, n in CHARTS.items() if n])
def test_charts_have_alt_text_and_sources(page):
    at = run_page(page)
    for el in at.get("plotly_chart"):
        assert len(el.proto.alt) > 30
    assert "Source" in text_of(at) or "Evidence" in text_of(at)


def test_onset_traces_carry_the_onset_rows(pkg):
    at = run_page("onset")
    onset = pkg.tables["onset"]
    single = onset["regimen"].isin(["single dose", "daily course"])
    assert trace_ids(trial_arms(at)) == set(onset.loc[(onset["measure"] == "response") & single, "point_id"])
    effects = pkg.tables["onset_effect"]
    shown = trace_ids(figures(at)[0])
    default = set(effects.loc[effects["measure"] == derive.measures_by_coverage(effects)[0], "effect_id"])
    assert default <= shown and not (set(effects["effect_id"]) - default) & shown  # one measure, all its rows
    lanes = pkg.tables["onset_milestones"]
    assert set(lanes.loc[lanes["outcome"] == "symptom score", "milestone_id"]) <= shown


def test_repeated_dose_results_have_their_own_view(pkg):
    at = run_page("onset", {"regimen": "repeated doses"})
    onset = pkg.tables["onset"]
    ids = trace_ids(trial_arms(at))
    assert ids == set(onset.loc[(onset["measure"] == "response") & onset["regimen"].isin(
        ["repeated doses", "daily course"]), "point_id"])
    assert not ids & set(onset.loc[onset["regimen"] == "single dose", "point_id"])


def test_onset_query_params_change_the_view(pkg):
    at = run_page("onset", {"measure": "remission", "view": "placebo-subtracted"})
    ids = trace_ids(trial_arms(at))
    onset = pkg.tables["onset"]
    remission = set(onset.loc[onset["measure"] == "remission", "point_id"])
    assert ids and ids <= remission
    assert "above comparator" in json.dumps(trial_arms(at)["layout"]["yaxis"])


@pytest.mark.parametrize("value", ["garbage", "", "<script>alert(1)</script>", "x" * 10_000, "../../etc/passwd",
                                   "réponse", "response,remission"])
def test_garbage_query_params_fall_back(value):
    at = run_page("onset", {"measure": value, "view": value, "regimen": value, "effect": value})
    assert not at.exception
    assert len(at.get("plotly_chart")) == CHARTS["onset"]
    if value not in ("",):
        assert any("Ignored" in c.value for c in at.caption)


def test_history_filter_that_hides_an_eras_opening_event_still_draws_the_eras(pkg):
    """Each era is bounded by events of the whole timeline, not only of the categories shown."""
    timeline, eras = pkg.tables["timeline"], pkg.tables["eras"]
    opening = set(timeline.loc[timeline["event_id"].isin(eras["start_event_id"]), "category"])
    shown = [c for c in timeline["category"].unique() if c not in opening]
    at = run_page("history", {"category": ",".join(shown)})
    assert not at.exception and not at.error, [e.value for e in at.error]
    fig = figures(at)[0]
    assert len(fig["layout"]["shapes"]) == len(eras)
    assert {tr["name"] for tr in fig["data"]} == set(shown)


def test_conditions_filter_by_group(pkg):
    at = run_page("conditions", {"group": "pain"})
    cond = pkg.tables["conditions"]
    assert trace_ids(figures(at)[0]) == set(cond.loc[cond["group"] == "pain", "condition_id"])


def test_claims_filter_by_verdict(pkg):
    at = run_page("claims", {"verdict": "incorrect"})
    n = int((pkg.tables["claims"]["verdict"] == "incorrect").sum())
    assert f"{n} of {len(pkg.tables['claims'])} claims shown" in text_of(at)


def test_takeaway_follows_the_data(data_copy, pkg):
    before = run_page("safety")
    fx = pkg.tables["side_effects"]
    i = int(fx.index[(fx["timing"] == "acute") & fx["frequency_pct"].notna()][0])
    set_cell(data_copy, "side_effects", i, "frequency_pct", "99")
    set_cell(data_copy, "side_effects", i, "effect", "Testeffect")
    after = run_page("safety", data_dir=data_copy)
    assert "Testeffect: 99% of patients" in text_of(after)
    assert "Testeffect" not in text_of(before)


def test_broken_table_shows_error_not_chart(data_copy):
    set_cell(data_copy, "onset", 0, "value_pct", "lots")
    at = run_page("onset", data_dir=data_copy)
    assert not at.exception
    assert len(at.get("plotly_chart")) == 0
    assert "data/onset.csv, line 2, field 'value_pct': value 'lots'" in at.error[0].value.replace("\\", "")
    other = run_page("history", data_dir=data_copy)
    assert len(other.get("plotly_chart")) == 1 and not other.error


@pytest.mark.parametrize("value", ["3", "99", "abc", ""])
def test_mechanism_step_param(value, pkg):
    at = run_page("mechanism", {"step": value})
    assert not at.exception and len(at.get("plotly_chart")) == 1
    main = pkg.tables["mechanism"]
    main_steps = {str(s) for s in main.loc[main["pathway"] == "main", "step"]}
    shown = figures(at)[0]["data"][0]["ids"]
    if value in main_steps:
        assert shown[-1] == value
    elif value:
        assert any("Ignored `step" in c.value for c in at.caption)


def test_sources_search_filters_rows(pkg):
    first = pkg.tables["sources"].iloc[0]
    at = run_page("sources", {"q": str(first["title"])[:25]})
    assert not at.exception
    assert any(f"of {len(pkg.tables['sources'])} references" in c.value for c in at.caption)
    table = at.dataframe[0].value
    assert 1 <= len(table) < len(pkg.tables["sources"])


def test_sources_page_points_to_the_notebook(monkeypatch):
    monkeypatch.delenv(notebook.REPOSITORY_ENV, raising=False)
    at = run_page("sources")
    assert not at.exception
    assert any(f"`{notebook.NOTEBOOK_PATH}` in the repository" in m.value for m in at.markdown)
    button = next(b for b in at.get("download_button") if b.proto.label == "Notebook (.ipynb)")
    assert button.proto.url  # the committed notebook, served as a file
    monkeypatch.setenv(notebook.REPOSITORY_ENV, "https://github.com/example/ketamine-explained.git")
    at = run_page("sources")
    link = f"(https://github.com/example/ketamine-explained/blob/HEAD/{notebook.NOTEBOOK_PATH})"
    assert any(link in m.value for m in at.markdown)


def test_repository_link_needs_a_web_address(monkeypatch):
    monkeypatch.setenv(notebook.REPOSITORY_ENV, "javascript:alert(1)")
    assert notebook.repository_link() == ""
    monkeypatch.setenv(notebook.REPOSITORY_ENV, "https://gitlab.com/x/y/")
    assert notebook.repository_link("a.ipynb") == "https://gitlab.com/x/y/blob/HEAD/a.ipynb"


def test_overview_headlines_are_computed(pkg):
    at = run_page("overview")
    assert len(at.metric) == 4
    effects = pkg.tables["onset_effect"]
    ketamine = effects[effects["treatment"].str.startswith("single ketamine")
                       & effects["comparator"].str.contains("active placebo")]  # the better-blinded pool first
    best = ketamine.sort_values(["k_trials", "time_days"], ascending=[False, True], na_position="last").iloc[0]
    assert at.metric[0].value == f"SMD {best['value']:g}" and best["effect_id"] in at.metric[0].proto.help
    assert at.metric[0].proto.delta == f"1 day · {best['certainty']} certainty"  # shown under the figure
    assert at.metric[1].value.startswith("SMD ") and "certainty" in at.metric[1].proto.delta  # the same measure
    conditions = pkg.tables["conditions"]
    assert at.metric[3].value == f"{conditions['evidence_grade'].isin(['A', 'B']).sum()} of {len(conditions)}"
    assert not any("×" in m.value or "sooner" in m.value for m in at.metric)  # no ratio of unlike quantities


@pytest.mark.parametrize("value,expected,notice", [("1", 1, False), ("4", 4, False), ("0", 1, True),
                                                   ("999", 1, True), ("abc", 1, True), ("", 1, False)])
def test_present_slide_param(value, expected, notice):
    at = run_page("present", {"slide": value})
    assert not at.exception, at.exception
    assert any(f"Slide {expected} of" in (p.proto.text or "") for p in at.get("progress"))
    assert any("Ignored `slide=" in c.value for c in at.caption) == notice


def test_every_slide_renders_its_chart():
    from explainer import slides

    count = len(slides.deck(tables.load()))
    for n in range(1, count + 1):
        at = run_page("present", {"slide": str(n)})
        assert not at.exception, (n, at.exception)
        kind = slides.deck(tables.load())[n - 1].kind
        assert len(at.get("plotly_chart")) == (0 if kind == "title" else 1), n


def test_present_next_button_moves_forward():
    at = run_page("present", {"slide": "2"})
    at.button(key="next").click().run()
    assert at.query_params["slide"] in ("3", ["3"])
    assert any("Slide 3 of" in (p.proto.text or "") for p in at.get("progress"))


def test_closed_extras_send_nothing():
    """Rows, image downloads and the share box are sent only once opened (a lighter first paint)."""
    at = run_page("onset")
    assert len(at.dataframe) == 0 and len(at.get("download_button")) == 0 and len(at.code) == 0


def test_opened_extras_show_rows_downloads_and_link(pkg):
    at = run_page("onset", {"measure": "remission"})
    for key in ("rows-onset-remission", "image-onset", "share"):
        at.session_state[key] = True
    at.run()
    onset = pkg.tables["onset"]
    single = onset["regimen"].isin(["single dose", "daily course"])
    assert len(at.dataframe[0].value) == int(((onset["measure"] == "remission") & single).sum())
    assert [b.proto.label for b in at.get("download_button")] == ["PNG", "SVG", "Download these rows (CSV)"]
    assert at.code[0].value.endswith("?measure=remission")  # the browser test checks the full address


def test_a_changed_address_wins_over_the_widget_state():
    """The browser's back button changes the address under a running session: the view follows it."""
    at = run_page("onset", {"measure": "remission"})
    assert "meeting remission" in trial_arms(at)["layout"]["yaxis"]["title"]["text"]
    at.query_params["measure"] = "response"
    at.run()
    assert "meeting response" in trial_arms(at)["layout"]["yaxis"]["title"]["text"]
    at.run()  # and an unchanged address leaves the widget alone
    assert "meeting response" in trial_arms(at)["layout"]["yaxis"]["title"]["text"]
