"""Conditions: what ketamine is used or studied for, and how good the evidence is."""

import streamlit as st

from explainer import registry, state, ui

t = ui.start("conditions")
CHART = registry.chart("conditions")
GROUPS = state.MultiChoice("group", tuple(g for g in t["conditions"].attrs["enums"]["group"]
                                          if g in set(t["conditions"]["group"])))

ui.header(registry.page("conditions").question, registry.takeaway(CHART))
picked = st.pills("Condition groups", GROUPS.choices, selection_mode="multi",
                  default=state.bind(GROUPS, "conditions-group"), key="conditions-group")
state.write(GROUPS.name, picked, GROUPS.choices)
view = {"groups": tuple(picked or GROUPS.choices)}
rows = registry.rows(CHART, **view)
event = ui.show(CHART, key="matrix", on_select="rerun", expander=False, **view,
                caption="Marker shape: ★ approved, ● off-label with trial evidence, ○ investigational. "
                        "Click a condition for its key finding.")
side, seed_col = st.columns(2, gap="large")
with side:
    picked_ids = [p.get("id") for p in (event.selection.points if event and event.selection else []) if p.get("id")]
    chosen = rows[rows["condition_id"].isin(picked_ids)]
    if len(chosen):
        c = chosen.iloc[0]
        st.header(ui.md(c["condition"]))
        st.markdown(f"**Grade {ui.md(c['evidence_grade'])}** · {ui.md(c['status'])}")
        st.markdown(ui.md(c["key_finding"]))
        ui.source_caption(chosen)
    else:
        st.caption("Click a marker to see the condition's key finding and sources here.")
    st.markdown("**Grades**: " + "; ".join(f"{ui.md(g.grade)} = {ui.md(g.definition)}"
                                          for g in t["evidence_grades"].itertuples()))
with seed_col:
    st.header("The article vs the evidence")
    seed = rows[rows["in_seed"].fillna(False).astype(bool)]
    st.caption("Conditions the article presents as treated or promising, with the grade the literature supports.")
    # a static table: a dozen rows need no data grid (which would load before the chart)
    st.table(seed[["condition", "evidence_grade", "status"]].rename(columns={"evidence_grade": "grade"}),
             hide_index=True, border="horizontal")
ui.data_expander(rows, "conditions")
ui.disclaimer()
