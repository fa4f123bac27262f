"""Conditions page: which conditions, how strong the evidence, what is approved."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from explainer import theme
from explainer.charts.common import axis_label, cite_labels, esc, in_theme_order, wrap
from explainer.terms import APPROVAL_BASIS

LABEL_WIDTH = 32  # characters per line of a condition label: a longer line can be clipped at the chart's edge


def condition_order(conditions: pd.DataFrame) -> list[str]:
    """Strongest evidence on top, then by group and name."""
    ranked = conditions.sort_values(["evidence_grade", "group", "condition"])
    return [axis_label(c, LABEL_WIDTH) for c in ranked["condition"]]


def evidence_behind(n_rcts: object, n_participants: object) -> str:
    """'6 RCTs · 858' next to a marker: how much evidence stands behind the grade."""
    if pd.isna(n_rcts):
        return ""
    people = "" if pd.isna(n_participants) else f" · {int(n_participants):,}"
    return f"{int(n_rcts)} RCT{'s' if int(n_rcts) != 1 else ''}{people}"


def basis_words(basis: object) -> str:
    """', set by a regulator's approval' after a grade that an approval sets; nothing otherwise."""
    return ", set by a regulator's approval" if basis == APPROVAL_BASIS else ""


def evidence_matrix(conditions: pd.DataFrame, grades: pd.DataFrame, cites: dict[str, str]) -> go.Figure:
    """Condition x evidence grade; the marker's shape tells the regulatory status."""
    labels = dict(zip(grades["grade"], grades["label"]))
    fig = go.Figure()
    for status in in_theme_order(conditions["status"], theme.STATUS_SYMBOL):
        rows, symbol = conditions[conditions["status"] == status], theme.STATUS_SYMBOL[status]
        n_rcts = rows["n_rcts"].map(lambda v: "not counted" if pd.isna(v) else f"{int(v)}")
        certainty = rows["certainty"].map(lambda v: "not rated by the review" if pd.isna(v) else esc(v))
        custom = list(zip(rows["condition"].map(esc), rows["evidence_grade"].map(lambda g: esc(labels.get(g, g))),
                          n_rcts, rows["key_finding"].map(wrap), cite_labels(rows["source_ids"], cites),
                          rows["approved_product"].map(esc), rows["group"].map(esc), certainty,
                          rows["grade_reason"].map(wrap), rows["grade_basis"].map(basis_words)))
        fig.add_trace(go.Scatter(
            x=rows["evidence_grade"], y=rows["condition"].map(lambda c: axis_label(c, LABEL_WIDTH)),
            mode="markers+text", text=[evidence_behind(k, n) for k, n in zip(rows["n_rcts"], rows["n_participants"])],
            textposition="middle right", textfont={"size": theme.TICK_SIZE - 1},
            name=status, ids=list(rows["condition_id"]),
            marker={"symbol": symbol, "size": 20, "color": [theme.GRADE[g] for g in rows["evidence_grade"]],
                    "line": {"width": 2, "color": [theme.GRADE[g] for g in rows["evidence_grade"]]}},
            customdata=custom,
            hovertemplate=("<b>%{customdata[0]}</b> (%{customdata[6]})<br>Grade %{x}: %{customdata[1]}%{customdata[9]}"
                           " · RCTs: %{customdata[2]} · certainty (GRADE): %{customdata[7]}<br>Status: " + esc(status)
                           + "<br><b>Why this grade:</b> %{customdata[8]}<br>%{customdata[3]}"
                           "<br><i>Source: %{customdata[4]}</i><extra></extra>"),
        ))
    wrapped = any("<br>" in c for c in condition_order(conditions))
    theme.style(fig, height=max(360, (48 if wrapped else 34) * len(conditions) + 150))
    fig.update_xaxes(categoryorder="array", categoryarray=list(grades["grade"]),
                     title="Evidence grade (A strongest) · randomised trials and participants behind it",
                     side="top", range=[-0.5, len(grades) - 0.5], tickangle=0,
                     tickvals=list(grades["grade"]), ticktext=[f"<b>{g}</b>" for g in grades["grade"]])
    fig.update_yaxes(categoryorder="array", categoryarray=condition_order(conditions)[::-1], title=None)
    fig.update_layout(legend={"y": -0.02, "yanchor": "top"}, margin={"t": 70})
    return fig
