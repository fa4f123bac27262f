"""Adding a chart with one filter takes the steps ARCHITECTURE.md lists, and nothing else.

A throwaway chart (events per decade, filtered to one category or all) is added to the history page
exactly as a new chart would be: a pure builder, one declaration (filter, select, build, words), one
entry in its page's `charts`. The app draws it with its control and reads its filter from the URL;
the mirror, the handout and the Python API show it through the same card.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import plotly.graph_objects as go
import pytest

import explainer
from explainer import export, registry, static_html, static_site, tables
from explainer.cards import Chart, Note, Selection, Tables
from explainer.describe import DISCLAIMER
from explainer.filters import Filter
from tests.conftest import figures, run_page, text_of


# Step 1: a builder, pure: the rows in, a figure out (it would live in explainer/charts/history.py).
def events_per_decade(rows: pd.DataFrame, cites: dict[str, str]) -> go.Figure:
    counts = (rows["year"] // 10 * 10).value_counts().sort_index()
    return go.Figure(go.Bar(x=[f"{d}s" for d in counts.index], y=list(counts), ids=[str(d) for d in counts.index]))


# Step 2: the declaration (it would live in explainer/declarations.py): its filter, its rows, its words.
EVENTS = Filter("events", "Events", ("all", "approvals"))


class Decades(Chart):
    key, title, tables = "decades", "How many events per decade?", ("timeline",)
    filters = (EVENTS,)
    section = "Events per decade"
    caption = "One bar per decade: the events of the timeline dated in it."
    notes = (Note("Counts, not weights", "a bar counts events, whatever their importance."),)
    slide = False

    def select(self, t: Tables, events: str = "all") -> Selection:
        rows = t["timeline"]
        return Selection(rows[rows["category"] == "approval"] if events == "approvals" else rows, t,
                         {"events": events})

    def build(self, s: Selection, cites: dict[str, str]) -> go.Figure:
        return events_per_decade(s.rows, cites)

    def takeaway(self, s: Selection) -> str:
        return f"{len(s.rows)} events in {s.rows['year'].floordiv(10).nunique()} decades."

    def alt(self, s: Selection) -> str:
        return f"Bar chart of {len(s.rows)} timeline events per decade."

    def headline(self, s: Selection) -> str:
        return f"{len(s.rows)} events since {s.rows['year'].min()}."


DECADES = Decades()


@pytest.fixture
def added(monkeypatch):
    """Step 3: one entry in its page's charts (registry.PAGES)."""
    pages = tuple(dataclasses.replace(p, charts=p.charts + (DECADES,)) if p.name == "history" else p
                  for p in registry.PAGES)
    monkeypatch.setattr(registry, "PAGES", pages)
    return registry.page("history")


def test_the_app_draws_the_new_chart_with_its_control_and_url_state(added, pkg):
    at = run_page("history")
    assert not at.exception, at.exception
    assert len(at.get("plotly_chart")) == 2
    assert "Events per decade" in [h.value for h in at.header]
    assert "One bar per decade" in text_of(at) and any("Counts, not weights" in i.value for i in at.info)
    decades = figures(at)[1]
    assert sum(decades["data"][0]["y"]) == len(pkg.tables["timeline"])

    filtered = run_page("history", {"events": "Approvals"})  # a near miss in a shared link is forgiven
    approvals = int((pkg.tables["timeline"]["category"] == "approval").sum())
    assert sum(figures(filtered)[1]["data"][0]["y"]) == approvals
    assert not run_page("history", {"events": "nonsense"}).exception


def test_the_mirror_the_handout_and_the_api_show_it_through_its_card(added, pkg):
    package = tables.load()
    mirror = static_site.page_html(package, added, static_site.Links(), static_site.Bake(False))
    assert 'id="chart-decades"' in mirror and static_html.esc(DECADES.caption) in mirror
    assert "Counts, not weights" in mirror
    handout = export.handout_html(package, DISCLAIMER)
    assert 'id="chart-decades"' in handout and static_html.esc(DECADES.caption) in handout
    assert "decades" in explainer.chart_keys()
    card = explainer.card("decades", events="approvals")
    assert card.headline.startswith(f"{int((pkg.tables['timeline']['category'] == 'approval').sum())} events")
    assert explainer.chart_info("decades")["view"] == {"events": "all"}
