"""Onset: how fast response comes with ketamine and esketamine, against SSRIs and placebo."""

import streamlit as st

from explainer import registry, state, ui

t = ui.start("onset")
TRIALS = registry.chart("onset")
MEASURE = state.Choice("measure", ("response", "remission"), "response")
VIEW = state.Choice("view", ("absolute", "placebo-subtracted"), "absolute")

ui.header(registry.page("onset").question, registry.takeaway(TRIALS))
left, right = st.columns(2)
measure = left.segmented_control("Measure", MEASURE.choices, default=state.choice(MEASURE),
                                 key="onset-measure") or MEASURE.default
view = right.segmented_control("Values", VIEW.choices, default=state.choice(VIEW), key="onset-view") or VIEW.default
state.write(MEASURE.name, measure, MEASURE.default)
state.write(VIEW.name, view, VIEW.default)
subtract = view == "placebo-subtracted"
ui.show(TRIALS, key="onset", name=f"onset-{measure}", measure=measure, subtract=subtract,
        caption="Each line is one trial arm; points are published rates at published time points (no interpolation). "
                "The shaded band is the typical onset of conventional antidepressants as published. "
                + ("Placebo-subtracted: each active arm minus its own trial's comparator at the same time; "
                   "arms without a comparator (open-label courses) are left out." if subtract else ""))
ui.disclaimer()
