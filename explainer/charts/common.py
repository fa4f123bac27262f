"""Helpers shared by the chart builders: safe hover text and source labels."""

from __future__ import annotations

import html
import textwrap

import pandas as pd

from explainer.tables import split_ids


def esc(value: object) -> str:
    """Data text made inert for Plotly's hover/label HTML subset.

    Only &, < and > are escaped: without a `<` no tag (and so no attribute) can start, and
    Plotly shows entities such as &quot; literally.
    """
    if missing(value):
        return "unknown"
    return html.escape(str(value), quote=False)


def missing(value: object) -> bool:
    """True for an empty cell (None, NA or NaN)."""
    return value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))


def wrap(value: object, width: int = 60) -> str:
    """Escaped text broken into hover-sized lines (broken before escaping, so no entity is split)."""
    if missing(value):
        return "unknown"
    return "<br>".join(esc(line) for line in textwrap.wrap(str(value), width)) or "unknown"


def cite_labels(source_ids: pd.Series, cites: dict[str, str]) -> list[str]:
    """Each row's sources as short citations ('Zarate et al. 2006; FDA 2019')."""
    return [esc("; ".join(cites.get(s, s) for s in split_ids(cell))) for cell in source_ids]


def fmt_range(low: object, high: object, unit: str) -> str:
    """'20–40 min', '48 %' or 'unknown' for a low/high pair."""
    if pd.isna(low) and pd.isna(high):
        return "unknown"
    if pd.isna(low) or pd.isna(high) or low == high:
        v = high if pd.isna(low) else low
        return f"{v:g} {unit}"
    return f"{low:g}–{high:g} {unit}"


def axis_label(value: object, width: int = 34) -> str:
    """An escaped category label broken over lines so it is never clipped at the chart's edge."""
    return wrap(value, width)
