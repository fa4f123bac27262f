"""Onset page: how fast response and remission come, ketamine vs SSRI vs placebo."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from explainer import theme
from explainer.charts.common import cite_labels, esc
from explainer.derive import WINDOW, has_window, placebo_subtracted
from explainer.fmt import num, time_label, window_label

AXIS_MIN_DAYS = 40 / (60 * 24)   # 40 minutes: the earliest time a trial reports
AXIS_MAX_DAYS = 12 * 7           # 12 weeks: a full SSRI course
WINDOW_OPACITY = 0.4  # a window is where the rate may lie, drawn fainter than a measured point
TICKS = [(40 / 1440, "40 min"), (2 / 24, "2 h"), (6 / 24, "6 h"), (1, "1 day"), (7, "1 wk"), (28, "4 wk"),
         (84, "12 wk")]


def onset_timecourse(onset: pd.DataFrame, cites: dict[str, str], *, measure: str = "response",
                     subtract: bool = False, band_weeks: tuple[float, float] | None = None) -> go.Figure:
    """Rates over time on a log axis, one line per trial arm, coloured by treatment."""
    rows = onset[onset["measure"] == measure]
    if "comparator_pct" not in rows.columns:  # rows a chart declaration selected arrive subtracted already
        rows = placebo_subtracted(rows) if subtract else rows.assign(comparator_pct=float("nan"), comparator_arm="")
    fig = go.Figure()
    if band_weeks:
        fig.add_vrect(x0=band_weeks[0] * 7, x1=band_weeks[1] * 7, fillcolor=theme.BAND, line_width=0, layer="below")
    shown: set[str] = set()
    window = has_window(rows)
    for _, g in rows[~window].sort_values("time_days").groupby(["study", "arm"], sort=False):
        treatment = g["treatment"].iloc[0]
        style = theme.TREATMENT[treatment]
        fig.add_trace(go.Scatter(
            x=g["time_days"], y=g["value_pct"], mode="lines+markers", name=treatment, legendgroup=treatment,
            showlegend=treatment not in shown, ids=list(g["point_id"]),
            line={"color": style["color"], "dash": style["dash"], "width": 2},
            marker={"color": style["color"], "symbol": style["symbol"], "size": 11},
            customdata=_hover_cells(g, g["time_days"].map(time_label), measure, cites),
            hovertemplate=_hover(measure, subtract, "at %{customdata[3]}"),
        ))
        shown.add(treatment)
    for _, r in rows[window].sort_values("time_days").iterrows():
        name = f"{r['treatment']} (rate over a window)"
        fig.add_trace(window_span(r, measure, subtract, cites, name=name, showlegend=name not in shown))
        shown.add(name)
    if band_weeks:  # the band explained in the legend (last), clear of the arms' markers at any size
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", hoverinfo="skip",
                                 name=f"antidepressant onset ({num(band_weeks[0])}–{num(band_weeks[1])} wk)",
                                 marker={"symbol": "square", "size": 14, "color": theme.BAND}))
    theme.style(fig, height=520)
    right = max(AXIS_MAX_DAYS, float(rows["time_days"].max()) if len(rows) else AXIS_MAX_DAYS)
    fig.update_xaxes(type="log", range=[math.log10(AXIS_MIN_DAYS * 0.8), math.log10(right * 1.25)],
                     tickvals=[t for t, _ in TICKS], ticktext=[lbl for _, lbl in TICKS], tickangle=0,
                     title="Time since first dose (log scale)")
    fig.update_yaxes(title=("Percentage points above comparator" if subtract else f"Patients meeting {measure} (%)"),
                     range=None if subtract else [0, 100], zeroline=True)
    return fig


def _hover_cells(g: pd.DataFrame, when: pd.Series, measure: str, cites: dict[str, str]) -> list[tuple]:
    """Per point: study, arm, population, when, n, sources and the comparator's rate (subtracted view)."""
    extra = [f"<br>{esc(measure)} in comparator ({esc(a)}): {c:.1f}%" if not pd.isna(c) else ""
             for a, c in zip(g["comparator_arm"], g["comparator_pct"])]
    return list(zip(g["study"].map(esc), g["arm"].map(esc), g["population"].map(esc), list(when),
                    g["n"].astype(str), cite_labels(g["source_ids"], cites), extra))


def _hover(measure: str, subtract: bool, when: str) -> str:
    return ("<b>%{customdata[0]}</b><br>%{customdata[1]} (%{customdata[2]})<br>"
            + ("Difference vs comparator" if subtract else esc(measure).capitalize())
            + ": <b>%{y:.1f}" + (" points" if subtract else "%") + f"</b> {when}"
            "<br>n = %{customdata[4]}%{customdata[6]}<br><i>Source: %{customdata[5]}</i><extra></extra>")


def window_span(r: pd.Series, measure: str, subtract: bool, cites: dict[str, str], *, name: str,
                showlegend: bool) -> go.Scatter:
    """A rate the source gives over a window (e.g. at study exit, up to 14 weeks) drawn as a faint bar
    across the window, capped at both ends, never as a point at its end: a point there would say the
    rate was reached only then. A window opening before the axis starts ends in an arrow at the axis
    edge. Its own legend entry says what the bar is."""
    low, high = float(r[WINDOW[0]]), float(r[WINDOW[1]])
    start = max(low, AXIS_MIN_DAYS * 0.8)
    style = theme.TREATMENT[r["treatment"]]
    g = r.to_frame().T
    cells = _hover_cells(g, pd.Series([window_label(low, high)]), measure, cites) * 2
    return go.Scatter(
        x=[start, high], y=[r["value_pct"]] * 2, mode="lines+markers", name=name,
        legendgroup=name, showlegend=showlegend, ids=[r["point_id"]] * 2, opacity=WINDOW_OPACITY,
        line={"color": style["color"], "width": 8},
        marker={"color": style["color"], "size": 16, "line": {"color": style["color"], "width": 3},
                "symbol": ["triangle-left" if low < start else "line-ns", "line-ns"]},
        customdata=cells,
        hovertemplate=_hover(measure, subtract, "over a window: %{customdata[3]} (not at one time point)"),
    )
