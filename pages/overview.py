"""Overview: what ketamine is, in four figures computed from the data, and the page map."""

import streamlit as st

from explainer import derive, describe, registry, ui

ui.start("overview")

st.title("Ketamine, explained: fast-acting, and how strong is the evidence?")
st.markdown(f"**{ui.md(registry.takeaway(registry.chart('onset-effect')))}**")

cols = st.columns(4)
for col, h in zip(cols, ui.computed(describe.headlines)):
    col.metric(h.label, h.value, h.note or None, delta_color="off", delta_arrow="off", help=h.help, border=True)

st.header("What it is")
for sentence in ui.computed(describe.what_it_is):
    st.markdown(f"- {ui.md(sentence)}")
ui.source_caption(*ui.computed(derive.overview_cited))

st.header("Explore")
grid = st.columns(3)
for i, p in enumerate(q for q in registry.PAGES if q.path):
    with grid[i % 3]:
        st.page_link(p.script, label=f"**{p.title}**: {p.blurb}")
ui.disclaimer()
