"""Overview: what ketamine is, in four figures computed from the data, and the page map."""

import streamlit as st

from explainer import describe, ui

t = ui.require("onset", "ssri_onset", "conditions", "sources", "timeline", "mechanism")

st.title("Ketamine, explained: fast-acting, and how strong is the evidence?")
takeaway = ui.derived(("onset-takeaway",), lambda: describe.onset_takeaway(t["onset"], t["ssri_onset"]))
st.markdown(f"**{ui.md(takeaway)}**")

cols = st.columns(4)
for col, h in zip(cols, ui.derived(("headlines",), lambda: describe.headlines(t))):
    col.metric(h.label, h.value, help=h.help, border=True)

st.subheader("What it is")
for sentence in ui.derived(("what-it-is",), lambda: describe.what_it_is(t)):
    st.markdown(f"- {ui.md(sentence)}")
ui.source_caption(t["sources"], t["timeline"].sort_values("year").head(1), t["conditions"][t["conditions"]["status"] == "approved"],
                  t["onset"], t["ssri_onset"])

st.subheader("Explore")
PAGE_MAP = [
    ("views/history.py", "History", "From the first synthesis to today, by category"),
    ("views/conditions.py", "Conditions", "What it is used for, and how strong the evidence is"),
    ("views/onset.py", "Onset", "How fast it works compared with SSRIs"),
    ("views/routes.py", "Routes", "How the delivery routes differ"),
    ("views/mechanism.py", "Mechanism", "How it acts in the brain, step by step"),
    ("views/safety.py", "Safety", "Side effects, harms and abuse potential"),
    ("views/claims.py", "Claims", "Which popular claims hold up"),
    ("views/sources.py", "Sources", "Every reference, searchable and downloadable"),
    ("views/present.py", "Present", "Slides for a projector"),
]
grid = st.columns(3)
for i, (path, label, blurb) in enumerate(PAGE_MAP):
    with grid[i % 3]:
        st.page_link(path, label=f"**{label}**: {blurb}")
ui.disclaimer()
