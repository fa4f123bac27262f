"""Takeaways, headline figures and alt text, computed from the data.

Nothing here states a fact: every number and name in these sentences is read
from the tables, so an edit to a CSV changes the words on the page.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from explainer.cells import split_ids
from explainer.derive import (
    WINDOW,
    certainty_label,
    has_window,
    main_steps,
    measures_by_coverage,
    placebo_subtracted,
    shared_measures,
    ssri_onset_weeks,
    when_text,
)
from explainer.fmt import DRUG_SHORT, MEASURE_SHORT, listing, time_label, time_range, window_label
from explainer.fmt import num as _fmt
from explainer.terms import (
    APPROVAL_BASIS,
    COMPARATORS,
    CONVENTIONAL,
    KETAMINE_INFUSION,
    KETAMINE_TREATMENTS,
    MILESTONES,
    RAPID,
    SSRI,
    STRONG_GRADES,
)

DISCLAIMER = ("Educational material, not medical advice. Nothing here is a recommendation to use, "
              "dose or stop any treatment; talk to a qualified clinician.")
FIRST_DAY = 1.0
PLURAL = {"meta-analysis": "meta-analyses", "web": "web pages", "history": "historical works",
          "reference": "references"}


# --- onset -----------------------------------------------------------------------------------

def first_day_response(onset: pd.DataFrame, treatments: tuple[str, ...] = RAPID) -> tuple[float, int] | None:
    """(median response %, arms) at each arm's latest time within the first day, after a single dose only."""
    single = onset["regimen"] == "single dose" if "regimen" in onset.columns else True
    rows = onset[onset["treatment"].isin(treatments) & (onset["measure"] == "response")
                 & (onset["time_days"] <= FIRST_DAY) & single]
    if rows.empty:
        return None
    latest = rows.sort_values("time_days").groupby(["study", "arm"]).tail(1)
    return float(latest["value_pct"].median()), len(latest)


def onset_takeaway(onset: pd.DataFrame, ssri_onset: pd.DataFrame) -> str:
    """The trial-arm chart in one sentence: single-dose arms within the first day, and the SSRI band."""
    rapid, comp = first_day_response(onset), first_day_response(onset, COMPARATORS)
    band = ssri_onset_weeks(ssri_onset)
    if not rapid:
        return "Not enough published time points in the data to compare onset."
    text = (f"In single trials, within the first day after one dose, ketamine and esketamine arms report a median "
            f"{_fmt(rapid[0])}% response ({rapid[1]} arms)")
    if comp:
        text += f" against {_fmt(comp[0])}% in {comp[1]} comparator arms"
    if band:
        text += (f"; studies of conventional antidepressants found effects from about {_fmt(band[0])}–"
                 f"{_fmt(band[1])} weeks")
    return text + "." + window_note(onset)


def window_note(onset: pd.DataFrame) -> str:
    """' Rates given over a window ... are drawn across it, not at its end: STAR*D, up to 14 wk.' or ''."""
    spans = onset[has_window(onset)]
    if spans.empty:
        return ""
    named = "; ".join(f"{study}, {window_label(lo, hi)}" for (study, lo, hi), _ in
                      spans.groupby(["study", *WINDOW], sort=False))
    return f" Rates given over a window rather than at one time are drawn across it, not at its end: {named}."


def _cite(sources: pd.DataFrame, ids: str) -> str:
    """'Kishimoto 2016' for a source_ids cell (its first id)."""
    from explainer.citations import cite_map

    first = split_ids(ids)[0] if split_ids(ids) else ""
    return cite_map(sources).get(first, first)


def _when(lo: float, hi: float) -> str:
    return time_range(lo, hi)


def milestone(milestones: pd.DataFrame, treatment: str, which: str) -> pd.Series | None:
    rows = milestones[(milestones["treatment"] == treatment) & (milestones["milestone"] == which)
                      & (milestones["outcome"] == "symptom score")]
    return rows.iloc[0] if len(rows) else None


