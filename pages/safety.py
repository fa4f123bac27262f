"""Safety: side effects against the comparator, chronic-use harms, abuse potential."""

import streamlit as st

from explainer import registry, ui
from explainer.cells import missing

t = ui.start("safety")
CHART = registry.chart("safety")
fx = t["side_effects"]
ui.header(registry.page("safety").question, registry.takeaway(CHART))

st.header("Acute effects: drug arm vs comparator")
ui.show(CHART, key="acute", name="side-effects", expander=False,
        caption="Filled dot: patients on ketamine or esketamine; open dot: the comparator arm of the same trials. "
                "Hover for the trial context.")

changes = fx[fx["mean_change"].notna()]
if len(changes):
    st.header("Measured changes (means, not frequencies)")
    for r in changes.itertuples():
        st.markdown(f"- **{ui.md(r.effect)}**: {r.mean_change:+g} {ui.md(r.change_unit)} · {ui.md(r.context)}")
    ui.source_caption(changes)

left, right = st.columns(2, gap="large")
with left:
    st.header("Harms with frequent or long-term use")
    chronic = fx[fx["timing"] == "chronic use"]
    for r in chronic.itertuples():
        freq = "" if missing(r.frequency_pct) else f" · {r.frequency_pct:g}% ({ui.md(r.context)})"
        st.markdown(f"- **{ui.md(r.effect)}** ({ui.md(r.system)}){freq if freq else ': ' + ui.md(r.context)}")
    ui.source_caption(chronic)
with right:
    st.header("Abuse potential and scheduling")
    abuse = t["abuse"]
    for r in abuse.itertuples():
        unit = "" if missing(r.unit) or r.unit == "date" else f" {ui.md(r.unit)}"
        st.markdown(f"- {ui.md(r.fact)}: **{ui.md(r.value)}{unit}**")
    ui.source_caption(abuse)
    reg = t["timeline"][t["timeline"]["category"] == "regulation"].sort_values("year")
    with st.expander(f"Regulatory milestones ({len(reg)})"):
        for r in reg.itertuples():
            st.markdown(f"- **{r.year}** · {ui.md(r.title)}: {ui.md(r.detail)}")
        ui.source_caption(reg)
ui.data_expander(fx, "side-effects")
ui.disclaimer()
