"""Safety: side effects against the comparator, chronic-use harms, abuse potential."""

import streamlit as st

from explainer import charts, describe, ui

t = ui.require("side_effects", "abuse", "timeline", "sources")
fx = t["side_effects"]
ui.header("What does ketamine cost in side effects?", ui.derived(("safety-takeaway",), lambda: describe.safety_takeaway(fx)))

st.subheader("Acute effects: drug arm vs comparator")
acute = ui.derived(("acute-rows",), lambda: charts.frequency_rows(fx, "acute"))
ui.chart(ui.figure(("safety",), lambda: charts.adverse_effects_vs_comparator(fx, ui.cite_map(t["sources"]))), describe.alt_safety(acute),
         key="acute", name="side-effects")
st.caption("Filled dot: patients on ketamine or esketamine; open dot: the comparator arm of the same trials. "
           "Hover for the trial context.")
ui.source_caption(t["sources"], acute)

left, right = st.columns(2, gap="large")
with left:
    st.subheader("Harms with frequent or long-term use")
    chronic = fx[fx["timing"] == "chronic use"]
    for r in chronic.itertuples():
        freq = f" · {r.frequency_pct:g}% ({ui.md(r.context)})" if ui.known(r.frequency_pct) else ""
        st.markdown(f"- **{ui.md(r.effect)}** ({ui.md(r.system)}){freq if freq else ': ' + ui.md(r.context)}")
    ui.source_caption(t["sources"], chronic)
with right:
    st.subheader("Abuse potential and scheduling")
    abuse = t["abuse"]
    for r in abuse.itertuples():
        unit = f" {ui.md(r.unit)}" if ui.known(r.unit) and r.unit != "date" else ""
        st.markdown(f"- {ui.md(r.fact)}: **{ui.md(r.value)}{unit}**")
    ui.source_caption(t["sources"], abuse)
    reg = t["timeline"][t["timeline"]["category"] == "regulation"].sort_values("year")
    with st.expander(f"Regulatory milestones ({len(reg)})"):
        for r in reg.itertuples():
            st.markdown(f"- **{r.year}** · {ui.md(r.title)}: {ui.md(r.detail)}")
        ui.source_caption(t["sources"], reg)
ui.data_expander(fx, "side-effects")
ui.disclaimer()