def estimate_text(r: pd.Series, sources: pd.DataFrame) -> str:
    """'SMD 0.87 (95% CI 0.48–1.26; 8 trials; 231 participants; Dean 2021) at 1 day, very low certainty (GRADE)':
    a pooled figure is never quoted without the certainty its source gives it (or that it gives none)."""
    basis = [f"{int(r['k_trials'])} trials" if not pd.isna(r["k_trials"]) else "",
             f"{int(r['n'])} participants" if not pd.isna(r["n"]) else "", _cite(sources, r["source_ids"])]
    return (f"{MEASURE_SHORT.get(r['measure'], r['measure'])} {r['value']:g} "
            f"(95% CI {r['ci_low']:g}–{r['ci_high']:g}; {'; '.join(b for b in basis if b)}) at "
            f"{time_label(r['time_days'])}, {certainty_label(r.get('certainty'))}")


def is_active_placebo(comparator: pd.Series) -> pd.Series:
    """Comparators that mimic the drug's felt effects (e.g. midazolam): the better-blinded comparison."""
    return comparator.fillna("").str.contains("active placebo", case=False)


def best_estimate(effects: pd.DataFrame, treatments: tuple[str, ...], measure: str,
                  near_days: float | None = None) -> pd.Series | None:
    """The estimate a sentence quotes for these treatments on one measure: the better-blinded
    (active-placebo) pool first, then the one nearest `near_days` (so two drugs are compared at
    nearby times), then the most trials, then the earliest."""
    rows = effects[effects["treatment"].isin(treatments) & (effects["measure"] == measure)]
    if rows.empty:
        return None
    gap = (rows["time_days"] / near_days).map(lambda x: abs(math.log(x))) if near_days else 0.0
    ranked = rows.assign(active=is_active_placebo(rows["comparator"]), gap=gap, k=rows["k_trials"].fillna(0))
    return ranked.sort_values(["active", "gap", "k", "time_days", "effect_id"],
                              ascending=[False, True, False, True, True]).iloc[0]


def compared_text(effects: pd.DataFrame, sources: pd.DataFrame, measure: str) -> str:
    """Ketamine and the conventional drugs on ONE measure, each at its stated time, with certainty;
    when the conventional drugs have no estimate on that measure, say so instead of setting another beside it."""
    short = MEASURE_SHORT.get(measure, measure)
    conv = best_estimate(effects, CONVENTIONAL, measure)
    rapid = best_estimate(effects, KETAMINE_TREATMENTS, measure, conv["time_days"] if conv is not None else None)
    if rapid is None:
        return ""
    text = f"on one measure ({short}), {rapid['treatment']} vs {rapid['comparator']}: {estimate_text(rapid, sources)}"
    if conv is None:
        return text + f"; no pooled {short} for SSRIs or other antidepressants to set beside it"
    return text + f"; {conv['treatment']} vs {conv['comparator']}: {estimate_text(conv, sources)}"


def onset_effect_takeaway(effects: pd.DataFrame, milestones: pd.DataFrame, sources: pd.DataFrame,
                          measure: str | None = None) -> str:
    """The signature chart in one sentence: when one infusion separates, peaks and fades (as pooled
    analyses state), when SSRIs separate, and both drugs on the chart's one measure, with certainty."""
    parts = []
    start, peak, gone = (milestone(milestones, KETAMINE_INFUSION, m) for m in MILESTONES)
    if start is not None and peak is not None:
        text = (f"pooled trials show one ketamine infusion separating from placebo from "
                f"{_when(start['days_low'], start['days_high'])}, "
                f"peaking at {_when(peak['days_low'], peak['days_high'])}")
        if gone is not None:
            text += f" and no longer separating by {_when(gone['days_low'], gone['days_high'])}"
        parts.append(text + f" ({_cite(sources, start['source_ids'])})")
    ssri = milestone(milestones, SSRI, MILESTONES[0])
    if ssri is not None:
        parts.append(f"SSRIs separate by {_when(ssri['days_low'], ssri['days_high'])} "
                     f"({_cite(sources, ssri['source_ids'])})")
    measure = measure or next(iter(measures_by_coverage(effects)), None)
    compared = compared_text(effects, sources, measure) if measure else ""
    if compared:
        parts.append(compared)
    if not parts:
        return "Not enough pooled estimates in the data to compare the time course."
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def certainty_counts(rows: pd.DataFrame) -> str:
    """'single ketamine IV infusion: very low (2); SSRI: not rated (1)' for the alt text."""
    if "certainty" not in rows.columns or rows.empty:
        return "none stated"
    counts = rows.groupby(["treatment", "certainty"], sort=False).size()
    by_drug: dict[str, list[str]] = {}
    for (t, c), n in counts.items():
        by_drug.setdefault(t, []).append(f"{c} ({n})")
    return "; ".join(f"{t}: {', '.join(cs)}" for t, cs in by_drug.items())


