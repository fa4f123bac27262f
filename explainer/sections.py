"""Page sections that are not charts, as content every target renders the same way.

A :class:`Section` is declared on its page (``registry.PAGES``) with either a function of the
tables and the page's view that returns a :class:`Block` (headings, items, a table, the rows it
cites), which the app (``ui.section``), the static mirror and the handout (``static_html.block``)
all render, or a reason it is drawn only in the app (it follows a click, or serves a file).
Free of Streamlit; every string here is data or plain text, escaped by each renderer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from explainer import derive, describe
from explainer.cells import missing, split_ids
from explainer.declarations import CONDITIONS, MECHANISM

Tables = Mapping[str, pd.DataFrame]


@dataclass(frozen=True)
class Item:
    """One line of a section: `before`, then `strong` in bold, then `text`; optionally a verdict
    badge, a verbatim quote, the sources it cites and links to the rows it points to."""

    strong: str = ""
    text: str = ""
    before: str = ""
    badge: str = ""
    quote: str = ""
    sources: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()  # (label, app URL relative to the root)


@dataclass(frozen=True)
class Block:
    """A section's content in one view."""

    heading: str = ""                       # "" : the section's declared heading
    lead: str = ""                          # a sentence under the heading
    items: tuple[Item, ...] = ()
    bullets: bool = True                    # items as a list (else as paragraphs)
    table: pd.DataFrame | None = None       # a small static table
    cited: tuple[pd.DataFrame, ...] = ()    # rows whose sources the section's caption names
    folded: bool = False                    # shown closed (an expander; <details> in HTML)
    rows: pd.DataFrame | None = None        # the rows behind it (the app offers them as CSV)

    @property
    def empty(self) -> bool:
        return not (self.lead or self.items or (self.table is not None and len(self.table)))


@dataclass(frozen=True)
class Section:
    """A section of a page that is not a chart: rendered in every target, or app-only with a reason."""

    key: str
    heading: str                                                    # "" : no heading of its own
    block: Callable[[Tables, Mapping[str, Any]], Block] | None = None  # its content, for every target
    app_only: str = ""                                              # why only the app draws it

    def content(self, t: Tables, view: Mapping[str, Any] | None = None) -> Block:
        """The block for these tables and view (its heading filled in)."""
        if self.block is None:
            raise TypeError(f"section {self.key!r} is drawn only in the app ({self.app_only})")
        b = self.block(t, view or {})
        return b if b.heading or not self.heading else Block(self.heading, *_rest(b))


def _rest(b: Block) -> tuple:
    return (b.lead, b.items, b.bullets, b.table, b.cited, b.folded, b.rows)


# --- safety ------------------------------------------------------------------------------------------

def safety_changes(t: Tables, view: Mapping[str, Any]) -> Block:
    fx = t["side_effects"]
    changes = fx[fx["mean_change"].notna()]
    return Block(items=tuple(Item(r.effect, f": {r.mean_change:+g} {r.change_unit} · {r.context}")
                             for r in changes.itertuples()), cited=(changes,))


def safety_harms(t: Tables, view: Mapping[str, Any]) -> Block:
    chronic = t["side_effects"][t["side_effects"]["timing"] == "chronic use"]
    items = tuple(Item(r.effect, f" ({r.system})" + (f": {r.context}" if missing(r.frequency_pct)
                                                      else f" · {r.frequency_pct:g}% ({r.context})"))
                  for r in chronic.itertuples())
    return Block(items=items, cited=(chronic,))


def safety_abuse(t: Tables, view: Mapping[str, Any]) -> Block:
    abuse = t["abuse"]
    items = tuple(Item(f"{r.value}" + ("" if missing(r.unit) or r.unit == "date" else f" {r.unit}"),
                       before=f"{r.fact}: ") for r in abuse.itertuples())
    return Block(items=items, cited=(abuse,))


def safety_regulation(t: Tables, view: Mapping[str, Any]) -> Block:
    reg = t["timeline"][t["timeline"]["category"] == "regulation"].sort_values("year")
    return Block(f"Regulatory milestones ({len(reg)})", items=tuple(Item(str(r.year), f" · {r.title}: {r.detail}")
                                                                    for r in reg.itertuples()),
                 cited=(reg,), folded=True)


# --- conditions --------------------------------------------------------------------------------------

def conditions_grades(t: Tables, view: Mapping[str, Any]) -> Block:
    grades = "; ".join(f"{g.grade} = {g.definition}" for g in t["evidence_grades"].itertuples())
    return Block(items=(Item("Grades", f": {grades}"),), bullets=False)


def conditions_seed(t: Tables, view: Mapping[str, Any]) -> Block:
    rows = CONDITIONS.select(t, **CONDITIONS.full_view(t, CONDITIONS.own(view))).rows
    seed = rows[rows["in_seed"].fillna(False).astype(bool)]
    table = seed[["condition", "evidence_grade", "status"]].rename(columns={"evidence_grade": "grade"})
    return Block(lead="Conditions the article presents as treated or promising, with the grade the literature "
                      "supports.", table=table.reset_index(drop=True))


# --- mechanism ---------------------------------------------------------------------------------------

def mechanism_step(t: Tables, view: Mapping[str, Any]) -> Block:
    step = MECHANISM.full_view(t, MECHANISM.own(view))["step"]
    current = derive.main_steps(t["mechanism"])
    current = current[current["step"] == step]
    return Block(items=tuple(Item(f"Step {int(r.step)} · {r.label}", f" ({r.timescale}): {r.description}")
                             for r in current.itertuples()), bullets=False)


# --- claims ------------------------------------------------------------------------------------------

def claims_list(t: Tables, view: Mapping[str, Any]) -> Block:
    from explainer.registry import related_row_links

    claims = t["claims"]
    picked = view.get("verdict") or ()
    rows = claims[claims["verdict"].isin(picked)] if picked else claims
    links = related_row_links(t)
    items = tuple(Item(text=r.what_evidence_says, badge=r.verdict, quote=r.seed_quote,
                       sources=tuple(split_ids(r.source_ids)),
                       links=tuple(links[ref] for ref in split_ids(r.related_rows) if ref in links))
                  for r in rows.itertuples())
    shown = f"{len(rows)} of {len(claims)} claims shown." if picked else f"All {len(claims)} claims."
    return Block(lead=f"{shown} Quotes are verbatim from the article.",
                 items=items, bullets=False, rows=rows)


# --- overview ----------------------------------------------------------------------------------------

def overview_what(t: Tables, view: Mapping[str, Any]) -> Block:
    return Block(items=tuple(Item(text=s) for s in describe.what_it_is(t)), cited=derive.overview_cited(t))
