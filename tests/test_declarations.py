"""Each chart is declared once: its filters, its rows, its words; every target draws the same card.

Filters: defaults among their choices on the shipped data, choices read from the schema, one URL key
per parameter on a page, older links still read. Sections: each renders in every target or is
declared app-only. The mirror and the handout carry every caption and note the app shows. Headlines
stay short and uncited. And adding a chart with one filter takes the steps ARCHITECTURE.md lists.
"""

from __future__ import annotations

import ast
import json
import re

import pytest

from explainer import export, registry, sections, static_html, static_site, tables
from explainer.describe import DISCLAIMER
from tests.conftest import ROOT, figures, run_page, set_cell, trace_ids, trial_arms

SHIPPED = tables.read_package(tables.DEFAULT_DATA_DIR)


def views_of(chart) -> list[dict]:
    """The default view and, for each single-choice filter, each of its other choices."""
    t = SHIPPED.tables
    out = [{}]
    for f in chart.filters:
        if not f.multi:
            out += [{f.name: c} for c in f.options(t) if c != f.default_of(f.options(t))]
    return out


# --- filters -------------------------------------------------------------------------------------

@pytest.mark.parametrize("page", registry.PAGES, ids=lambda p: p.name)
def test_every_default_is_among_its_choices_on_the_shipped_data(page):
    t = SHIPPED.tables
    for f in page.all_filters():
        if f.free or f.widget == "none":
            continue
        choices = f.options(t)
        assert choices, f.name
        default = f.default_of(choices)
        assert default == () if f.multi else default in choices, (f.name, default, choices)


@pytest.mark.parametrize("page", registry.PAGES, ids=lambda p: p.name)
def test_every_url_key_maps_to_exactly_one_parameter_per_page(page):
    keys = [k for f in page.all_filters() for k in f.keys]
    assert len(keys) == len(set(keys)), keys
    names = {f.name for c in page.charts for f in c.filters}
    assert names == {f.name for f in page.all_filters()} - {f.name for f in page.filters}


def test_charts_sharing_a_filter_share_one_object_and_one_control():
    bio, bands, model = (registry.chart(k) for k in ("routes-bioavailability", "routes-onset-duration",
                                                    "routes-model"))
    assert bio.filter("product") is bands.filter("product") is model.filter("product")
    assert [f.name for f in registry.page("routes").all_filters()] == ["product"]


def test_choices_come_from_the_schema(data_copy):
    """A new allowed value of onset.measure, present in the rows, becomes a choice: nothing is hard-coded."""
    descriptor = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    field = next(f for r in descriptor["resources"] if r["name"] == "onset" for f in r["schema"]["fields"]
                 if f["name"] == "measure")
    field["constraints"]["enum"].append("partial response")
    (data_copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    set_cell(data_copy, "onset", 0, "measure", "partial response")
    t = tables.read_package(data_copy).tables
    assert registry.chart("onset").filter("measure").options(t) == ("response", "remission", "partial response")
    assert registry.chart("onset").filter("measure").options(SHIPPED.tables) == ("response", "remission")


def test_an_old_link_still_sets_the_view_and_travels_on_under_the_new_name(pkg):
    at = run_page("onset", {"view": "placebo-subtracted", "measure": "remission"})
    assert not at.exception
    assert "above comparator" in json.dumps(trial_arms(at)["layout"]["yaxis"])
    params = {k: at.query_params[k] for k in at.query_params}
    assert "view" not in params and params.get("values") in ("placebo-subtracted", ["placebo-subtracted"])
    bad = run_page("onset", {"view": "sideways"})
    assert any("Ignored `view=sideways`" in c.value for c in bad.caption)  # the notice names the key the link used


def test_one_product_control_filters_all_three_route_charts(pkg):
    at = run_page("routes", {"product": "esketamine"})
    routes = pkg.tables["routes"]
    esketamine = set(routes.loc[routes["product"] == "esketamine", "route_id"])
    bio, bands, model = figures(at)
    assert trace_ids(bio) == esketamine and trace_ids(bands) <= esketamine
    assert all("esketamine" in tr["name"] for tr in model["data"])


# --- one selection per chart ---------------------------------------------------------------------

@pytest.mark.parametrize("chart", [c for _, c in registry.chart_pages()], ids=lambda c: c.key)
def test_builder_rows_and_citations_come_from_one_selection(chart):
    t = SHIPPED.tables
    for view in views_of(chart):
        card = chart.card(t, **view)
        s = chart.select(t, **chart.full_view(t, view))
        assert list(card.rows.index) == list(s.rows.index) and card.view == dict(s.view)
        ids = {i for tr in card.figure.data for i in (getattr(tr, "ids", None) or ())}
        if ids and "point_id" in s.rows:
            assert ids <= set(s.rows["point_id"]) | set(t["onset"]["point_id"])


# --- words ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("chart", [c for _, c in registry.chart_pages()], ids=lambda c: c.key)
def test_headlines_are_short_uncited_and_follow_the_view(chart):
    t = SHIPPED.tables
    for view in views_of(chart):
        card = chart.card(t, **view)
        assert 3 <= len(card.headline.split()) <= 20, card.headline
        assert not any(c in card.headline for c in card.sources["cite"]), card.headline
        assert not re.search(r"\(\D*\d{4}\)", card.headline), card.headline  # no "(Author 2020)"
        assert card.headline != card.takeaway


def test_time_points_are_in_the_onset_headlines():
    for key in ("onset-effect", "onset"):
        assert re.search(r"\d+ (min|h|day|days|wk)\b", registry.headline(registry.chart(key))), key


def test_each_route_chart_says_its_own_thing():
    keys = ("routes-bioavailability", "routes-onset-duration", "routes-model")
    takeaways = {registry.takeaway(registry.chart(k)) for k in keys}
    headlines = {registry.headline(registry.chart(k)) for k in keys}
    assert len(takeaways) == len(headlines) == 3
    assert "model" in registry.takeaway(registry.chart("routes-model"))  # labelled as a model


# --- sections: every target, or app-only -----------------------------------------------------------

def calls_in(script: str, owner: str, attrs: tuple[str, ...]) -> list[ast.Call]:
    tree = ast.parse((ROOT / script).read_text(encoding="utf-8"))
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and n.func.attr in attrs and isinstance(n.func.value, ast.Name) and n.func.value.id == owner]


