"""Onset: how fast response comes with ketamine and esketamine, against SSRIs and placebo."""

import streamlit as st

from explainer import charts, describe, state, ui

t = ui.require("onset", "ssri_onset", "sources")
MEASURE = state.Choice("measure", ("response", "remission"), "response")
VIEW = state.Choice("view", ("absolute", "placebo-subtracted"), "absolute")

ui.header("How fast does ketamine work compared with an SSRI?",
          ui.derived(("onset-takeaway",), lambda: describe.onset_takeaway(t["onset"], t["ssri_onset"])))
left, right = st.columns(2)
measure = left.segmented_control("Measure", MEASURE.choices, default=state.choice(MEASURE), key="onset-measure") or MEASURE.default
view = right.segmented_control("Values", VIEW.choices, default=state.choice(VIEW), key="onset-view") or VIEW.default
state.write(MEASURE.name, measure, MEASURE.default)
state.write(VIEW.name, view, VIEW.default)
subtract = view == "placebo-subtracted"

rows = ui.derived(("onset-rows", measure), lambda: t["onset"][t["onset"]["measure"] == measure])
shown = ui.derived(("onset-shown", measure, subtract), lambda: charts.placebo_subtracted(rows) if subtract else rows)
fig = ui.figure(("onset", measure, subtract), lambda: charts.onset_timecourse(
    rows, ui.cite_map(t["sources"]), measure=measure, subtract=subtract,
    band_weeks=describe.ssri_onset_weeks(t["ssri_onset"])))
ui.chart(fig, ui.derived(("onset-alt", measure, subtract), lambda: describe.alt_onset(rows, measure, subtract)), key="onset", name=f"onset-{measure}")
st.caption("Each line is one trial arm; points are published rates at published time points (no interpolation). "
           "The shaded band is the typical onset of conventional antidepressants as published. "
           + ("Placebo-subtracted: each active arm minus its own trial's comparator at the same time; "
              "arms without a comparator (open-label courses) are left out." if subtract else ""))
ui.source_caption(t["sources"], rows, t["ssri_onset"])
ui.data_expander(shown, f"onset-{measure}")
ui.disclaimer()
