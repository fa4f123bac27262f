"""Overview: what ketamine is, in four figures computed from the data, and the page map."""

import streamlit as st

from explainer import describe, registry, ui

ui.start("overview")
PAGE = registry.page("overview")

LEAD = registry.chart(PAGE.lead)

ui.header(PAGE.question, registry.takeaway(LEAD))
# The picture first: the onset chart, cited as every chart page cites it; its rows are on the Onset page.
ui.show(LEAD, key="overview-onset", name=PAGE.lead, expander=False)

ui.section(PAGE, "figures")
# Headline cards whose figures and labels wrap: never cut to fit a card (static CSS, no data in it).
st.html("<style>[data-testid='stMetric'] *{white-space:normal !important;overflow:visible !important;"
        "text-overflow:clip !important}[data-testid='stMetricValue']{font-size:1.9rem}</style>")
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
