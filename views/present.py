"""Present: slides over the chart pages (full presentation mode is being built)."""

import streamlit as st

from explainer import ui

st.title("Presentation mode")
st.info("Full-screen slides with keyboard navigation are coming. Until then, each page's charts can be shown "
        "directly; use the camera icon on a chart for a slide-sized image.", icon=":material/slideshow:")
for path, label in [("views/onset.py", "Onset"), ("views/conditions.py", "Conditions"), ("views/routes.py", "Routes")]:
    st.page_link(path, label=label)
ui.disclaimer()
