"""Helpers shared by the chart builders: safe hover text and source labels."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable

import pandas as pd

from explainer.cells import missing, split_ids


def esc(value: object) -> str:
    """Data text made inert for Plotly's hover/label HTML subset.

    Only &, < and > are escaped: without a `<` no tag (and so no attribute) can start, and
    Plotly shows entities such as &quot; literally.
    """
    if missing(value):
        return "unknown"
    return html.escape(str(value), quote=False)


def wrap(value: object, width: int = 60) -> str:
    """Escaped text broken into hover-sized lines (broken before escaping, so no entity is split)."""
    if missing(value):
        return "unknown"
    return "<br>".join(esc(line) for line in textwrap.wrap(str(value), width)) or "unknown"


def cite_labels(source_ids: pd.Series, cites: dict[str, str]) -> list[str]:
    """Each row's sources as short citations ('Zarate et al. 2006; FDA 2019')."""
    return [esc("; ".join(cites.get(s, s) for s in split_ids(cell))) for cell in source_ids]


def axis_label(value: object, width: int = 34) -> str:
    """An escaped category label broken over lines so it is never clipped at the chart's edge."""
    return wrap(value, width)


def in_theme_order(values: pd.Series, styled: Iterable[str]) -> list[str]:
    """The distinct values present, in the theme's order, then any the theme lacks (in data order).

    A series per value is drawn from this list, not from the theme's keys: a value without its
    theme entry then fails loudly where the entry is looked up (validation reports it first,
    see explainer/vocabulary.py) instead of its rows silently not being drawn."""
    present, order = list(dict.fromkeys(values.dropna())), list(styled)
    return [v for v in order if v in present] + [v for v in present if v not in order]
