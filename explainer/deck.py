"""The deck of slides: which slides presentation mode shows, in order, and their speaker notes.

Free of Streamlit, so the static mirror bakes the same deck that `/present` pages through.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from explainer import describe, registry, targets
from explainer.cards import Card, Chart
from explainer.tables import DataPackage

if TYPE_CHECKING:
    import plotly.graph_objects as go

CHART_HEIGHT = 370  # fits a 1280x720 projector below the title and takeaway without scrolling
CAPTION_SOURCES = 8  # citations listed under a slide's chart; the rest are on the Sources page


@dataclass(frozen=True)
class Slide:
    kind: str                      # "title", "chart" or "sources"
    chart: Chart | None = None
    lines: tuple[str, ...] = field(default=())
    view: tuple[tuple[str, Hashable], ...] = field(default=())  # the chart's view, when a link chose one
    window: tuple[int, int] | None = None  # rows [start, stop) of a chart too tall for one slide
    part: tuple[int, int] = (1, 1)         # this slide's place among the chart's slides

    def kwargs(self) -> dict[str, Hashable]:
        """The view as keyword arguments of the registry's card, figure, takeaway, alt and sources."""
        return dict(self.view)

    @property
    def title(self) -> str:
        """The slide's heading: its chart's title, and "(1 of 2)" when the chart spans slides."""
        if not self.chart:
            return ""
        return self.chart.title + (f" ({self.part[0]} of {self.part[1]})" if self.part[1] > 1 else "")

    @property
    def key(self) -> str:
        """A name for the slide's chart, unique in the deck."""
        return self.chart.key + (f"-{self.part[0]}" if self.part[1] > 1 else "") if self.chart else "title"


def deck(pkg: DataPackage) -> tuple[Slide, ...]:
    """Title slide, a slide per chart the registry marks for slides, the sources slide last."""
    charts = [c for _, c in registry.available(pkg) if c.slide]
    title_lines = ()
    if not pkg.problems_for("onset_effect", "onset_milestones", "sources"):
        t = pkg.tables
        title_lines = (describe.onset_effect_takeaway(t["onset_effect"], t["onset_milestones"], t["sources"]),)
    closing = [Slide("sources", chart=c) for c in charts if c.key == "sources"]
    return ((Slide("title", lines=title_lines),) + tuple(s for c in charts if c.key != "sources" for s in parts(pkg, c))
            + tuple(closing))


def parts(pkg: DataPackage, chart: Chart, view: tuple[tuple[str, Hashable], ...] = ()) -> list[Slide]:
    """The chart's slides in this view: one, or one per window of rows when more rows than a slide
    holds legibly (at slide type size, 1280x720) would be squeezed into it."""
    if not all(name in pkg.tables and len(pkg.tables[name]) for name in chart.tables):
        return [Slide("chart", chart=chart, view=view)]
    windows = targets.slide_parts(_slide_figure(pkg, chart, view), CHART_HEIGHT)
    if len(windows) < 2:
        return [Slide("chart", chart=chart, view=view)]
    return [Slide("chart", chart=chart, view=view, window=w, part=(i, len(windows)))
            for i, w in enumerate(windows, start=1)]


def _slide_figure(pkg: DataPackage, chart: Chart, view: tuple[tuple[str, Hashable], ...]) -> go.Figure:
    """The chart laid out for a slide: for the current package, a copy of the card every session and
    the slides themselves share (built once per view); for another package, built here. A copy:
    reading a plotly figure's axes creates objects inside it, so a figure other sessions are reading
    or copying at the same time is never walked in place."""
    from explainer import tables

    if pkg is tables.load():
        return registry.card(chart, CHART_HEIGHT, "slide", **dict(view)).figure.thaw()
    return targets.fit(chart.card(pkg.tables, **dict(view)).figure, "slide", height=CHART_HEIGHT)


def speaker_notes(card: Card) -> str:
    """Notes for the presenter, computed: what the chart shows, the page's longer takeaway, and what it
    rests on."""
    cited = card.sources
    kinds = cited["kind"].value_counts() if len(cited) else pd.Series(dtype=int)
    basis = ", ".join(f"{n} {k}" for k, n in kinds.items()) or "no sources"
    return f"{card.alt} {card.takeaway} It rests on {len(cited)} sources ({basis})."
