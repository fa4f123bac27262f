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
    """From earliest onset to longest reported duration, per route, coloured by the effect the numbers
    time (anaesthesia, analgesia, sedation...): never one effect's onset read against another's end.
    A triangle marks a duration where the study stopped observing (the effect may last longer)."""
    rows = routes.dropna(subset=["onset_min_low", "duration_min_high"]).copy()
    rows["label"] = route_label(rows)
    rows = rows.sort_values(["effect_timed", "onset_min_low"], ascending=[True, False])
    fig = go.Figure()
    for effect, g in rows.groupby("effect_timed", sort=False, dropna=False):
        name = "effect not stated" if pd.isna(effect) else str(effect)
        censored = g["duration_censored"].fillna(False).astype(bool)
        custom = list(zip(g["label"].map(esc),
                          [value_range(a, b, "min") for a, b in zip(g["onset_min_low"], g["onset_min_high"])],
                          [value_range(a, b, "min") + (" (the study stopped observing here)" if c else "")
                           for a, b, c in zip(g["duration_min_low"], g["duration_min_high"], censored)],
                          cite_labels(g["source_ids"], cites), [esc(name)] * len(g)))
        colour = theme.EFFECT_TIMED.get(name, theme.COMPARATOR)
        fig.add_trace(go.Bar(
            y=g["label"], base=g["onset_min_low"], x=g["duration_min_high"] - g["onset_min_low"], orientation="h",
            name=esc(name), legendgroup=name, marker={"color": colour}, customdata=custom, ids=list(g["route_id"]),
            hovertemplate=("<b>%{customdata[0]}</b>: %{customdata[4]}<br>Onset: %{customdata[1]}<br>Duration: "
                           "%{customdata[2]}<br><i>Source: %{customdata[3]}</i><extra></extra>"),
        ))
        if censored.any():
            c = g[censored]
            fig.add_trace(go.Scatter(
                x=c["duration_min_high"], y=c["label"], mode="markers", legendgroup=name, showlegend=False,
                marker={"symbol": "triangle-right", "size": 14, "color": colour},
                hovertemplate="Observation ended at %{x:g} min: the effect may last longer<extra></extra>"))
    theme.style(fig, height=max(320, 48 * len(rows) + 120))
    fig.update_xaxes(type="log", title="Minutes after the dose (log scale): bar runs from onset to end of effect",
                     tickvals=[0.5, 1, 2, 5, 10, 30, 60, 120, 240, 480], ticktext=["½", "1", "2", "5", "10", "30",
                                                                                   "60", "120", "240", "480"])
    fig.update_yaxes(categoryorder="array", categoryarray=list(rows["label"]), title=None)
    fig.update_layout(barmode="overlay")
    return fig


def concentration_model(routes: pd.DataFrame, cites: dict[str, str] | None = None) -> go.Figure:
    """ILLUSTRATIVE concentration curves from a one-compartment model (not data), for the same dose:
    each curve peaks at its route's published Tmax, at a height equal to its bioavailability relative
    to intravenous, and falls to a quarter of its peak at the end of the published duration."""
    rows = model_inputs(routes)
    t_end = float(rows["model_duration_min"].max() * 1.3) if len(rows) else 60.0
    t = np.linspace(0, t_end, 300)
    fig = go.Figure()
    for i, r in enumerate(rows.itertuples()):
        c = pkmodel.concentration_curve(r.model_tmax_min, r.model_duration_min, t) * r.model_fraction
        effect = "" if pd.isna(r.effect_timed) else f" ({r.effect_timed})"
        fig.add_trace(go.Scatter(
            x=t, y=c, mode="lines", name=esc(r.label), ids=None,
            line={"color": theme.SEQUENCE[i % len(theme.SEQUENCE)], "dash": ["solid", "dash", "dot", "dashdot"][i % 4],
                  "width": 3},
            hovertemplate=(f"<b>{esc(r.label)}</b> (model)<br>%{{x:.0f}} min: %{{y:.2f}} of the IV peak"
                           f"<br>parameters: Tmax {r.model_tmax_min:g} min, bioavailability "
                           f"{r.model_fraction * 100:g}%, duration{esc(effect)} {r.model_duration_min:g} min"
                           f"<br><i>Source: {cite_labels(pd.Series([r.source_ids]), cites or {})[0]}</i>"
                           "<extra></extra>"),
        ))
    theme.style(fig, height=460)
    fig.update_xaxes(title="Minutes after the same dose", range=[0, t_end])
    fig.update_yaxes(title="Modelled concentration (IV peak = 1)", range=[0, 1.05])
    fig.update_layout(title={"text": "Illustrative model, not measured data", "x": 0.99, "xanchor": "right",
                             "y": 0.97, "yanchor": "top"}, margin={"t": 80})
    return fig