def alt_onset_effect(effects: pd.DataFrame, milestones: pd.DataFrame, measure: str) -> str:
    rows = effects[effects["measure"] == measure]
    lanes = "; ".join(f"{r.treatment}: {r.milestone} at {_when(r.days_low, r.days_high)}"
                      for r in milestones[milestones["outcome"] == "symptom score"].itertuples())
    labels = rows["treatment"] + " at " + rows["time_days"].map(time_label)
    return (f"Two panels on a log time axis from 40 minutes to 24 weeks. Top, what pooled analyses state: {lanes}. "
            + alt_points(f"Bottom, pooled {measure} vs placebo with 95% CIs", rows["value"], labels, "")
            + f" Certainty (GRADE) as each source rates it: {certainty_counts(rows)}.")


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


def strong_grades_text(conditions: pd.DataFrame) -> str:
    """How many conditions are graded A or B and what those grades rest on: a regulator's approval
    (named by product, with how many conditions each) or the trials alone (by grade).

    An approval can lift a grade above what its trials show on their own, so a count of A and B
    grades never stands without saying how many of them are approvals.
    """
    strong = strong_evidence(conditions)
    head = f"{len(strong)} of {len(conditions)} conditions are graded A or B"
    if strong.empty:
        return head + "."
    approval = strong[strong["grade_basis"] == APPROVAL_BASIS]
    trials = strong[strong["grade_basis"] != APPROVAL_BASIS]
    parts = []
    if len(approval):
        products = approval["approved_product"].fillna("unnamed product").value_counts()
        named = listing([f"{product} for {k}" for product, k in sorted(products.items(), key=lambda i: (-i[1], i[0]))])
        parts.append(f"{len(approval)} rest{'s' if len(approval) == 1 else ''} on a regulator's approval ({named})")
    if len(trials):
        grades = trials["evidence_grade"].value_counts().sort_index()
        by_grade = (f"all grade {grades.index[0]}" if len(grades) == 1
                    else listing([f"{k} grade {g}" for g, k in grades.items()]))
        parts.append(f"{len(trials)} on trial evidence alone ({by_grade})")
    return f"{head}: {listing(parts)}."


def conditions_takeaway(conditions: pd.DataFrame) -> str:
    seed = conditions[conditions["in_seed"].fillna(False).astype(bool)]
    seed_strong = strong_evidence(seed)
    approved = conditions[conditions["status"] == "approved"]
    return (f"{strong_grades_text(conditions)} {len(approved)} conditions have an approved product; of the "
            f"{len(seed)} the article names, {len(seed_strong)} reach grade A or B.")


def routes_takeaway(routes: pd.DataFrame) -> str:
    """The most that reaches the blood (the highest high end) and the least (the lowest low end)."""
    rows = routes.dropna(subset=["bioavailability_pct_low", "bioavailability_pct_high"], how="all")
    if rows.empty:
        return "No bioavailability figures in the data."
    low = rows["bioavailability_pct_low"].fillna(rows["bioavailability_pct_high"])
    high = rows["bioavailability_pct_high"].fillna(rows["bioavailability_pct_low"])
    top, least = high.idxmax(), low.idxmin()
    hi, lo = rows.loc[top], rows.loc[least]
    spread = "" if low[least] == high[least] else f", published range {_fmt(low[least])}–{_fmt(high[least])}%"
    if len(rows) == 1:  # nothing to compare
        share = _fmt(low[least]) if not spread else f"{_fmt(low[least])}–{_fmt(high[least])}"
        return f"{share}% of the dose reaches the blood by the {lo['route']} route ({lo['product']})."
    return (f"How much ketamine reaches the blood depends on the route: from {_fmt(high[top])}% "
            f"{hi['route']} to as little as {_fmt(low[least])}% {lo['route']} ({lo['product']}{spread}).")


def mechanism_takeaway(mechanism: pd.DataFrame) -> str:
    main = main_steps(mechanism)
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
    measure: str = ""     # the pooled measure a card quotes ("" for a card that quotes none)
    certainty: str = ""   # that estimate's certainty as its source rates it
    note: str = ""        # shown under the value: the time point and the certainty of a pooled figure


