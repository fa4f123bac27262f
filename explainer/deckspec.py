"""A deck chosen by link: ``?deck=onset-effect:effect=odds ratio of remission,conditions:group=mood``.

The value lists slides in order, separated by commas. Each slide is a chart's key, optionally followed
by ``:name=value`` pairs that set its view: the chart's declared filters (`filters.Filter`), by name or
by one of the older names a filter still reads, or by its plural; a filter that holds several values lists them with
``|``. Names and values are checked against the declarations and the data, never a list kept here,
each value by its filter's own URL parser. A bad entry is left out (or its bad parameter falls back to
the default) with a notice that names it; the rest of the deck is kept.

Pure: no Streamlit, so the CLI, the mirror and `/present` read a link the same way.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from explainer import registry
from explainer.cards import Chart
from explainer.deck import Slide
from explainer.filters import Filter
from explainer.tables import DataPackage

MAX_SPEC_LENGTH = 2000    # a longer value is cut (a deck of every chart in custom views stays far below)
MAX_ENTRIES = 30          # slides a link may list
SHOWN = 40                # a rejected entry is quoted this far
ENTRY_SEP, PARAM_SEP, MEMBER_SEP = ",", ":", "|"

Tables = Mapping[str, pd.DataFrame]


@dataclass(frozen=True)
class Entry:
    """One slide of a chosen deck: a chart and the view it is drawn in (only what differs from the default)."""

    key: str
    view: tuple[tuple[str, Hashable], ...] = ()

    @property
    def chart(self) -> Chart:
        return registry.chart(self.key)

    def kwargs(self) -> dict[str, Hashable]:
        return dict(self.view)


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _quote(text: str) -> str:
    """A rejected piece of the link, cut short and made inert inside a Markdown code span."""
    shown = text[:SHOWN] + ("…" if len(text) > SHOWN else "")
    return "".join("'" if c == "`" else " " if ord(c) < 32 or c in "\u2028\u2029" else c for c in shown)


def defaults(chart: Chart, t: Tables) -> dict[str, Hashable]:
    """The chart's view with nothing chosen: each filter's default on these tables."""
    return {f.name: f.default_of(f.options(t)) for f in chart.filters}


def param_names(chart: Chart) -> dict[str, Filter]:
    """Every spelling a link may use for the chart's filters -> the filter: its name, its aliases (the
    older URL names) and the plural of its name (``groups`` for ``group``), case and spaces forgiven."""
    names: dict[str, Filter] = {}
    for f in chart.filters:
        for key in f.keys:
            names.setdefault(_norm(key), f)
    for f in chart.filters:
        names.setdefault(_norm(f.name[:-1] + "ies" if f.name.endswith("y") else f.name + "s"), f)
    return names


def choices(chart: Chart, name: str, t: Tables) -> tuple[str, ...] | None:
    """The values filter `name` of `chart` can take on these tables, as a link spells them (None: free text)."""
    f = chart.filter(name)
    return None if f.free else tuple(str(c) for c in f.options(t))


def _value(f: Filter, raw: str, t: Tables) -> tuple[Hashable | None, str]:
    """(the view value `raw` names, "") or (None, what was expected), by the filter's own URL parser."""
    options = f.options(t)
    if f.multi:
        texts = tuple(str(c) for c in options)
        members = [m for m in raw.split(MEMBER_SEP) if m.strip()]
        picked = [next((c for c in options if _norm(c) == _norm(m)), None) for m in members]
        if not members or any(p is None for p in picked):
            return None, f"any of {', '.join(texts)} (several joined by {MEMBER_SEP})"
        return f.value(picked, options), ""
    parser = f.parser(options)
    value, notice = parser.parse(raw)
    if notice is not None or not raw.strip():
        expected = parser.expected() if hasattr(parser, "expected") else \
            f"one of {', '.join(str(c) for c in options)}"
        return None, expected
    return f.value(value, options), ""


