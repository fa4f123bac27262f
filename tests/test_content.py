"""What every chart draws and every sentence says, checked on small hand-made tables.

Each chart builder: its traces (names, ids, which rows appear and which must not), axes and hover
text. Each takeaway, headline and alt text: against a figure the test computes itself from the
same rows (a median, a maximum, a count, the right end of a column), so a sentence built from the
wrong rows or the wrong end of a range fails. Fast: `make mutate` runs these against every mutant.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd
import pytest

from explainer import charts, derive, describe, theme
from explainer.charts import onset_effect as effect_chart
from explainer.fmt import time_label

CITES = {"s1": "Smith et al. 2001", "s2": "Jones 2002", "s3": "FDA 2019"}
KET, ESK, SSRI, PBO, APBO = "ketamine IV", "esketamine intranasal", "SSRI", "placebo", "active placebo"
INFUSION, ANY_DOSE = "single ketamine IV infusion", "single ketamine dose (IV or intranasal)"
SMD, RR = "standardised mean difference", "risk ratio of response"
END = "<extra></extra>"


def sources_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "source_id": ["s1", "s2", "s3", "s4", "s5", "s6"],
        "kind": ["trial", "meta-analysis", "label", "trial", "meta-analysis", "trial"],
        "authors": ["Smith A, Lee B", "Jones C", "FDA", "Brown D, Green E", "White F", "Black G"],
        "year": [2001, 2002, 2019, 2010, 2015, 2020],
        "title": ["T1", "T2", "T3", "T4", "T5", "T6"], "venue": ["V"] * 6,
        "doi": ["10.1/a", None, None, None, None, None], "pmid": [None, "123", None, None, None, None],
        "url": [None, None, "https://fda.example/x", "https://b.example", "https://w.example", "https://k.example"],
    })


# --- onset: trial arms ------------------------------------------------------------------------------

def onset_frame() -> pd.DataFrame:
    """Two double-blind trials (T: ketamine vs saline; E: esketamine vs active placebo) and an SSRI course."""
    rows = [
        # point_id, study, treatment, arm, measure, time, value, n, regimen
        ("k-40m", "T", KET, "ketamine", "response", 40 / 1440, 30.0, 20, "single dose"),
        ("k-1d", "T", KET, "ketamine", "response", 1.0, 60.0, 20, "single dose"),
        ("k-7d", "T", KET, "ketamine", "response", 7.0, 40.0, 20, "single dose"),
        ("p-1d", "T", PBO, "saline", "response", 1.0, 20.0, 20, "single dose"),
        ("p-7d", "T", PBO, "saline", "response", 7.0, 25.0, 20, "single dose"),
        ("e-4h", "E", ESK, "esketamine", "response", 4 / 24, 44.0, 30, "single dose"),
        ("e-2d", "E", ESK, "esketamine", "response", 2.0, 70.0, 30, "single dose"),
        ("a-4h", "E", APBO, "midazolam", "response", 4 / 24, 12.0, 30, "single dose"),
        ("k-rem", "T", KET, "ketamine", "remission", 1.0, 33.0, 20, "single dose"),
        ("k-rep", "R", KET, "ketamine course", "response", 1.0, 90.0, 10, "repeated doses"),
        ("s-6w", "S", SSRI, "citalopram", "response", 42.0, 47.0, 100, "daily course"),
    ]
    df = pd.DataFrame(rows, columns=["point_id", "study", "treatment", "arm", "measure", "time_days", "value_pct",
                                     "n", "regimen"])
    return df.assign(population="TRD", n=pd.array(df["n"], dtype="Int64"),
                     source_ids=["s1"] * 5 + ["s2"] * 3 + ["s1", "s3", "s2;s3"])


def ssri_frame() -> pd.DataFrame:
    return pd.DataFrame({"statement_id": ["a", "b", "c", "d"], "statement": ["w", "x", "y", "z"],
                         "weeks_low": [2.0, 1.0, 4.0, 3.0], "weeks_high": [4.0, None, 6.0, 8.0],
                         "kind": ["finding", "finding", "finding", "belief tested"],
                         "source_ids": ["s2"] * 4})


def test_onset_chart_one_line_per_arm_of_the_chosen_measure():
    df = onset_frame()
    fig = charts.onset_timecourse(df, CITES, measure="response")
    drawn = {i for t in fig.data for i in t.ids}
    assert drawn == set(df.loc[df["measure"] == "response", "point_id"])  # the remission point is not drawn
    by_arm = {(t.customdata[0][0], t.customdata[0][1]): list(t.ids) for t in fig.data}
    assert by_arm[("T", "ketamine")] == ["k-40m", "k-1d", "k-7d"]  # one line, in time order
    assert by_arm[("T", "saline")] == ["p-1d", "p-7d"]  # the comparator arm is drawn, as its own line
    assert by_arm[("E", "midazolam")] == ["a-4h"]
    ket = next(t for t in fig.data if t.customdata[0][1] == "ketamine")
    assert list(ket.x) == [40 / 1440, 1.0, 7.0] and list(ket.y) == [30.0, 60.0, 40.0]
    assert ket.mode == "lines+markers" and ket.name == KET and ket.legendgroup == KET
    style = theme.TREATMENT[KET]
    assert (ket.line.color, ket.line.dash, ket.marker.symbol) == (style["color"], style["dash"], style["symbol"])
    assert ket.marker.color == style["color"] and ket.line.width == 2 and ket.marker.size == 11
    assert list(ket.customdata[1]) == ["T", "ketamine", "TRD", "1 day", "20", "Smith et al. 2001", ""]
    ssri = next(t for t in fig.data if t.name == SSRI)
    assert ssri.customdata[0][5] == "Jones 2002; FDA 2019"


def test_onset_chart_one_legend_entry_per_treatment():
    single = derive.arm_rows(onset_frame(), "single dose")
    two_arms = single.assign(study=lambda d: d["study"].where(d["point_id"] != "k-7d", "T2"))
    fig = charts.onset_timecourse(two_arms, CITES)
    ket = [t for t in fig.data if t.name == KET]
    assert len(ket) == 2 and [t.showlegend for t in ket] == [True, False]
    assert all(t.showlegend for t in fig.data if t.name != KET)


def test_onset_chart_axes_and_hover():
    fig = charts.onset_timecourse(onset_frame(), CITES, measure="response")
    x = fig.layout.xaxis
    assert x.type == "log" and x.title.text == "Time since first dose (log scale)" and x.tickangle == 0
    assert list(x.range) == pytest.approx([math.log10(40 / 1440 * 0.8), math.log10(84 * 1.25)])
    assert list(x.tickvals) == pytest.approx([40 / 1440, 2 / 24, 6 / 24, 1, 7, 28, 84])
    assert list(x.ticktext) == ["40 min", "2 h", "6 h", "1 day", "1 wk", "4 wk", "12 wk"]
    y = fig.layout.yaxis
    assert y.title.text == "Patients meeting response (%)" and list(y.range) == [0, 100] and y.zeroline
    assert fig.data[0].hovertemplate == (
        "<b>%{customdata[0]}</b><br>%{customdata[1]} (%{customdata[2]})<br>Response: <b>%{y:.1f}%</b> at "
        "%{customdata[3]}<br>n = %{customdata[4]}%{customdata[6]}<br><i>Source: %{customdata[5]}</i>" + END)
    assert fig.layout.height == 520 and not fig.layout.shapes and not fig.layout.annotations


def test_onset_chart_axis_reaches_a_late_point():
    late = onset_frame().assign(time_days=lambda d: d["time_days"].where(d["point_id"] != "s-6w", 120.0))
    fig = charts.onset_timecourse(late, CITES)
    assert fig.layout.xaxis.range[1] == pytest.approx(math.log10(120 * 1.25))


def test_onset_chart_placebo_subtracted():
    fig = charts.onset_timecourse(onset_frame(), CITES, measure="response", subtract=True)
    assert {i for t in fig.data for i in t.ids} == {"k-1d", "k-7d", "e-4h"}  # arms with a comparator at that time
    ket = next(t for t in fig.data if t.name == KET)
    assert list(ket.y) == [40.0, 15.0]
    assert ket.customdata[0][6] == "<br>response in comparator (saline): 20.0%"
    esk = next(t for t in fig.data if t.name == ESK)
    assert list(esk.y) == [32.0] and "(midazolam): 12.0%" in esk.customdata[0][6]
    assert fig.layout.yaxis.title.text == "Percentage points above comparator" and fig.layout.yaxis.range is None
    assert "Difference vs comparator: <b>%{y:.1f} points</b>" in ket.hovertemplate


def test_onset_chart_ssri_band():
    fig = charts.onset_timecourse(onset_frame(), CITES, band_weeks=(2.0, 6.5))
    band = fig.layout.shapes[0]
    assert (band.x0, band.x1, band.fillcolor, band.layer) == (14.0, 45.5, theme.BAND, "below")
    assert band.line.width == 0 and band.yref == "y domain"
    note = fig.layout.annotations[0]
    assert note.text == "antidepressants start to work, studies found (2–6.5 wk) →"
    assert note.x == pytest.approx(math.log10(14)) and note.y == 1 and note.yref == "paper" and note.xref == "x"
    assert (note.xanchor, note.yanchor, note.showarrow, note.font.size) == ("right", "top", False, theme.TICK_SIZE)


def test_onset_takeaway_first_day_single_dose_median():
    onset = onset_frame()
    # independently: each rapid arm's latest response within the first day after a single dose
    ket_1d, esk_4h = 60.0, 44.0  # k-1d (not k-40m, an earlier time of the same arm), e-4h (e-2d is after day 1)
    comparators = [20.0, 12.0]  # p-1d, a-4h
    text = describe.onset_takeaway(onset, ssri_frame())
    median = float(np.median([ket_1d, esk_4h]))
    found = ssri_frame()[ssri_frame()["kind"] == "finding"]  # the belief tested (3-8 weeks) is not a finding
    band = (np.percentile(found["weeks_low"], 25), np.percentile(found["weeks_high"].fillna(found["weeks_low"]), 75))
    assert text == (f"In single trials, within the first day after one dose, ketamine and esketamine arms report a "
                    f"median {median:.0f}% response (2 arms) against {np.median(comparators):.0f}% in 2 comparator "
                    f"arms; studies of conventional antidepressants found effects from about "
                    f"{band[0]:.1f}–{band[1]:.0f} weeks.")
    assert describe.first_day_response(onset) == (median, 2)


def test_first_day_response_leaves_out_repeated_doses_and_later_days():
    onset = onset_frame()
    rapid = onset[onset["treatment"].isin([KET, ESK]) & (onset["regimen"] == "single dose")
                  & (onset["measure"] == "response") & (onset["time_days"] <= 1)]
    assert describe.first_day_response(onset)[1] == rapid.groupby(["study", "arm"]).ngroups
    at_one_day = onset.assign(time_days=lambda d: d["time_days"].where(d["point_id"] != "e-2d", 1.0))
    assert describe.first_day_response(at_one_day) == (65.0, 2)  # a point at exactly 1 day counts
    without_regimen = onset[onset["regimen"] != "repeated doses"].drop(columns="regimen")
    assert describe.first_day_response(without_regimen) == (52.0, 2)


def test_onset_takeaway_without_comparators_band_or_points():
    onset = onset_frame()
    no_comp = onset[~onset["treatment"].isin([PBO, APBO])]
    beliefs = ssri_frame()[ssri_frame()["kind"] == "belief tested"]
    assert describe.onset_takeaway(no_comp, beliefs) == (
        "In single trials, within the first day after one dose, ketamine and esketamine arms report a median 52% "
        "response (2 arms).")
    assert describe.onset_takeaway(onset[onset["treatment"] == SSRI], ssri_frame()) == (
        "Not enough published time points in the data to compare onset.")


def test_ssri_band_quartiles_of_findings():
    found = ssri_frame()[ssri_frame()["kind"] == "finding"]
    highs = found["weeks_high"].fillna(found["weeks_low"])
    assert derive.ssri_onset_weeks(ssri_frame()) == (found["weeks_low"].quantile(0.25), highs.quantile(0.75))
    assert derive.ssri_onset_weeks(ssri_frame().drop(columns="kind")) == (1.75, 6.5)


def test_alt_onset_describes_the_points_drawn():
    onset = onset_frame()
    text = describe.alt_onset(onset, "response", False)
    rows = onset[onset["measure"] == "response"]
    top, low = rows.loc[rows["value_pct"].idxmax()], rows.loc[rows["value_pct"].idxmin()]
    assert text == (
        f"Line chart of response over time on a log axis from 40 minutes to 12 weeks, {rows['study'].nunique()} "
        f"studies: {len(rows)} values from {low['value_pct']:.0f} to {top['value_pct']:.0f}%; highest "
        f"{top['study']}, {top['arm']} at {time_label(top['time_days'])} ({top['value_pct']:.0f}%), lowest "
        f"{low['study']}, {low['arm']} at {time_label(low['time_days'])} ({low['value_pct']:.0f}%).")


def test_alt_onset_placebo_subtracted_describes_the_differences():
    onset = onset_frame()
    text = describe.alt_onset(onset, "response", True)
    # the subtracted chart draws k-1d (60-20), k-7d (40-25) and e-4h (44-12): nothing else
    assert text == ("Line chart of response over time on a log axis from 40 minutes to 12 weeks, 2 studies, "
                    "placebo-subtracted: 3 values from 15 to 40 points; highest T, ketamine at 1 day (40 points), "
                    "lowest T, ketamine at 1 wk (15 points).")


def test_arm_rows_never_mix_regimens():
    onset = onset_frame()
    single = derive.arm_rows(onset, "single dose")
    repeated = derive.arm_rows(onset, "repeated doses")
    assert "k-rep" not in set(single["point_id"]) and set(repeated["point_id"]) == {"k-rep", "s-6w"}
    assert "s-6w" in set(single["point_id"]) and len(single) == len(onset) - 1


def test_placebo_subtracted_averages_two_comparator_arms():
    onset = pd.concat([onset_frame(), onset_frame().iloc[[3]].assign(point_id="p2-1d", arm="saline 2",
                                                                       value_pct=30.0)])
    out = derive.placebo_subtracted(onset).set_index("point_id")
    assert out.loc["k-1d", "value_pct"] == 60.0 - 25.0 and out.loc["k-1d", "comparator_pct"] == 25.0
    assert out.loc["k-1d", "comparator_arm"] == "saline"  # the first comparator arm names the comparison
    assert set(out.index) == {"k-1d", "k-7d", "e-4h"}


# --- routes ------------------------------------------------------------------------------------------

def routes_frame() -> pd.DataFrame:
    nan = np.nan
    rows = [
        # route_id, route, product, bio low/high, tmax low/high, onset low/high, duration low/high, effect, censored
        ("iv", "intravenous", "racemic ketamine", 100.0, 100.0, nan, nan, 0.5, 1.0, 5.0, 10.0, "anaesthesia", False),
        ("in", "intranasal", "racemic ketamine", 11.0, 50.0, 20.0, 40.0, 10.0, 15.0, 60.0, 240.0, "analgesia", True),
        ("oral", "oral", "racemic ketamine", 20.0, 24.0, 20.0, 60.0, 20.0, nan, nan, nan, "analgesia", False),
        ("esk", "intranasal", "esketamine", 48.0, 48.0, 20.0, 40.0, 15.0, 30.0, 90.0, 120.0, nan, None),
        ("sl", "sublingual", "racemic ketamine", nan, 30.0, 30.0, 45.0, nan, nan, nan, nan, nan, None),
        ("sc", "subcutaneous", "racemic ketamine", nan, nan, nan, nan, 5.0, 10.0, 60.0, 90.0, "analgesia", False),
    ]
    df = pd.DataFrame(rows, columns=["route_id", "route", "product", "bioavailability_pct_low",
                                     "bioavailability_pct_high", "tmax_min_low", "tmax_min_high", "onset_min_low",
                                     "onset_min_high", "duration_min_low", "duration_min_high", "effect_timed",
                                     "duration_censored"])
    return df.assign(duration_censored=pd.array(df["duration_censored"], dtype="boolean"),
                     clinical_use=[f"use {i}" for i in range(len(df))], in_seed=False,
                     source_ids=["s1", "s2", "s1;s2", "s3", "s1", "s2"])


def test_routes_takeaway_names_the_highest_and_the_lowest_end():
    routes = routes_frame()
    text = describe.routes_takeaway(routes)
    # independently: the most is the highest high end, the least the lowest low end of any route's range
    low = routes["bioavailability_pct_low"].fillna(routes["bioavailability_pct_high"])
    most = routes.loc[routes["bioavailability_pct_high"].idxmax()]
    least = routes.loc[low.idxmin()]
    assert (most["route_id"], least["route_id"]) == ("iv", "in")  # not oral (20-24 %): its low end is higher
    assert text == ("How much ketamine reaches the blood depends on the route: from 100% intravenous to as little "
                    "as 11% intranasal (racemic ketamine, published range 11–50%).")


def test_routes_takeaway_with_a_single_value_a_missing_end_and_one_route():
    routes = routes_frame()
    only_high = routes[routes["route_id"].isin(["esk", "sl"])]  # sublingual: no low end published
    assert describe.routes_takeaway(only_high) == (
        "How much ketamine reaches the blood depends on the route: from 48% intranasal to as little as 30% "
        "sublingual (racemic ketamine).")
    assert describe.routes_takeaway(routes[routes["route_id"] == "esk"]) == (
        "48% of the dose reaches the blood by the intranasal route (esketamine).")
    assert describe.routes_takeaway(routes[routes["route_id"] == "in"]) == (
        "11–50% of the dose reaches the blood by the intranasal route (racemic ketamine).")
    assert describe.routes_takeaway(routes[routes["route_id"] == "sc"]) == "No bioavailability figures in the data."


# --- onset: pooled effects over time ------------------------------------------------------------------

def effects_frame() -> pd.DataFrame:
    rows = [
        # effect_id, treatment, measure, time, value, ci_low, ci_high, k, n, source
        ("k40", INFUSION, SMD, 40 / 1440, 0.5, 0.2, 0.8, 5, 100, "s1"),
        ("k1", INFUSION, SMD, 1.0, 1.0, 0.73, 1.28, None, None, "s1"),
        ("k1b", INFUSION, SMD, 1.0, 0.87, 0.48, 1.26, 8, 231, "s2"),
        ("k12", INFUSION, SMD, 11.0, 0.1, -0.2, 0.4, 3, 80, "s1"),
        ("d1", ANY_DOSE, SMD, 1.0, 0.7, 0.4, 1.0, 12, 500, "s3"),
        ("d3", ANY_DOSE, SMD, 3.0, 0.6, 0.3, 0.9, 20, 800, "s3"),
        ("s7", SSRI, SMD, 7.0, 0.3, 0.1, 0.5, 10, 900, "s2"),
        ("s14", SSRI, SMD, 14.0, 0.35, 0.2, 0.5, 30, 3000, "s2"),
        ("s56", "antidepressant (any class)", SMD, 56.0, 0.27, 0.24, 0.30, None, None, "s2"),
        ("r1", INFUSION, RR, 1.0, 3.0, 1.5, 6.0, 6, 200, "s2"),
        ("r7", SSRI, RR, 7.0, 1.2, 0.9, 1.6, 9, 700, "s2"),
    ]
    df = pd.DataFrame(rows, columns=["effect_id", "treatment", "measure", "time_days", "value", "ci_low", "ci_high",
                                     "k_trials", "n", "source_ids"])
    return df.assign(k_trials=pd.array(df["k_trials"], dtype="Int64"), n=pd.array(df["n"], dtype="Int64"),
                     comparator="placebo", population="MDD", analysis="meta-analysis", scale="HAM-D",
                     time_window=None, locator="abstract")


def milestones_frame() -> pd.DataFrame:
    rows = [
        ("m3", INFUSION, "no longer separates", "symptom score", 10.0, 12.0, "by days 10-12", "s1"),
        ("m1", INFUSION, "first separation from placebo", "symptom score", 40 / 1440, 40 / 1440, "from 40 min", "s1"),
        ("m2", INFUSION, "peak", "symptom score", 1.0, 1.0, "day 1", "s1"),
        ("m4", SSRI, "first separation from placebo", "symptom score", 7.0, 14.0, "by week 1-2", "s2"),
        ("m5", SSRI, "peak", "response rate", 28.0, 28.0, "response peaks", "s2"),
        ("m6", ANY_DOSE, "peak", "symptom score", 1.0, 3.0, "peaks days 1-3", "s3"),
    ]
    return pd.DataFrame(rows, columns=["milestone_id", "treatment", "milestone", "outcome", "days_low", "days_high",
                                       "statement", "source_ids"])


@functools.cache
def effect_fig(measure: str = SMD):
    """Built once per run and only read by the tests."""
    return charts.onset_effect_over_time(effects_frame(), milestones_frame(), CITES, measure=measure)


def test_effect_chart_draws_one_measure_and_the_symptom_score_milestones():
    fig = effect_fig()
    ids = {i for t in fig.data for i in (t.ids or [])}
    effects = effects_frame()
    stated = milestones_frame()[milestones_frame()["outcome"] == "symptom score"]
    assert ids == set(effects.loc[effects["measure"] == SMD, "effect_id"]) | set(stated["milestone_id"])
    assert "r1" not in ids and "m5" not in ids  # another measure, another outcome: never on this axis


def test_effect_chart_milestone_lanes():
    fig = effect_fig()
    lanes = [t for t in fig.data if t.mode == "lines" and t.yaxis == "y"]
    spans = {t.y[0]: list(t.x) for t in lanes}
    assert spans == {INFUSION: [40 / 1440, 12.0],  # from first separation to where it is gone
                     SSRI: [7.0, 220.0],  # never stops separating in the data: on to the axis end
                     ANY_DOSE: [1.0, 220.0]}  # no first separation stated: from its first milestone
    lane = next(t for t in lanes if t.y[0] == INFUSION)
    assert (lane.line.color, lane.line.width, lane.opacity, lane.hoverinfo, lane.showlegend) == (
        theme.EFFECT[INFUSION]["color"], 10, 0.35, "skip", False)
    marks = next(t for t in fig.data if t.ids and "m1" in t.ids)
    assert list(marks.ids) == ["m1", "m2", "m3"]  # in the order of the milestones, not of the file
    assert list(marks.x) == pytest.approx([40 / 1440, 1.0, 11.0])  # the middle of each stated range
    assert list(marks.text) == ["separates 40 min", "peak 1 day", "gone by 10–12 days"]
    assert list(marks.textposition) == ["top right", "top center", "top center"]
    assert list(marks.marker.symbol) == ["triangle-right", "star", "x"]
    colour = theme.EFFECT[INFUSION]["color"]
    assert (marks.marker.size, marks.marker.color, marks.marker.line.color, marks.marker.line.width) == (
        16, colour, colour, 2)
    assert (marks.textfont.size, marks.textfont.color, marks.mode) == (theme.TICK_SIZE, colour, "markers+text")
    assert (marks.name, marks.legendgroup, marks.showlegend) == (INFUSION, INFUSION, False)
    assert list(marks.customdata[2]) == ["no longer separates", INFUSION, "10–12 days", "by days 10-12",
                                         "Smith et al. 2001"]
    assert marks.hovertemplate == ("<b>%{customdata[1]}: %{customdata[0]}</b> at %{customdata[2]}<br>"
                                   "%{customdata[3]}<br><i>Source: %{customdata[4]}</i>" + END)
    y = fig.layout.yaxis
    order = list(derive.milestone_lanes(milestones_frame())["treatment"].drop_duplicates())
    assert list(y.categoryarray) == order[::-1] and y.categoryorder == "array"
    assert list(y.range) == [-0.6, len(order) - 0.1] and list(y.tickvals) == order
    assert list(y.ticktext) == [{INFUSION: "one ketamine infusion", SSRI: "SSRI, daily"}.get(t, t) for t in order]
    assert y.title.text is None and y.showgrid is False


def test_effect_chart_estimates_with_cis():
    fig = effect_fig()
    est = [t for t in fig.data if t.error_y and t.error_y.array is not None]
    by_first = {t.ids[0]: t for t in est}
    assert sorted(by_first) == ["d1", "k1b", "k40", "s56", "s7"]  # one series per treatment and source
    k = by_first["k40"]
    assert list(k.ids) == ["k40", "k1", "k12"]
    assert list(k.y) == [0.5, 1.0, 0.1]
    assert list(k.error_y.array) == pytest.approx([0.3, 0.28, 0.3])  # ci_high - value
    assert list(k.error_y.arrayminus) == pytest.approx([0.3, 0.27, 0.3])  # value - ci_low
    style = theme.EFFECT[INFUSION]
    assert (k.error_y.type, k.error_y.symmetric, k.error_y.color, k.error_y.thickness, k.error_y.width) == (
        "data", False, style["color"], 2, 6)
    assert list(k.marker.color) == [style["color"], style["color"], "rgba(0,0,0,0)"]  # k12's CI crosses 0: open
    assert k.marker.symbol == "circle" and k.marker.size == 12 and k.marker.line.width == 2
    assert (k.line.color, k.line.dash, k.line.width, k.mode) == (style["color"], style["dash"], 2, "lines+markers")
    dose = by_first["d1"]
    assert theme.EFFECT[ANY_DOSE]["symbol"] == "circle-open"
    assert dose.marker.symbol == "circle"  # filled or open by whether it separates, not by the drug
    assert [t.showlegend for t in est if t.name == INFUSION] == [True, False]  # one legend entry per drug
    assert list(k.customdata[1]) == [INFUSION, "placebo", "1 day", "0.73 to 1.28", "not stated", "not stated",
                                     "Smith et al. 2001", "meta-analysis"]
    assert list(k.customdata[0])[4:6] == ["5", "100"]
    assert k.hovertemplate == ("<b>%{customdata[0]}</b> vs %{customdata[1]} at %{customdata[2]}<br>"
                               "Standardised mean difference: <b>%{y}</b> (95% CI %{customdata[3]})"
                               "<br>Trials pooled: %{customdata[4]} · participants: %{customdata[5]}"
                               "<br>%{customdata[7]} · <i>%{customdata[6]}</i>" + END)


def test_effect_chart_nudges_estimates_that_share_a_time():
    fig = effect_fig()
    x = {i: xv for t in fig.data if t.error_y and t.error_y.array is not None for i, xv in zip(t.ids, t.x)}
    # three estimates at 1 day (k1, k1b, d1, in table order within the measure): spread 8 % apart on the log axis
    same = list(derive.effect_rows(effects_frame(), SMD).query("time_days == 1")["effect_id"])
    assert [x[i] for i in same] == pytest.approx([1.08 ** -1, 1.0, 1.08])
    assert x["k40"] == 40 / 1440 and x["s56"] == 56.0  # alone at its time: not moved


def test_effect_chart_axes():
    fig = effect_fig()
    for axis in (fig.layout.xaxis, fig.layout.xaxis2):
        assert axis.type == "log" and axis.tickangle == 0
        assert list(axis.range) == pytest.approx([math.log10(25 / 1440), math.log10(220)])
        assert list(axis.ticktext) == ["40 min", "2 h", "6 h", "1 day", "1 wk", "4 wk", "12 wk", "24 wk"]
        assert list(axis.tickvals) == pytest.approx([40 / 1440, 2 / 24, 6 / 24, 1, 7, 28, 84, 168])
    assert fig.layout.xaxis2.title.text == "Time since the dose, or since the start of daily treatment (log scale)"
    y = fig.layout.yaxis2
    assert y.title.text == "Standardised mean difference vs placebo" and y.type == "linear" and y.zeroline is False
    rows = effects_frame()[effects_frame()["measure"] == SMD]
    lo, hi = min(rows["ci_low"].min(), 0), max(rows["ci_high"].max(), 0)
    pad = (hi - lo) * 0.08
    assert list(y.range) == pytest.approx([lo - pad, hi + pad])
    assert fig.layout.height == 600
    line = fig.layout.shapes[0]
    assert (line.y0, line.y1, line.line.color, line.line.width, line.line.dash, line.yref) == (
        0, 0, theme.COMPARATOR, 2, "dot", "y2")
    note = fig.layout.annotations[0]
    assert note.text == "no difference from placebo" and note.font.size == theme.TICK_SIZE
    assert note.xanchor == "right" and note.yanchor == "top"  # bottom right of the line


def test_effect_chart_ratio_on_a_log_axis_around_one():
    fig = effect_fig(RR)
    y = fig.layout.yaxis2
    assert y.type == "log" and y.title.text == "Risk ratio of response vs placebo"
    assert list(y.range) == pytest.approx([math.log10(0.9) - 0.1, math.log10(6.0) + 0.1])
    assert fig.layout.shapes[0].y0 == 1
    colours = {i: c for t in fig.data if t.error_y and t.error_y.array is not None
               for i, c in zip(t.ids, t.marker.color)}
    assert colours == {"r1": theme.EFFECT[INFUSION]["color"], "r7": "rgba(0,0,0,0)"}  # r7's CI crosses 1
    only_high = effects_frame().assign(ci_low=2.0, ci_high=4.0)
    fig = charts.onset_effect_over_time(only_high, milestones_frame(), CITES, measure=RR)
    assert list(fig.layout.yaxis2.range) == pytest.approx([-0.1, math.log10(4) + 0.1])  # 1 stays in view


def test_effect_value_range_of_no_rows():
    assert effect_chart._value_range(effects_frame().iloc[:0], SMD) is None
    above = effects_frame().assign(ci_low=[0.5] * 11, ci_high=[1.5] * 11)
    assert effect_chart._value_range(above, SMD) == pytest.approx([-0.12, 1.62])  # 0 stays in view


def test_measures_ranked_by_drugs_then_rows():
    effects = effects_frame()
    assert derive.measures_by_coverage(effects) == [SMD, RR]
    more_rr = pd.concat([effects[effects["measure"] == RR]] * 6)
    more_rr = more_rr.assign(effect_id=[f"x{i}" for i in range(len(more_rr))])
    two_each = pd.concat([effects[effects["treatment"].isin([INFUSION, SSRI])], more_rr])
    assert derive.measures_by_coverage(two_each) == [RR, SMD]  # both compare 2 drugs; RR has more rows


def test_effect_rows_flag_separation_against_the_measures_null():
    rows = derive.effect_rows(effects_frame(), SMD)
    assert list(rows["effect_id"]) == ["s7", "s14", "s56", "k40", "k1", "k1b", "k12", "d1", "d3"]
    assert dict(zip(rows["effect_id"], rows["separates"]))["k12"] == False  # noqa: E712 - a numpy bool
    assert rows["separates"].sum() == (rows["ci_low"] > 0).sum() == 8
    ratio = derive.effect_rows(effects_frame(), RR)
    assert dict(zip(ratio["effect_id"], ratio["separates"])) == {"r7": False, "r1": True}
    at_null = effects_frame().assign(ci_low=0.0)
    assert not derive.effect_rows(at_null, SMD)["separates"].any()  # a CI touching 0 does not exclude it
    assert derive.null_value("odds ratio of remission") == 1.0 and derive.null_value("response-rate difference") == 0.0
