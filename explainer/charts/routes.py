"""Routes page: how much reaches the blood, how fast, for how long."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from explainer import pkmodel, theme
from explainer.charts.common import cite_labels, esc, wrap
from explainer.derive import model_inputs, route_label
from explainer.fmt import value_range


def bioavailability_by_route(routes: pd.DataFrame, cites: dict[str, str]) -> go.Figure:
    """Published bioavailability range per route and product (a bar from low to high)."""
    rows = routes.dropna(subset=["bioavailability_pct_low", "bioavailability_pct_high"], how="all").copy()
    rows["label"] = route_label(rows)
    rows = rows.sort_values("bioavailability_pct_high")
    fig = go.Figure()
    for product, g in rows.groupby("product", sort=False):
        low = g["bioavailability_pct_low"].fillna(g["bioavailability_pct_high"])
        high = g["bioavailability_pct_high"].fillna(g["bioavailability_pct_low"])
        custom = list(zip(g["label"].map(esc),
                          [value_range(a, b, "%")
                           for a, b in zip(g["bioavailability_pct_low"], g["bioavailability_pct_high"])],
                          [value_range(a, b, "min") for a, b in zip(g["tmax_min_low"], g["tmax_min_high"])],
                          g["clinical_use"].map(wrap), cite_labels(g["source_ids"], cites)))
        fig.add_trace(go.Bar(
            y=g["label"], base=low, x=(high - low).clip(lower=1.5), orientation="h", name=product,
            marker={"color": theme.PRODUCT[product]}, customdata=custom, ids=list(g["route_id"]),
            hovertemplate=("<b>%{customdata[0]}</b><br>Bioavailability: <b>%{customdata[1]}</b><br>"
                           "Time to peak (Tmax): %{customdata[2]}<br>Use: %{customdata[3]}"
                           "<br><i>Source: %{customdata[4]}</i><extra></extra>"),
        ))
    theme.style(fig, height=max(320, 48 * len(rows) + 120))
    fig.update_xaxes(range=[0, 105], title="Bioavailability (% of dose reaching the circulation)", ticksuffix="%")
    fig.update_yaxes(categoryorder="array", categoryarray=list(rows["label"]), title=None)
    fig.update_layout(barmode="overlay")
    return fig


def onset_duration_bands(routes: pd.DataFrame, cites: dict[str, str]) -> go.Figure:
    """From earliest onset to longest reported duration of effect, per route, on one time axis."""
    rows = routes.dropna(subset=["onset_min_low", "duration_min_high"]).copy()
    rows["label"] = route_label(rows)
    rows = rows.sort_values("onset_min_low", ascending=False)
    fig = go.Figure()
    for product, g in rows.groupby("product", sort=False):
        custom = list(zip(g["label"].map(esc),
                          [value_range(a, b, "min") for a, b in zip(g["onset_min_low"], g["onset_min_high"])],
                          [value_range(a, b, "min") for a, b in zip(g["duration_min_low"], g["duration_min_high"])],
                          cite_labels(g["source_ids"], cites)))
        fig.add_trace(go.Bar(
            y=g["label"], base=g["onset_min_low"], x=g["duration_min_high"] - g["onset_min_low"], orientation="h",
            name=product, marker={"color": theme.PRODUCT[product]}, customdata=custom, ids=list(g["route_id"]),
            hovertemplate=("<b>%{customdata[0]}</b><br>Onset: %{customdata[1]}<br>Duration of effect: "
                           "%{customdata[2]}<br><i>Source: %{customdata[3]}</i><extra></extra>"),
        ))
    theme.style(fig, height=max(320, 48 * len(rows) + 120))
    fig.update_xaxes(type="log", title="Minutes after the dose (log scale): bar runs from onset to end of effect",
                     tickvals=[0.5, 1, 2, 5, 10, 30, 60, 120, 240, 480], ticktext=["½", "1", "2", "5", "10", "30",
                                                                                   "60", "120", "240", "480"])
    fig.update_yaxes(categoryorder="array", categoryarray=list(rows["label"]), title=None)
    fig.update_layout(barmode="overlay")
    return fig


def concentration_model(routes: pd.DataFrame) -> go.Figure:
    """ILLUSTRATIVE normalised concentration curves from a one-compartment model (not data)."""
    rows = model_inputs(routes)
    t_end = float(rows["model_duration_min"].max() * 1.3) if len(rows) else 60.0
    t = np.linspace(0, t_end, 300)
    fig = go.Figure()
    for i, r in enumerate(rows.itertuples()):
        c = pkmodel.concentration_curve(r.model_tmax_min, r.model_duration_min, t)
        fig.add_trace(go.Scatter(
            x=t, y=c, mode="lines", name=esc(r.label), ids=None,
            line={"color": theme.SEQUENCE[i % len(theme.SEQUENCE)], "dash": ["solid", "dash", "dot", "dashdot"][i % 4],
                  "width": 3},
            hovertemplate=(f"<b>{esc(r.label)}</b> (model)<br>%{{x:.0f}} min: %{{y:.2f}} of peak"
                           f"<br>fitted to Tmax {r.model_tmax_min:g} min, duration {r.model_duration_min:g} min"
                           "<extra></extra>"),
        ))
    theme.style(fig, height=460)
    fig.update_xaxes(title="Minutes after the dose", range=[0, t_end])
    fig.update_yaxes(title="Modelled concentration (peak = 1)", range=[0, 1.05])
    fig.update_layout(title={"text": "Illustrative model, not measured data", "x": 0.99, "xanchor": "right",
                             "y": 0.97, "yanchor": "top"}, margin={"t": 80})
    return fig