def parse_entry(text: str, charts: Mapping[str, Chart], t: Tables) -> tuple[Entry | None, list[str]]:
    """One comma-separated piece of the link: its entry (or None) and the notices about it."""
    key_raw, *pairs = text.split(PARAM_SEP)
    key = next((k for k in charts if _norm(k) == _norm(key_raw)), None)
    if key is None:
        return None, [f"Left out deck entry `{_quote(text)}`: no slide `{_quote(key_raw.strip())}`; "
                      f"expected one of {', '.join(charts)}."]
    chart, names, notices = charts[key], param_names(charts[key]), []
    view: dict[str, Hashable] = {}
    for pair in pairs:
        name_raw, eq, raw = pair.partition("=")
        f = names.get(_norm(name_raw))
        if f is None or not eq:
            known = ", ".join(g.name for g in chart.filters) or "none (it has one view)"
            notices.append(f"Ignored `{_quote(pair)}` in deck entry `{_quote(key)}`: "
                           f"{'no parameter' if eq else 'expected name=value, not'} `{_quote(name_raw.strip())}`; "
                           f"its parameters: {known}.")
            continue
        value, expected = _value(f, raw, t)
        if value is None:
            notices.append(f"Ignored `{_quote(pair)}` in deck entry `{_quote(key)}`: expected {expected}.")
            continue
        view[f.name] = value
    default = defaults(chart, t)
    kept = tuple((k, v) for k, v in view.items() if v != default.get(k))
    return Entry(key, tuple(sorted(kept))), notices


def parse(raw: str | None, charts: Sequence[Chart], t: Tables) -> tuple[tuple[Entry, ...], list[str]]:
    """(the entries the link names, in order; notices about what was left out). No entries: the default deck."""
    text = (raw or "")[:MAX_SPEC_LENGTH]
    cut = len(raw or "") > MAX_SPEC_LENGTH
    notices = [f"Shortened `deck` to its first {MAX_SPEC_LENGTH} characters."] if cut else []
    by_key = {c.key: c for c in charts}
    entries: list[Entry] = []
    pieces = [p for p in text.split(ENTRY_SEP) if p.strip()]
    if len(pieces) > MAX_ENTRIES:
        notices.append(f"Kept the first {MAX_ENTRIES} of {len(pieces)} deck entries.")
    for piece in pieces[:MAX_ENTRIES]:
        entry, said = parse_entry(piece.strip(), by_key, t)
        notices += said
        if entry is not None:
            entries.append(entry)
    return tuple(entries), notices


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return MEMBER_SEP.join(map(str, value))
    return str(value)


def spec(entries: Sequence[Entry]) -> str:
    """The link value of a deck (the inverse of :func:`parse`): what a copied link carries."""
    return ENTRY_SEP.join(PARAM_SEP.join([e.key] + [f"{k}={_text(v)}" for k, v in e.view]) for e in entries)


def default_entries(charts: Sequence[Chart]) -> tuple[Entry, ...]:
    """The default deck as entries: every chart marked for slides, in page order, in its default view."""
    return tuple(Entry(c.key) for c in charts if c.slide)


def slides(pkg: DataPackage, entries: tuple[Entry, ...]) -> tuple[Slide, ...]:
    """The deck a link chose: the title slide, then a slide per entry in its view (the sources chart as
    the sources slide). No entries: the default deck. Cached per data version by `entries`."""
    from explainer import deck

    default = deck.deck(pkg)
    if not entries:
        return default
    available = {c.key for _, c in registry.available(pkg)}
    chosen = tuple(slide for e in entries if e.key in available
                   for slide in ([Slide("sources", chart=e.chart, view=e.view)] if e.key == "sources"
                                 else deck.parts(pkg, e.chart, e.view)))
    return default[:1] + chosen


def read(pkg: DataPackage, raw: str | None) -> tuple[tuple[Entry, ...], tuple[str, ...]]:
    """:func:`parse` against the charts whose tables passed validation. Not cached: a link is any text a
    stranger sends, and only what it validates to (the entries) keys the shared deck."""
    entries, notices = parse(raw, [c for _, c in registry.available(pkg)], pkg.tables)
    return entries, tuple(notices)
