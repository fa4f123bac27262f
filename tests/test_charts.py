"""Chart builders on small hand-made frames: traces, axes and hover text as expected."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from explainer import charts, derive, describe, pkmodel, registry
from explainer.charts.common import esc

CITES = {"s1": "Smith et al. 2001", "s2": "Jones 2002"}


def onset_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "point_id": ["k1", "k2", "p1", "p2", "s1"],
        "study": ["T", "T", "T", "T", "S"],
        "treatment": ["ketamine IV", "ketamine IV", "placebo", "placebo", "SSRI"],
        "arm": ["ketamine", "ketamine", "saline", "saline", "citalopram"],
        "population": ["TRD"] * 5, "measure": ["response"] * 5,
        "time_days": [1.0, 7.0, 1.0, 7.0, 42.0], "value_pct": [60.0, 40.0, 20.0, 25.0, 47.0],
        "n": pd.array([20, 20, 20, 20, 100], dtype="Int64"), "source_ids": ["s1", "s1", "s1", "s1", "s2"],
    })


def test_onset_timecourse_one_trace_per_arm_on_log_axis():
    fig = charts.onset_timecourse(onset_frame(), CITES, band_weeks=(2.0, 6.0))
    assert fig.layout.xaxis.type == "log"
    arms = [t for t in fig.data if t.ids]  # the last trace is the band's legend key
    assert sorted(len(t.x) for t in arms) == [1, 2, 2] and len(arms) == len(fig.data) - 1
    assert {i for t in arms for i in t.ids} == {"k1", "k2", "p1", "p2", "s1"}
    assert "Smith et al. 2001" in str(fig.data[0].customdata)
    assert fig.layout.shapes[0].x0 == 14 and fig.layout.shapes[0].x1 == 42
    assert "n = %{customdata[4]}" in fig.data[0].hovertemplate


def test_placebo_subtracted_pairs_arms_within_a_study():
    out = derive.placebo_subtracted(onset_frame())
    assert list(out["point_id"]) == ["k1", "k2"]  # the SSRI arm has no comparator in its study
    assert list(out["value_pct"]) == [40.0, 15.0]


def test_onset_takeaway_is_computed():
    ssri = pd.DataFrame({"statement_id": ["a"], "statement": ["x"], "weeks_low": [2.0], "weeks_high": [6.0],
                         "source_ids": ["s2"]})
    text = describe.onset_takeaway(onset_frame(), ssri)
    assert "median 60% response (1 arms)" in text and "20% in 1 comparator arms" in text and "2–6 weeks" in text
    assert "times" not in text and "×" not in text  # no ratio of unlike quantities


def test_only_findings_feed_the_ssri_band():
    ssri = pd.DataFrame({"weeks_low": [1.0, 3.0, 2.0], "weeks_high": [1.0, None, 2.0],
                         "kind": ["finding", "belief tested", "finding"]})
    assert derive.ssri_onset_weeks(ssri) == (1.25, 1.75)  # the belief (3+ weeks) is left out
    assert derive.ssri_onset_weeks(ssri[ssri["kind"] == "belief tested"]) is None


def test_single_dose_and_repeated_dose_points_never_share_a_view():
    onset = onset_frame().assign(regimen=["single dose", "repeated doses", "single dose", "repeated doses",
                                          "daily course"])
    single = derive.arm_rows(onset, "single dose")
    repeated = derive.arm_rows(onset, "repeated doses")
    assert list(single["point_id"]) == ["k1", "p1", "s1"] and list(repeated["point_id"]) == ["k2", "p2", "s1"]


def effects_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "effect_id": ["k40", "k1", "k1b", "k12", "s7", "s56", "r7"],
        "treatment": ["single ketamine IV infusion"] * 3 + ["single ketamine IV infusion", "SSRI",
                                                            "antidepressant (any class)", "SSRI"],
        "comparator": ["placebo"] * 7, "population": ["MDD"] * 7, "analysis": ["meta-analysis"] * 7,
        "measure": ["standardised mean difference"] * 6 + ["risk ratio of response"],
        "scale": ["HAM-D"] * 7, "time_days": [0.0278, 1.0, 1.0, 11.0, 7.0, 56.0, 7.0],
        "time_window": [None, None, None, "days 10-12", None, None, None],
        "value": [0.5, 1.0, 0.87, 0.1, 0.3, 0.27, 1.64], "ci_low": [0.2, 0.73, 0.48, -0.2, 0.1, 0.24, 1.2],
        "ci_high": [0.8, 1.28, 1.26, 0.4, 0.5, 0.30, 2.25],
        "k_trials": pd.array([5, None, 8, 3, 10, None, None], dtype="Int64"),
        "n": pd.array([100, None, 231, 80, 900, None, None], dtype="Int64"),
        "locator": ["abstract"] * 7, "source_ids": ["s1", "s1", "s2", "s1", "s2", "s2", "s2"],
    })


def milestones_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "milestone_id": ["a", "b", "c", "d"],
        "treatment": ["single ketamine IV infusion"] * 3 + ["SSRI"],
        "milestone": ["first separation from placebo", "peak", "no longer separates", "first separation from placebo"],
        "outcome": ["symptom score"] * 4, "days_low": [0.0278, 1.0, 10.0, 7.0], "days_high": [0.0278, 1.0, 12.0, 7.0],
        "statement": ["from 40 min", "day 1", "by days 10-12", "by week 1"], "source_ids": ["s1", "s1", "s1", "s2"],
    })


def test_effect_chart_draws_one_measure_with_cis_and_the_milestone_lanes():
    fig = charts.onset_effect_over_time(effects_frame(), milestones_frame(), CITES,
                                        measure="standardised mean difference")
    ids = {i for t in fig.data for i in (t.ids or [])}
    assert ids == {"k40", "k1", "k1b", "k12", "s7", "s56", "a", "b", "c", "d"}  # the ratio row r7 is not mixed in
    estimates = [t for t in fig.data if t.error_y and t.error_y.array is not None]
    k = next(t for t in estimates if "k40" in t.ids)
    assert list(k.error_y.arrayminus) == pytest.approx([0.3, 0.27, 0.3])  # value - ci_low, per point
    colours = dict(zip(k.ids, k.marker.color))
    assert colours["k12"] == "rgba(0,0,0,0)" and colours["k1"] != "rgba(0,0,0,0)"  # CI crossing 0: open marker
    assert fig.layout.xaxis.type == "log" and fig.layout.yaxis2.title.text.startswith("SMD vs placebo")
    assert fig.layout.yaxis2.range[0] < 0 < fig.layout.yaxis2.range[1]  # the line of no difference is in view
    lane = next(t for t in fig.data if t.ids and "c" in t.ids)
    assert "gone by 10–12 days" in lane.text and "separates 40 min" in lane.text
    assert "Trials pooled: %{customdata[4]}" in k.hovertemplate and "not stated" in str(k.customdata)


def test_effect_chart_puts_ratios_on_a_log_axis_around_one():
    fig = charts.onset_effect_over_time(effects_frame(), milestones_frame(), CITES, measure="risk ratio of response")
    assert fig.layout.yaxis2.type == "log"
    assert fig.layout.yaxis2.range[0] < 0 < fig.layout.yaxis2.range[1]  # log10(1) = 0 is inside
    low, high = (10 ** v for v in fig.layout.yaxis2.range)
    ticks = list(fig.layout.yaxis2.tickvals)
    assert 1 in ticks and all(low <= t <= high for t in ticks)  # labelled 1-2-5 steps, not every minor step
    assert list(fig.layout.yaxis2.ticktext) == [f"{t:g}" for t in ticks]


def test_ratio_ticks_step_one_two_five_within_the_range():
    from explainer.charts.onset_effect import ratio_ticks

    assert ratio_ticks(0.8, 25) == [1, 2, 5, 10, 20]
    assert ratio_ticks(0.3, 3) == [0.5, 1, 2]
    assert ratio_ticks(1.1, 1.9) == []


def test_measures_are_ranked_by_how_many_drugs_they_compare():
    assert derive.measures_by_coverage(effects_frame())[0] == "standardised mean difference"


def test_effect_takeaway_states_milestones_time_points_and_rows():
    sources = pd.DataFrame({"source_id": ["s1", "s2"], "authors": ["Smith A, Lee B", "Jones C"],
                            "year": [2001, 2002]})
    text = describe.onset_effect_takeaway(effects_frame(), milestones_frame(), sources)
    assert "from 40 min, peaking at 1 day and no longer separating by 10–12 days (Smith et al. 2001)" in text
    assert "SSRIs separate by 1 wk (Jones 2002)" in text
    # one measure for both drugs: SSRIs on most trials (s7, 1 wk), ketamine nearest that time (k12, 11 days)
    assert ("on one measure (SMD), single ketamine IV infusion vs placebo: SMD 0.1 (95% CI -0.2–0.4; 3 trials; "
            "80 participants; Smith et al. 2001) at 11 days, certainty not rated; SSRI vs placebo: SMD 0.3") in text
    assert describe.quotes_without_certainty(text) == []


def test_hover_text_is_escaped():
    df = onset_frame()
    df.loc[0, "study"] = "<script>alert(1)</script>"
    fig = charts.onset_timecourse(df, CITES)
    dump = str([t.customdata for t in fig.data])
    assert "<script>" not in dump and esc("<script>") in dump


def test_bioavailability_bars_span_low_to_high():
    routes = pd.DataFrame({
        "route_id": ["iv", "oral"], "route": ["intravenous", "oral"], "product": ["racemic ketamine"] * 2,
        "bioavailability_pct_low": [100.0, 16.0], "bioavailability_pct_high": [100.0, 24.0],
        "tmax_min_low": [np.nan, 20.0], "tmax_min_high": [np.nan, 60.0],
        "onset_min_low": [0.5, 15.0], "onset_min_high": [1.0, 30.0], "duration_min_low": [5.0, 120.0],
        "duration_min_high": [10.0, 240.0], "clinical_use": ["a", "b"], "in_seed": [True, False],
        "effect_timed": ["anaesthesia", "analgesia"], "duration_censored": pd.array([False, True], dtype="boolean"),
        "source_ids": ["s1", "s2"]})
    fig = charts.bioavailability_by_route(routes, CITES)
    bar = fig.data[0]
    assert list(bar.base) == [16.0, 100.0] and bar.x[0] == 8.0
    bands = charts.onset_duration_bands(routes, CITES)
    assert bands.layout.xaxis.type == "log"
    by_effect = {t.name: list(t.base) for t in bands.data if t.type == "bar"}
    assert by_effect == {"anaesthesia": [0.5], "analgesia": [15.0]}  # one trace per effect timed: never mixed
    ends = [t for t in bands.data if t.type == "scatter"]
    assert len(ends) == 1 and list(ends[0].x) == [240.0]  # the censored duration is marked
    model = charts.concentration_model(routes, CITES)
    assert len(model.data) == 1 and "model" in model.layout.title.text.lower()
    oral = model.data[0]
    assert max(oral.y) == pytest.approx(0.20, abs=0.01)  # peak = bioavailability midpoint (16-24 %) x IV peak
    assert "Jones 2002" in oral.hovertemplate


def test_model_peaks_at_tmax_and_falls_to_threshold_at_duration():
    t = np.linspace(0, 300, 3001)
    c = pkmodel.concentration_curve(30, 180, t)
    assert t[c.argmax()] == pytest.approx(30, abs=0.5)
    assert c[np.searchsorted(t, 180)] == pytest.approx(pkmodel.DURATION_FRACTION, abs=0.01)


def test_verdict_counts_keep_zero_rows():
    claims = pd.DataFrame({"verdict": ["supported", "supported", "incorrect"]})
    counts = derive.verdict_counts(claims, ["supported", "overstated", "incorrect"])
    assert list(counts["claims"]) == [2, 0, 1]
    assert list(charts.verdict_bars(counts).data[0].x) == [2, 0, 1]


def test_evidence_matrix_shapes_by_status():
    cond = pd.DataFrame({"condition_id": ["a", "b"], "condition": ["A", "B"], "group": ["mood", "pain"],
                         "status": ["approved", "investigational"], "approved_product": ["x", pd.NA],
                         "evidence_grade": ["A", "C"], "n_rcts": pd.array([3, pd.NA], dtype="Int64"),
                         "n_participants": pd.array([120, pd.NA], dtype="Int64"), "certainty": ["low", pd.NA],
                         "grade_reason": ["r1", "r2"], "key_finding": ["k", "l"], "in_seed": [True, False],
                         "grade_basis": ["regulatory approval", "trial evidence"], "source_ids": ["s1", "s2"]})
    grades = pd.DataFrame({"grade": list("ABCD"), "label": ["Strong", "Moderate", "Limited", "Very limited"],
                           "definition": list("wxyz")})
    fig = charts.evidence_matrix(cond, grades, CITES)
    assert {t.name: t.marker.symbol for t in fig.data} == {"approved": "star", "investigational": "circle-open"}
    assert "not counted" in str(fig.data[1].customdata)
    assert list(fig.data[0].text) == ["3 RCTs · 120"] and list(fig.data[1].text) == [""]
    assert "not rated by the review" in str(fig.data[1].customdata) and "low" in str(fig.data[0].customdata)
    assert "set by a regulator's approval" in str(fig.data[0].customdata)
    assert "approval" not in str(fig.data[1].customdata)


@pytest.mark.parametrize("target", ["page", "image", "handout", "phone", "slide"])
def test_two_level_row_labels_keep_clear_of_the_markers_and_of_each_other(target):
    """Items stand off the plot by the largest marker's radius; the group labels beside them end in
    spaces covering that standoff and half the type size (plotly would end them where the longest item
    begins). A phone and a slide draw one level, without groups."""
    from explainer import targets

    fig = registry.figure(registry.chart("safety"), target=target).drawable()
    ax = fig.layout.yaxis
    radius = max(tr.marker.size for tr in fig.data if "markers" in (tr.mode or "")) / 2
    assert ax.ticklabelstandoff >= radius
    if target in ("phone", "slide"):
        assert ax.type == "category" and all(isinstance(v, str) for tr in fig.data for v in tr.y)
        return
    assert ax.type == "multicategory"
    half_em = ax.tickfont.size / 2
    groups = {g for tr in fig.data for g in tr.y[0]}
    gaps = {len(g) - len(g.rstrip(targets.GROUP_GAP)) for g in groups}
    assert len(gaps) == 1 and gaps.pop() * half_em >= ax.ticklabelstandoff + half_em, groups


def test_a_side_column_moved_under_its_rows_on_a_phone_starts_where_the_labels_do():
    """On a phone the mechanism chain's time column moves under its steps: indented like the step labels,
    clear of the arrows drawn through the markers, and its "when" heading, which heads nothing now, hidden."""
    page, phone = (registry.figure(registry.chart("mechanism"), target=t).drawable() for t in ("page", "phone"))
    marker_x = min(min(tr.x) for tr in phone.data if "markers" in (tr.mode or ""))
    moved = [tr for tr in phone.data if tr.mode == "text"]
    assert moved and all(min(tr.x) > marker_x for tr in moved)
    headings = [a for a in phone.layout.annotations if not a.showarrow and a.text == "<b>when</b>"]
    assert headings and all(a.visible is False for a in headings)
    assert all(a.visible is not False for a in page.layout.annotations)


@pytest.mark.parametrize("key", ["claims", "sources"])
@pytest.mark.parametrize("target", ["page", "phone", "slide"])
def test_numbers_beyond_bars_have_room_before_the_axis_ends(key, target):
    """Plotly clips a bar's outside label to the plotting area: the value axis ends far enough past the
    longest bar for its number (on a phone plotly's own range left room for "2" of "24")."""
    from explainer import targets

    fig = registry.figure(registry.chart(key), target=target).drawable()
    bars = [tr for tr in fig.data if tr.type == "bar"]
    top = max(float(x) for tr in bars for x in tr.x)
    lo, hi = fig.layout.xaxis.range
    room_px = (hi - top) / (hi - lo) * targets.plot_width(fig, targets.target(target))
    widest = max(targets.text_px(str(x), fig.layout.xaxis.tickfont.size) for tr in bars for x in tr.text)
    assert room_px >= widest + 6
