"""Chart builders on small hand-made frames: traces, axes and hover text as expected."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from explainer import charts, derive, describe, pkmodel
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
    assert sorted(len(t.x) for t in fig.data) == [1, 2, 2]
    assert {i for t in fig.data for i in t.ids} == {"k1", "k2", "p1", "p2", "s1"}
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
    assert "median 60% response (1 arms)" in text and "20%" in text and "2–6 weeks" in text
    assert describe.onset_ratio(onset_frame(), ssri) == pytest.approx(28.0)


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
        "source_ids": ["s1", "s2"]})
    fig = charts.bioavailability_by_route(routes, CITES)
    bar = fig.data[0]
    assert list(bar.base) == [16.0, 100.0] and bar.x[0] == 8.0
    bands = charts.onset_duration_bands(routes, CITES)
    assert bands.layout.xaxis.type == "log" and list(bands.data[0].base) == [15.0, 0.5]
    model = charts.concentration_model(routes)
    assert len(model.data) == 1 and "model" in model.layout.title.text.lower()


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
                         "key_finding": ["k", "l"], "in_seed": [True, False], "source_ids": ["s1", "s2"]})
    grades = pd.DataFrame({"grade": list("ABCD"), "label": ["Strong", "Moderate", "Limited", "Very limited"],
                           "definition": list("wxyz")})
    fig = charts.evidence_matrix(cond, grades, CITES)
    assert {t.name: t.marker.symbol for t in fig.data} == {"approved": "star", "investigational": "circle-open"}
    assert "not counted" in str(fig.data[1].customdata)
