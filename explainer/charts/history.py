"""History page: the timeline of ketamine from synthesis to today."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from explainer import theme
from explainer.charts.common import cite_labels, esc, in_theme_order, wrap


def event_dates(dates: pd.Series) -> pd.Series:
    """Plot positions: a bare year sits mid-year, a month mid-month."""
    def place(d: str) -> str:
        return {4: f"{d}-07-01", 7: f"{d}-15"}.get(len(d), d)
    return pd.to_datetime(dates.astype(str).map(place))


def era_spans(eras: pd.DataFrame, timeline: pd.DataFrame) -> pd.DataFrame:
    """Each era's start and end year, taken from the events that open and close it."""
    years = timeline.set_index("event_id")["year"]
    last = int(timeline["year"].max()) + 1
    out = eras.copy()
    out["start_year"] = [int(years[e]) for e in eras["start_event_id"]]
    out["end_year"] = [int(years[e]) if not pd.isna(e) else last for e in eras["end_event_id"]]
    return out


def timeline_by_category(timeline: pd.DataFrame, cites: dict[str, str],
                         eras: pd.DataFrame | None = None, events: pd.DataFrame | None = None) -> go.Figure:
    """One marker per event on a time axis, one lane per category, era bands behind. The eras are
    bounded by `events` (the whole timeline; default: the events drawn), so a filter that hides an
    era's opening event still draws the era."""
    fig = go.Figure()
    order = in_theme_order(timeline["category"], theme.CATEGORY_ORDER)
    for cat in order:
        rows = timeline[timeline["category"] == cat]
        custom = list(zip(rows["date"].map(esc), rows["title"].map(esc), rows["detail"].map(wrap),
                          cite_labels(rows["source_ids"], cites)))
        fig.add_trace(go.Scatter(
            x=event_dates(rows["date"]), y=[cat] * len(rows), mode="markers", name=cat,
            marker={"size": 16, "color": theme.CATEGORY[cat], "line": {"width": 1, "color": "white"}},
            customdata=custom, ids=list(rows["event_id"]),
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[0]} · " + esc(cat)
                          + "<br>%{customdata[2]}<br><i>Source: %{customdata[3]}</i><extra></extra>",
        ))
    if eras is not None and len(eras):
        for i, era in enumerate(era_spans(eras, timeline if events is None else events).itertuples()):
            fig.add_vrect(x0=f"{era.start_year}-01-01", x1=f"{era.end_year}-01-01", fillcolor=theme.ERA[i % 2],
                          line_width=0, layer="below")
            # the era's name above the plotting area, from where it starts: clear of the lanes' markers
            fig.add_annotation(x=f"{era.start_year}-01-01", y=1, xref="x", yref="paper", xanchor="left",
                               yanchor="bottom", text=esc(era.label), showarrow=False,
                               font={"size": theme.TICK_SIZE})
    theme.style(fig, height=520, legend=False)
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], title=None)
    fig.update_xaxes(title=None, rangeslider={"visible": True, "thickness": 0.06}, type="date")
    fig.update_layout(margin={"t": 60})
    return fig
