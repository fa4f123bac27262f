"""Claims page: how the article's claims fare against the evidence."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from explainer import theme


def verdict_bars(counts: pd.DataFrame) -> go.Figure:
    """A small bar chart: how many claims got each verdict."""
    fig = go.Figure(go.Bar(
        x=counts["claims"], y=counts["verdict"], orientation="h", text=counts["claims"], textposition="outside",
        marker={"color": [theme.VERDICT[v] for v in counts["verdict"]]}, ids=list(counts["verdict"]),
        hovertemplate="<b>%{y}</b>: %{x} claim(s)<extra></extra>",
    ))
    theme.style(fig, height=300, legend=False)
    fig.update_yaxes(categoryorder="array", categoryarray=list(counts["verdict"])[::-1], title=None)
    fig.update_xaxes(title="Claims in the article", rangemode="tozero",
                     dtick=1 if counts["claims"].max() < 12 else None)
    return fig
