"""Rows derived from the tables that a chart and its description both use.

A chart builder and the sentence that describes it must agree on which rows they show,
so the selection lives here, once, and both import it.
"""

from __future__ import annotations

import pandas as pd

from explainer.cells import split_ids
from explainer.terms import COMPARATORS


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
    """Routes with the Tmax and duration midpoints the illustrative model is fitted to."""
    rows = routes.copy()
    rows["label"] = route_label(rows)
    rows["model_tmax_min"] = midpoint(rows["tmax_min_low"], rows["tmax_min_high"])
    rows["model_duration_min"] = midpoint(rows["duration_min_low"], rows["duration_min_high"])
    return rows.dropna(subset=["model_tmax_min", "model_duration_min"])


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
    """The typical SSRI onset band, in weeks: lower quartile of the published low ends to upper
    quartile of the high ends."""
    if ssri_onset.empty:
        return None
    highs = ssri_onset["weeks_high"].fillna(ssri_onset["weeks_low"])
    return float(ssri_onset["weeks_low"].quantile(0.25)), float(highs.quantile(0.75))
