"""Ketamine, Explained: the entry point (page config, navigation, shared sidebar)."""

from pathlib import Path
from urllib.parse import urlparse

import streamlit as st

from explainer import registry, ui, viewport, warm

ICON = Path(__file__).parent / "assets" / "icon.png"  # served by the app itself: no font CDN for the tab icon

warm.freeze_long_lived()  # once per process: keeps the collection after each run small

st.set_page_config(
    page_title="Ketamine, Explained",
    page_icon=str(ICON),
    layout="wide",
    initial_sidebar_state="auto",
    menu_items={"About": "Ketamine, Explained: a sourced, interactive explainer. " + ui.DISCLAIMER},
)

PAGES = [st.Page(p.script, title=p.title, icon=p.icon, url_path=p.path, default=p.path == "")
         for p in registry.PAGES]

embedded = bool(st.context.is_embedded)
# The slides never show a sidebar: none is drawn, so none appears and then goes (a layout shift).
slides = urlparse(st.context.url or "").path.rstrip("/").endswith("/" + registry.page("present").path)
if not slides:  # first, so every chart of the run is laid out for the reader's screen
    with st.container() if embedded else st.sidebar:
        viewport.probe()
page = st.navigation(PAGES, position="hidden" if embedded or slides else "sidebar")
TITLE = "Ketamine, Explained"
st.set_page_config(page_title=TITLE if page.title == "Overview" else f"{page.title} · {TITLE}")
if embedded or slides:  # an iframe or a projector shows the page alone; each page carries its own disclaimer
    ui.hide_sidebar()
    page.run()
else:
    with st.sidebar:
        ui.disclaimer()
        st.caption("Every number on these pages comes from the data package and cites its sources.")
        ui.static_link(page.url_path)
    page.run()
    with st.sidebar:  # after the page ran, so the link carries the filters it wrote to the URL
        ui.share_box(page.title)
