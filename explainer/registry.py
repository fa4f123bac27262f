"""Every page of the explainer, declared once: path, title, question, icon, tables, charts.

Navigation, the overview's "Explore" list, the slides, the handout, the image exports and
the README's page table all derive from :data:`PAGES`. A chart is declared with the tables
it reads and four functions of those tables and its view (the filter values a page passes):
the figure, the takeaway, the alt text and the rows it draws. Results are cached per data
version by the chart and its view (see :func:`figure`), so a page cannot forget an input.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from explainer import charts, citations, derive, describe, memo, targets
from explainer.cells import split_ids
from explainer.fmt import time_label
from explainer.tables import DataPackage

Tables = Mapping[str, pd.DataFrame]
View = Mapping[str, Hashable]


@dataclass(frozen=True)
class Chart:
    """One chart: what it shows, what it reads, and how to draw and describe it.

    The four functions take the tables and the chart's view (keyword filter values); the
    methods of the same names fill in the default view and the citations.
    """

    key: str                                   # file-name safe id, e.g. "onset-trials"
    title: str                                 # the question or finding it answers
    tables: tuple[str, ...]                    # the tables it reads (besides sources, for citations)
    build: Callable[..., go.Figure]            # (tables, cites, **view) -> figure
    say: Callable[..., str]                    # (tables, **view) -> takeaway computed from the data
    describe: Callable[..., str]               # (tables, **view) -> alt text computed from the data
    select: Callable[..., pd.DataFrame]        # (tables, **view) -> the rows drawn (downloadable)
    view: tuple[tuple[str, Hashable], ...] = ()  # the default view: what slides, handout and images show
    slide: bool = True                         # gets a slide in presentation mode
    cites: Callable[..., tuple[pd.DataFrame, ...]] | None = None  # rows whose sources are cited, if not `select`

    def full_view(self, view: Mapping[str, Any]) -> dict[str, Hashable]:
        """The view with defaults filled in and lists as tuples (hashable, so it can key a cache)."""
        unknown = set(view) - {k for k, _ in self.view}
        if unknown:
            raise TypeError(f"chart {self.key!r} has no view parameter {', '.join(sorted(unknown))}")
        full = {**dict(self.view), **view}
        return {k: tuple(v) if isinstance(v, list) else v for k, v in full.items()}

    def figure(self, t: Tables, **view: Any) -> go.Figure:
        return self.build(t, citations.cite_map(t["sources"]), **self.full_view(view))

    def takeaway(self, t: Tables, **view: Any) -> str:
        return self.say(t, **self.full_view(view))

    def alt(self, t: Tables, **view: Any) -> str:
        return self.describe(t, **self.full_view(view))

    def rows(self, t: Tables, **view: Any) -> pd.DataFrame:
        return self.select(t, **self.full_view(view))

    def cited(self, t: Tables, **view: Any) -> tuple[pd.DataFrame, ...]:
        v = self.full_view(view)
        return self.cites(t, **v) if self.cites else (self.select(t, **v),)

    def sources(self, t: Tables, **view: Any) -> pd.DataFrame:
        """The cited sources in citation order, with short cite and link."""
        return citations.cites_for(t["sources"], citations.cited_ids(*self.cited(t, **view)))


@dataclass(frozen=True)
class Page:
    """One page of the app."""

    name: str          # the script is pages/<name>.py
    path: str          # URL path ("" for the overview)
    title: str         # navigation label and tab title
    question: str      # the page's heading: what it answers
    icon: str
    blurb: str         # one line in the overview's "Explore" list
    description: str   # the page's summary for search engines and link previews
    tables: tuple[str, ...]  # every table the page reads, its charts' included
    charts: tuple[Chart, ...] = field(default=())

    @property
    def script(self) -> str:
        return f"pages/{self.name}.py"

    @property
    def url(self) -> str:
        return "/" + self.path


# --- chart glue: which rows of which tables each chart draws --------------------------------

def _history_rows(t: Tables, categories: tuple[str, ...] = ()) -> pd.DataFrame:
    rows = t["timeline"]
    return rows[rows["category"].isin(categories)] if categories else rows


def _conditions_rows(t: Tables, groups: tuple[str, ...] = ()) -> pd.DataFrame:
    rows = t["conditions"]
    return rows[rows["group"].isin(groups)] if groups else rows


def _onset_rows(t: Tables, measure: str = "response", subtract: bool = False,
                regimen: str = "single dose") -> pd.DataFrame:
    rows = derive.arm_rows(t["onset"], regimen)
    rows = rows[rows["measure"] == measure]
    return derive.placebo_subtracted(rows) if subtract else rows


def _effect_measure(t: Tables, measure: str | None) -> str:
    """The measure asked for, else the one that compares the most drugs."""
    return measure or derive.measures_by_coverage(t["onset_effect"])[0]


def _effect_rows(t: Tables, measure: str | None = None) -> pd.DataFrame:
    return derive.effect_rows(t["onset_effect"], _effect_measure(t, measure))


def _routes_rows(t: Tables, products: tuple[str, ...] = ()) -> pd.DataFrame:
    rows = t["routes"]
    return rows[rows["product"].isin(products)] if products else rows


HISTORY = Chart(
    "history", "How did an anaesthetic become a depression treatment?", ("timeline", "eras"),
    build=lambda t, cites, categories=(): charts.timeline_by_category(_history_rows(t, categories), cites, t["eras"]),
    say=lambda t, categories=(): describe.history_takeaway(t["timeline"]),
    describe=lambda t, categories=(): describe.alt_timeline(_history_rows(t, categories)),
    select=_history_rows, view=(("categories", ()),))

CONDITIONS = Chart(
    "conditions", "For which conditions does the evidence hold up?", ("conditions", "evidence_grades"),
    build=lambda t, cites, groups=(): charts.evidence_matrix(_conditions_rows(t, groups), t["evidence_grades"], cites),
    say=lambda t, groups=(): describe.conditions_takeaway(t["conditions"]),
    describe=lambda t, groups=(): describe.alt_conditions(_conditions_rows(t, groups)),
    select=_conditions_rows, view=(("groups", ()),))

ONSET_EFFECT = Chart(
    "onset-effect", "How soon does each drug separate from placebo, and for how long?",
    ("onset_effect", "onset_milestones"),
    build=lambda t, cites, measure=None: charts.onset_effect_over_time(
        t["onset_effect"], t["onset_milestones"], cites, measure=_effect_measure(t, measure)),
    say=lambda t, measure=None: describe.onset_effect_takeaway(t["onset_effect"], t["onset_milestones"],
                                                               t["sources"], _effect_measure(t, measure)),
    describe=lambda t, measure=None: describe.alt_onset_effect(t["onset_effect"], t["onset_milestones"],
                                                               _effect_measure(t, measure)),
    select=_effect_rows, view=(("measure", None),),
    cites=lambda t, measure=None: (_effect_rows(t, measure), t["onset_milestones"]))

ONSET_TRIALS = Chart(
    "onset", "Trial arms: response and remission over time", ("onset", "ssri_onset"),
    build=lambda t, cites, measure="response", subtract=False, regimen="single dose": charts.onset_timecourse(
        derive.arm_rows(t["onset"], regimen), cites, measure=measure, subtract=subtract,
        band_weeks=derive.ssri_onset_weeks(t["ssri_onset"])),
    say=lambda t, measure="response", subtract=False, regimen="single dose": describe.onset_takeaway(
        t["onset"], t["ssri_onset"]),
    describe=lambda t, measure="response", subtract=False, regimen="single dose": describe.alt_onset(
        derive.arm_rows(t["onset"], regimen), measure, subtract),
    select=_onset_rows, view=(("measure", "response"), ("subtract", False), ("regimen", "single dose")),
    cites=lambda t, measure="response", subtract=False, regimen="single dose": (
        _onset_rows(t, measure, False, regimen), t["ssri_onset"][t["ssri_onset"]["kind"] == "finding"]),
    slide=False)

BIOAVAILABILITY = Chart(
    "routes-bioavailability", "How much ketamine reaches the blood, by route?", ("routes",),
    build=lambda t, cites, products=(): charts.bioavailability_by_route(_routes_rows(t, products), cites),
    say=lambda t, products=(): describe.routes_takeaway(_routes_rows(t, products)),
    describe=lambda t, products=(): describe.alt_bioavailability(_routes_rows(t, products)),
    select=_routes_rows, view=(("products", ()),))

ROUTE_BANDS = Chart(
    "routes-onset-duration", "How fast does each route act, and for how long?", ("routes",),
    build=lambda t, cites, products=(): charts.onset_duration_bands(_routes_rows(t, products), cites),
    say=lambda t, products=(): describe.routes_takeaway(_routes_rows(t, products)),
    describe=lambda t, products=(): describe.alt_bands(_routes_rows(t, products)),
    select=_routes_rows, view=(("products", ()),), slide=False)

ROUTE_MODEL = Chart(
    "routes-model", "Illustrative model: concentration over time by route", ("routes",),
    build=lambda t, cites, products=(): charts.concentration_model(_routes_rows(t, products), cites),
    say=lambda t, products=(): describe.routes_takeaway(_routes_rows(t, products)),
    describe=lambda t, products=(): describe.alt_model(derive.model_inputs(_routes_rows(t, products))),
    select=_routes_rows, view=(("products", ()),), slide=False)

MECHANISM = Chart(
    "mechanism", "How does ketamine act in the brain?", ("mechanism",),
    build=lambda t, cites, upto=None: charts.mechanism_steps(t["mechanism"], cites, upto=upto),
    say=lambda t, upto=None: describe.mechanism_takeaway(t["mechanism"]),
    describe=lambda t, upto=None: describe.alt_mechanism(t["mechanism"], upto),
    select=lambda t, upto=None: t["mechanism"], view=(("upto", None),))

SAFETY = Chart(
    "safety", "What does ketamine cost in side effects?", ("side_effects",),
    build=lambda t, cites: charts.adverse_effects_vs_comparator(t["side_effects"], cites),
    say=lambda t: describe.safety_takeaway(t["side_effects"]),
    describe=lambda t: describe.alt_safety(derive.frequency_rows(t["side_effects"], "acute")),
    select=lambda t: derive.frequency_rows(t["side_effects"], "acute"))

CLAIMS = Chart(
    "claims", "Which of the article's claims hold up?", ("claims",),
    build=lambda t, cites: charts.verdict_bars(derive.verdict_counts(t["claims"])),
    say=lambda t: describe.claims_takeaway(t["claims"]),
    describe=lambda t: describe.alt_counts("Bar chart of claims per verdict", derive.verdict_counts(t["claims"]),
                                      "verdict", "claims"),
    select=lambda t: t["claims"])

SOURCES = Chart(
    "sources", "Where does every number come from?", ("sources",),
    build=lambda t, cites: charts.sources_by_kind(t["sources"], derive.enum_of(t["sources"], "kind")),
    say=lambda t: describe.sources_takeaway(t["sources"], derive.rows_backed(t)),
    describe=lambda t: describe.alt_counts("Bar chart of sources by kind", derive.kind_counts(t["sources"]),
                                           "kind", "n"),
    select=lambda t: t["sources"], cites=lambda t: ())

ALL_TABLES = ("sources", "timeline", "eras", "evidence_grades", "conditions", "onset", "onset_effect",
              "onset_milestones", "ssri_onset", "abuse", "routes", "side_effects", "mechanism", "claims")

PAGES: tuple[Page, ...] = (
    Page("overview", "", "Overview", "What is ketamine, in four figures from the data?", ":material/home:",
         "What ketamine is, in four figures",
         "A sourced, interactive explainer of ketamine: how fast it works, for what, how strong the evidence is, "
         "and which popular claims hold up.",
         ("onset_effect", "onset_milestones", "onset", "ssri_onset", "conditions", "sources", "timeline",
          "mechanism")),
    Page("history", "history", "History", "How did an anaesthetic become a depression treatment?", ":material/history:",
         "From the first synthesis to today, by category",
         "Ketamine's history on one timeline: synthesis, anaesthesia, regulation, the first depression trials, "
         "the esketamine approval.", ("timeline", "eras", "sources"), (HISTORY,)),
    Page("conditions", "conditions", "Conditions", "For which conditions does the evidence hold up?",
         ":material/grid_view:", "What it is used for, and how strong the evidence is",
         "Every condition ketamine is used or studied for, graded by the strength of its evidence, "
         "with trials and participants behind each grade.", ("conditions", "evidence_grades", "sources"),
         (CONDITIONS,)),
    Page("onset", "onset", "Onset", "How fast does ketamine work compared with an SSRI?", ":material/schedule:",
         "How fast it works compared with SSRIs",
         "How fast a single ketamine infusion works compared with SSRIs: pooled drug-vs-placebo effects and "
         "trial arms on one time axis.", ("onset_effect", "onset_milestones", "onset", "ssri_onset", "sources"),
         (ONSET_EFFECT, ONSET_TRIALS)),
    Page("routes", "routes", "Routes", "How much ketamine reaches the blood, and how fast, by route?",
         ":material/route:", "How the delivery routes differ",
         "Bioavailability, time to peak, onset and duration of ketamine and esketamine by route, "
         "with an illustrative model.", ("routes", "sources"), (BIOAVAILABILITY, ROUTE_BANDS, ROUTE_MODEL)),
    Page("mechanism", "mechanism", "Mechanism", "How does ketamine act in the brain?", ":material/neurology:",
         "How it acts in the brain, step by step",
         "The proposed chain from NMDA receptor block to new synapses, step by step with timescales, "
         "and the competing hypotheses.", ("mechanism", "sources"), (MECHANISM,)),
    Page("safety", "safety", "Safety", "What does ketamine cost in side effects?", ":material/health_and_safety:",
         "Side effects, harms and abuse potential",
         "Ketamine's side effects against placebo, harms of long-term use, abuse potential and legal control.",
         ("side_effects", "abuse", "timeline", "sources"), (SAFETY,)),
    Page("claims", "claims", "Claims", "Which of the article's claims hold up?", ":material/fact_check:",
         "Which popular claims hold up",
         "Every factual claim of a popular article about ketamine, checked against the literature.",
         ("claims", "sources"), (CLAIMS,)),
    Page("sources", "sources", "Sources", "Where does every number come from?", ":material/menu_book:",
         "Every reference, searchable and downloadable",
         "Every publication behind the explainer's numbers, searchable, as BibTeX, RIS, CSV and a data package.",
         ALL_TABLES, (SOURCES,)),
    Page("present", "present", "Present", "Slides for a projector", ":material/slideshow:", "Slides for a projector",
         "Ketamine, Explained as slides: one chart and one takeaway per slide, keyboard-driven.", ALL_TABLES),
)


def page(name: str) -> Page:
    """The page declared under `name` (its script's file name)."""
    for p in PAGES:
        if p.name == name:
            return p
    raise KeyError(name)


def chart(key: str) -> Chart:
    """The chart declared under `key`."""
    for p in PAGES:
        for c in p.charts:
            if c.key == key:
                return c
    raise KeyError(key)


def chart_pages() -> list[tuple[Page, Chart]]:
    """Every chart with its page, in page order."""
    return [(p, c) for p in PAGES for c in p.charts]


def available(pkg: DataPackage) -> list[tuple[Page, Chart]]:
    """The charts whose tables passed validation, in page order (a broken table drops its charts)."""
    return [(p, c) for p, c in chart_pages() if not pkg.problems_for(*c.tables, "sources")]


# --- derived values, cached per data version by chart and view -------------------------------

def figure(chart_: Chart, height: int | None = None, target: str = "page",
           window: tuple[int, int] | None = None, **view: Any) -> memo.FrozenFigure:
    """The chart's figure for this view, laid out for `target` (see targets.py; `height` and the
    `window` of rows are for slides), shared by every session: read-only."""
    return memo.call(_figure, chart_.key, tuple(sorted(chart_.full_view(view).items())), height, target, window)


def takeaway(chart_: Chart, **view: Any) -> str:
    return memo.call(_derived, chart_.key, "takeaway", tuple(sorted(chart_.full_view(view).items())))


def alt(chart_: Chart, **view: Any) -> str:
    return memo.call(_derived, chart_.key, "alt", tuple(sorted(chart_.full_view(view).items())))


def rows(chart_: Chart, **view: Any) -> pd.DataFrame:
    return memo.call(_derived, chart_.key, "rows", tuple(sorted(chart_.full_view(view).items())))


def cited(chart_: Chart, **view: Any) -> tuple[pd.DataFrame, ...]:
    """The rows whose sources the chart's caption cites."""
    return memo.call(_derived, chart_.key, "cited", tuple(sorted(chart_.full_view(view).items())))


def sources(chart_: Chart, **view: Any) -> pd.DataFrame:
    """The chart's cited sources, in citation order, with short cite and link."""
    return memo.call(_derived, chart_.key, "sources", tuple(sorted(chart_.full_view(view).items())))


def _figure(pkg: DataPackage, key: str, view: tuple, height: int | None, target: str = "page",
            window: tuple[int, int] | None = None) -> go.Figure:
    return targets.fit(chart(key).figure(pkg.tables, **dict(view)), target, height=height, window=window)


def _derived(pkg: DataPackage, key: str, what: str, view: tuple) -> Any:
    return getattr(chart(key), what)(pkg.tables, **dict(view))


def page_showing(table: str) -> Page | None:
    """The first page with a chart that draws `table` (where a reader sees its rows)."""
    return next((p for p, c in chart_pages() if table in c.tables), None)


def related_row_links(t: Tables) -> dict[str, tuple[str, str]]:
    """(label, relative URL) of every `table:id` the claims point to, built once per data version
    (a claims page shows dozens of them on every run)."""
    cells = t["claims"]["related_rows"] if "claims" in t and "related_rows" in t["claims"] else []
    refs = dict.fromkeys(ref for cell in cells for ref in split_ids(cell))
    return {ref: link for ref in refs if (link := row_link(t, ref)) is not None}


def row_link(t: Tables, ref: str) -> tuple[str, str] | None:
    """(label, relative URL) of a `table:id` reference: the page that draws the row, in the view
    that shows it (onset rows after repeated doses open the repeated-doses view)."""
    table, _, key = ref.partition(":")
    page_ = page_showing(table)
    if page_ is None or table not in t:  # a table that failed validation: no link into it
        return None
    url = page_.path or "."
    if table == "onset":
        row = t["onset"][t["onset"]["point_id"] == key]
        if len(row):
            r = row.iloc[0]
            if r["regimen"] == "repeated doses":
                url += "?regimen=repeated+doses"
            return f"{r['study']}: {r['measure']} {r['value_pct']:g}% at {time_label(r['time_days'])}", url
    return f"{table} · {key}", url