FIGURE = re.compile(r"\b(?:" + "|".join(re.escape(v) for v in sorted(MEASURE_SHORT.values(), key=len, reverse=True))
                    + r")\s+-?\d")


def quotes_without_certainty(text: str) -> list[str]:
    """Pooled figures in a text not followed by their certainty before the next figure: each quoted
    estimate must say how certain its source rates it (or that it is not rated)."""
    hits = list(FIGURE.finditer(text))
    ends = [h.start() for h in hits[1:]] + [len(text)]
    return [h.group(0) for h, end in zip(hits, ends) if "certainty" not in text[h.start():end]]


def headline_faults(heads: list[Headline]) -> list[str]:
    """What breaks the overview's rules: cards that quote pooled figures on different measures side by
    side, and a pooled figure without its certainty."""
    faults = []
    measures = list(dict.fromkeys(h.measure for h in heads if h.measure))
    if len(measures) > 1:
        faults.append(f"cards compare unlike measures side by side: {', '.join(measures)}")
    for h in heads:
        shown = f"{h.label} {h.value} {h.note}"
        if h.measure and (not h.certainty or certainty_short(h.certainty) not in shown):
            faults.append(f"card '{h.label}' quotes a pooled {h.measure} without its certainty")
        faults += [f"card '{h.label}' quotes {q} without its certainty" for q in quotes_without_certainty(shown)]
    return faults


def certainty_short(certainty: object) -> str:
    """'very low certainty' or 'certainty not rated': the card's form of `certainty_label`."""
    return certainty_label(certainty).replace(" (GRADE)", "")


def _card_label(r: pd.Series) -> str:
    """'Ketamine infusion vs midazolam': short enough for a card; the help names the rows in full."""
    drug = DRUG_SHORT.get(r["treatment"], r["treatment"][0].upper() + r["treatment"][1:])
    return f"{drug} vs {str(r['comparator']).split(' (')[0]}"


def _card(r: pd.Series, help_: str) -> Headline:
    """A card quoting one pooled figure: the figure, then its time point and certainty right under it."""
    return Headline(_card_label(r), f"{MEASURE_SHORT.get(r['measure'], r['measure'])} {r['value']:g}", help_,
                    r["measure"], str(r.get("certainty", "")),
                    f"{time_label(r['time_days'])} · {certainty_short(r.get('certainty'))}")


def _card_measure(effects: pd.DataFrame) -> str | None:
    """The measure both drug cards quote: one both drugs share, preferring one with a better-blinded
    (active-placebo) ketamine pool; else the best-compared measure (the SSRI card then says none is shared)."""
    shared = shared_measures(effects)
    ketamine = effects[effects["treatment"].isin(KETAMINE_TREATMENTS)]
    blinded = set(ketamine.loc[is_active_placebo(ketamine["comparator"]), "measure"])
    for m in [m for m in shared if m in blinded] + shared + measures_by_coverage(ketamine):
        return m
    return None


def drug_cards(effects: pd.DataFrame, sources: pd.DataFrame) -> list[Headline]:
    """The ketamine card and the SSRI card: the same measure, each at its stated time, each with its
    certainty; the ketamine card quotes the active-placebo pool and names the saline-placebo pool too."""
    measure = _card_measure(effects)
    if measure is None:
        return []
    short = MEASURE_SHORT.get(measure, measure)
    ket = best_estimate(effects, KETAMINE_TREATMENTS, measure)
    if ket is None:
        return []
    others = effects[effects["treatment"].isin(KETAMINE_TREATMENTS) & (effects["measure"] == measure)
                     & ~is_active_placebo(effects["comparator"]) & (effects["time_days"] == ket["time_days"])]
    other = best_estimate(others, KETAMINE_TREATMENTS, measure) if is_active_placebo(ket[["comparator"]]).iloc[0] \
        else None
    also = (f" The {other['comparator']} pool at the same time (row {other['effect_id']}): "
            f"{estimate_text(other, sources)}.") if other is not None else ""
    cards = [_card(ket, f"{ket['treatment']} vs {ket['comparator']}. The better-blinded pool first (an active "
                        f"placebo mimics the drug's felt effects), then the one on most trials (row "
                        f"{ket['effect_id']}): {estimate_text(ket, sources)}.{also}")]
    conv = best_estimate(effects, CONVENTIONAL, measure, ket["time_days"])
    if conv is None:
        cards.append(Headline("SSRIs vs placebo", f"no pooled {short}",
                              f"No SSRI or other antidepressant row of onset_effect reports {measure}, so nothing is "
                              "set beside the ketamine card: two different measures are never compared."))
    else:
        cards.append(_card(conv, f"{conv['treatment']} vs {conv['comparator']}. The same measure as the ketamine "
                                 f"card ({measure}), nearest its time point, then the most trials (row "
                                 f"{conv['effect_id']}): {estimate_text(conv, sources)}."))
    return cards


