"""Safety: side effects against the comparator, chronic-use harms, abuse potential."""

import streamlit as st

from explainer import registry, ui

t = ui.start("safety")
PAGE = registry.page("safety")
CHART = registry.chart("safety")
ui.header(PAGE.question, registry.takeaway(CHART))
ui.show(CHART, key="acute", name="side-effects", expander=False)

block = registry.block(PAGE, "changes")
if block.items:
    ui.section(PAGE, "changes")

left, right = st.columns(2, gap="large")
with left:
    ui.section(PAGE, "harms")
with right:
    ui.section(PAGE, "abuse")
    ui.section(PAGE, "regulation")
ui.data_expander(t["side_effects"], "side-effects")
ui.disclaimer()
