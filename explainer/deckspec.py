"""A deck chosen by link: ``?deck=onset-effect:measure=odds ratio of remission,conditions:groups=mood``.

The value lists slides in order, separated by commas. Each slide is a chart's key, optionally followed
by ``:name=value`` pairs that set its view (the keyword filters the registry's chart takes; a filter
that holds several values lists them with ``|``). Names and values are checked against the registry
and the data, never a list kept here: a chart's view parameters are its declared defaults, and a value
is taken when the chart's own table has it (or, for a parameter no column names, when the chart can
be drawn with it). A bad entry is left out (or its bad parameter falls back to the default) with a
notice that names it; the rest of the deck is kept.

Pure: no Streamlit, so the CLI, the mirror and `/present` read a link the same way.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from explainer import registry
from explainer.deck import Slide
from explainer.registry import Chart
from explainer.tables import DataPackage

MAX_SPEC_LENGTH = 2000    # a longer value is cut (a deck of every chart in custom views stays far below)
MAX_ENTRIES = 30          # slides a link may list
SHOWN = 40                # a rejected entry is quoted this far
ENTRY_SEP, PARAM_SEP, MEMBER_SEP = ",", ":", "|"
TRUE, FALSE = ("true", "yes", "1", "on"), ("false", "no", "0", "off")

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


def _defaults(chart: Chart) -> dict[str, Hashable]:
    return dict(chart.view)


def param_names(chart: Chart) -> dict[str, str]:
    """Every spelling a link may use for the chart's view parameters -> the parameter: its name as the
    chart declares it, and the singular a page's own URL uses (``groups`` and ``group``)."""
    names: dict[str, str] = {}
    for name in _defaults(chart):
        names[_norm(name)] = name
        if name.endswith("ies"):
            names.setdefault(_norm(name[:-3] + "y"), name)
        elif name.endswith("s"):
            names.setdefault(_norm(name[:-1]), name)
    return names


def choices(chart: Chart, name: str, t: Tables) -> tuple[str, ...] | None:
    """The values parameter `name` of `chart` can take, from the data: a column of one of the chart's
    tables named like the parameter (in its schema's enum order when it has one), true/false for a
    yes-or-no parameter; None when no column names it (a value is then tried on the chart)."""
    default = _defaults(chart)[name]
    if isinstance(default, bool):
        return ("false", "true")
    spellings = [n for n, target in param_names(chart).items() if target == name]
    for table in chart.tables:
        frame = t.get(table)
        if frame is None:
            continue
        for column in frame.columns:
            if _norm(column) in spellings:
                present = [str(v) for v in frame[column].dropna().unique()]
                order = [str(v) for v in frame.attrs.get("enums", {}).get(column, ())]
                return tuple([v for v in order if v in present] + [v for v in present if v not in order])
    return None


def _one(raw: str, allowed: tuple[str, ...] | None) -> Hashable | None:
    """A single value as the chart takes it: the allowed value it names, or (no list) a whole number or text."""
    text = " ".join(raw.split())
    if allowed is not None:
        return next((a for a in allowed if _norm(a) == _norm(text)), None)
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 12 else (text or None)


def _value(chart: Chart, name: str, raw: str, t: Tables) -> tuple[Hashable | None, str]:
    """(value, "") or (None, what was expected)."""
    default = _defaults(chart)[name]
    allowed = choices(chart, name, t)
    expected = f"one of {', '.join(allowed)}" if allowed else "a value this chart can draw"
    if isinstance(default, bool):
        word = _norm(raw)
        return (True, "") if word in TRUE else (False, "") if word in FALSE else (None, "true or false")
    if isinstance(default, tuple):
        members = [m for m in raw.split(MEMBER_SEP) if m.strip()]
        values = [_one(m, allowed) for m in members]
        if not members or any(v is None for v in values):
            return None, f"any of {', '.join(allowed)} (several joined by {MEMBER_SEP})" if allowed else expected
        return tuple(dict.fromkeys(values)), ""
    value = _one(raw, allowed)
    return (value, "") if value is not None else (None, expected)


def _draws(chart: Chart, view: dict[str, Hashable], t: Tables, figure: bool = False) -> bool:
    """Whether the chart can be drawn in this view with rows to show; with `figure` (a value no column
    lists), also that its figure draws at least one point."""
    try:
        rows = chart.rows(t, **view)
        chart.alt(t, **view)
        if figure and not any(len(trace.x if trace.x is not None else trace.y or ()) for trace in
                              chart.figure(t, **view).data):
            return False
    except Exception:  # noqa: BLE001 - any failure means the value is not one this chart takes
        return False
    return len(rows) > 0


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
        name = names.get(_norm(name_raw))
        if name is None or not eq:
            known = ", ".join(_defaults(chart)) or "none (it has one view)"
            notices.append(f"Ignored `{_quote(pair)}` in deck entry `{_quote(key)}`: "
                           f"{'no parameter' if eq else 'expected name=value, not'} `{_quote(name_raw.strip())}`; "
                           f"its parameters: {known}.")
            continue
        value, expected = _value(chart, name, raw, t)
        listed = choices(chart, name, t) is not None
        if value is not None and expected == "" and not _draws(chart, {**view, name: value}, t, not listed):
            value, expected = None, "a value for which this chart has rows"
        if value is None:
            notices.append(f"Ignored `{_quote(pair)}` in deck entry `{_quote(key)}`: expected {expected}.")
            continue
        view[name] = value
    default = _defaults(chart)
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
    chosen = tuple(Slide("sources" if e.key == "sources" else "chart", chart=e.chart, view=e.view)
                   for e in entries if e.key in available)
    return default[:1] + chosen


def read(pkg: DataPackage, raw: str | None) -> tuple[tuple[Entry, ...], tuple[str, ...]]:
    """:func:`parse` against the charts whose tables passed validation. Not cached: a link is any text a
    stranger sends, and only what it validates to (the entries) keys the shared deck."""
    entries, notices = parse(raw, [c for _, c in registry.available(pkg)], pkg.tables)
    return entries, tuple(notices)