def headlines(tables: dict[str, pd.DataFrame]) -> list[Headline]:
    """Four figures from the strongest evidence in the tables, each naming its time point and rows; the two
    drug cards quote one measure, each with its certainty."""
    effects, milestones, sources = tables["onset_effect"], tables["onset_milestones"], tables["sources"]
    out = drug_cards(effects, sources)
    gone = milestone(milestones, KETAMINE_INFUSION, MILESTONES[2])
    if gone is not None:
        out.append(Headline("One infusion's lead over placebo is gone by", _when(gone["days_low"], gone["days_high"]),
                            f"onset_milestones row {gone['milestone_id']}: {gone['statement']} "
                            f"({_cite(sources, gone['source_ids'])})."))
    strong = strong_evidence(tables["conditions"])
    approvals = int((strong["grade_basis"] == APPROVAL_BASIS).sum())
    out.append(Headline("Conditions graded A or B", f"{len(strong)} of {len(tables['conditions'])}",
                        strong_grades_text(tables["conditions"]) + " Grades are defined in evidence_grades.csv.",
                        note=f"{approvals} of them by an approval" if approvals else "all on trial evidence"))
    return out


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
            + f". Approved: {listing(list(conditions.loc[conditions['status'] == 'approved', 'condition']))}. "
            + strong_grades_text(conditions))


def alt_onset(onset: pd.DataFrame, measure: str, subtract: bool) -> str:
    """The trial-arm chart's points: each arm's rate, or with `subtract` each active arm minus its
    trial's comparator (the values the chart then draws)."""
    rows = onset[onset["measure"] == measure]
    if subtract and "comparator_pct" not in rows.columns:  # selected rows arrive subtracted already
        rows = placebo_subtracted(rows)
    labels = rows["study"] + ", " + rows["arm"] + " " + when_text(rows)
    what = (f"Line chart of {measure} over time on a log axis from 40 minutes to 12 weeks, "
            f"{rows['study'].nunique()} studies" + (", placebo-subtracted" if subtract else ""))
    return alt_points(what, rows["value_pct"], labels, " points" if subtract else "%")


def alt_bioavailability(routes: pd.DataFrame) -> str:
    """The bars the chart draws (a route with either end published), from the lowest low end to the
    highest high end, as the routes takeaway reads them."""
    what = "Range bars of bioavailability by route and product"
    rows = routes.dropna(subset=["bioavailability_pct_low", "bioavailability_pct_high"], how="all")
    if rows.empty:
        return f"{what}: no values."
    low = rows["bioavailability_pct_low"].fillna(rows["bioavailability_pct_high"])
    high = rows["bioavailability_pct_high"].fillna(rows["bioavailability_pct_low"])
    labels = rows["route"] + " " + rows["product"]
    top, least = high.idxmax(), low.idxmin()
    return (f"{what}: {len(rows)} routes from {_fmt(low[least])} to {_fmt(high[top])}%; highest {labels[top]} "
            f"({_fmt(high[top])}%), lowest {labels[least]} ({_fmt(low[least])}%).")


def alt_bands(routes: pd.DataFrame) -> str:
    timed = routes.dropna(subset=["onset_min_low", "duration_min_high"])
    effects = listing(sorted(timed["effect_timed"].dropna().unique()))
    return alt_points(f"Bars from onset to end of effect per route, minutes on a log axis, coloured by the effect "
                      f"timed ({effects})", timed["duration_min_high"], timed["route"] + " " + timed["product"], " min")


def alt_model(inputs: pd.DataFrame) -> str:
    return alt_points("Illustrative model (not data): concentration curves per route for the same dose, each as "
                      "high as its bioavailability relative to intravenous; peak height", inputs["model_fraction"],
                      inputs["label"], "")


def alt_mechanism(mechanism: pd.DataFrame, upto: int | None) -> str:
    main = main_steps(mechanism)
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
    main = main_steps(tables["mechanism"])
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
