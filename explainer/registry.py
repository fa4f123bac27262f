"""Every page of the explainer, declared once: path, title, question, icon, tables, charts, sections.

Navigation, the overview's "Explore" list, the slides, the handout, the image exports, the static
mirror and the README's page table all derive from :data:`PAGES`. The charts themselves are declared
in :mod:`explainer.declarations` (filters, rows, builder, words); a page lists them in the order it
shows them, with its sections that are not charts (:mod:`explainer.sections`) and any filter of its
own. :func:`card` computes a chart's card once per data version and view, shared by every session.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from explainer import memo, sections, targets
from explainer.cards import Card, Chart
from explainer.cells import split_ids
from explainer.declarations import (
    BIOAVAILABILITY,
    CLAIMS,
    CONDITIONS,
    HISTORY,
    MECHANISM,
    ONSET_EFFECT,
    ONSET_TRIALS,
    ROUTE_BANDS,
    ROUTE_MODEL,
    SAFETY,
    SOURCES,
)
from explainer.filters import Allowed, Filter, unique
from explainer.fmt import time_label
from explainer.sections import Section
from explainer.tables import DataPackage, declared_tables

Tables = Mapping[str, pd.DataFrame]
View = Mapping[str, Hashable]


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
    sections: tuple[Section, ...] = field(default=())  # what it shows besides charts, in order
    filters: tuple[Filter, ...] = field(default=())    # filters of its own (not of a chart)
    lead: str = ""     # key of another page's chart this page opens with (its rows stay on that page)

    @property
    def script(self) -> str:
        return f"pages/{self.name}.py"

    @property
    def url(self) -> str:
        return "/" + self.path

    def section(self, key: str) -> Section:
        """The section declared under `key`."""
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(f"page {self.name!r} has no section {key!r}")

    @property
    def drawn(self) -> int:
        """How many charts the page draws when it opens: its own, and its lead."""
        return len(self.charts) + (1 if self.lead else 0)

    def all_filters(self) -> list[Filter]:
        """Every filter on the page, each once: its charts' (shared ones once), then its own."""
        return unique([f for c in self.charts for f in c.filters] + list(self.filters))


VERDICT = Filter("verdict", "Show verdicts", Allowed("claims", "verdict"), widget="pills")
SEARCH = Filter("q", "Search references", widget="text", help="author, title, year, DOI…")
SLIDE = Filter("slide", "Slide", widget="none", convert=int)  # its choices are the deck's slides (pages/present.py)

S = Section
SAFETY_SECTIONS = (
    S("changes", "Measured changes (means, not frequencies)", sections.safety_changes),
    S("harms", "Harms with frequent or long-term use", sections.safety_harms),
    S("abuse", "Abuse potential and scheduling", sections.safety_abuse),
    S("regulation", "", sections.safety_regulation),
)
CONDITIONS_SECTIONS = (
    S("detail", "", app_only="follows the condition a reader clicks in the chart"),
    S("grades", "", sections.conditions_grades),
    S("seed", "The article vs the evidence", sections.conditions_seed),
)

# every table of the package, in datapackage.json's order (what /sources and /present read)
ALL_TABLES = declared_tables()

PAGES: tuple[Page, ...] = (
    Page("overview", "", "Overview", "Ketamine, explained: fast-acting, and how strong is the evidence?",
         ":material/home:",
         "What ketamine is, in four figures",
         "A sourced, interactive explainer of ketamine: how fast it works, for what, how strong the evidence is, "
         "and which popular claims hold up.",
         ("onset_effect", "onset_milestones", "onset", "ssri_onset", "conditions", "sources", "timeline",
          "mechanism"), (),
         (S("figures", "", app_only="the app's metric tiles; the mirror draws the same figures as a list"),
          S("what", "What it is", sections.overview_what),
          S("explore", "Explore", app_only="the app's page links; the mirror lists the same pages")),
         lead="onset-effect"),
    Page("history", "history", "History", "How did an anaesthetic become a depression treatment?", ":material/history:",
         "From the first synthesis to today, by category",
         "Ketamine's history on one timeline: synthesis, anaesthesia, regulation, the first depression trials, "
         "the esketamine approval.", ("timeline", "eras", "sources"), (HISTORY,)),
    Page("conditions", "conditions", "Conditions", "For which conditions does the evidence hold up?",
         ":material/grid_view:", "What it is used for, and how strong the evidence is",
         "Every condition ketamine is used or studied for, graded by the strength of its evidence, "
         "with trials and participants behind each grade.", ("conditions", "evidence_grades", "sources"),
         (CONDITIONS,), CONDITIONS_SECTIONS),
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
         "and the competing hypotheses.", ("mechanism", "sources"), (MECHANISM,),
         (S("step", "", sections.mechanism_step),)),
    Page("safety", "safety", "Safety", "What does ketamine cost in side effects?", ":material/health_and_safety:",
         "Side effects, harms and abuse potential",
         "Ketamine's side effects against placebo, harms of long-term use, abuse potential and legal control.",
         ("side_effects", "abuse", "timeline", "sources"), (SAFETY,), SAFETY_SECTIONS),
    Page("claims", "claims", "Claims", "Which of the article's claims hold up?", ":material/fact_check:",
         "Which popular claims hold up",
         "Every factual claim of a popular article about ketamine, checked against the literature.",
         ("claims", "sources"), (CLAIMS,), (S("list", "", sections.claims_list),), (VERDICT,)),
    Page("sources", "sources", "Sources", "Where does every number come from?", ":material/menu_book:",
         "Every reference, searchable and downloadable",
         "Every publication behind the explainer's numbers, searchable, as BibTeX, RIS, CSV and a data package.",
         ALL_TABLES, (SOURCES,),
         (S("python", "Use the data in Python", app_only="a notebook file the app serves; the mirror links the "
                                                          "repository's files instead"),), (SEARCH,)),
    Page("present", "present", "Present", "Slides for a projector", ":material/slideshow:", "Slides for a projector",
         "Ketamine, Explained as slides: one chart and one takeaway per slide, keyboard-driven.", ALL_TABLES,
         filters=(SLIDE,)),
)