@pytest.mark.parametrize("page", registry.PAGES, ids=lambda p: p.name)
def test_every_page_section_renders_in_every_target_or_is_declared_app_only(page):
    for s in page.sections:
        assert (s.block is None) == bool(s.app_only), s.key  # one of the two, with a reason when app-only
    drawn = [c.args[1].value for c in calls_in(page.script, "ui", ("section",))]
    assert sorted(set(drawn)) == sorted(s.key for s in page.sections)  # each declared section drawn, none other
    # a heading the declarations do not know cannot appear: sections and charts draw every h2
    assert not calls_in(page.script, "st", ("header", "subheader")), page.script


def test_every_caption_note_and_section_is_in_the_mirror_and_the_handout():
    pkg = tables.load()
    handout = export.handout_html(pkg, DISCLAIMER)
    cites = static_site.source_links(pkg)
    for page in registry.PAGES:
        mirror = static_site.page_html(pkg, page, static_site.Links(), static_site.Bake(False))
        targets = {"mirror": mirror, **({"handout": handout} if page.charts else {})}
        for chart in page.charts:
            card = registry.card(chart)
            words = [card.caption] + [n.title for n in card.notes] + [n.text for n in card.notes]
            for name, text in targets.items():
                assert all(static_html.esc(w) in text for w in words if w), (name, chart.key)
        for s in page.sections:
            if s.block is None:
                continue
            block = s.content(pkg.tables)
            html = static_html.block(block, cites, anchor=s.key)
            for name, text in targets.items():
                assert html in text, (name, page.name, s.key)
            assert all(static_html.esc(i.strong or i.text) in html for i in block.items)


def test_the_safety_harms_and_the_article_table_reach_the_handout(pkg):
    handout = export.handout_html(tables.load(), DISCLAIMER)
    chronic = pkg.tables["side_effects"][pkg.tables["side_effects"]["timing"] == "chronic use"]
    assert "Harms with frequent or long-term use" in handout and len(chronic)
    assert all(static_html.esc(e) in handout for e in chronic["effect"])
    assert "The article vs the evidence" in handout and '<table class="rows">' in handout


def test_an_app_only_section_says_why_and_has_no_content():
    detail = registry.page("conditions").section("detail")
    assert detail.app_only and detail.block is None
    with pytest.raises(TypeError, match="only in the app"):
        detail.content(SHIPPED.tables)
    assert isinstance(registry.page("safety").section("harms").content(SHIPPED.tables), sections.Block)
