"""Rows derived from the tables that a chart and its description both use.

A chart builder and the sentence that describes it must agree on which rows they show,
so the selection lives here, once, and both import it.
"""

from __future__ import annotations

import pandas as pd

from explainer.cells import split_ids
from explainer.fmt import time_label, window_label
from explainer.terms import COMPARATORS, CONVENTIONAL, NOT_RATED


def enum_of(df: pd.DataFrame, field: str) -> list[str]:
    """The allowed values of a field in the schema's order (tables carry their enums), else those present."""
    return list(df.attrs.get("enums", {}).get(field, [])) or sorted(set(df[field].dropna()))


def kind_counts(sources: pd.DataFrame) -> pd.DataFrame:
    """Sources per kind, most common first."""
    return sources["kind"].value_counts().rename_axis("kind").reset_index(name="n")


def placebo_subtracted(onset: pd.DataFrame) -> pd.DataFrame:
    """Active arm minus its own trial's comparator arm at the same time and measure.

    Rows without a comparator arm in the same study (e.g. open-label SSRI courses) drop out;
    the page says so.
    """
    keys = ["study", "measure", "time_days"]
    comp = onset[onset["treatment"].isin(COMPARATORS)]
    active = onset[~onset["treatment"].isin(COMPARATORS)]
    comp = comp.groupby(keys, as_index=False).agg(comparator_pct=("value_pct", "mean"),
                                                  comparator_arm=("arm", "first"))
    out = active.merge(comp, on=keys, how="inner")
    out["value_pct"] = out["value_pct"] - out["comparator_pct"]
    return out


def short_label(text: str, limit: int = 30) -> str:
    """An axis label that fits a slide: the effect's name up to its first bracket, shortened."""
    head = str(text).split(" (")[0]
    return head if len(head) <= limit else head[: limit - 1].rstrip() + "…"


def frequency_rows(side_effects: pd.DataFrame, timing: str = "acute") -> pd.DataFrame:
    """Effects of one timing that have a published frequency, grouped by system, largest first."""
    rows = side_effects[(side_effects["timing"] == timing) & side_effects["frequency_pct"].notna()].copy()
    rows["label"] = rows["effect"].map(short_label)
    dup = rows["label"].duplicated(keep=False)
    rows.loc[dup, "label"] = rows.loc[dup, "effect"]
    return rows.sort_values(["system", "frequency_pct"], ascending=[False, True])


def route_label(routes: pd.DataFrame) -> pd.Series:
    return routes["route"].str.capitalize() + " (" + routes["product"].str.replace(" ketamine", "") + ")"


def midpoint(low: pd.Series, high: pd.Series) -> pd.Series:
    return (low.fillna(high) + high.fillna(low)) / 2


def model_inputs(routes: pd.DataFrame) -> pd.DataFrame:
    """Routes with the parameters the illustrative model is drawn from, each a midpoint of a published
    range: Tmax, the duration of the effect the row times, and bioavailability (the curve's height for
    the same dose, relative to intravenous). Routes missing any of the three are not modelled."""
    rows = routes.copy()
    rows["label"] = route_label(rows)
    rows["model_tmax_min"] = midpoint(rows["tmax_min_low"], rows["tmax_min_high"])
    rows["model_duration_min"] = midpoint(rows["duration_min_low"], rows["duration_min_high"])
    rows["model_fraction"] = midpoint(rows["bioavailability_pct_low"], rows["bioavailability_pct_high"]) / 100
    return rows.dropna(subset=["model_tmax_min", "model_duration_min", "model_fraction"])


def main_steps(mechanism: pd.DataFrame) -> pd.DataFrame:
    """The proposed main chain, in step order (the alternative hypotheses left out)."""
    return mechanism[mechanism["pathway"] == "main"].sort_values("step")


def rows_backed(pkg_tables: dict[str, pd.DataFrame]) -> pd.Series:
    """How many fact rows (across all tables) cite each source id."""
    counts: dict[str, int] = {}
    for name, df in pkg_tables.items():
        if name == "sources" or "source_ids" not in df.columns:
            continue
        for cell in df["source_ids"]:
            for sid in set(split_ids(cell)):
                counts[sid] = counts.get(sid, 0) + 1
    return pd.Series(counts, dtype="int64")


def verdict_counts(claims: pd.DataFrame, verdicts: list[str] | None = None) -> pd.DataFrame:
    """Claims per verdict, in the schema's order (zero counts kept, so bars do not move)."""
    verdicts = verdicts if verdicts is not None else enum_of(claims, "verdict")
    counts = claims["verdict"].value_counts()
    return pd.DataFrame({"verdict": verdicts, "claims": [int(counts.get(v, 0)) for v in verdicts]})


def ssri_onset_weeks(ssri_onset: pd.DataFrame) -> tuple[float, float] | None:
    """The typical onset band of conventional antidepressants, in weeks, from what studies FOUND.

    Rows of kind "belief tested" (a view a study quotes in order to test it) are context, not data:
    only findings count. The band runs from the lower quartile of the findings' low ends to the
    upper quartile of their high ends (a lower bound alone counts as both ends).
    """
    found = ssri_onset[ssri_onset["kind"] == "finding"] if "kind" in ssri_onset.columns else ssri_onset
    if found.empty:
        return None
    highs = found["weeks_high"].fillna(found["weeks_low"])
    return float(found["weeks_low"].quantile(0.25)), float(highs.quantile(0.75))


