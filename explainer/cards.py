"""A chart's declaration contract and the card every target draws from it.

A chart is a small class (:class:`Chart`): what it shows (key, title, tables), what a reader can
choose (its :class:`~explainer.filters.Filter` s), its words (section heading, caption, notes) and
five functions of one :class:`Selection`, the rows it draws in one view:

- ``select(t, **view)`` picks the rows, once;
- ``build(s, cites)`` draws them (a pure builder from ``charts/``);
- ``takeaway(s)``, ``alt(s)`` and ``headline(s)`` say what they show.

:meth:`Chart.card` runs them in that order and returns a :class:`Card`: title, headline, takeaway,
figure, alt text, caption, notes, sources, rows and the Plotly config. The app (``ui``), the slides,
the static mirror, the handout and the Python API each render that card; none of them calls the
functions above on its own. Free of Streamlit.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

import pandas as pd
import plotly.graph_objects as go

from explainer import citations, theme
from explainer.filters import Filter

Tables = Mapping[str, pd.DataFrame]
PREFIX = "ketamine-explained"


def plotly_config(name: str, *, phone: bool = False) -> dict:
    """The Plotly config of every drawn chart (app, mirror, handout): no logo, no cloud button, and an
    image button that saves a slide-sized PNG named after the chart.

    `phone`: no mode bar. A touch screen has no hover to hide it, so it stays over the legend's first
    row; a phone zooms with two fingers, and the PNG/SVG downloads under the chart replace its camera."""
    config = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["sendChartToCloud"],
              "toImageButtonOptions": {"format": "png", "filename": f"{PREFIX}-{name}", "width": theme.SLIDE_WIDTH,
                                       "height": theme.SLIDE_HEIGHT, "scale": 2}}
    return {**config, "displayModeBar": False} if phone else config


@dataclass(frozen=True)
class Note:
    """A notice shown with a chart in every target (e.g. that it is a model, not data)."""

    title: str   # a few words in bold: "Model, not data"
    text: str    # the rest of the notice
    icon: str = ":material/info:"  # the app's icon for it (a Material Symbols name)


@dataclass(frozen=True)
class Selection:
    """What a chart draws in one view: its rows (drawn, downloadable, cited), the view, and the
    tables it draws them against (eras, grades, the SSRI band...)."""

    rows: pd.DataFrame
    t: Tables
    view: Mapping[str, Hashable]
    cited: tuple[pd.DataFrame, ...] | None = None  # rows whose sources the caption names; None: `rows`

    @property
    def cited_rows(self) -> tuple[pd.DataFrame, ...]:
        """The rows whose sources the chart cites."""
        return (self.rows,) if self.cited is None else self.cited


class Chart:
    """One chart, declared once: subclass it, set the class attributes and write the five functions."""

    key: ClassVar[str]                       # file-name safe id, e.g. "onset-trials"
    title: ClassVar[str]                     # the question or finding it answers
    tables: ClassVar[tuple[str, ...]]        # the tables it reads (besides sources, for citations)
    filters: ClassVar[tuple[Filter, ...]] = ()   # what a reader can choose (see filters.py)
    section: ClassVar[str] = ""              # the heading over it on its page ("" when the page's question heads it)
    caption: ClassVar[str] = ""              # how to read it
    notes: ClassVar[tuple[Note, ...]] = ()   # notices shown above it
    slide: ClassVar[bool] = True             # gets a slide in presentation mode

    def select(self, t: Tables, **view: Any) -> Selection:
        """The rows this view draws."""
        raise NotImplementedError

    def build(self, s: Selection, cites: dict[str, str]) -> go.Figure:
        """The figure of the selected rows."""
        raise NotImplementedError

    def takeaway(self, s: Selection) -> str:
        """The finding in one sentence, for the page (computed from the rows)."""
        raise NotImplementedError

    def alt(self, s: Selection) -> str:
        """What the figure shows, in words (alt text)."""
        raise NotImplementedError

    def headline(self, s: Selection) -> str:
        """The finding in at most 20 words, no citation, with its time point (slides, cards, previews)."""
        raise NotImplementedError

    def caption_for(self, s: Selection) -> str:
        """How to read this view (the declared caption unless the view changes it)."""
        return self.caption

    # --- the view ---------------------------------------------------------------------------

    def filter(self, name: str) -> Filter:
        """The filter called `name`."""
        for f in self.filters:
            if f.name == name:
                return f
        raise KeyError(f"chart {self.key!r} has no filter {name!r}")

    def full_view(self, t: Tables, view: Mapping[str, Any]) -> dict[str, Hashable]:
        """The view with every filter's default filled in and lists as tuples (hashable: it keys a cache)."""
        names = {f.name for f in self.filters}
        unknown = set(view) - names
        if unknown:
            raise TypeError(f"chart {self.key!r} has no view parameter {', '.join(sorted(unknown))}; "
                            f"its filters are {', '.join(sorted(names)) or 'none'}")
        full = {f.name: f.default_of(f.options(t)) for f in self.filters if f.name not in view}
        full.update({k: tuple(v) if isinstance(v, list) else v for k, v in view.items()})
        return {f.name: full[f.name] for f in self.filters}

    def own(self, view: Mapping[str, Any]) -> dict[str, Any]:
        """The part of a page's view that is this chart's (a page's controls serve all its charts)."""
        return {f.name: view[f.name] for f in self.filters if f.name in view}

    # --- the card ---------------------------------------------------------------------------

    def card(self, t: Tables, *, height: int | None = None, **view: Any) -> Card:
        """Everything a target shows of this chart in this view, computed from one selection."""
        s = self.select(t, **self.full_view(t, view))
        fig = self.build(s, citations.cite_map(t["sources"]))
        if height:
            fig.update_layout(height=height)
        cited = s.cited_rows
        return Card(key=self.key, title=self.title, section=self.section, headline=self.headline(s),
                    takeaway=self.takeaway(s), figure=fig, alt=self.alt(s), caption=self.caption_for(s),
                    notes=self.notes, rows=s.rows, cited=cited,
                    sources=citations.cites_for(t["sources"], citations.cited_ids(*cited)), view=dict(s.view))


@dataclass(frozen=True)
class Card:
    """A chart in one view, as every target shows it (Streamlit-free; each target renders it)."""

    key: str
    title: str
    section: str
    headline: str
    takeaway: str
    figure: Any                     # go.Figure, or memo.FrozenFigure when shared between sessions
    alt: str
    caption: str
    notes: tuple[Note, ...]
    rows: pd.DataFrame              # the rows drawn, as the CSV download holds them
    cited: tuple[pd.DataFrame, ...]  # the rows whose sources are cited
    sources: pd.DataFrame           # the cited sources in citation order, with `cite` and `link`
    view: dict[str, Hashable] = field(default_factory=dict)

    @property
    def config(self) -> dict:
        """The Plotly config to draw it with."""
        return plotly_config(self.key)

    def frozen(self) -> Card:
        """The form shared between sessions (see memo.freeze): the figure read-only."""
        from explainer.memo import FrozenFigure

        return self if isinstance(self.figure, FrozenFigure) else replace(self, figure=FrozenFigure(self.figure))

    def thawed(self) -> Card:
        """What a caller of a shared card receives: frames as copy-on-write copies."""
        return replace(self, rows=self.rows.copy(deep=False), sources=self.sources.copy(deep=False),
                       cited=tuple(c.copy(deep=False) for c in self.cited))
