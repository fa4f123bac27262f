"""Mechanism page: the proposed causal chain, step by step, with its timescales."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from explainer import theme
from explainer.charts.common import cite_labels, esc, wrap

LABEL_X, TIME_X = 0.0, 0.62
GAP = 1.0  # vertical space between the main chain and the alternative hypotheses


def step_positions(mechanism: pd.DataFrame) -> pd.DataFrame:
    """Rows in drawing order with their y position: main chain first, alternatives below a gap."""
    main = mechanism[mechanism["pathway"] == "main"].sort_values("step")
    alt = mechanism[mechanism["pathway"] != "main"].sort_values("step")
    out = pd.concat([main, alt])
    out["y"] = [-i - (GAP if p != "main" else 0) for i, p in enumerate(out["pathway"])]
    return out


def mechanism_steps(mechanism: pd.DataFrame, cites: dict[str, str], upto: int | None = None) -> go.Figure:
    """A top-to-bottom flow of the chain with arrows; steps after `upto` are not drawn yet."""
    rows = step_positions(mechanism)
    main = rows[rows["pathway"] == "main"]
    shown = main if upto is None else main[main["step"] <= upto]
    show_alt = upto is None or upto >= int(main["step"].max() if len(main) else 0)
    fig = go.Figure()
    parts = [(shown, "proposed main chain", theme.OKABE_ITO["blue"], "circle")]
    if show_alt:
        parts.append((rows[rows["pathway"] != "main"], "alternative hypotheses", theme.OKABE_ITO["orange"], "diamond"))
    for part, name, colour, symbol in parts:
        if part.empty:
            continue
        custom = list(zip(part["label"].map(esc), part["timescale"].map(esc), part["description"].map(wrap),
                          part["evidence"].map(esc), cite_labels(part["source_ids"], cites)))
        fig.add_trace(go.Scatter(
            x=[LABEL_X] * len(part), y=part["y"], mode="markers+text", name=name,
            text=[f"{int(s)}. {esc(lbl)}" for s, lbl in zip(part["step"], part["label"])],
            textposition="middle right", textfont={"size": theme.TICK_SIZE + 1},
            marker={"size": 20, "color": colour, "symbol": symbol}, customdata=custom,
            ids=[str(s) for s in part["step"]],
            hovertemplate=("<b>%{customdata[0]}</b><br>When: %{customdata[1]} · evidence: %{customdata[3]}"
                           "<br>%{customdata[2]}<br><i>Source: %{customdata[4]}</i><extra></extra>"),
        ))
        fig.add_trace(go.Scatter(
            x=[TIME_X] * len(part), y=part["y"], mode="text", text=part["timescale"].map(esc), showlegend=False,
            textposition="middle right", textfont={"size": theme.TICK_SIZE}, hoverinfo="skip",
        ))
    for a, b in zip(shown["y"], list(shown["y"])[1:]):
        fig.add_annotation(x=LABEL_X, y=b, ax=LABEL_X, ay=a, xref="x", yref="y", axref="x", ayref="y",
                           showarrow=True, arrowhead=3, arrowsize=1.3, arrowwidth=2,
                           arrowcolor=theme.OKABE_ITO["grey"], standoff=11, startstandoff=11, text="")
    fig.add_annotation(x=TIME_X, y=0.8, xref="x", yref="y", text="<b>when</b>", showarrow=False, xanchor="left",
                       font={"size": theme.TICK_SIZE})
    theme.style(fig, height=max(380, 44 * len(rows) + 140))
    fig.update_xaxes(visible=False, range=[-0.03, 1.0], fixedrange=True)
    fig.update_yaxes(visible=False, range=[float(rows["y"].min()) - 0.7 if len(rows) else -1, 1.2], fixedrange=True)
    return fig
