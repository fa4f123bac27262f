"""Headlines (at most 20 words, no citation, with their time point) and the route charts' own takeaways.

A headline is what a slide, a card or a link preview says about a chart; the longer takeaway stays
on the page. Each function reads the chart's :class:`~explainer.cards.Selection` (the rows the chart
draws in that view), so a headline follows the filters and the data like the chart does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from explainer.derive import main_steps, model_inputs, route_label
from explainer.fmt import listing, time_range
from explainer.fmt import num as _fmt
from explainer.terms import COMPARATORS, KETAMINE_INFUSION, MILESTONES, RAPID, SSRI, STRONG_GRADES

if TYPE_CHECKING:
    from explainer.cards import Selection

MAX_WORDS = 20
FIRST_DAY = 1.0


def words(text: str) -> int:
    """How many words a headline has (what the 20-word limit counts)."""
    return len(text.split())


def history(s: Selection) -> str:
    rows = s.rows.sort_values(["year", "date"])
    if rows.empty:
        return "No events in this view."
    text = f"{len(rows)} milestones from {rows['year'].iloc[0]} to {rows['year'].iloc[-1]}"
    approvals = rows[rows["category"] == "approval"]
    if len(approvals):
        text += f"; first approval in {approvals['year'].iloc[0]}"
    return text + "."


def conditions(s: Selection) -> str:
    rows = s.rows
    strong = int(rows["evidence_grade"].isin(STRONG_GRADES).sum())
    approved = int((rows["status"] == "approved").sum())
    return (f"{strong} of {len(rows)} conditions have trial evidence of benefit (grade A or B); "
            f"{approved} have an approved product.")


def _milestone(milestones: pd.DataFrame, treatment: str, which: str) -> pd.Series | None:
    rows = milestones[(milestones["treatment"] == treatment) & (milestones["milestone"] == which)
                      & (milestones["outcome"] == "symptom score")]
    return rows.iloc[0] if len(rows) else None


def onset_effect(s: Selection) -> str:
    stones = s.t["onset_milestones"]
    start, gone = _milestone(stones, KETAMINE_INFUSION, MILESTONES[0]), _milestone(stones, KETAMINE_INFUSION,
                                                                                    MILESTONES[2])
    ssri = _milestone(stones, SSRI, MILESTONES[0])
    parts = []
    if start is not None:
        parts.append("One ketamine infusion separates from placebo from "
                     f"{time_range(start['days_low'], start['days_high'])}")
        if gone is not None:
            parts[-1] += f" until {time_range(gone['days_low'], gone['days_high'])}"
    if ssri is not None:
        parts.append(f"SSRIs from {time_range(ssri['days_low'], ssri['days_high'])}")
    return ("; ".join(parts) + " (pooled trials).") if parts else "Not enough pooled estimates to compare onset."


def onset_trials(s: Selection) -> str:
    rows = s.rows
    measure, subtract = s.view.get("measure", "response"), s.view.get("values") == "placebo-subtracted"
    early = rows[rows["treatment"].isin(RAPID) & (rows["time_days"] <= FIRST_DAY)]
    if early.empty:
        return f"No ketamine {measure} rates within the first day in this view."
    latest = early.sort_values("time_days").groupby(["study", "arm"]).tail(1)
    value = float(latest["value_pct"].median())
    what = f"{_fmt(value)} points above comparator" if subtract else f"{_fmt(value)}% {measure}"
    dose = "one dose" if s.view.get("regimen", "single dose") == "single dose" else "the first of repeated doses"
    text = f"Within 1 day of {dose}, ketamine arms: median {what} ({len(latest)} arms)"
    comp = rows[rows["treatment"].isin(COMPARATORS) & (rows["time_days"] <= FIRST_DAY)]
    if len(comp) and not subtract:
        last = comp.sort_values("time_days").groupby(["study", "arm"]).tail(1)
        text += f" vs {_fmt(float(last['value_pct'].median()))}% on comparators"
    return text + "."


def _bio(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    rows = rows.dropna(subset=["bioavailability_pct_low", "bioavailability_pct_high"], how="all")
    low = rows["bioavailability_pct_low"].fillna(rows["bioavailability_pct_high"])
    high = rows["bioavailability_pct_high"].fillna(rows["bioavailability_pct_low"])
    return rows, low, high


def bioavailability(s: Selection) -> str:
    rows, low, high = _bio(s.rows)
    if rows.empty:
        return "No bioavailability figures in this view."
    top, least = high.idxmax(), low.idxmin()
    label = route_label(rows)
    return (f"{label[top]}: {_fmt(high[top])}% of a dose reaches the blood; {label[least]}: as little as "
            f"{_fmt(low[least])}%.")


def _timed(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.dropna(subset=["onset_min_low", "duration_min_high"])


def bands(s: Selection) -> str:
    timed = _timed(s.rows)
    if timed.empty:
        return "No onset and duration figures in this view."
    fast, long = timed.loc[timed["onset_min_low"].idxmin()], timed.loc[timed["duration_min_high"].idxmax()]
    label = route_label(timed)
    return (f"Fastest onset: {label[fast.name]}, {_fmt(fast['onset_min_low'])} min; longest effect: "
            f"{label[long.name]}, {_fmt(long['duration_min_high'])} min; each timed on its own effect.")


def bands_takeaway(s: Selection) -> str:
    """The onset-and-duration chart's own finding: the fastest and the longest-lasting route, and the effect
    each was timed on (bars of different effects do not compare)."""
    timed = _timed(s.rows)
    if timed.empty:
        return "No onset and duration figures in the data for this view."
    fast, long = timed.loc[timed["onset_min_low"].idxmin()], timed.loc[timed["duration_min_high"].idxmax()]
    effects = listing(sorted(timed["effect_timed"].dropna().unique()))
    return (f"The {fast['route']} route ({fast['product']}) acts fastest, from {_fmt(fast['onset_min_low'])} min "
            f"({fast['effect_timed']}); the longest published effect is {_fmt(long['duration_min_high'])} min "
            f"{long['route']} ({long['effect_timed']}). The {len(timed)} routes were timed on different effects "
            f"({effects}), so only bars of one colour compare.")


def _peaks(s: Selection) -> pd.DataFrame:
    return model_inputs(s.rows)


def model(s: Selection) -> str:
    inputs = _peaks(s)
    if inputs.empty:
        return "Model, not data: no route has all three parameters in this view."
    low = inputs.loc[inputs["model_fraction"].idxmin()]
    return (f"Model, not data: for the same dose, {low['label']} peaks lowest, at "
            f"{_fmt(low['model_fraction'] * 100)}% of intravenous, after {_fmt(low['model_tmax_min'])} min.")


def model_takeaway(s: Selection) -> str:
    """The model chart's own finding, labelled as a model: which routes it can draw, which peaks latest and
    lowest, and how many routes lack a parameter."""
    inputs = _peaks(s)
    left_out = len(s.rows) - len(inputs)
    if inputs.empty:
        return "In this model (not data), no route has all three published parameters, so no curve is drawn."
    late, low = inputs.loc[inputs["model_tmax_min"].idxmax()], inputs.loc[inputs["model_fraction"].idxmin()]
    return (f"In this model, not data, {len(inputs)} routes are drawn for the same dose: {late['label']} peaks "
            f"latest, at {_fmt(late['model_tmax_min'])} min, and {low['label']} lowest, at "
            f"{_fmt(low['model_fraction'] * 100)}% of the intravenous peak; {left_out} routes lack a published "
            "parameter and are left out.")


def mechanism(s: Selection) -> str:
    main = main_steps(s.rows)
    if main.empty:
        return "No mechanism steps in the data."
    return f"A proposed {len(main)}-step chain, from {main['label'].iloc[0]} to {main['label'].iloc[-1]}."


def safety(s: Selection) -> str:
    rows = s.rows
    if rows.empty:
        return "No acute side-effect frequencies in the data."
    top = rows.loc[rows["frequency_pct"].idxmax()]
    comp = "" if pd.isna(top["comparator_pct"]) else f" vs {_fmt(top['comparator_pct'])}% on comparator"
    return f"Most frequent acute effect: {top['label']}, {_fmt(top['frequency_pct'])}% of patients{comp}."


def claims(s: Selection) -> str:
    rows = s.rows
    ok = int((rows["verdict"] == "supported").sum())
    bad = int(rows["verdict"].isin(["overstated", "unsupported", "incorrect"]).sum())
    return f"{ok} of the article's {len(rows)} claims hold up as written; {bad} are overstated, unsupported or wrong."


def sources(s: Selection) -> str:
    kinds = s.rows["kind"].value_counts()
    top = kinds.index[0] if len(kinds) else "source"
    return f"{len(s.rows)} publications back every number; the most common kind: {top} ({int(kinds.iloc[0])})."
