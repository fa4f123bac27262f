"""Overview: what ketamine is, in four figures computed from the data, and the page map."""

import streamlit as st

from explainer import describe, registry, ui

ui.start("overview")
PAGE = registry.page("overview")

st.title("Ketamine, explained: fast-acting, and how strong is the evidence?")
st.markdown(f"**{ui.inert(registry.takeaway(registry.chart('onset-effect')))}**")

ui.section(PAGE, "figures")
cols = st.columns(4)
for col, h in zip(cols, ui.computed(describe.headlines)):
    col.metric(h.label, h.value, h.note or None, delta_color="off", delta_arrow="off", help=h.help, border=True)

ui.section(PAGE, "what")

ui.section(PAGE, "explore")
grid = st.columns(3)
for i, p in enumerate(q for q in registry.PAGES if q.path):
    with grid[i % 3]:
        st.page_link(p.script, label=f"**{p.title}**: {p.blurb}")
ui.disclaimer()
