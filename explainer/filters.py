"""A chart's filters, declared once: the name the URL, the view and the Python API share.

A :class:`Filter` says what a reader can choose (its choices: fixed, the allowed values of a
table field in the schema, or computed from the tables), what is chosen by default, which widget
the app draws for it and which older URL names it still answers to. The app's controls
(``ui.controls``), the URL (``state``), the default views of slides, mirror and handout, and the
API's keyword arguments all read the same declaration, so a filter is written in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from explainer.params import Choice, MultiChoice, Number, Text

Tables = Mapping[str, pd.DataFrame]
Widget = Literal["selectbox", "segmented", "pills", "slider", "text", "none"]
MULTI: tuple[Widget, ...] = ("pills",)


@dataclass(frozen=True)
class Allowed:
    """Choices read from the schema: the allowed values of `table.field`, in the schema's order,
    those present in the rows only (a choice that would draw nothing is not offered)."""

    table: str
    field: str

    def __call__(self, t: Tables) -> tuple[str, ...]:
        """The allowed values present in the table."""
        df = t[self.table]
        present = set(df[self.field].dropna())
        allowed = df.attrs.get("enums", {}).get(self.field) or sorted(present)
        return tuple(v for v in allowed if v in present)


def last(choices: tuple[Hashable, ...]) -> Hashable:
    """A default: the last choice (the whole chain of steps, say)."""
    return choices[-1]


@dataclass(frozen=True)
class Filter:
    """One thing a reader can choose on a page; its `name` is the URL key, the view key and the keyword."""

    name: str                                   # ?name=… in the URL, name=… in the view and the API
    label: str                                  # the widget's label
    choices: tuple[Hashable, ...] | Callable[[Tables], tuple[Hashable, ...]] = ()  # fixed, Allowed(...) or computed
    default: Hashable | Callable[[tuple[Hashable, ...]], Hashable] | None = None  # None: the first (one) / all (many)
    widget: Widget = "segmented"
    aliases: tuple[str, ...] = ()               # older URL names still read (shared links keep working)
    convert: Callable[[str], Hashable] | None = None  # URL text -> view value, e.g. int for a step
    help: str = ""                              # a text box's placeholder
    format: str = "{}"                          # how a slider shows a choice, e.g. "step {}"

    @property
    def multi(self) -> bool:
        """Whether the reader picks several choices (the view holds a tuple; () means all)."""
        return self.widget in MULTI

    @property
    def free(self) -> bool:
        """Free text (a search box): no choices."""
        return self.widget == "text"

    @property
    def keys(self) -> tuple[str, ...]:
        """Every URL key this filter reads: its name, then its aliases."""
        return (self.name, *self.aliases)

    def options(self, t: Tables) -> tuple[Hashable, ...]:
        """The choices on these tables."""
        return tuple(self.choices(t)) if callable(self.choices) else tuple(self.choices)

    def default_of(self, choices: tuple[Hashable, ...]) -> Any:
        """The default view value for these choices."""
        if self.multi:
            return ()
        if self.free:
            return self.default or ""
        if callable(self.default):
            return self.default(choices) if choices else None
        if self.default is not None:
            return self.default
        return choices[0] if choices else None

    def shown(self, choice: Hashable) -> str:
        """A choice as a slider labels it."""
        return self.format.format(choice)

    def parser(self, choices: tuple[Hashable, ...]) -> Choice | MultiChoice | Number | Text:
        """The URL parser of this filter for these choices (the value it returns is the widget's)."""
        if self.free:
            return Text(self.name)
        if self.convert is int:
            return Number(self.name, tuple(int(c) for c in choices), int(self.default_of(choices) or 0))
        texts = tuple(str(c) for c in choices)
        if self.multi:
            return MultiChoice(self.name, texts)
        return Choice(self.name, texts, str(self.default_of(choices)))

    def value(self, picked: Any, choices: tuple[Hashable, ...]) -> Any:
        """A widget's value as the view holds it: a tuple for many (() when all or none are picked),
        the converted value for one."""
        if self.multi:
            chosen = tuple(p for p in choices if p in set(picked or ()))
            return () if not chosen or len(chosen) == len(choices) else chosen
        if picked is None:
            return self.default_of(choices)
        return self.convert(picked) if self.convert else picked

    def url_text(self, value: Any) -> str:
        """The view value as the URL writes it."""
        if self.multi:
            return ",".join(str(v) for v in value)
        return "" if value is None else str(value)


def unique(filters: list[Filter]) -> list[Filter]:
    """Each filter once, in order (charts sharing a filter share one control)."""
    out: list[Filter] = []
    for f in filters:
        if all(f is not g for g in out):
            out.append(f)
    return out
