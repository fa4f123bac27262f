"""Sources page: what kinds of work the explainer rests on."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from explainer import theme
from explainer.tables import split_ids


def rows_backed(pkg_tables: dict[str, pd.DataFrame]) -> pd.Series:
    """How many fact rows (across all tables) cite each source id."""
    counts: dict[str, int] = {}
    for name, df in pkg_tables.items():
        if name == "sources" or "source_ids" not in df.columns:
            continue
        for cell in df["source_ids"]:
            for sid in set(split_ids(cell)):
                counts[sid] = counts.get(sid, 0) + 1
    return pd.Series(counts, dtype="int64")


def sources_by_kind(sources: pd.DataFrame, kinds: list[str]) -> go.Figure:
    """How many sources of each kind (trial, meta-analysis, label...)."""
    counts = sources["kind"].value_counts()
    present = [k for k in kinds if counts.get(k, 0)]
    fig = go.Figure(go.Bar(x=[int(counts[k]) for k in present], y=present, orientation="h",
                           text=[int(counts[k]) for k in present], textposition="outside",
                           marker={"color": theme.OKABE_ITO["blue"]}, ids=present,
                           hovertemplate="<b>%{y}</b>: %{x} source(s)<extra></extra>"))
    theme.style(fig, height=320, legend=False)
    fig.update_yaxes(categoryorder="total ascending", title=None)
    fig.update_xaxes(title="Sources", rangemode="tozero")
    return fig
