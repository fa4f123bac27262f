"""The deck of slides: which slides presentation mode shows, in order, and their speaker notes.

Free of Streamlit, so the static mirror bakes the same deck that `/present` pages through.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

import pandas as pd

from explainer import describe, registry
from explainer.cards import Card, Chart
from explainer.tables import DataPackage

CHART_HEIGHT = 370  # fits a 1280x720 projector below the title and takeaway without scrolling
CAPTION_SOURCES = 8  # citations listed under a slide's chart; the rest are on the Sources page


@dataclass(frozen=True)
class Slide:
    kind: str                      # "title", "chart" or "sources"
    chart: Chart | None = None
    lines: tuple[str, ...] = field(default=())
    view: tuple[tuple[str, Hashable], ...] = field(default=())  # the chart's view, when a link chose one

    def kwargs(self) -> dict[str, Hashable]:
        """The view as keyword arguments of the registry's figure, takeaway, alt and sources."""
        return dict(self.view)


def deck(pkg: DataPackage) -> tuple[Slide, ...]:
    """Title slide, a slide per chart the registry marks for slides, the sources slide last."""
    charts = [c for _, c in registry.available(pkg) if c.slide]
    title_lines = ()
    if not pkg.problems_for("onset_effect", "onset_milestones", "sources"):
        t = pkg.tables
        title_lines = (describe.onset_effect_takeaway(t["onset_effect"], t["onset_milestones"], t["sources"]),)
    closing = [Slide("sources", chart=c) for c in charts if c.key == "sources"]
    return ((Slide("title", lines=title_lines),) + tuple(Slide("chart", chart=c) for c in charts if c.key != "sources")
            + tuple(closing))


def speaker_notes(card: Card) -> str:
    """Notes for the presenter, computed: what the chart shows, the page's longer takeaway, and what it
    rests on."""
    cited = card.sources
    kinds = cited["kind"].value_counts() if len(cited) else pd.Series(dtype=int)
    basis = ", ".join(f"{n} {k}" for k, n in kinds.items()) or "no sources"
    return f"{card.alt} {card.takeaway} It rests on {len(cited)} sources ({basis})."
