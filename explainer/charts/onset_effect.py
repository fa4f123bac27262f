"""Onset page, first chart: the drug-vs-placebo difference over time, as pooled analyses report it."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from explainer import theme
from explainer.charts.common import cite_labels, esc, wrap
from explainer.derive import certainty_label, effect_rows, milestone_lanes, null_value
from explainer.fmt import MEASURE_SHORT, time_label, time_range
from explainer.terms import KETAMINE_INFUSION, SSRI

TICKS = [(40 / 1440, "40 min"), (2 / 24, "2 h"), (6 / 24, "6 h"), (1, "1 day"), (7, "1 wk"), (28, "4 wk"),
         (84, "12 wk"), (168, "24 wk")]
LEFT_DAYS, RIGHT_DAYS = 25 / 1440, 220.0  # the axis: just before 40 min to just after 24 weeks


def is_ratio(measure: str) -> bool:
    return "ratio" in measure


def onset_effect_over_time(effects: pd.DataFrame, milestones: pd.DataFrame, cites: dict[str, str], *,
                           measure: str) -> go.Figure:
    """Two panels on one log time axis.

    Top: per drug, when pooled analyses say it first separates from placebo, peaks and stops
    separating (a lane from first separation to the end of the effect, or on to the axis end).
    Bottom: every pooled estimate of one measure with its 95% CI; a filled marker when the CI
    excludes no difference, an open one when it does not. Each series names its dosing (one dose, or
    repeated doses) and the certainty its source gives it (GRADE, or not rated) in the legend and hover.
    """
    lanes = milestone_lanes(milestones)
    rows = effect_rows(effects, measure)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.3, 0.7], vertical_spacing=0.06)
    _milestone_panel(fig, lanes, cites)
    _estimate_panel(fig, rows, cites, measure)
    theme.style(fig, height=600)
    fig.update_xaxes(type="log", range=[math.log10(LEFT_DAYS), math.log10(RIGHT_DAYS)],
                     tickvals=[t for t, _ in TICKS], ticktext=[lbl for _, lbl in TICKS], tickangle=0)
    fig.update_xaxes(title="Time since the dose, or since the start of daily treatment (log scale)", row=2, col=1)
    fig.update_yaxes(title=None, row=1, col=1, showgrid=False)
    value_range = _value_range(rows, measure)
    fig.update_yaxes(title=f"{MEASURE_SHORT.get(measure, measure)} vs placebo (95% CI)", row=2, col=1, zeroline=False,
                     type="log" if is_ratio(measure) else "linear", range=value_range)
    if is_ratio(measure) and value_range:
        ticks = ratio_ticks(10 ** value_range[0], 10 ** value_range[1])
        fig.update_yaxes(tickvals=ticks, ticktext=[f"{v:g}" for v in ticks], row=2, col=1)
    return fig


def ratio_ticks(low: float, high: float) -> list[float]:
    """1-2-5 ticks between `low` and `high` on a ratio's log axis: Plotly's own log ticks label the
    minor steps too (2, 3 ... 9 in every decade), which pile up on a short axis."""
    ticks = []
    for exponent in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1):
        ticks += [m * 10 ** exponent for m in (1, 2, 5)]
    return [round(t, 6) for t in ticks if low <= t <= high]


def _certainty_tag(rated: str) -> str:
    """'GRADE: very low' or 'not rated': short enough to keep a legend entry on one line on a phone."""
    return rated.replace(" certainty (GRADE)", "").join(("GRADE: ", "")) if "(GRADE)" in rated else "not rated"


def _value_range(rows: pd.DataFrame, measure: str) -> list[float] | None:
    """A y range that always shows the line of no difference, with room around every CI."""
    if rows.empty:
        return None
    null = null_value(measure)
    lo, hi = min(float(rows["ci_low"].min()), null), max(float(rows["ci_high"].max()), null)
    if is_ratio(measure):
        return [math.log10(lo) - 0.1, math.log10(hi) + 0.1]
    pad = (hi - lo) * 0.08
    return [lo - pad, hi + pad]


def _milestone_panel(fig: go.Figure, lanes: pd.DataFrame, cites: dict[str, str]) -> None:
    """One lane per drug: a bar from first separation to where it stops separating (or the axis end)."""
    order = list(dict.fromkeys(lanes["treatment"]))
    for treatment in order:
        g = lanes[lanes["treatment"] == treatment]
        style = theme.EFFECT[treatment]
        start = g.loc[g["milestone"] == "first separation from placebo", "days_low"]
        end = g.loc[g["milestone"] == "no longer separates", "days_high"]
        x0 = float(start.min()) if len(start) else float(g["days_low"].min())
        x1 = float(end.max()) if len(end) else RIGHT_DAYS
        fig.add_trace(go.Scatter(x=[x0, x1], y=[treatment, treatment], mode="lines", showlegend=False,
                                 line={"color": style["color"], "width": 10}, opacity=0.35, hoverinfo="skip"),
                      row=1, col=1)
        custom = list(zip(g["milestone"].map(esc), [esc(treatment)] * len(g),
                          [time_range(lo, hi) for lo, hi in zip(g["days_low"], g["days_high"])],
                          g["statement"].map(wrap), cite_labels(g["source_ids"], cites)))
        fig.add_trace(go.Scatter(
            x=(g["days_low"] + g["days_high"]) / 2, y=[treatment] * len(g), mode="markers+text",
            ids=list(g["milestone_id"]), name=esc(treatment), legendgroup=treatment, showlegend=False,
            marker={"symbol": [theme.MILESTONE_SYMBOL[m] for m in g["milestone"]], "size": 16,
                    "color": style["color"], "line": {"color": style["color"], "width": 2}},
            text=[theme.MILESTONE_LABEL[m].format(when=c[2]) for m, c in zip(g["milestone"], custom)],
            textposition=[theme.MILESTONE_TEXT_POSITION[m] for m in g["milestone"]],
            textfont={"size": theme.TICK_SIZE, "color": style["color"]}, customdata=custom,
            hovertemplate=("<b>%{customdata[1]}: %{customdata[0]}</b> at %{customdata[2]}<br>%{customdata[3]}"
                           "<br><i>Source: %{customdata[4]}</i><extra></extra>"),
        ), row=1, col=1)
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], row=1, col=1,
                     range=[-0.6, len(order) - 0.1], ticktext=[_lane_label(t) for t in order], tickvals=order)


def _lane_label(treatment: str) -> str:
    return {KETAMINE_INFUSION: "one ketamine infusion", SSRI: "SSRI, daily"}.get(treatment, treatment)


def _estimate_panel(fig: go.Figure, rows: pd.DataFrame, cites: dict[str, str], measure: str) -> None:
    """Each pooled estimate with its CI, one series per treatment and source."""
    null = null_value(measure)
    # drawn before the estimates, so the panel is still empty: kept all the same (the default skips it)
    fig.add_hline(y=null, line={"color": theme.COMPARATOR, "width": 2, "dash": "dot"}, row=2, col=1,
                  exclude_empty_subplots=False)
    # placed by hand: on a log axis an annotation's y is the log of the value (add_hline would put it at 10)
    fig.add_annotation(text="no difference from placebo", xref="x2 domain", x=1, xanchor="right", yref="y2",
                       y=math.log10(null) if is_ratio(measure) else null, yanchor="top", showarrow=False,
                       font={"size": theme.TICK_SIZE})
    shown: set[str] = set()
    if "certainty" not in rows.columns:
        rows = rows.assign(certainty=None)
    rows = rows.assign(certainty_text=rows["certainty"].map(certainty_label))
    for (treatment, _source, rated), g in rows.groupby(["treatment", "source_ids", "certainty_text"], sort=False):
        style = theme.EFFECT[treatment]
        series = esc(f"{treatment} ({_certainty_tag(rated)})")
        x = _dodge(g, rows)
        custom = list(zip([esc(treatment)] * len(g), g["comparator"].map(esc), g["time_days"].map(time_label),
                          [f"{lo:g} to {hi:g}" for lo, hi in zip(g["ci_low"], g["ci_high"])],
                          g["k_trials"].map(lambda k: "not stated" if pd.isna(k) else str(int(k))),
                          g["n"].map(lambda n: "not stated" if pd.isna(n) else str(int(n))),
                          cite_labels(g["source_ids"], cites), g["analysis"].map(esc), g["certainty_text"].map(esc)))
        fig.add_trace(go.Scatter(
            x=x, y=g["value"], mode="lines+markers", name=series, legendgroup=series,
            showlegend=series not in shown, ids=list(g["effect_id"]),
            error_y={"type": "data", "symmetric": False, "array": list(g["ci_high"] - g["value"]),
                     "arrayminus": list(g["value"] - g["ci_low"]), "color": style["color"], "thickness": 2,
                     "width": 6},
            line={"color": style["color"], "dash": style["dash"], "width": 2},
            marker={"symbol": style["symbol"].replace("-open", ""), "size": 12, "line": {"color": style["color"],
                                                                                          "width": 2},
                    "color": [style["color"] if s else "rgba(0,0,0,0)" for s in g["separates"]]},
            customdata=custom,
            hovertemplate=("<b>%{customdata[0]}</b> vs %{customdata[1]} at %{customdata[2]}<br>"
                           + esc(measure).capitalize() + ": <b>%{y}</b> (95% CI %{customdata[3]})"
                           "<br>Trials pooled: %{customdata[4]} · participants: %{customdata[5]}"
                           "<br>Certainty: <b>%{customdata[8]}</b>"
                           "<br>%{customdata[7]} · <i>%{customdata[6]}</i><extra></extra>"),
        ), row=2, col=1)
        shown.add(series)


def _dodge(g: pd.DataFrame, rows: pd.DataFrame) -> list[float]:
    """Times nudged apart (a few per cent on the log axis) where several estimates share a time point."""
    out = []
    for eid, t in zip(g["effect_id"], g["time_days"]):
        same = list(rows.loc[rows["time_days"] == t, "effect_id"])
        i, n = same.index(eid), len(same)
        out.append(t * 1.08 ** (i - (n - 1) / 2))
    return out
