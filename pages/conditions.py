"""Conditions: what ketamine is used or studied for, and how good the evidence is."""

import streamlit as st

from explainer import registry, ui

t = ui.start("conditions")
PAGE = registry.page("conditions")
CHART = registry.chart("conditions")

ui.header(PAGE.question, registry.takeaway(CHART))
view = ui.controls(CHART)
rows = registry.rows(CHART, **view)
event = ui.show(CHART, view, key="matrix", on_select="rerun", expander=False)
side, seed_col = st.columns(2, gap="large")
with side:
    picked_ids = [p.get("id") for p in (event.selection.points if event and event.selection else []) if p.get("id")]
    chosen = rows[rows["condition_id"].isin(picked_ids)]
    if len(chosen):
        c = chosen.iloc[0]
        ui.section(PAGE, "detail", heading=c["condition"])
        st.markdown(f"**Grade {ui.inert(c['evidence_grade'])}** · {ui.inert(c['status'])}")
        st.markdown(ui.inert(c["key_finding"]))
        ui.source_caption(chosen)
    else:
        ui.section(PAGE, "detail")
        st.caption("Click a marker to see the condition's key finding and sources here.")
    ui.section(PAGE, "grades")
with seed_col:
    ui.section(PAGE, "seed", view)
ui.data_expander(rows, "conditions")
ui.disclaimer()
