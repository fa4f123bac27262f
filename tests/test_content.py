"""What every chart draws and every sentence says, checked on small hand-made tables.

Each chart builder: its traces (names, ids, which rows appear and which must not), axes and hover
text. Each takeaway, headline and alt text: against a figure the test computes itself from the
same rows (a median, a maximum, a count, the right end of a column), so a sentence built from the
wrong rows or the wrong end of a range fails. Fast: `make mutate` runs these against every mutant.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from explainer import charts, derive, describe, theme
from explainer.charts import conditions as conditions_chart
from explainer.charts import history as history_chart
from explainer.charts import mechanism as mechanism_chart
from explainer.charts import onset_effect as effect_chart
from explainer.charts.common import axis_label, cite_labels, esc, wrap
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
    key = fig.data[-1]  # explained in the legend, not by a note that could sit on an arm's marker
    assert key.name == "antidepressant onset (2–6.5 wk)"
    assert key.marker.color == theme.BAND and key.marker.symbol == "square" and list(key.x) == [None]
    assert not fig.layout.annotations


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


def windowed_onset() -> pd.DataFrame:
    """The trial-arm frame plus a rate given at study exit, any time up to 14 weeks (a window, not a time)."""
    onset = onset_frame().assign(window_days_low=np.nan, window_days_high=np.nan)
    exit_rate = onset.loc[onset["point_id"] == "s-6w"].assign(point_id="s-exit", study="X", arm="citalopram (exit)",
                                                              time_days=98.0, window_days_low=0.0,
                                                              window_days_high=98.0, value_pct=33.0)
    return pd.concat([onset, exit_rate], ignore_index=True)


def drawn_as_range(fig, point_id: str, low: float, high: float) -> bool:
    """Whether the point is drawn as a segment spanning its window (ends clipped to the axis), and not
    also as a lone point anywhere else."""
    traces = [t for t in fig.data if point_id in (t.ids or ())]
    if len(traces) != 1:
        return False
    t = traces[0]
    left = 10 ** fig.layout.xaxis.range[0]
    return (len(t.x) == 2 and t.x[0] == pytest.approx(max(low, left)) and t.x[1] == pytest.approx(high)
            and t.y[0] == t.y[1] and "lines" in t.mode)


def test_a_window_is_drawn_as_a_range_not_a_point():
    fig = charts.onset_timecourse(windowed_onset(), CITES, measure="response")
    assert drawn_as_range(fig, "s-exit", 0.0, 98.0)
    span = next(t for t in fig.data if "s-exit" in t.ids)
    assert list(span.y) == [33.0, 33.0] and span.line.width == 8 and span.line.color == theme.TREATMENT[SSRI]["color"]
    assert span.opacity < 1  # fainter than a measured point: the rate lies somewhere in the window
    assert list(span.marker.symbol) == ["triangle-left", "line-ns"]  # opens before the axis: an arrow at its edge
    assert (span.name, span.legendgroup, span.showlegend) == ("SSRI (rate over a window)",) * 2 + (True,)
    assert "over a window: %{customdata[3]} (not at one time point)" in span.hovertemplate
    assert [list(c) for c in span.customdata] == [["X", "citalopram (exit)", "TRD", "up to 14 wk", "100",
                                                   "Jones 2002; FDA 2019", ""]] * 2
    points = [t for t in fig.data if "s-exit" not in t.ids]
    assert {i for t in points for i in t.ids} == {"k-40m", "k-1d", "k-7d", "p-1d", "p-7d", "e-4h", "e-2d", "a-4h",
                                                  "k-rep", "s-6w"}  # every other row is drawn as before


def test_a_window_drawn_as_a_point_fails_the_range_check():
    onset = windowed_onset()
    as_point = charts.onset_timecourse(onset.drop(columns=["window_days_low", "window_days_high"]), CITES)
    assert not drawn_as_range(as_point, "s-exit", 0.0, 98.0)  # a marker at 14 wk is not the window
    later = onset.assign(window_days_low=lambda d: d["window_days_low"].where(d["point_id"] != "s-exit", 14.0))
    fig = charts.onset_timecourse(later, CITES)
    assert drawn_as_range(fig, "s-exit", 14.0, 98.0) and not drawn_as_range(fig, "s-exit", 0.0, 98.0)
    span = next(t for t in fig.data if "s-exit" in t.ids)
    assert list(span.marker.symbol) == ["line-ns", "line-ns"]  # inside the axis: capped at both ends
    assert span.customdata[0][3] == "2–14 wk"


def test_alt_text_and_takeaway_state_a_window_as_a_window():
    onset = windowed_onset()
    lowest = onset.assign(value_pct=lambda d: d["value_pct"].where(d["point_id"] != "s-exit", 5.0))
    text = describe.alt_onset(lowest, "response", False)
    assert "lowest X, citalopram (exit) over up to 14 wk (5%)" in text and "at 14 wk" not in text
    assert describe.onset_takeaway(onset, ssri_frame()).endswith(
        " Rates given over a window rather than at one time are drawn across it, not at its end: X, up to 14 wk.")
    assert describe.window_note(onset_frame()) == ""


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
                     time_window=None, locator="abstract",
                     certainty=["not rated", "not rated", "very low", "not rated", "low"] + ["not rated"] * 6,
                     certainty_source_id=df["source_ids"])


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


@pytest.fixture
def effect_figs() -> dict:
    """Both measures' charts, built for each test. Never shared between tests (a module cache or a
    wider fixture scope): a mutation run forks from a process that already built them, and credits
    a shared build to the first test only, so a mutant would be tried against the wrong tests."""
    return {m: charts.onset_effect_over_time(effects_frame(), milestones_frame(), CITES, measure=m) for m in (SMD, RR)}


def test_effect_chart_draws_one_measure_and_the_symptom_score_milestones(effect_figs):
    fig = effect_figs[SMD]
    ids = {i for t in fig.data for i in (t.ids or [])}
    effects = effects_frame()
    stated = milestones_frame()[milestones_frame()["outcome"] == "symptom score"]
    assert ids == set(effects.loc[effects["measure"] == SMD, "effect_id"]) | set(stated["milestone_id"])
    assert "r1" not in ids and "m5" not in ids  # another measure, another outcome: never on this axis


def test_effect_chart_milestone_lanes(effect_figs):
    fig = effect_figs[SMD]
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


def test_effect_chart_estimates_with_cis(effect_figs):
    fig = effect_figs[SMD]
    est = [t for t in fig.data if t.error_y and t.error_y.array is not None]
    by_first = {t.ids[0]: t for t in est}
    assert sorted(by_first) == ["d1", "d3", "k1b", "k40", "s56", "s7"]  # one series per drug, source and certainty
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
    unrated, graded = f"{INFUSION} (not rated)", f"{INFUSION} (GRADE: very low)"
    assert [(t.name, t.showlegend) for t in est if t.name.startswith(INFUSION)] == [(unrated, True), (graded, True)]
    assert list(k.customdata[1]) == [INFUSION, "placebo", "1 day", "0.73 to 1.28", "not stated", "not stated",
                                     "Smith et al. 2001", "meta-analysis", "certainty not rated"]
    assert by_first["k1b"].customdata[0][8] == "very low certainty (GRADE)"  # the certainty its source gives
    assert list(k.customdata[0])[4:6] == ["5", "100"]
    assert k.hovertemplate == ("<b>%{customdata[0]}</b> vs %{customdata[1]} at %{customdata[2]}<br>"
                               "Standardised mean difference: <b>%{y}</b> (95% CI %{customdata[3]})"
                               "<br>Trials pooled: %{customdata[4]} · participants: %{customdata[5]}"
                               "<br>Certainty: <b>%{customdata[8]}</b>"
                               "<br>%{customdata[7]} · <i>%{customdata[6]}</i>" + END)


def test_effect_chart_nudges_estimates_that_share_a_time(effect_figs):
    fig = effect_figs[SMD]
    x = {i: xv for t in fig.data if t.error_y and t.error_y.array is not None for i, xv in zip(t.ids, t.x)}
    # three estimates at 1 day (k1, k1b, d1, in table order within the measure): spread 8 % apart on the log axis
    same = list(derive.effect_rows(effects_frame(), SMD).query("time_days == 1")["effect_id"])
    assert [x[i] for i in same] == pytest.approx([1.08 ** -1, 1.0, 1.08])
    assert x["k40"] == 40 / 1440 and x["s56"] == 56.0  # alone at its time: not moved


def test_effect_chart_axes(effect_figs):
    fig = effect_figs[SMD]
    for axis in (fig.layout.xaxis, fig.layout.xaxis2):
        assert axis.type == "log" and axis.tickangle == 0
        assert list(axis.range) == pytest.approx([math.log10(25 / 1440), math.log10(220)])
        assert list(axis.ticktext) == ["40 min", "2 h", "6 h", "1 day", "1 wk", "4 wk", "12 wk", "24 wk"]
        assert list(axis.tickvals) == pytest.approx([40 / 1440, 2 / 24, 6 / 24, 1, 7, 28, 84, 168])
    assert fig.layout.xaxis2.title.text == "Time since the dose, or since the start of daily treatment (log scale)"
    y = fig.layout.yaxis2
    assert y.title.text == "SMD vs placebo (95% CI)" and y.type == "linear" and y.zeroline is False
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


def test_effect_chart_ratio_on_a_log_axis_around_one(effect_figs):
    fig = effect_figs[RR]
    y = fig.layout.yaxis2
    assert y.type == "log" and y.title.text == "RR of response vs placebo (95% CI)"
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


def test_measures_ranked_by_both_drugs_then_ketamine_time_points():
    effects = effects_frame()
    assert derive.measures_by_coverage(effects) == [SMD, RR]  # SMD: ketamine at 4 times, RR at 1
    more_rr = pd.concat([effects[effects["measure"] == RR]] * 6)
    more_rr = more_rr.assign(effect_id=[f"x{i}" for i in range(len(more_rr))],
                             time_days=[0.1, 7.0, 0.5, 7.0, 2.0, 7.0, 3.0, 7.0, 5.0, 7.0, 9.0, 7.0])
    assert derive.measures_by_coverage(pd.concat([effects, more_rr])) == [RR, SMD]  # RR: ketamine at 7 times
    ketamine_only = effects[effects["treatment"].isin([INFUSION, ANY_DOSE])].assign(measure="odds ratio of response")
    with_ketamine_only = pd.concat([effects, ketamine_only.assign(effect_id=ketamine_only["effect_id"] + "o")])
    assert derive.measures_by_coverage(with_ketamine_only)[-1] == "odds ratio of response"  # SSRIs have none
    tie = effects[effects["effect_id"].isin(["r1", "r7"])]
    tie = pd.concat([tie, tie.assign(effect_id=["o1", "o7"], measure="odds ratio of response")])
    assert derive.measures_by_coverage(tie) == ["odds ratio of response", RR]  # a tie: by name, never by chance
    assert derive.shared_measures(with_ketamine_only) == [SMD, RR]


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


def test_estimate_text_states_ci_trials_participants_source_and_time():
    effects, sources = effects_frame().set_index("effect_id", drop=False), sources_frame()
    assert describe.estimate_text(effects.loc["k1b"], sources) == (
        "SMD 0.87 (95% CI 0.48–1.26; 8 trials; 231 participants; Jones 2002) at 1 day, very low certainty (GRADE)")
    assert describe.estimate_text(effects.loc["k1"], sources) == (
        "SMD 1 (95% CI 0.73–1.28; Smith et al. 2001) at 1 day, certainty not rated")
    assert describe.estimate_text(effects.loc["r7"], sources) == (
        "RR of response 1.2 (95% CI 0.9–1.6; 9 trials; 700 participants; Jones 2002) at 1 wk, certainty not rated")
    assert describe.estimate_text(effects.loc["r7"].drop("certainty"), sources).endswith(", certainty not rated")
    other = effects.loc["r7"].copy()
    other["measure"], other["source_ids"] = "response-rate difference", "zz; s1"
    assert describe.estimate_text(other, sources).startswith(
        "difference in response rate 1.2 (95% CI 0.9–1.6; 9 trials; 700 participants; zz) at")
    for measure, short in [("odds ratio of response", "OR of response"), ("odds ratio of remission", "OR of remission"),
                           ("risk ratio of remission", "RR of remission")]:
        other["measure"] = measure
        assert describe.estimate_text(other, sources).startswith(f"{short} 1.2 ")
    other["source_ids"] = None
    assert describe.estimate_text(other, sources).endswith("700 participants) at 1 wk, certainty not rated")


def test_effect_takeaway_from_the_stated_milestones_and_the_strongest_estimate():
    effects, stones, sources = effects_frame(), milestones_frame(), sources_frame()
    # SSRIs on SMD: s14 (30 trials, 2 wk); ketamine nearest 2 wk: k12 (11 days). One measure, times stated.
    assert describe.onset_effect_takeaway(effects, stones, sources) == (
        "Pooled trials show one ketamine infusion separating from placebo from 40 min, peaking at 1 day and no longer "
        "separating by 10–12 days (Smith et al. 2001); SSRIs separate by 1–2 wk (Jones 2002); on one measure (SMD), "
        f"{INFUSION} vs placebo: SMD 0.1 (95% CI -0.2–0.4; 3 trials; 80 participants; Smith et al. 2001) at 11 days, "
        "certainty not rated; SSRI vs placebo: SMD 0.35 (95% CI 0.2–0.5; 30 trials; 3000 participants; Jones 2002) "
        "at 2 wk, certainty not rated.")
    text = describe.onset_effect_takeaway(effects, stones, sources, RR)
    assert text.endswith(f"on one measure (RR of response), {INFUSION} vs placebo: RR of response 3 (95% CI 1.5–6; "
                         "6 trials; 200 participants; Jones 2002) at 1 day, certainty not rated; SSRI vs placebo: RR "
                         "of response 1.2 (95% CI 0.9–1.6; 9 trials; 700 participants; Jones 2002) at 1 wk, certainty "
                         "not rated.")
    alone = describe.onset_effect_takeaway(effects[effects["treatment"] != SSRI], stones, sources, RR)
    assert alone.endswith("at 1 day, certainty not rated; no pooled RR of response for SSRIs or other "
                          "antidepressants to set beside it.")  # said, instead of setting another measure beside it
    graded = effects.assign(comparator=np.where(effects["effect_id"] == "k1b", "midazolam (active placebo)",
                                                "placebo"))
    text = describe.onset_effect_takeaway(graded, stones, sources, SMD)
    assert f"{INFUSION} vs midazolam (active placebo): SMD 0.87 (95% CI 0.48–1.26; 8 trials; 231 " in text
    assert "at 1 day, very low certainty (GRADE); SSRI vs placebo" in text  # the better-blinded pool first
    assert describe.quotes_without_certainty(text) == []


def test_effect_takeaway_with_parts_missing():
    effects, stones, sources = effects_frame(), milestones_frame(), sources_frame()
    not_gone = stones[stones["milestone_id"] != "m3"]
    assert describe.onset_effect_takeaway(effects.iloc[:0], not_gone, sources) == (
        "Pooled trials show one ketamine infusion separating from placebo from 40 min, peaking at 1 day "
        "(Smith et al. 2001); SSRIs separate by 1–2 wk (Jones 2002).")
    no_peak = stones[stones["milestone_id"] != "m2"]
    ssri_only = "SSRIs separate by 1–2 wk (Jones 2002)."
    assert describe.onset_effect_takeaway(effects.iloc[:0], no_peak, sources) == ssri_only
    no_start = stones[stones["milestone_id"] != "m1"]
    assert describe.onset_effect_takeaway(effects.iloc[:0], no_start, sources) == ssri_only
    response_rate = stones.assign(outcome="response rate")
    assert describe.onset_effect_takeaway(effects.iloc[:0], response_rate, sources) == (
        "Not enough pooled estimates in the data to compare the time course.")
    only_best = describe.onset_effect_takeaway(effects, response_rate, sources)
    assert only_best.startswith(f"On one measure (SMD), {INFUSION} vs placebo: SMD 0.1 ")


def test_alt_effect_chart_lists_the_lanes_and_the_estimates():
    effects, stones = effects_frame(), milestones_frame()
    text = describe.alt_onset_effect(effects, stones, SMD)
    rows = effects[effects["measure"] == SMD]
    top, low = rows.loc[rows["value"].idxmax()], rows.loc[rows["value"].idxmin()]
    assert text == (
        "Two panels on a log time axis from 40 minutes to 24 weeks. Top, what pooled analyses state: "
        f"{INFUSION}: no longer separates at 10–12 days; {INFUSION}: first separation from placebo at 40 min; "
        f"{INFUSION}: peak at 1 day; SSRI: first separation from placebo at 1–2 wk; {ANY_DOSE}: peak at 1–3 days. "
        f"Bottom, pooled {SMD} vs placebo with 95% CIs: {len(rows)} values from {low['value']:g} to "
        f"{top['value']:g}; highest {top['treatment']} at {time_label(top['time_days'])} ({top['value']:g}), "
        f"lowest {low['treatment']} at {time_label(low['time_days'])} ({low['value']:.1f}). Certainty (GRADE) as "
        f"each source rates it: {INFUSION}: not rated (3), very low (1); {ANY_DOSE}: low (1), not rated (1); "
        "SSRI: not rated (2); antidepressant (any class): not rated (1).")
    assert describe.alt_onset_effect(effects.drop(columns="certainty"), stones, SMD).endswith(
        "Certainty (GRADE) as each source rates it: none stated.")


def conditions_frame() -> pd.DataFrame:
    rows = [
        # id, condition, group, status, product, grade, n_rcts, n, certainty, in_seed
        ("trd", "Treatment-resistant major depressive disorder", "mood", "approved", "Spravato", "A", 6, 858,
         "moderate", True),
        ("si", "Suicidal ideation", "mood", "off-label with trial evidence", None, "B", 1, 40, "low", True),
        ("pain", "Acute pain", "pain", "approved", None, "A", 12, 1500, None, False),
        ("ptsd", "Post-traumatic stress disorder", "anxiety and trauma", "investigational", None, "C", 2, 1, None,
         True),
        ("aud", "Alcohol use disorder", "substance use", "investigational", None, "D", None, None, None, False),
    ]
    df = pd.DataFrame(rows, columns=["condition_id", "condition", "group", "status", "approved_product",
                                     "evidence_grade", "n_rcts", "n_participants", "certainty", "in_seed"])
    return df.assign(n_rcts=pd.array(df["n_rcts"], dtype="Int64"),
                     n_participants=pd.array(df["n_participants"], dtype="Int64"),
                     in_seed=pd.array(df["in_seed"], dtype="boolean"),
                     grade_reason=[f"reason {i}" for i in range(5)], key_finding=[f"finding {i}" for i in range(5)],
                     grade_basis=["regulatory approval"] + ["trial evidence"] * 4,
                     source_ids=["s1", "s2", "s3", "s1;s2", "s2"])


def test_headlines_compare_one_measure_each_with_its_certainty():
    effects, stones, sources, conditions = effects_frame(), milestones_frame(), sources_frame(), conditions_frame()
    heads = describe.headlines({"onset_effect": effects, "onset_milestones": stones, "sources": sources,
                                "conditions": conditions})
    # no active-placebo pool: SMD (shared by both drugs, best compared); ketamine on most trials: d3 (20 trials,
    # 3 days); SSRI on SMD nearest 3 days: s7 (1 wk)
    assert [h.label for h in heads] == ["Ketamine vs placebo", "SSRIs vs placebo",
                                        "One infusion's lead over placebo is gone by", "Conditions graded A or B"]
    assert [h.value for h in heads] == ["SMD 0.6", "SMD 0.3", "10–12 days", "3 of 5"]
    assert [h.note for h in heads] == ["3 days · certainty not rated", "1 wk · certainty not rated", "",
                                       "1 of them by an approval"]
    assert [h.measure for h in heads] == [SMD, SMD, "", ""]
    assert heads[0].help.startswith(f"{ANY_DOSE} vs placebo. The better-blinded pool first")
    assert heads[1].help == ("SSRI vs placebo. The same measure as the ketamine card (standardised mean difference), "
                             "nearest its time point, then the most trials (row s7): SMD 0.3 (95% CI 0.1–0.5; 10 "
                             "trials; 900 participants; Jones 2002) at 1 wk, certainty not rated.")
    assert heads[2].help == "onset_milestones row m3: by days 10-12 (Smith et al. 2001)."
    assert describe.headline_faults(heads) == []
    bare = describe.headlines({"onset_effect": effects.iloc[:0], "onset_milestones": stones.iloc[:0],
                               "sources": sources, "conditions": conditions.iloc[:0]})
    assert [(h.label, h.value) for h in bare] == [("Conditions graded A or B", "0 of 0")]


def test_ketamine_headline_prefers_the_active_placebo_pool_and_names_the_other():
    effects, stones, sources, conditions = effects_frame(), milestones_frame(), sources_frame(), conditions_frame()
    blinded = effects.assign(comparator=np.where(effects["effect_id"] == "k1b", "midazolam (active placebo)",
                                                 "saline placebo"))
    heads = describe.headlines({"onset_effect": blinded, "onset_milestones": stones, "sources": sources,
                                "conditions": conditions})
    assert (heads[0].label, heads[0].value, heads[0].note) == ("Ketamine vs midazolam", "SMD 0.87",
                                                               "1 day · very low certainty")
    assert heads[0].certainty == "very low"
    assert heads[0].help.startswith(f"{INFUSION} vs midazolam (active placebo). The better-blinded pool first")
    assert heads[0].help.endswith(  # the saline pool at the same time, on most trials (d1: 12), named too
        "The saline placebo pool at the same time (row d1): SMD 0.7 (95% CI 0.4–1; 12 trials; 500 participants; "
        "FDA 2019) at 1 day, low certainty (GRADE).")
    assert heads[1].label == "SSRIs vs saline placebo" and heads[1].note.startswith("1 wk · ")  # nearest 1 day: s7
    assert heads[1].measure == SMD
    assert describe.headline_faults(heads) == []


def test_a_measure_ssris_lack_is_said_not_juxtaposed():
    effects, stones, sources, conditions = effects_frame(), milestones_frame(), sources_frame(), conditions_frame()
    ketamine_rr = effects[(effects["measure"] == RR) | (effects["treatment"].isin([INFUSION, ANY_DOSE]))]
    only_rr = ketamine_rr[ketamine_rr["measure"] == RR].assign(treatment=INFUSION)
    heads = describe.headlines({"onset_effect": only_rr, "onset_milestones": stones, "sources": sources,
                                "conditions": conditions})
    assert heads[0].measure == RR and heads[1].value == "no pooled RR of response" and heads[1].measure == ""
    assert "two different measures are never compared" in heads[1].help
    assert describe.headline_faults(heads) == []


def test_headline_rules_fail_unlike_measures_and_figures_without_certainty():
    smd = describe.Headline("Ketamine", "SMD 0.49", "", SMD, "very low", "1 day · very low certainty")
    rr = describe.Headline("SSRI", "RR of response 1.64", "", RR, "not rated", "1 wk · certainty not rated")
    assert describe.headline_faults([smd, rr]) == [
        f"cards compare unlike measures side by side: {SMD}, {RR}"]
    bare = describe.Headline("Ketamine, 1 day", "SMD 0.49", "", SMD, "very low")
    assert describe.headline_faults([bare]) == [
        f"card 'Ketamine, 1 day' quotes a pooled {SMD} without its certainty",
        "card 'Ketamine, 1 day' quotes SMD 0 without its certainty"]
    wrong = describe.Headline("Ketamine", "SMD 0.49", "", SMD, "very low", "1 day · low certainty")
    assert describe.headline_faults([wrong]) == [f"card 'Ketamine' quotes a pooled {SMD} without its certainty"]
    untagged = describe.Headline("SSRIs, 1 wk", "RR of response 1.64", "")
    assert describe.headline_faults([untagged]) == ["card 'SSRIs, 1 wk' quotes RR of response 1 without its certainty"]
    assert describe.quotes_without_certainty(
        "SMD 0.5 (95% CI 0.1–0.9) at 1 day, low certainty (GRADE); SSRI: SMD -0.2 at 1 wk") == ["SMD -0"]
    assert describe.quotes_without_certainty("graded A or B: 7 of 19; 10–12 days") == []


# --- history -----------------------------------------------------------------------------------------

def timeline_frame() -> pd.DataFrame:
    rows = [
        ("syn", "1962", 1962, "discovery", "First synthesis", "Calvin Stevens makes CI-581", "s1"),
        ("fda", "1970-03-10", 1970, "approval", "FDA approves Ketalar", "A long detail " * 8, "s3"),
        ("war", "1970-06", 1970, "military", "Used in the field", "d", "s2"),
        ("zar", "2006-08", 2006, "clinical", "Zarate trial", "d", "s1;s2"),
        ("esk", "2019-03-05", 2019, "approval", "Esketamine approved", "d", "s3"),
        ("sch", "1999", 1999, "regulation", "Schedule III", "d", "s9"),
    ]
    return pd.DataFrame(rows, columns=["event_id", "date", "year", "category", "title", "detail", "source_ids"])


def eras_frame() -> pd.DataFrame:
    return pd.DataFrame({"era_id": ["a", "b", "c"], "label": ["Anaesthetic", "Misuse & control", "Depression"],
                         "start_event_id": ["syn", "sch", "zar"], "end_event_id": ["sch", "zar", None]})


def test_event_dates_place_a_year_or_month_in_its_middle():
    dates = history_chart.event_dates(pd.Series(["1962", "1970-06", "1970-03-10"]))
    assert list(dates) == [pd.Timestamp("1962-07-01"), pd.Timestamp("1970-06-15"), pd.Timestamp("1970-03-10")]


def test_era_spans_from_their_events():
    spans = history_chart.era_spans(eras_frame(), timeline_frame())
    assert list(spans["start_year"]) == [1962, 1999, 2006]
    assert list(spans["end_year"]) == [1999, 2006, 2019 + 1]  # an open era runs past the last event


def test_history_chart_lanes_markers_and_eras():
    timeline = timeline_frame()
    fig = charts.timeline_by_category(timeline, CITES, eras_frame())
    present = set(timeline["category"])
    assert [t.name for t in fig.data] == [c for c in theme.CATEGORY_ORDER if c in present]
    approval = next(t for t in fig.data if t.name == "approval")
    assert list(approval.ids) == ["fda", "esk"] and list(approval.y) == ["approval", "approval"]
    assert [pd.Timestamp(x) for x in approval.x] == [pd.Timestamp("1970-03-10"), pd.Timestamp("2019-03-05")]
    assert (approval.mode, approval.marker.size, approval.marker.color) == ("markers", 16, theme.CATEGORY["approval"])
    assert (approval.marker.line.width, approval.marker.line.color) == (1, "white")
    assert list(approval.customdata[0][:2]) == ["1970-03-10", "FDA approves Ketalar"]
    assert approval.customdata[0][2] == wrap("A long detail " * 8) and "<br>" in approval.customdata[0][2]
    assert approval.customdata[0][3] == "FDA 2019"
    assert next(t for t in fig.data if t.name == "regulation").customdata[0][3] == "s9"  # unknown id shown as is
    assert approval.hovertemplate == ("<b>%{customdata[1]}</b><br>%{customdata[0]} · approval<br>%{customdata[2]}"
                                      "<br><i>Source: %{customdata[3]}</i>" + END)
    bands = fig.layout.shapes
    assert [(b.x0, b.x1) for b in bands] == [("1962-01-01", "1999-01-01"), ("1999-01-01", "2006-01-01"),
                                             ("2006-01-01", "2020-01-01")]
    assert [b.fillcolor for b in bands] == [theme.ERA[0], theme.ERA[1], theme.ERA[0]]
    assert all(b.layer == "below" and b.line.width == 0 for b in bands)
    notes = fig.layout.annotations
    assert [a.text for a in notes] == ["Anaesthetic", "Misuse &amp; control", "Depression"]
    assert all(a.font.size == theme.TICK_SIZE and a.xanchor == "left" and a.yanchor == "bottom" for a in notes)
    assert all(a.yref == "paper" and a.y == 1 for a in notes)  # above the lanes: never on an event's marker
    assert fig.layout.height == 520 and fig.layout.showlegend is False and fig.layout.margin.t == 60
    assert fig.layout.yaxis.categoryarray == tuple(t.name for t in fig.data)[::-1]
    assert fig.layout.yaxis.title.text is None
    assert fig.layout.yaxis.categoryorder == "array"
    x = fig.layout.xaxis
    # no "Year" title: under the range slider it was cut at the chart's edge
    assert (x.title.text, x.type, x.rangeslider.visible, x.rangeslider.thickness) == (None, "date", True, 0.06)


def test_history_chart_without_eras():
    assert not charts.timeline_by_category(timeline_frame(), CITES).layout.shapes
    assert not charts.timeline_by_category(timeline_frame(), CITES, eras_frame().iloc[:0]).layout.shapes


def test_history_takeaway_counts_and_the_first_approval():
    timeline = timeline_frame()
    ordered = timeline.sort_values(["year", "date"])
    first_approval = ordered[ordered["category"] == "approval"].iloc[0]
    assert describe.history_takeaway(timeline) == (
        f"{len(timeline)} milestones from 1962 (First synthesis) to 2019 (Esketamine approved); the first approval "
        f"came in {first_approval['year']}, {first_approval['year'] - 1962} years after the first event.")
    assert describe.history_takeaway(timeline[timeline["category"] != "approval"]) == (
        "4 milestones from 1962 (First synthesis) to 2006 (Zarate trial).")


def test_alt_timeline_counts_each_category():
    timeline = timeline_frame()
    assert describe.alt_timeline(timeline) == (
        "Timeline chart of 6 events from 1962 to 2019, one lane per category: approval 2, discovery 1, military 1, "
        "clinical 1, regulation 1.")


# --- conditions --------------------------------------------------------------------------------------

def grades_frame() -> pd.DataFrame:
    return pd.DataFrame({"grade": list("ABCD"), "label": ["Strong", "Moderate", "Limited", "Very limited"],
                         "definition": list("wxyz")})


def test_evidence_matrix_one_trace_per_status_with_its_marker():
    conditions = conditions_frame()
    fig = charts.evidence_matrix(conditions, grades_frame(), CITES)
    assert [t.name for t in fig.data] == ["approved", "off-label with trial evidence", "investigational"]
    assert [t.marker.symbol for t in fig.data] == ["star", "circle", "circle-open"]
    approved = fig.data[0]
    assert list(approved.ids) == ["trd", "pain"] and list(approved.x) == ["A", "A"]
    assert list(approved.y) == ["Treatment-resistant major<br>depressive disorder", "Acute pain"]
    assert list(approved.text) == ["6 RCTs · 858", "12 RCTs · 1,500"]
    assert list(approved.marker.color) == [theme.GRADE["A"]] * 2 == list(approved.marker.line.color)
    assert approved.marker.size == 20 and approved.marker.line.width == 2 and approved.mode == "markers+text"
    assert approved.textposition == "middle right" and approved.textfont.size == theme.TICK_SIZE - 1
    assert list(approved.customdata[0]) == ["Treatment-resistant major depressive disorder", "Strong", "6", "finding 0",
                                            "Smith et al. 2001", "Spravato", "mood", "moderate", "reason 0",
                                            ", set by a regulator's approval"]
    assert approved.customdata[1][9] == ""  # graded on its trials
    assert list(approved.customdata[1])[2:8] == ["12", "finding 2", "FDA 2019", "unknown", "pain",
                                                 "not rated by the review"]
    inv = fig.data[2]
    assert list(inv.text) == ["2 RCTs · 1", ""] and inv.customdata[1][2] == "not counted"
    assert inv.hovertemplate == (
        "<b>%{customdata[0]}</b> (%{customdata[6]})<br>Grade %{x}: %{customdata[1]}%{customdata[9]} · RCTs: "
        "%{customdata[2]} · "
        "certainty (GRADE): %{customdata[7]}<br>Status: investigational<br><b>Why this grade:</b> %{customdata[8]}"
        "<br>%{customdata[3]}<br><i>Source: %{customdata[4]}</i>" + END)
    assert list(fig.data[1].text) == ["1 RCT · 40"]


def test_evidence_matrix_axes():
    conditions, grades = conditions_frame(), grades_frame()
    fig = charts.evidence_matrix(conditions, grades, CITES)
    x = fig.layout.xaxis
    assert list(x.categoryarray) == list("ABCD") == list(x.tickvals) and x.categoryorder == "array"
    assert list(x.ticktext) == ["<b>A</b>", "<b>B</b>", "<b>C</b>", "<b>D</b>"]
    assert x.title.text == "Evidence grade (A strongest) · randomised trials and participants behind it"
    assert x.side == "top" and list(x.range) == [-0.5, 3.5] and x.tickangle == 0
    ranked = conditions.sort_values(["evidence_grade", "group", "condition"])["condition"]
    assert [label.replace("<br>", " ") for label in fig.layout.yaxis.categoryarray] == list(ranked)[::-1]
    assert fig.layout.yaxis.categoryorder == "array" and fig.layout.yaxis.title.text is None
    assert fig.layout.height == max(360, 48 * len(conditions) + 150)  # some labels wrap: taller rows
    assert (fig.layout.legend.y, fig.layout.legend.yanchor, fig.layout.margin.t) == (-0.02, "top", 70)
    short = conditions.assign(condition=[f"C{i}" for i in range(5)])
    assert charts.evidence_matrix(short, grades, CITES).layout.height == 360
    many = pd.concat([short] * 3).assign(condition=[f"C{i}" for i in range(15)])
    assert charts.evidence_matrix(many, grades, CITES).layout.height == 34 * 15 + 150
    assert len(charts.evidence_matrix(short.iloc[:1], grades, CITES).data) == 1  # no empty traces


def test_evidence_behind_a_grade():
    behind = conditions_chart.evidence_behind
    assert behind(pd.NA, 10) == "" and behind(1, pd.NA) == "1 RCT" and behind(3, 1234) == "3 RCTs · 1,234"


def test_conditions_takeaway_counts_grades_approvals_and_the_article():
    conditions = conditions_frame()
    strong = conditions["evidence_grade"].isin(["A", "B"])
    seed = conditions["in_seed"].fillna(False).astype(bool)
    assert describe.conditions_takeaway(conditions) == (
        f"{describe.strong_grades_text(conditions)} {(conditions['status'] == 'approved').sum()} conditions have an "
        f"approved product; of the {seed.sum()} the article names, {(strong & seed).sum()} reach grade A or B.")
    unknown_seed = conditions.assign(in_seed=pd.array([True, None, None, None, None], dtype="boolean"))
    assert describe.conditions_takeaway(unknown_seed).endswith("of the 1 the article names, 1 reach grade A or B.")


def test_strong_grades_say_which_rest_on_an_approval_and_of_which_product():
    conditions = conditions_frame()
    # trd (A, approval of Spravato), si (B, trials), pain (A, trials): 3 strong, 1 on an approval
    assert describe.strong_grades_text(conditions) == (
        "3 of 5 conditions are graded A or B: 1 rests on a regulator's approval (Spravato for 1) and 2 on trial "
        "evidence alone (1 grade A and 1 grade B).")
    # a second approval of another product, and one of the same product: counted per product, most first
    more = conditions.assign(grade_basis=["regulatory approval", "trial evidence", "regulatory approval",
                                          "trial evidence", "trial evidence"],
                             approved_product=["Spravato", None, "Ketalar", None, None],
                             evidence_grade=["A", "B", "A", "C", "A"],
                             status=["approved", "off-label with trial evidence", "approved", "investigational",
                                     "approved"])
    more.loc[4, ["grade_basis", "approved_product"]] = ["regulatory approval", "Spravato"]
    assert describe.strong_grades_text(more) == (
        "4 of 5 conditions are graded A or B: 3 rest on a regulator's approval (Spravato for 2 and Ketalar for 1) "
        "and 1 on trial evidence alone (all grade B).")
    trials_only = conditions.assign(grade_basis="trial evidence")
    assert describe.strong_grades_text(trials_only).endswith(": 3 on trial evidence alone (2 grade A and 1 grade B).")
    assert describe.strong_grades_text(conditions.assign(evidence_grade="C")) == "0 of 5 conditions are graded A or B."


def test_alt_conditions_counts_per_grade_and_names_approvals():
    conditions = conditions_frame()
    assert describe.alt_conditions(conditions) == (
        "Evidence matrix of 5 conditions by evidence grade: grade A: 2, grade B: 1, grade C: 1, grade D: 1. "
        "Approved: Treatment-resistant major depressive disorder and Acute pain. "
        + describe.strong_grades_text(conditions))


# --- mechanism ---------------------------------------------------------------------------------------

def mechanism_frame() -> pd.DataFrame:
    rows = [
        (3, "synapse", "BDNF release", "minutes", "animal", "main", "s2"),
        (1, "receptor", "NMDA block", "seconds", "human", "main", "s1"),
        (2, "circuit", "Glutamate surge", "minutes", "animal and human", "main", "s1"),
        (5, "signalling", "Opioid system", "hours", "human", "alternative", "s3"),
        (4, "structural", "New synapses", "hours to days", "animal", "main", "s2"),
        (6, "signalling", "HNK metabolite", "hours", "animal", "alternative", "s1"),
    ]
    df = pd.DataFrame(rows, columns=["step", "stage", "label", "timescale", "evidence", "pathway", "source_ids"])
    return df.assign(description=[f"what happens at {s}" for s in df["step"]])


def test_step_positions_main_chain_then_alternatives_below_a_gap():
    pos = mechanism_chart.step_positions(mechanism_frame())
    assert list(pos["step"]) == [1, 2, 3, 4, 5, 6] and list(pos["y"]) == [0, -1, -2, -3, -5, -6]


def test_mechanism_chart_whole_chain():
    mech = mechanism_frame()
    fig = charts.mechanism_steps(mech, CITES)
    main, main_times, alt, alt_times = fig.data
    assert (main.name, alt.name) == ("proposed main chain", "alternative hypotheses")
    assert list(main.ids) == ["1", "2", "3", "4"] and list(alt.ids) == ["5", "6"]
    assert list(main.text) == ["1. NMDA block", "2. Glutamate surge", "3. BDNF release", "4. New synapses"]
    assert list(main.y) == [0, -1, -2, -3] and list(main.x) == [0.0] * 4 and list(main_times.x) == [0.62] * 4
    assert (main.marker.symbol, main.marker.color, alt.marker.symbol, alt.marker.color) == (
        "circle", theme.OKABE_ITO["blue"], "diamond", theme.OKABE_ITO["orange"])
    assert main.marker.size == 20 and main.mode == "markers+text" and main.textposition == "middle right"
    assert main.textfont.size == theme.TICK_SIZE + 1
    assert list(main_times.text) == ["seconds", "minutes", "minutes", "hours to days"] and main_times.mode == "text"
    assert main_times.showlegend is False and main_times.hoverinfo == "skip"
    assert main_times.textposition == "middle right"
    assert main_times.textfont.size == theme.TICK_SIZE and list(main_times.y) == [0, -1, -2, -3]
    assert list(main.customdata[0]) == ["NMDA block", "seconds", "what happens at 1", "human", "Smith et al. 2001"]
    assert main.hovertemplate == ("<b>%{customdata[0]}</b><br>When: %{customdata[1]} · evidence: %{customdata[3]}"
                                  "<br>%{customdata[2]}<br><i>Source: %{customdata[4]}</i>" + END)
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    assert [(a.ay, a.y) for a in arrows] == [(0, -1), (-1, -2), (-2, -3)]  # between consecutive main steps only
    a = arrows[0]
    assert (a.x, a.ax, a.xref, a.yref, a.axref, a.ayref, a.text) == (0.0, 0.0, "x", "y", "x", "y", "")
    assert (a.arrowhead, a.arrowsize, a.arrowwidth, a.arrowcolor, a.standoff, a.startstandoff) == (
        3, 1.3, 2, theme.OKABE_ITO["grey"], 11, 11)
    when = next(a for a in fig.layout.annotations if not a.showarrow)
    assert (when.text, when.x, when.y, when.xanchor, when.font.size) == ("<b>when</b>", 0.62, 0.8, "left",
                                                                         theme.TICK_SIZE)
    assert fig.layout.height == max(380, 44 * 6 + 140)
    assert fig.layout.xaxis.visible is False and list(fig.layout.xaxis.range) == [-0.03, 1.0]
    assert fig.layout.xaxis.fixedrange and fig.layout.yaxis.fixedrange and fig.layout.yaxis.visible is False
    assert list(fig.layout.yaxis.range) == [-6 - 0.7, 1.2]


def test_mechanism_chart_step_by_step():
    mech = mechanism_frame()
    fig = charts.mechanism_steps(mech, CITES, upto=2)
    assert [list(t.ids) for t in fig.data if t.ids] == [["1", "2"]]  # later steps and alternatives not yet drawn
    assert len([a for a in fig.layout.annotations if a.showarrow]) == 1
    assert [t.name for t in charts.mechanism_steps(mech, CITES, upto=4).data if t.ids] == [
        "proposed main chain", "alternative hypotheses"]  # the last step shown: alternatives too
    assert len(charts.mechanism_steps(mech, CITES, upto=5).data) == 4
    tall = pd.concat([mech] * 2).assign(step=range(1, 13))
    assert charts.mechanism_steps(tall, CITES).layout.height == 44 * 12 + 140


def test_mechanism_takeaway_and_alt_text():
    mech = mechanism_frame()
    main = mech[mech["pathway"] == "main"].sort_values("step")
    assert describe.mechanism_takeaway(mech) == (
        f"The proposed chain runs in {len(main)} steps, from “NMDA block” to “New synapses”; the first steps take "
        f"seconds, and {len(mech) - len(main)} alternative or complementary hypotheses remain under study.")
    assert describe.mechanism_takeaway(mech[mech["pathway"] != "main"]) == "No mechanism steps in the data."
    assert describe.alt_mechanism(mech, None) == (
        "Step diagram of the proposed mechanism: NMDA block (seconds); then Glutamate surge (minutes); then BDNF "
        "release (minutes); then New synapses (hours to days).")
    assert describe.alt_mechanism(mech, 2) == ("Step diagram of the proposed mechanism: NMDA block (seconds); then "
                                               "Glutamate surge (minutes).")


# --- safety ------------------------------------------------------------------------------------------

def side_effects_frame() -> pd.DataFrame:
    rows = [
        ("dis", "Dissociation (feeling detached)", "neuropsychiatric", "acute", 40.0, 5.0, "placebo"),
        ("bp", "Raised blood pressure", "cardiovascular", "acute", 20.0, None, None),
        ("nau", "Nausea", "gastrointestinal", "acute", 28.0, 9.0, "placebo"),
        ("diz", "Dizziness", "neuropsychiatric", "acute", 29.0, 8.0, "midazolam"),
        ("bla", "Bladder damage", "urological", "chronic use", None, None, None),
        ("cog", "Memory problems", "cognitive", "chronic use", 15.0, None, None),
        ("hd", "Headache", "neurological", "acute", None, None, None),
    ]
    df = pd.DataFrame(rows, columns=["effect_id", "effect", "system", "timing", "frequency_pct", "comparator_pct",
                                     "comparator"])
    return df.assign(context=[f"context {i}" for i in range(len(df))], source_ids="s1")


def test_frequency_rows_one_timing_with_a_frequency_grouped_by_system():
    rows = derive.frequency_rows(side_effects_frame())
    assert list(rows["effect_id"]) == ["diz", "dis", "nau", "bp"]  # systems Z-A, then by frequency, largest last
    assert list(rows["label"]) == ["Dizziness", "Dissociation", "Nausea", "Raised blood pressure"]
    assert list(derive.frequency_rows(side_effects_frame(), "chronic use")["effect_id"]) == ["cog"]
    same = side_effects_frame().assign(effect=["Pain (a)", "Pain (b)", "Nausea", "Dizziness", "x", "y", "z"])
    assert set(derive.frequency_rows(same)["label"]) == {"Pain (a)", "Pain (b)", "Nausea", "Dizziness"}


def test_short_label():
    assert derive.short_label("Dissociation (feeling detached)") == "Dissociation"
    assert derive.short_label("x" * 30) == "x" * 30
    assert derive.short_label("word " * 7, limit=12) == "word word w…"
    assert derive.short_label("word " * 2 + "x" * 3, limit=11) == "word word…"  # no space before the ellipsis


def test_safety_chart_drug_and_comparator_dots_joined_by_a_line():
    effects = side_effects_frame()
    fig = charts.adverse_effects_vs_comparator(effects, CITES)
    rows = derive.frequency_rows(effects)
    lines = [t for t in fig.data if t.mode == "lines"]
    assert len(lines) == rows["comparator_pct"].notna().sum() == 3  # no line where no comparator was reported
    assert [list(t.x) for t in lines] == [[8.0, 29.0], [5.0, 40.0], [9.0, 28.0]]
    assert list(lines[1].y[0]) == ["neuropsychiatric"] * 2 and list(lines[1].y[1]) == ["Dissociation"] * 2
    assert (lines[0].line.color, lines[0].line.width, lines[0].showlegend, lines[0].hoverinfo) == (
        theme.COMPARATOR, 3, False, "skip")
    comp, drug = fig.data[-2], fig.data[-1]
    assert (comp.name, drug.name) == ("comparator arm", "ketamine / esketamine arm")
    assert list(drug.ids) == list(rows["effect_id"])
    assert list(comp.ids) == [f"{e}-comparator" for e in rows["effect_id"]]
    assert list(drug.x) == list(rows["frequency_pct"])
    assert [v for v in comp.x if not pd.isna(v)] == [8.0, 5.0, 9.0]
    assert [list(level) for level in drug.y] == [list(rows["system"]), list(rows["label"])]
    assert (comp.marker.color, comp.marker.symbol, comp.marker.size, comp.marker.line.width) == (
        theme.COMPARATOR, "circle-open", 14, 3)
    assert (drug.marker.color, drug.marker.symbol, drug.marker.size) == (theme.TIMING["acute"], "circle", 14)
    assert list(drug.customdata[1]) == ["Dissociation (feeling detached)", "context 0", "placebo", "5%",
                                        "Smith et al. 2001", "neuropsychiatric"]
    assert drug.customdata[3][3] == "not reported" and drug.customdata[3][2] == "unknown"
    assert comp.hovertemplate == "<b>%{customdata[0]}</b><br>%{customdata[2]}: <b>%{x:g}%</b>" + END
    assert drug.hovertemplate == ("<b>%{customdata[0]}</b> (%{customdata[5]})<br>Drug arm: <b>%{x:g}%</b> · "
                                  "comparator (%{customdata[2]}): %{customdata[3]}<br>%{customdata[1]}<br><i>Source: "
                                  "%{customdata[4]}</i>" + END)
    x, y = fig.layout.xaxis, fig.layout.yaxis
    assert (x.title.text, x.ticksuffix, x.rangemode) == ("Patients reporting the effect (%)", "%", "tozero")
    assert (y.title.text, y.type, y.dividercolor) == (None, "multicategory", theme.OKABE_ITO["grey"])
    assert fig.layout.height == 340
    many = pd.concat([effects] * 3).assign(effect_id=[f"e{i}" for i in range(21)])
    assert charts.adverse_effects_vs_comparator(many, CITES).layout.height == 36 * 12 + 140
    chronic = charts.adverse_effects_vs_comparator(effects, CITES, "chronic use")
    assert list(chronic.data[-1].ids) == ["cog"] and chronic.data[-1].marker.color == theme.TIMING["chronic use"]


def test_safety_takeaway_the_most_frequent_acute_effect():
    effects = side_effects_frame()
    acute = effects[(effects["timing"] == "acute") & effects["frequency_pct"].notna()]
    top = acute.loc[acute["frequency_pct"].idxmax()]
    chronic = (effects["timing"] == "chronic use").sum()
    assert describe.safety_takeaway(effects) == (
        f"The most frequent acute effect is {top['effect']}: {top['frequency_pct']:.0f}% of patients vs "
        f"{top['comparator_pct']:.0f}% with {top['comparator']}; {chronic} harms are documented with frequent or "
        f"long-term use.")
    no_comp = effects.assign(comparator_pct=None)
    assert describe.safety_takeaway(no_comp).startswith(
        "The most frequent acute effect is Dissociation (feeling detached): 40% of patients; 2 harms")
    assert describe.safety_takeaway(effects[effects["timing"] != "acute"]) == (
        "2 chronic-use harms are documented; no acute frequencies are in the data.")


def test_alt_safety_names_the_highest_and_lowest():
    rows = derive.frequency_rows(side_effects_frame())
    assert describe.alt_safety(rows) == (
        "Dot chart of adverse-effect frequency in the drug arm, each with its comparator: 4 values from 20 to 40%; "
        "highest Dissociation (feeling detached) (40%), lowest Raised blood pressure (20%).")


# --- claims ------------------------------------------------------------------------------------------

VERDICTS = ["supported", "partly supported", "overstated", "unsupported", "incorrect"]


def claims_frame() -> pd.DataFrame:
    verdicts = ["supported"] * 3 + ["partly supported"] * 2 + ["overstated", "unsupported", "incorrect", "incorrect"]
    return pd.DataFrame({"claim_id": [f"c{i}" for i in range(len(verdicts))], "verdict": verdicts})


def test_verdict_counts_in_schema_order_with_zeros():
    claims = claims_frame()
    counts = derive.verdict_counts(claims, VERDICTS)
    assert list(counts["verdict"]) == VERDICTS and list(counts["claims"]) == [3, 2, 1, 1, 2]
    two = claims[claims["verdict"].isin(["supported", "incorrect"])]
    assert list(derive.verdict_counts(two, VERDICTS)["claims"]) == [3, 0, 0, 0, 2]
    claims.attrs["enums"] = {"verdict": ["incorrect", "supported"]}
    assert list(derive.verdict_counts(claims)["verdict"]) == ["incorrect", "supported"]  # the schema's order
    assert list(derive.verdict_counts(two.copy())["verdict"]) == ["incorrect", "supported"]  # else those present


def test_verdict_bars():
    counts = derive.verdict_counts(claims_frame(), VERDICTS)
    fig = charts.verdict_bars(counts)
    bar = fig.data[0]
    assert list(bar.x) == [3, 2, 1, 1, 2] and list(bar.y) == VERDICTS and list(bar.ids) == VERDICTS
    assert list(bar.text) == [3, 2, 1, 1, 2] and bar.textposition == "outside" and bar.orientation == "h"
    assert list(bar.marker.color) == [theme.VERDICT[v] for v in VERDICTS]
    assert bar.hovertemplate == "<b>%{y}</b>: %{x} claim(s)" + END
    assert list(fig.layout.yaxis.categoryarray) == VERDICTS[::-1] and fig.layout.yaxis.categoryorder == "array"
    assert fig.layout.yaxis.title.text is None
    x = fig.layout.xaxis
    assert (x.title.text, x.rangemode, x.dtick) == ("Claims in the article", "tozero", 1)
    assert fig.layout.height == 300 and fig.layout.showlegend is False
    assert charts.verdict_bars(counts.assign(claims=[11, 0, 0, 0, 0])).layout.xaxis.dtick == 1
    assert charts.verdict_bars(counts.assign(claims=[12, 0, 0, 0, 0])).layout.xaxis.dtick is None


def test_claims_takeaway_counts_every_verdict_class():
    claims = claims_frame()
    held = (claims["verdict"] == "supported").sum()
    failed = claims["verdict"].isin(["overstated", "unsupported", "incorrect"]).sum()
    assert describe.claims_takeaway(claims) == (
        f"Of the article's {len(claims)} factual claims, {held} hold up as written and {failed} are overstated, "
        f"unsupported or incorrect.")
    for verdict in ("overstated", "unsupported", "incorrect"):  # each failing class counts
        one = claims[claims["verdict"].isin(["supported", verdict])]
        assert f"and {(one['verdict'] == verdict).sum()} are" in describe.claims_takeaway(one)


def test_alt_counts_of_claims():
    counts = derive.verdict_counts(claims_frame(), VERDICTS)
    assert describe.alt_counts("Bar chart of claims per verdict", counts, "verdict", "claims") == (
        "Bar chart of claims per verdict: 5 values from 1 to 3; highest supported (3), lowest overstated (1).")


# --- sources -----------------------------------------------------------------------------------------

def test_sources_by_kind_in_the_schema_order_without_empty_kinds():
    sources = sources_frame()
    kinds = ["trial", "meta-analysis", "review", "label", "web"]
    fig = charts.sources_by_kind(sources, kinds)
    bar = fig.data[0]
    assert list(bar.y) == ["trial", "meta-analysis", "label"] == list(bar.ids)  # no bar for a kind with no source
    assert list(bar.x) == [3, 2, 1] and list(bar.text) == ["3", "2", "1"]
    assert bar.orientation == "h" and bar.textposition == "outside"
    assert bar.marker.color == theme.OKABE_ITO["blue"] and bar.hovertemplate == "<b>%{y}</b>: %{x} source(s)" + END
    assert fig.layout.yaxis.categoryorder == "total ascending" and fig.layout.yaxis.title.text is None
    assert (fig.layout.xaxis.title.text, fig.layout.xaxis.rangemode) == ("Sources", "tozero")
    assert fig.layout.height == 320 and fig.layout.showlegend is False


def test_kind_counts_and_rows_backed():
    counts = derive.kind_counts(sources_frame())
    assert list(counts.columns) == ["kind", "n"] and list(counts["kind"])[0] == "trial"
    assert list(counts["n"]) == [3, 2, 1]
    backed = derive.rows_backed({"sources": sources_frame(), "timeline": timeline_frame(),
                                 "claims": claims_frame(), "onset": onset_frame()})
    # by hand: each row citing an id counts once for it (s2;s3 counts for both; sources itself is not a fact)
    assert dict(backed) == {"s1": 2 + 6, "s2": 2 + 4, "s3": 2 + 2, "s9": 1}
    assert backed.dtype == "int64" and derive.rows_backed({"sources": sources_frame()}).empty
    twice = pd.DataFrame({"source_ids": ["s1;s1"]})
    assert dict(derive.rows_backed({"x": twice})) == {"s1": 1}


def test_sources_takeaway_counts_and_kinds():
    sources = sources_frame()
    backed = pd.Series({"s1": 4, "s2": 3})
    assert describe.sources_takeaway(sources, backed) == (
        "6 sources back 7 citations across the tables; the most common are 3 trials, 2 meta-analyses and 1 label.")
    web = sources.assign(kind=["web", "web", "history", "history", "reference", "reference"])
    assert describe.sources_takeaway(web, backed).endswith("are 2 web pages, 2 historical works and 2 references.")
    assert describe.sources_takeaway(web.iloc[[0, 2, 4]], backed).endswith("are 1 web, 1 history and 1 reference.")


def test_alt_counts_of_sources():
    assert describe.alt_counts("Bar chart of sources by kind", derive.kind_counts(sources_frame()), "kind", "n") == (
        "Bar chart of sources by kind: 3 values from 1 to 3; highest trial (3), lowest label (1).")


# --- routes: charts ----------------------------------------------------------------------------------

def test_bioavailability_bars_from_low_to_high_per_product():
    routes = routes_frame()
    fig = charts.bioavailability_by_route(routes, CITES)
    assert [t.name for t in fig.data] == ["racemic ketamine", "esketamine"]
    racemic, esk = fig.data
    assert list(racemic.ids) == ["oral", "sl", "in", "iv"]  # "sc" has no figure: no bar; sorted by the high end
    assert list(racemic.y) == ["Oral (racemic)", "Sublingual (racemic)", "Intranasal (racemic)",
                               "Intravenous (racemic)"]
    assert list(racemic.base) == [20.0, 30.0, 11.0, 100.0]  # a missing low end starts at the high end
    assert list(racemic.x) == [4.0, 1.5, 39.0, 1.5]  # a single value still shows as a sliver
    assert list(esk.y) == ["Intranasal (esketamine)"] and esk.marker.color == theme.PRODUCT["esketamine"]
    assert racemic.marker.color == theme.PRODUCT["racemic ketamine"] and racemic.orientation == "h"
    assert list(racemic.customdata[2]) == ["Intranasal (racemic)", "11–50 %", "20–40 min", "use 1", "Jones 2002"]
    assert racemic.customdata[1][1] == "30 %" and racemic.customdata[3][2] == "unknown"
    assert racemic.customdata[0][4] == "Smith et al. 2001; Jones 2002"
    assert racemic.hovertemplate == ("<b>%{customdata[0]}</b><br>Bioavailability: <b>%{customdata[1]}</b><br>"
                                     "Time to peak (Tmax): %{customdata[2]}<br>Use: %{customdata[3]}"
                                     "<br><i>Source: %{customdata[4]}</i>" + END)
    x = fig.layout.xaxis
    assert (list(x.range), x.ticksuffix) == ([0, 105], "%")
    assert x.title.text == "Bioavailability (% of dose reaching the circulation)"
    assert list(fig.layout.yaxis.categoryarray) == ["Oral (racemic)", "Sublingual (racemic)", "Intranasal (esketamine)",
                                                    "Intranasal (racemic)", "Intravenous (racemic)"]
    assert fig.layout.yaxis.categoryorder == "array" and fig.layout.yaxis.title.text is None
    assert fig.layout.barmode == "overlay" and fig.layout.height == 48 * 5 + 120
    assert charts.bioavailability_by_route(routes.iloc[:2], CITES).layout.height == 320


def test_onset_duration_bands_one_trace_per_effect_timed():
    routes = routes_frame()
    fig = charts.onset_duration_bands(routes, CITES)
    bars = [t for t in fig.data if t.type == "bar"]
    assert [t.name for t in bars] == ["anaesthesia", "analgesia", "effect not stated"]
    assert [list(t.ids) for t in bars] == [["iv"], ["in", "sc"], ["esk"]]  # no onset or no end: not drawn
    analgesia = bars[1]
    assert list(analgesia.base) == [10.0, 5.0] and list(analgesia.x) == [230.0, 85.0]
    assert analgesia.marker.color == theme.EFFECT_TIMED["analgesia"] and analgesia.legendgroup == "analgesia"
    assert bars[2].marker.color == theme.COMPARATOR and bars[0].marker.color == theme.EFFECT_TIMED["anaesthesia"]
    assert list(analgesia.customdata[0]) == ["Intranasal (racemic)", "10–15 min",
                                             "60–240 min (the study stopped observing here)", "Jones 2002", "analgesia"]
    assert analgesia.customdata[1][2] == "60–90 min"  # not censored: no note
    assert analgesia.hovertemplate == ("<b>%{customdata[0]}</b>: %{customdata[4]}<br>Onset: %{customdata[1]}<br>"
                                       "Duration: %{customdata[2]}<br><i>Source: %{customdata[3]}</i>" + END)
    ends = [t for t in fig.data if t.type == "scatter"]
    assert len(ends) == 1 and list(ends[0].x) == [240.0] and list(ends[0].y) == ["Intranasal (racemic)"]
    end = ends[0]
    assert (end.marker.symbol, end.marker.size, end.marker.color) == ("triangle-right", 14, analgesia.marker.color)
    assert end.legendgroup == "analgesia" and end.showlegend is False and end.mode == "markers"
    assert end.hovertemplate == "Observation ended at %{x:g} min: the effect may last longer" + END
    x = fig.layout.xaxis
    assert x.type == "log" and x.title.text == ("Minutes after the dose (log scale): bar runs from onset to end of "
                                                "effect")
    assert list(x.tickvals) == [0.5, 1, 2, 5, 10, 30, 60, 120, 240, 480]
    assert list(x.ticktext) == ["½", "1", "2", "5", "10", "30", "60", "120", "240", "480"]
    assert list(fig.layout.yaxis.categoryarray) == ["Intravenous (racemic)", "Intranasal (racemic)",
                                                    "Subcutaneous (racemic)", "Intranasal (esketamine)"]
    assert fig.layout.barmode == "overlay" and fig.layout.height == 320


def test_model_inputs_midpoints_of_the_published_ranges():
    rows = derive.model_inputs(routes_frame())
    assert list(rows["route_id"]) == ["in", "esk"]  # each other route lacks Tmax, a duration or a bioavailability
    assert list(rows["model_tmax_min"]) == [30.0, 30.0] and list(rows["model_duration_min"]) == [150.0, 105.0]
    assert list(rows["model_fraction"]) == pytest.approx([0.305, 0.48])
    assert list(derive.midpoint(pd.Series([1.0, np.nan, 4.0]), pd.Series([3.0, 5.0, np.nan]))) == [2.0, 5.0, 4.0]


def test_concentration_model_one_curve_per_modelled_route():
    routes = routes_frame()
    fig = charts.concentration_model(routes, CITES)
    assert [t.name for t in fig.data] == ["Intranasal (racemic)", "Intranasal (esketamine)"]
    first, second = fig.data
    assert max(first.y) == pytest.approx(0.305, abs=0.005) and max(second.y) == pytest.approx(0.48, abs=0.005)
    assert first.x[np.argmax(first.y)] == pytest.approx(30, abs=1.0)  # peaks at the published Tmax
    assert first.x[-1] == pytest.approx(150 * 1.3) and len(first.x) == 300 and first.x[0] == 0
    assert (first.line.color, first.line.dash, first.line.width) == (theme.SEQUENCE[0], "solid", 3)
    assert (second.line.color, second.line.dash) == (theme.SEQUENCE[1], "dash") and first.mode == "lines"
    assert first.hovertemplate == ("<b>Intranasal (racemic)</b> (model)<br>%{x:.0f} min: %{y:.2f} of the IV peak"
                                   "<br>parameters: Tmax 30 min, bioavailability 30.5%, duration (analgesia) 150 min"
                                   "<br><i>Source: Jones 2002</i>" + END)
    assert "duration 105 min<br><i>Source: FDA 2019</i>" in second.hovertemplate
    assert "Source: s2</i>" in charts.concentration_model(routes).data[0].hovertemplate
    assert fig.layout.height == 460 and list(fig.layout.xaxis.range) == pytest.approx([0, 195])
    assert fig.layout.xaxis.title.text == "Minutes after the same dose"
    assert fig.layout.yaxis.title.text == "Modelled concentration (IV peak = 1)"
    assert list(fig.layout.yaxis.range) == [0, 1.05]
    title = fig.layout.title
    assert (title.text, title.x, title.xanchor, title.y, title.yanchor) == (
        "Illustrative model, not measured data", 0.99, "right", 0.97, "top")
    assert fig.layout.margin.t == 80
    empty = charts.concentration_model(routes.iloc[:1], CITES)
    assert not empty.data and list(empty.layout.xaxis.range) == [0, 60.0]
    five = pd.concat([routes.iloc[[1]]] * 5).assign(route_id=list("abcde"))
    dashes = [t.line.dash for t in charts.concentration_model(five, CITES).data]
    assert dashes == ["solid", "dash", "dot", "dashdot", "solid"]


def test_alt_bioavailability_from_the_lowest_low_end_to_the_highest_high_end():
    routes = routes_frame()
    drawn = routes.dropna(subset=["bioavailability_pct_low", "bioavailability_pct_high"], how="all")
    assert describe.alt_bioavailability(routes) == (
        f"Range bars of bioavailability by route and product: {len(drawn)} routes from 11 to 100%; highest "
        "intravenous racemic ketamine (100%), lowest intranasal racemic ketamine (11%).")
    assert describe.alt_bioavailability(routes[routes["route_id"] == "sc"]) == (
        "Range bars of bioavailability by route and product: no values.")


def test_alt_bands_and_model():
    routes = routes_frame()
    assert describe.alt_bands(routes) == (
        "Bars from onset to end of effect per route, minutes on a log axis, coloured by the effect timed (anaesthesia "
        "and analgesia): 4 values from 10 to 240 min; highest intranasal racemic ketamine (240 min), lowest "
        "intravenous racemic ketamine (10 min).")
    assert describe.alt_model(derive.model_inputs(routes)) == (
        "Illustrative model (not data): concentration curves per route for the same dose, each as high as its "
        "bioavailability relative to intravenous; peak height: 2 values from 0.3 to 0.5; highest Intranasal "
        "(esketamine) (0.5), lowest Intranasal (racemic) (0.3).")


# --- shared pieces -----------------------------------------------------------------------------------

def test_alt_points_skips_missing_values_and_keeps_labels_aligned():
    values = pd.Series([np.nan, 5.0, 1.5, np.nan], index=[10, 11, 12, 13])
    labels = pd.Series(["a", "b", "c", "d"], index=[10, 11, 12, 13])
    assert describe.alt_points("W", values, labels, " u") == (
        "W: 2 values from 1.5 to 5 u; highest b (5 u), lowest c (1.5 u).")
    assert describe.alt_points("W", values.iloc[[0, 3]], labels.iloc[[0, 3]], "") == "W: no values."


def test_what_it_is_from_the_tables():
    tables = {"timeline": timeline_frame(), "conditions": conditions_frame(), "mechanism": mechanism_frame()}
    assert describe.what_it_is(tables) == [
        "1962: First synthesis. 1970: FDA approves Ketalar.",
        "Approved uses in the data: Treatment-resistant major depressive disorder (Spravato) and Acute pain "
        "(approved).",
        "Proposed mechanism: NMDA block → … → New synapses."]
    bare = {"timeline": timeline_frame().query("category != 'approval'"),
            "conditions": conditions_frame().query("status != 'approved'"),
            "mechanism": mechanism_frame().query("pathway != 'main'")}
    assert describe.what_it_is(bare) == ["1962: First synthesis."]


def test_hover_helpers_escape_and_wrap():
    assert esc(None) == "unknown" and esc(float("nan")) == "unknown"
    assert esc('<b a="x">&') == '&lt;b a="x"&gt;&amp;' and esc(3) == "3"
    assert wrap("") == "unknown" and wrap(pd.NA) == "unknown"
    assert wrap("aaa bbb <c>", width=7) == "aaa bbb<br>&lt;c&gt;"
    assert wrap("word " * 20) == "word " * 11 + "word<br>" + "word " * 7 + "word"  # 60 characters a line
    assert axis_label("x" * 10 + " " + "y" * 30) == "x" * 10 + "<br>" + "y" * 30  # 34 characters a line
    assert cite_labels(pd.Series(["s1;s3", "", None, "s4<"]), CITES) == ["Smith et al. 2001; FDA 2019", "", "",
                                                                        "s4&lt;"]


# --- edges the tests above do not reach ----------------------------------------------------------------

def test_label_widths():
    label = "x" * 10 + " " + "y" * 24  # 35 characters: over the default 34, within 35
    assert axis_label(label) == "x" * 10 + "<br>" + "y" * 24 and axis_label(label, 35) == label
    conditions = conditions_frame().assign(condition=lambda d: d["condition"].where(
        d["condition_id"] != "aud", "Alcohol use disorder and relapses"))  # 33 characters: wraps at 32, not 34
    fig = charts.evidence_matrix(conditions, grades_frame(), CITES)
    inv = fig.data[2]
    assert list(inv.y)[1] == "Alcohol use disorder and<br>relapses"
    assert "Alcohol use disorder and<br>relapses" in fig.layout.yaxis.categoryarray
    assert wrap("x" * 59 + " y") == "x" * 59 + "<br>y" and wrap("x" * 59 + " y", 61) == "x" * 59 + " y"


def test_mechanism_chart_edges():
    mech = mechanism_frame()
    alternatives = mech[mech["pathway"] != "main"]
    fig = charts.mechanism_steps(alternatives, CITES)
    assert [t.name for t in fig.data if t.ids] == ["alternative hypotheses"]  # drawn with no main chain
    assert [t.name for t in charts.mechanism_steps(alternatives, CITES, upto=0).data if t.ids] == [
        "alternative hypotheses"]
    small = charts.mechanism_steps(mech.iloc[[1]], CITES)
    assert small.layout.height == 380
    when = next(a for a in small.layout.annotations if not a.showarrow)
    assert (when.xref, when.yref, when.showarrow) == ("x", "y", False)
    empty = charts.mechanism_steps(mech.iloc[:0], CITES)
    assert not empty.data and list(empty.layout.yaxis.range) == [-1, 1.2]


def test_route_bars_are_horizontal_per_label():
    routes = routes_frame()
    more = pd.concat([routes] * 2).assign(route_id=[f"r{i}" for i in range(12)])
    fig = charts.onset_duration_bands(more, CITES)
    bars = [t for t in fig.data if t.type == "bar"]
    assert all(t.orientation == "h" for t in bars)
    assert list(bars[0].y) == ["Intravenous (racemic)"] * 2 and fig.layout.yaxis.categoryorder == "array"
    assert fig.layout.height == 48 * 8 + 120


def test_safety_comparator_trace():
    fig = charts.adverse_effects_vs_comparator(side_effects_frame(), CITES)
    comp, drug = fig.data[-2], fig.data[-1]
    rows = derive.frequency_rows(side_effects_frame())
    assert comp.mode == "markers" == drug.mode
    assert [list(level) for level in comp.y] == [list(rows["system"]), list(rows["label"])]
    assert comp.customdata == drug.customdata


def test_derive_edges():
    onset = onset_frame()
    assert list(derive.arm_rows(onset)["point_id"]) == list(derive.arm_rows(onset, "single dose")["point_id"])
    assert derive.short_label("y" * 31) == "y" * 29 + "…" and derive.short_label("y" * 30) == "y" * 30
    assert derive.rows_backed({"sources": sources_frame()}).dtype == "int64"
    odd = milestones_frame().assign(days_low=[10.0, 2.0, 1.0, 7.0, 28.0, 1.0])  # a peak stated before separation
    lanes = derive.milestone_lanes(odd)
    assert list(lanes["milestone_id"]) == ["m4", "m1", "m2", "m3", "m6"]  # in milestone order, not by days
    assert list(lanes.columns) == list(odd.columns)


def test_describe_edges():
    routes = routes_frame()
    low_only = routes.assign(bioavailability_pct_high=lambda d: d["bioavailability_pct_high"].where(
        d["route_id"] != "iv"))  # intravenous: only a low end (100) published
    assert "from 100% intravenous" in describe.routes_takeaway(low_only)
    assert "highest intravenous racemic ketamine (100%)" in describe.alt_bioavailability(low_only)
    iv_bar = charts.bioavailability_by_route(low_only, CITES).data[0]
    assert dict(zip(iv_bar.ids, iv_bar.x))["iv"] == 1.5  # a low end alone: a sliver at it
    high_only = routes.assign(bioavailability_pct_high=lambda d: d["bioavailability_pct_high"].where(
        d["route_id"] != "sl", 5.0))  # sublingual: only a high end, the lowest figure of all
    assert describe.alt_bioavailability(high_only).endswith("lowest sublingual racemic ketamine (5%).")
    effects, stones, sources, conditions = effects_frame(), milestones_frame(), sources_frame(), conditions_frame()
    other = effects.assign(measure="response-rate difference")
    heads = describe.headlines({"onset_effect": other, "onset_milestones": stones, "sources": sources,
                                "conditions": conditions})
    assert all(h.value.startswith("difference in response rate ") for h in heads[:2])
    four = sources.assign(kind=["trial", "trial", "label", "label", "web", "guideline"])
    assert describe.sources_takeaway(four, pd.Series(dtype=int)).endswith(
        "the most common are 2 trials, 2 labels and 1 web.")


def test_fmt_boundary():
    from explainer.fmt import num

    assert num(0.05) == "0.1" and num(2.95) == "3"


# --- layout of the two-panel effect chart, and names the tables may add later ---------------------

def test_effect_chart_panels_share_one_time_axis_and_keep_their_own_settings(effect_figs):
    layout = effect_figs[SMD].layout
    assert layout.xaxis.matches == "x2" and layout.xaxis.showticklabels is False  # one time axis, labelled below
    assert list(layout.yaxis.domain) == pytest.approx([0.718, 1.0])  # lanes: 30 % of the height, 6 % gap
    assert list(layout.yaxis2.domain) == pytest.approx([0.0, 0.658])  # estimates: 70 %
    assert layout.xaxis.title.text is None and layout.xaxis2.title.text.startswith("Time since the dose")
    assert layout.yaxis.showgrid is False and layout.yaxis2.showgrid is None  # no grid across the lanes only
    assert layout.yaxis2.title.text == "SMD vs placebo (95% CI)"
    y2 = layout.yaxis2  # the lanes' categories and ticks stay on the lanes' axis
    assert y2.tickvals is None and y2.ticktext is None and y2.categoryarray is None and y2.categoryorder is None
    fig = effect_figs[SMD]
    assert {(t.xaxis, t.yaxis) for t in fig.data if t.mode != "lines+markers"} == {("x", "y")}  # milestones on top
    assert {(t.xaxis, t.yaxis) for t in fig.data if t.mode == "lines+markers"} == {("x2", "y2")}
    marks = [t for t in fig.data if t.mode == "markers+text"]
    assert all(list(t.y) == [t.name] * len(t.x) for t in marks)  # each milestone sits on its drug's lane
    est = [t for t in fig.data if t.mode == "lines+markers"]
    assert all(t.legendgroup == t.name for t in est)  # one legend entry shows and hides a drug's series


def test_effect_lane_starts_at_the_stated_first_separation_even_after_an_earlier_milestone():
    stones = milestones_frame()
    stones.loc[stones["milestone_id"] == "m4", ["days_low", "days_high"]] = [7.0, 7.0]
    early = pd.DataFrame([("m9", SSRI, "peak", "symptom score", 3.0, 3.0, "odd early peak", "s2")],
                         columns=stones.columns)
    fig = charts.onset_effect_over_time(effects_frame(), pd.concat([stones, early]), CITES, measure=SMD)
    lanes = {t.y[0]: list(t.x) for t in fig.data if t.mode == "lines" and t.yaxis == "y"}
    assert lanes[SSRI] == [7.0, 220.0]


def test_a_measure_without_a_short_name_is_shown_as_written():
    other = "hedges g"
    effects = effects_frame().assign(measure=other)
    fig = charts.onset_effect_over_time(effects, milestones_frame(), CITES, measure=other)
    assert fig.layout.yaxis2.title.text == "hedges g vs placebo (95% CI)"
    row = effects.set_index("effect_id", drop=False).loc["k1b"]
    assert describe.estimate_text(row, sources_frame()).startswith("hedges g 0.87 (95% CI")
    heads = describe.headlines({"onset_effect": effects, "onset_milestones": milestones_frame(),
                                "sources": sources_frame(), "conditions": conditions_frame()})
    assert heads[0].value.startswith("hedges g ") and heads[1].value.startswith("hedges g ")


def test_evidence_matrix_shows_a_grade_without_a_label_as_written():
    conditions = conditions_frame()
    fig = charts.evidence_matrix(conditions, grades_frame().iloc[1:], CITES)  # grade A has no label row
    approved = fig.data[0]
    assert [c[1] for c in approved.customdata] == ["A", "A"]


def test_overview_rests_on_the_first_event_the_approved_conditions_and_both_onset_tables():
    t = {"timeline": pd.DataFrame({"event_id": ["b", "a", "c"], "year": [1970, 1962, 2019]}),
         "conditions": pd.DataFrame({"condition_id": ["x", "y", "z"],
                                     "status": ["approved", "investigational", "approved"]}),
         "onset": pd.DataFrame({"arm_id": ["o1"]}), "ssri_onset": pd.DataFrame({"finding_id": ["f1"]})}
    first, approved, onset, ssri = derive.overview_cited(t)
    assert list(first["event_id"]) == ["a"] and list(approved["condition_id"]) == ["x", "z"]
    assert onset is t["onset"] and ssri is t["ssri_onset"]


def test_the_effect_measures_offered_best_compared_first():
    assert derive.effect_measures({"onset_effect": effects_frame()}) == [SMD, RR]  # SMD: 4 drugs; RR: 2
