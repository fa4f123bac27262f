"""Takeaways, headline figures and alt text, computed from the data.

Nothing here states a fact: every number and name in these sentences is read
from the tables, so an edit to a CSV changes the words on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from explainer.derive import ssri_onset_weeks
from explainer.fmt import listing, time_label
from explainer.fmt import num as _fmt
from explainer.terms import COMPARATORS, RAPID, STRONG_GRADES

DISCLAIMER = ("Educational material, not medical advice. Nothing here is a recommendation to use, "
              "dose or stop any treatment; talk to a qualified clinician.")
FIRST_DAY = 1.0
PLURAL = {"meta-analysis": "meta-analyses", "web": "web pages", "history": "historical works",
          "reference": "references"}


# --- onset -----------------------------------------------------------------------------------

def first_response_days(onset: pd.DataFrame) -> float | None:
    """Median over rapid-acting trial arms of the earliest time a response rate is reported."""
    rows = onset[onset["treatment"].isin(RAPID) & (onset["measure"] == "response")]
    if rows.empty:
        return None
    return float(rows.groupby(["study", "arm"])["time_days"].min().median())


def first_day_response(onset: pd.DataFrame, treatments: tuple[str, ...] = RAPID) -> tuple[float, int] | None:
    """(median response %, arms) at the latest reported time within the first day."""
    rows = onset[onset["treatment"].isin(treatments) & (onset["measure"] == "response")
                 & (onset["time_days"] <= FIRST_DAY)]
    if rows.empty:
        return None
    latest = rows.sort_values("time_days").groupby(["study", "arm"]).tail(1)
    return float(latest["value_pct"].median()), len(latest)


def onset_ratio(onset: pd.DataFrame, ssri_onset: pd.DataFrame) -> float | None:
    """How many times longer the typical SSRI onset is than the first ketamine response."""
    band, first = ssri_onset_weeks(ssri_onset), first_response_days(onset)
    if not band or not first:
        return None
    return (sum(band) / 2 * 7) / first


def onset_takeaway(onset: pd.DataFrame, ssri_onset: pd.DataFrame) -> str:
    rapid, comp = first_day_response(onset), first_day_response(onset, COMPARATORS)
    band, ratio = ssri_onset_weeks(ssri_onset), onset_ratio(onset, ssri_onset)
    if not rapid or not band:
        return "Not enough published time points in the data to compare onset."
    text = (f"Within the first day, ketamine and esketamine trial arms report a median {_fmt(rapid[0])}% response "
            f"({rapid[1]} arms)")
    if comp:
        text += f" against {_fmt(comp[0])}% in their comparator arms"
    text += (f"; conventional antidepressants typically take {_fmt(band[0])}–{_fmt(band[1])} weeks, "
             f"about {ratio:.0f} times longer than the first ketamine response.")
    return text


# --- other pages -----------------------------------------------------------------------------

def history_takeaway(timeline: pd.DataFrame) -> str:
    rows = timeline.sort_values(["year", "date"])
    first, last = rows.iloc[0], rows.iloc[-1]
    approvals = rows[rows["category"] == "approval"]
    text = (f"{len(rows)} milestones from {first['year']} ({first['title']}) to {last['year']} ({last['title']})")
    if len(approvals):
        a = approvals.iloc[0]
        text += f"; the first approval came in {a['year']}, {a['year'] - first['year']} years after the first event"
    return text + "."


def strong_evidence(conditions: pd.DataFrame) -> pd.DataFrame:
    return conditions[conditions["evidence_grade"].isin(STRONG_GRADES)]


def conditions_takeaway(conditions: pd.DataFrame) -> str:
    strong = strong_evidence(conditions)
    seed = conditions[conditions["in_seed"].fillna(False).astype(bool)]
    seed_strong = strong_evidence(seed)
    approved = conditions[conditions["status"] == "approved"]
    return (f"{len(strong)} of {len(conditions)} conditions have randomised-trial evidence of benefit (grade A or B) "
            f"and {len(approved)} have an approved product; of the {len(seed)} the article names, "
            f"{len(seed_strong)} reach grade A or B.")


def routes_takeaway(routes: pd.DataFrame) -> str:
    rows = routes.dropna(subset=["bioavailability_pct_high"])
    if rows.empty:
        return "No bioavailability figures in the data."
    hi = rows.loc[rows["bioavailability_pct_high"].idxmax()]
    lo = rows.loc[rows["bioavailability_pct_high"].idxmin()]
    return (f"How much ketamine reaches the blood depends on the route: from {_fmt(hi['bioavailability_pct_high'])}% "
            f"{hi['route']} to as little as "
            f"{_fmt(lo['bioavailability_pct_low'])}–{_fmt(lo['bioavailability_pct_high'])}% "
            f"{lo['route']} ({lo['product']}).")


def mechanism_takeaway(mechanism: pd.DataFrame) -> str:
    main = mechanism[mechanism["pathway"] == "main"].sort_values("step")
    if main.empty:
        return "No mechanism steps in the data."
    first, last = main.iloc[0], main.iloc[-1]
    alt = len(mechanism) - len(main)
    return (f"The proposed chain runs in {len(main)} steps, from “{first['label']}” to “{last['label']}”; "
            f"the first steps take {first['timescale']}, and {alt} alternative or complementary "
            f"hypotheses remain under study.")


def safety_takeaway(side_effects: pd.DataFrame) -> str:
    acute = side_effects[(side_effects["timing"] == "acute") & side_effects["frequency_pct"].notna()]
    chronic = side_effects[side_effects["timing"] == "chronic use"]
    if acute.empty:
        return f"{len(chronic)} chronic-use harms are documented; no acute frequencies are in the data."
    top = acute.loc[acute["frequency_pct"].idxmax()]
    comp = "" if pd.isna(top["comparator_pct"]) else f" vs {_fmt(top['comparator_pct'])}% with {top['comparator']}"
    return (f"The most frequent acute effect is {top['effect']}: {_fmt(top['frequency_pct'])}% of patients"
            f"{comp}; {len(chronic)} harms are documented with frequent or long-term use.")


def claims_takeaway(claims: pd.DataFrame) -> str:
    n = len(claims)
    ok = int((claims["verdict"] == "supported").sum())
    bad = int(claims["verdict"].isin(["overstated", "unsupported", "incorrect"]).sum())
    return (f"Of the article's {n} factual claims, {ok} hold up as written and {bad} are overstated, "
            f"unsupported or incorrect.")


def sources_takeaway(sources: pd.DataFrame, backed: pd.Series) -> str:
    kinds = sources["kind"].value_counts()
    top = listing([f"{int(c)} {PLURAL.get(k, k + 's') if c > 1 else k}" for k, c in kinds.head(3).items()])
    return (f"{len(sources)} sources back {int(backed.sum())} citations across the tables; the most common are {top}.")


# --- overview headline figures ---------------------------------------------------------------

@dataclass(frozen=True)
class Headline:
    label: str
    value: str
    help: str


def headlines(tables: dict[str, pd.DataFrame]) -> list[Headline]:
    onset, ssri = tables["onset"], tables["ssri_onset"]
    ratio, first = onset_ratio(onset, ssri), first_response_days(onset)
    band, rapid = ssri_onset_weeks(ssri), first_day_response(onset)
    strong = strong_evidence(tables["conditions"])
    return [
        Headline("First response vs SSRI", f"{ratio:.0f}× sooner" if ratio else "n/a",
                 (f"Median earliest reported response in ketamine/esketamine trial arms: {time_label(first)}; "
                  f"typical SSRI onset: {_fmt(band[0])}–{_fmt(band[1])} weeks.")
                 if first and band else "Not enough data."),
        Headline("Response within 24 h", f"{_fmt(rapid[0])}%" if rapid else "n/a",
                 f"Median response rate of {rapid[1] if rapid else 0} ketamine/esketamine trial arms at their "
                 "last time point within 24 h."),
        Headline("Conditions with RCT support", f"{len(strong)} of {len(tables['conditions'])}",
                 "Conditions graded A or B (randomised controlled trials show benefit)."),
        Headline("Sources cited", f"{len(tables['sources'])}",
                 "Trials, meta-analyses, labels and reviews behind every number."),
    ]


# --- alt text --------------------------------------------------------------------------------

def alt_points(what: str, values: pd.Series, labels: pd.Series, unit: str) -> str:
    """'<what>: n points from a to b <unit>; highest: label (v), lowest: label (v).'"""
    values = values.reset_index(drop=True)
    labels = labels.reset_index(drop=True)
    ok = values.notna()
    if not ok.any():
        return f"{what}: no values."
    v, lab = values[ok], labels[ok]
    hi, lo = v.idxmax(), v.idxmin()
    return (f"{what}: {int(ok.sum())} values from {_fmt(v.min())} to {_fmt(v.max())}{unit}; "
            f"highest {lab[hi]} ({_fmt(v[hi])}{unit}), lowest {lab[lo]} ({_fmt(v[lo])}{unit}).")


def alt_timeline(timeline: pd.DataFrame) -> str:
    cats = timeline["category"].value_counts()
    return (f"Timeline chart of {len(timeline)} events from {timeline['year'].min()} to {timeline['year'].max()}, "
            f"one lane per category: " + ", ".join(f"{k} {v}" for k, v in cats.items()) + ".")


def alt_conditions(conditions: pd.DataFrame) -> str:
    grades = conditions["evidence_grade"].value_counts().sort_index()
    return (f"Evidence matrix of {len(conditions)} conditions by evidence grade: "
            + ", ".join(f"grade {g}: {n}" for g, n in grades.items())
            + f". Approved: {listing(list(conditions.loc[conditions['status'] == 'approved', 'condition']))}.")


def alt_onset(onset: pd.DataFrame, measure: str, subtract: bool) -> str:
    rows = onset[onset["measure"] == measure]
    labels = rows["study"] + ", " + rows["arm"] + " at " + rows["time_days"].map(time_label)
    what = (f"Line chart of {measure} over time on a log axis from 40 minutes to 12 weeks, "
            f"{rows['study'].nunique()} studies" + (", placebo-subtracted" if subtract else ""))
    return alt_points(what, rows["value_pct"], labels, "%")


def alt_bioavailability(routes: pd.DataFrame) -> str:
    return alt_points("Range bars of bioavailability by route and product", routes["bioavailability_pct_high"],
                      routes["route"] + " " + routes["product"], "%")


def alt_bands(routes: pd.DataFrame) -> str:
    return alt_points("Bars from onset to end of effect per route, minutes on a log axis",
                      routes["duration_min_high"], routes["route"] + " " + routes["product"], " min")


def alt_model(inputs: pd.DataFrame) -> str:
    return alt_points("Illustrative model (not data): normalised concentration curves per route; time to peak",
                      inputs["model_tmax_min"], inputs["label"], " min")


def alt_mechanism(mechanism: pd.DataFrame, upto: int | None) -> str:
    main = mechanism[mechanism["pathway"] == "main"].sort_values("step")
    shown = main if upto is None else main[main["step"] <= upto]
    return ("Step diagram of the proposed mechanism: "
            + "; then ".join(f"{r.label} ({r.timescale})" for r in shown.itertuples()) + ".")


def alt_safety(rows: pd.DataFrame) -> str:
    return alt_points("Dot chart of adverse-effect frequency in the drug arm, each with its comparator",
                      rows["frequency_pct"], rows["effect"], "%")


def alt_counts(what: str, counts: pd.DataFrame, label_col: str, value_col: str) -> str:
    return alt_points(what, counts[value_col].astype(float), counts[label_col], "")


def what_it_is(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Three sentences on what ketamine is, each assembled from table rows."""
    timeline = tables["timeline"].sort_values(["year", "date"])
    first = timeline.iloc[0]
    approvals = timeline[timeline["category"] == "approval"]
    conditions = tables["conditions"]
    approved = conditions[conditions["status"] == "approved"]
    main = tables["mechanism"]
    main = main[main["pathway"] == "main"].sort_values("step")
    s1 = f"{first['year']}: {first['title']}."
    if len(approvals):
        a = approvals.iloc[0]
        s1 += f" {a['year']}: {a['title']}."
    products = approved["approved_product"].fillna("approved")
    s2 = (f"Approved uses in the data: {listing([f'{c} ({p})' for c, p in zip(approved['condition'], products)])}."
          if len(approved) else "")
    s3 = (f"Proposed mechanism: {main.iloc[0]['label']} → … → {main.iloc[-1]['label']}."
          if len(main) else "")
    return [s for s in (s1, s2, s3) if s]
