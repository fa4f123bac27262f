"""Onset: how soon ketamine and SSRIs separate from placebo (pooled), then the trial arms behind it."""

import streamlit as st

from explainer import derive, registry, state, ui

t = ui.start("onset")
EFFECT = registry.chart("onset-effect")
TRIALS = registry.chart("onset")
MEASURES = ui.computed(derive.effect_measures)
EFFECT_MEASURE = state.Choice("effect", tuple(MEASURES), MEASURES[0])
MEASURE = state.Choice("measure", ("response", "remission"), "response")
VIEW = state.Choice("view", ("absolute", "placebo-subtracted"), "absolute")
REGIMEN = state.Choice("regimen", derive.REGIMENS, derive.REGIMENS[0])

ui.header(registry.page("onset").question, registry.takeaway(EFFECT))
start = state.bind(EFFECT_MEASURE, "onset-effect")
effect = st.selectbox("Pooled measure (one at a time: different measures are not comparable)", EFFECT_MEASURE.choices,
                      index=EFFECT_MEASURE.choices.index(start), key="onset-effect")
state.write(EFFECT_MEASURE.name, effect, EFFECT_MEASURE.default)
ui.show(EFFECT, key="effect", measure=effect,
        caption="Top: when pooled analyses say each drug first separates from placebo (▶), peaks (★) and no longer "
                "separates (✕); the bar spans the time it separates. Bottom: pooled estimates with 95% CIs; a filled "
                "marker means the interval excludes no difference. Estimates are drug minus placebo, so an SSRI "
                "course and a single infusion are each compared with their own placebo. Each series names its "
                "dosing and the certainty its source gives it (GRADE; 'not rated' where the source gives none).")

st.header("Trial arms: the rates behind the pooled picture")
st.caption(ui.md(registry.takeaway(TRIALS)))
left, mid, right = st.columns(3)
measure = left.segmented_control("Measure", MEASURE.choices, default=state.bind(MEASURE, "onset-measure"),
                                 key="onset-measure") or MEASURE.default
view = mid.segmented_control("Values", VIEW.choices, default=state.bind(VIEW, "onset-view"),
                             key="onset-view") or VIEW.default
regimen = right.segmented_control("Ketamine doses", REGIMEN.choices, default=state.bind(REGIMEN, "onset-regimen"),
                                  key="onset-regimen") or REGIMEN.default
for param, value in ((MEASURE, measure), (VIEW, view), (REGIMEN, regimen)):
    state.write(param.name, value, param.default)
subtract = view == "placebo-subtracted"
ui.show(TRIALS, key="onset", name=f"onset-{measure}", measure=measure, subtract=subtract, regimen=regimen,
        caption="Each line is one trial arm; points are published rates at published time points (no interpolation). "
                + ("Points after one dose only; " if regimen == "single dose" else
                   "Points after two or more doses (e.g. open-label courses of up to six infusions), never mixed "
                   "with single-dose results; ")
                + "SSRI arms are daily courses. The shaded band is when studies found conventional antidepressants "
                "to start working. "
                + ("Placebo-subtracted: each active arm minus its own trial's comparator at the same time; "
                   "arms without a comparator (open-label courses) are left out." if subtract else ""))
ui.disclaimer()
