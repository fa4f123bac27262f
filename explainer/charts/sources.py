"""Sources page: what kinds of work the explainer rests on."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from explainer import theme


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