WINDOW = ("window_days_low", "window_days_high")  # onset: a rate given over a window, not at one time


def has_window(onset: pd.DataFrame) -> pd.Series:
    """Rows whose rate the source gives over a window (e.g. at study exit, up to 14 weeks): drawn and
    described as a range, never as a point at its end. Tables without the columns have none."""
    if not set(WINDOW) <= set(onset.columns):
        return pd.Series(False, index=onset.index)
    return onset[WINDOW[0]].notna() & onset[WINDOW[1]].notna()


def when_text(onset: pd.DataFrame) -> pd.Series:
    """Each row's time as a sentence reads it: 'at 1 day', or 'over up to 14 wk' for a window."""
    at = "at " + onset["time_days"].map(time_label)
    window = has_window(onset)
    if not window.any():
        return at
    spans = onset[window]
    over = [f"over {window_label(lo, hi)}" for lo, hi in zip(spans[WINDOW[0]], spans[WINDOW[1]])]
    return at.where(~window, pd.Series(over, index=spans.index))


REGIMENS = ("single dose", "repeated doses")  # onset.regimen values a reader picks; SSRI daily courses show with both


def arm_rows(onset: pd.DataFrame, regimen: str = "single dose") -> pd.DataFrame:
    """Trial-arm points after one dose, or after repeated doses, never both: results after a single
    infusion and after a course answer different questions. Daily SSRI courses show with either."""
    return onset[onset["regimen"].isin([regimen, "daily course"])]


# --- pooled drug-vs-placebo effects over time ----------------------------------------------------

def null_value(measure: str) -> float:
    """The value meaning "no difference from placebo": 1 for a ratio, 0 for a difference."""
    return 1.0 if "ratio" in measure else 0.0


def effect_rows(effects: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The estimates of one measure (never two measures on one axis), by treatment and time, with
    `separates`: whether the 95% CI excludes no difference in the drug's favour."""
    rows = effects[effects["measure"] == measure].sort_values(["treatment", "time_days", "effect_id"]).copy()
    rows["separates"] = rows["ci_low"] > null_value(measure)
    return rows


def effect_measures(t: dict[str, pd.DataFrame]) -> list[str]:
    """The pooled measures of `onset_effect`, best compared first (computed once per data version)."""
    return measures_by_coverage(t["onset_effect"])


def is_conventional(treatment: pd.Series) -> pd.Series:
    """SSRIs and other daily antidepressant courses, as against ketamine and esketamine."""
    return treatment.isin(CONVENTIONAL)


def measures_by_coverage(effects: pd.DataFrame) -> list[str]:
    """Measures in order of how well they show both drugs over time: first those with estimates for
    ketamine or esketamine AND for conventional antidepressants, then the most distinct time points for
    ketamine/esketamine (the fast rise and fade needs several points), then for the conventional drugs,
    then most rows. Each measure is drawn alone: the ranking never merges two."""
    conv = is_conventional(effects["treatment"])
    rapid_t = effects[~conv].groupby("measure")["time_days"].nunique()
    conv_t = effects[conv].groupby("measure")["time_days"].nunique()
    stats = pd.DataFrame({"rapid": rapid_t, "conv": conv_t}).reindex(effects["measure"].unique()).fillna(0)
    stats["both"] = (stats["rapid"] > 0) & (stats["conv"] > 0)
    stats["n"] = effects.groupby("measure").size()
    stats["name"] = stats.index
    return list(stats.sort_values(["both", "rapid", "conv", "n", "name"],
                                  ascending=[False, False, False, False, True]).index)


def shared_measures(effects: pd.DataFrame) -> list[str]:
    """Measures with pooled estimates for both ketamine/esketamine and conventional antidepressants,
    best compared first: the only measures a sentence may set the two drugs side by side on."""
    conv = is_conventional(effects["treatment"])
    both = set(effects.loc[conv, "measure"]) & set(effects.loc[~conv, "measure"])
    return [m for m in measures_by_coverage(effects) if m in both]


def certainty_label(certainty: object) -> str:
    """'very low certainty (GRADE)' or 'certainty not rated': how every quoted pooled figure names it."""
    c = "" if certainty is None or (isinstance(certainty, float) and pd.isna(certainty)) else str(certainty)
    return f"{c} certainty (GRADE)" if c and c != NOT_RATED else "certainty not rated"


MILESTONE_ORDER = ("first separation from placebo", "peak", "no longer separates")


def milestone_lanes(milestones: pd.DataFrame, outcome: str = "symptom score") -> pd.DataFrame:
    """The milestones pooled analyses state for one outcome, one lane per treatment, in time order.

    Only what a source states: a first estimate in the data is not a first separation (earlier
    time points may not have been pooled), so nothing here is inferred from the estimates.
    """
    rows = milestones[milestones["outcome"] == outcome].copy()
    rows["order"] = rows["milestone"].map({m: i for i, m in enumerate(MILESTONE_ORDER)})
    return rows.sort_values(["treatment", "order", "days_low"]).drop(columns="order")


def overview_cited(t: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, ...]:
    """The rows the overview's "What it is" sentences and figures rest on (their caption cites them)."""
    return (t["timeline"].sort_values("year").head(1), t["conditions"][t["conditions"]["status"] == "approved"],
            t["onset"], t["ssri_onset"])
