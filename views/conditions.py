"""Conditions: what ketamine is used or studied for, and how good the evidence is."""

import streamlit as st

from explainer import charts, describe, state, ui

t = ui.require("conditions", "evidence_grades", "sources", "claims")
pkg = ui.package()
GROUPS = state.MultiChoice("group", tuple(g for g in pkg.schema_field("conditions", "group")["constraints"]["enum"]
                                          if g in set(t["conditions"]["group"])))

ui.header("For which conditions does the evidence hold up?", ui.derived(("conditions-takeaway",), lambda: describe.conditions_takeaway(t["conditions"])))
picked = st.pills("Condition groups", GROUPS.choices, selection_mode="multi", default=state.multichoice(GROUPS),
                  key="conditions-group")
state.write(GROUPS.name, picked, GROUPS.choices)
rows = t["conditions"][t["conditions"]["group"].isin(picked or GROUPS.choices)]

fig = ui.figure(("conditions", tuple(picked or GROUPS.choices)),
                lambda: charts.evidence_matrix(rows, t["evidence_grades"], ui.cite_map(t["sources"])))
event = ui.chart(fig, describe.alt_conditions(rows), key="matrix", on_select="rerun", name="conditions")
st.caption("Marker shape: ★ approved, ● off-label with trial evidence, ○ investigational. "
           "Click a condition for its key finding.")
ui.source_caption(t["sources"], rows)
side, seed_col = st.columns(2, gap="large")
with side:
    picked_ids = [p.get("id") for p in (event.selection.points if event and event.selection else []) if p.get("id")]
    chosen = rows[rows["condition_id"].isin(picked_ids)]
    if len(chosen):
        c = chosen.iloc[0]
        st.subheader(ui.md(c["condition"]))
        st.markdown(f"**Grade {ui.md(c['evidence_grade'])}** · {ui.md(c['status'])}")
        st.markdown(ui.md(c["key_finding"]))
        ui.source_caption(t["sources"], chosen)
    else:
        st.caption("Click a marker to see the condition's key finding and sources here.")
    st.markdown("**Grades**: " + "; ".join(f"{ui.md(g.grade)} = {ui.md(g.definition)}" for g in t["evidence_grades"].itertuples()))
with seed_col:
    st.subheader("The article vs the evidence")
    seed = rows[rows["in_seed"].fillna(False).astype(bool)]
    st.caption("Conditions the article presents as treated or promising, with the grade the literature supports.")
    # a static table: a dozen rows need no data grid (which would load before the chart)
    st.table(seed[["condition", "evidence_grade", "status"]].rename(columns={"evidence_grade": "grade"}),
             hide_index=True, border="horizontal")
ui.data_expander(rows, "conditions")
ui.disclaimer()
