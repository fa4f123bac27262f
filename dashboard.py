"""Ketamine, Explained: the entry point (page config, navigation, the shared page footer).

The navigation sits in the top bar (on a phone Streamlit folds it into a menu) and nothing is
drawn in a sidebar: the app shell paints before the script runs, so a sidebar could only appear
after the first paint and push the whole page 300 px to the right (a layout shift of 0.22).
"""

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
    initial_sidebar_state="collapsed",
    menu_items={"About": "Ketamine, Explained: a sourced, interactive explainer. " + ui.DISCLAIMER},
)

PAGES = [st.Page(p.script, title=p.title, icon=p.icon, url_path=p.path, default=p.path == "")
         for p in registry.PAGES]

embedded = bool(st.context.is_embedded)
on_slides = urlparse(st.context.url or "").path.rstrip("/").endswith("/" + registry.page("present").path)
page = st.navigation(PAGES, position="hidden" if embedded or on_slides else "top")
TITLE = "Ketamine, Explained"
st.set_page_config(page_title=TITLE if page.title == "Overview" else f"{page.title} · {TITLE}")
if on_slides:  # the projector layout is painted with the wide one, before any content (no layout shift)
    from explainer import slides

    slides.hide_chrome()
ui.settle_layout(styled=on_slides)
if embedded or on_slides:  # an iframe or a projector shows the page alone; each page carries its own disclaimer
    page.run()
else:
    page.run()
    ui.page_footer(page.title, page.url_path)  # after the page ran: the share link carries its filters
if not on_slides:  # last: its placeholder, drawn while its code loads, moves nothing below it
    viewport.probe()
