"""Present: one slide per chart page, keyboard-driven, sized for a projector."""

import streamlit as st

from explainer import describe, export, registry, share, slides, state, ui

slides.hide_chrome()  # first: the projector layout is in place before anything is drawn (no layout shift)
ui.start("present")
pkg = ui.package()
deck = ui.of_package(slides.deck)
index = state.number(state.Number("slide", tuple(range(1, len(deck) + 1)), 1)) - 1
st.query_params["slide"] = str(index + 1)

current = deck[index]
top = st.columns([5, 1.5, 1.5, 1.8], vertical_alignment="center")
top[0].progress((index + 1) / len(deck), text=f"Slide {index + 1} of {len(deck)} · ← → or PageUp/PageDown")
top[1].button("Previous", icon=":material/arrow_back:", on_click=slides.goto, args=(index - 1, len(deck)),
              disabled=index == 0, shortcut="Left", key="prev", width="stretch")
top[2].button("Next", icon=":material/arrow_forward:", on_click=slides.goto, args=(index + 1, len(deck)),
              disabled=index == len(deck) - 1, shortcut="Right", key="next", width="stretch")
notes_on = top[3].toggle("Speaker notes", key="notes")
with st.container(key="pager-keys"):  # second key binding for presentation clickers
    st.button("Page up", on_click=slides.goto, args=(index - 1, len(deck)), shortcut="PageUp", key="pgup")
    st.button("Page down", on_click=slides.goto, args=(index + 1, len(deck)), shortcut="PageDown", key="pgdn")

if current.kind == "title":
    left, right = st.columns([3, 1], vertical_alignment="center")
    with left:
        st.caption("An interactive, sourced explainer")
        st.markdown("# Ketamine, Explained")
        for sentence in current.lines:
            slides.takeaway(sentence)
        ui.disclaimer()
    with right:
        st.image(share.qr_png(share.current_url()), caption="Open this view on your phone", width=220,
                 alt="QR code linking to this view of the dashboard")
elif current.kind == "chart":
    chart = current.chart
    st.markdown(f"## {ui.md(current.title)}")
    slides.takeaway(registry.takeaway(chart))
    ui.chart(registry.figure(chart, height=slides.CHART_HEIGHT, target="slide", window=current.window),
             registry.alt(chart), key=f"slide-{current.key}", name=chart.key, downloads=False)
    ui.source_caption(*registry.cited(chart), limit=slides.CAPTION_SOURCES)
    if notes_on:
        st.info(slides.speaker_notes(chart, registry.sources(chart)), icon=":material/speaker_notes:")
else:
    left, right = st.columns([3, 1], vertical_alignment="top")
    with left:
        chart = current.chart
        st.markdown(f"## {ui.md(chart.title)}")
        slides.takeaway(registry.takeaway(chart))
        ui.chart(registry.figure(chart, height=slides.CHART_HEIGHT - 100, target="slide"), registry.alt(chart),
                 key="slide-sources",
                 name="sources", downloads=False)
        st.caption("The full reference list, with links, BibTeX and RIS, is on the Sources page and in the handout.")
    with right:
        st.image(share.qr_png(share.current_url()), caption="Open this view on your phone", width=220,
                 alt="QR code linking to this view of the dashboard")
        st.download_button("Offline handout (HTML)", lambda: export.handout_html(
            pkg, describe.DISCLAIMER, url=share.current_url()).encode("utf-8"),
            file_name="ketamine-explained-handout.html", mime="text/html", icon=":material/download:",
            key="dl-handout")