@dataclass(frozen=True)
class Index:
    """Lookups by name over one tuple of pages (rebuilt if :data:`PAGES` is replaced, as a test does)."""

    pages: tuple[Page, ...]
    page: dict[str, Page]
    chart: dict[str, Chart]
    page_of: dict[str, Page]


_index: list[Index] = []


def index() -> Index:
    """The lookups for the current :data:`PAGES`."""
    if not _index or _index[0].pages is not PAGES:
        _index[:] = [Index(PAGES, {p.name: p for p in PAGES}, {c.key: c for p in PAGES for c in p.charts},
                           {c.key: p for p in PAGES for c in p.charts})]
    return _index[0]


def page(name: str) -> Page:
    """The page declared under `name` (its script's file name)."""
    return index().page[name]


def chart(key: str) -> Chart:
    """The chart declared under `key`."""
    return index().chart[key]


def page_of(chart_: Chart) -> Page:
    """The page that shows the chart."""
    return index().page_of[chart_.key]


def chart_pages() -> list[tuple[Page, Chart]]:
    """Every chart with its page, in page order."""
    return [(p, c) for p in PAGES for c in p.charts]


def available(pkg: DataPackage) -> list[tuple[Page, Chart]]:
    """The charts whose tables passed validation, in page order (a broken table drops its charts)."""
    return [(p, c) for p, c in chart_pages() if not pkg.problems_for(*c.tables, "sources")]


def options(f: Filter) -> tuple[Hashable, ...]:
    """A filter's choices on the loaded tables (computed once per data version)."""
    return memo.call(_options, f)


def _options(pkg: DataPackage, f: Filter) -> tuple[Hashable, ...]:
    return f.options(pkg.tables)


# --- cards, cached per data version by chart and view ----------------------------------------------

def card(chart_: Chart, height: int | None = None, target: str = "page", window: tuple[int, int] | None = None,
         **view: Any) -> Card:
    """The chart's card for this view, its figure laid out for `target` (page, phone, slide...: see
    targets.py; `height` and the `window` of rows a slide shows are for slides), shared by every
    session: its figure is read-only and its frames are copy-on-write copies."""
    return memo.call(_card, chart_.key, tuple(sorted(_full_view(chart_, view).items())), height, target, window)


def _full_view(chart_: Chart, view: Mapping[str, Any]) -> dict[str, Hashable]:
    return memo.call(_view_of, chart_.key, tuple(sorted((k, tuple(v) if isinstance(v, list) else v)
                                                        for k, v in view.items())))


def _view_of(pkg: DataPackage, key: str, view: tuple) -> dict[str, Hashable]:
    return chart(key).full_view(pkg.tables, dict(view))


def _card(pkg: DataPackage, key: str, view: tuple, height: int | None, target: str = "page",
          window: tuple[int, int] | None = None) -> Card:
    whole = memo.call(_built, key, view)  # rows, words and figure: once per view, whatever the target
    return dataclasses.replace(whole, figure=targets.fit(whole.figure.thaw(), target, height=height, window=window))


def _built(pkg: DataPackage, key: str, view: tuple) -> Card:
    """The chart's card for this view before any target's layout (a slide, a phone and the page share it)."""
    return chart(key).card(pkg.tables, **dict(view))


def figure(chart_: Chart, height: int | None = None, target: str = "page",
           window: tuple[int, int] | None = None, **view: Any) -> memo.FrozenFigure:
    """The chart's figure for this view laid out for `target` (see targets.py; `height` and the
    `window` of rows are for slides), read-only (see :func:`card`)."""
    return card(chart_, height, target, window, **view).figure


def takeaway(chart_: Chart, **view: Any) -> str:
    return card(chart_, **view).takeaway


def headline(chart_: Chart, **view: Any) -> str:
    return card(chart_, **view).headline


def alt(chart_: Chart, **view: Any) -> str:
    return card(chart_, **view).alt


def rows(chart_: Chart, **view: Any) -> pd.DataFrame:
    return card(chart_, **view).rows


def cited(chart_: Chart, **view: Any) -> tuple[pd.DataFrame, ...]:
    """The rows whose sources the chart's caption cites."""
    return card(chart_, **view).cited


def sources(chart_: Chart, **view: Any) -> pd.DataFrame:
    """The chart's cited sources, in citation order, with short cite and link."""
    return card(chart_, **view).sources


def block(page_: Page, key: str, **view: Any) -> sections.Block:
    """A section's content for this view, shared per data version."""
    return memo.call(_block, page_.name, key, tuple(sorted((k, tuple(v) if isinstance(v, list) else v)
                                                           for k, v in view.items())))


def _block(pkg: DataPackage, name: str, key: str, view: tuple) -> sections.Block:
    return page(name).section(key).content(pkg.tables, dict(view))


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
