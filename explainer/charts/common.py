"""Helpers shared by the chart builders: safe hover text and source labels."""

from __future__ import annotations

import html
import textwrap

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
