"""Ketamine, Explained: the entry point (page config, navigation, shared sidebar)."""

import streamlit as st

from explainer import ui, warm

warm.freeze_long_lived()  # once per process: keeps the collection after each run small

st.set_page_config(
    page_title="Ketamine, Explained",
    page_icon=":material/science:",
    layout="wide",
    initial_sidebar_state="auto",
    menu_items={"About": "Ketamine, Explained: a sourced, interactive explainer. " + ui.DISCLAIMER},
)

PAGES = [
    st.Page("views/overview.py", title="Overview", icon=":material/home:", url_path="", default=True),
    st.Page("views/history.py", title="History", icon=":material/history:", url_path="history"),
    st.Page("views/conditions.py", title="Conditions", icon=":material/grid_view:", url_path="conditions"),
    st.Page("views/onset.py", title="Onset", icon=":material/schedule:", url_path="onset"),
    st.Page("views/routes.py", title="Routes", icon=":material/route:", url_path="routes"),
    st.Page("views/mechanism.py", title="Mechanism", icon=":material/neurology:", url_path="mechanism"),
    st.Page("views/safety.py", title="Safety", icon=":material/health_and_safety:", url_path="safety"),
    st.Page("views/claims.py", title="Claims", icon=":material/fact_check:", url_path="claims"),
    st.Page("views/sources.py", title="Sources", icon=":material/menu_book:", url_path="sources"),
    st.Page("views/present.py", title="Present", icon=":material/slideshow:", url_path="present"),
]

embedded = bool(st.context.is_embedded)
page = st.navigation(PAGES, position="hidden" if embedded else "sidebar")
st.set_page_config(page_title=f"{page.title} · Ketamine, Explained" if page.title != "Overview" else "Ketamine, Explained")
if embedded:  # an iframe shows the page alone; each page carries its own disclaimer
    ui.hide_sidebar()
    page.run()
else:
    with st.sidebar:
        ui.disclaimer()
        st.caption("Every number on these pages comes from the data package and cites its sources.")
    page.run()
    with st.sidebar:  # after the page ran, so the link carries the filters it wrote to the URL
        ui.share_box(page.title)
