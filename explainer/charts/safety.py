"""Safety page: how often side effects occur, against the comparator arm."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from explainer import theme
from explainer.charts.common import cite_labels, esc, wrap
from explainer.derive import frequency_rows


def adverse_effects_vs_comparator(side_effects: pd.DataFrame, cites: dict[str, str],
                                  timing: str = "acute") -> go.Figure:
    """Dot for the drug arm, dot for the comparator, a line between: the gap is the excess."""
    rows = frequency_rows(side_effects, timing)
    fig = go.Figure()
    for _, r in rows.iterrows():
        if not pd.isna(r["comparator_pct"]):
            fig.add_trace(go.Scatter(x=[r["comparator_pct"], r["frequency_pct"]],
                                     y=[[r["system"]] * 2, [r["label"]] * 2], mode="lines",
                                     line={"color": theme.COMPARATOR, "width": 3}, showlegend=False, hoverinfo="skip"))
    custom = list(zip(rows["effect"].map(esc), rows["context"].map(wrap), rows["comparator"].map(esc),
                      rows["comparator_pct"].map(lambda v: "not reported" if pd.isna(v) else f"{v:g}%"),
                      cite_labels(rows["source_ids"], cites), rows["system"].map(esc)))
    fig.add_trace(go.Scatter(
        x=rows["comparator_pct"], y=[rows["system"], rows["label"]], mode="markers", name="comparator arm",
        marker={"color": theme.COMPARATOR, "symbol": "circle-open", "size": 14, "line": {"width": 3}},
        cliponaxis=False,  # a dot at 0% is drawn whole (row labels stand off by its radius)
        customdata=custom, ids=[f"{e}-comparator" for e in rows["effect_id"]],
        hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[2]}: <b>%{x:g}%</b><extra></extra>",
    ))
    fig.add_trace(go.Scatter(
        x=rows["frequency_pct"], y=[rows["system"], rows["label"]], mode="markers", name="ketamine / esketamine arm",
        marker={"color": theme.TIMING[timing], "symbol": "circle", "size": 14}, cliponaxis=False, customdata=custom,
        ids=list(rows["effect_id"]),
        hovertemplate=("<b>%{customdata[0]}</b> (%{customdata[5]})<br>Drug arm: <b>%{x:g}%</b> · comparator "
                       "(%{customdata[2]}): %{customdata[3]}<br>%{customdata[1]}<br><i>Source: %{customdata[4]}</i>"
                       "<extra></extra>"),
    ))
    theme.style(fig, height=max(340, 36 * len(rows) + 140))
    fig.update_xaxes(title="Patients reporting the effect (%)", ticksuffix="%", rangemode="tozero")
    fig.update_yaxes(title=None, type="multicategory", dividercolor=theme.OKABE_ITO["grey"])
    return fig
