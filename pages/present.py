"""Present: one slide per chart page, keyboard-driven, sized for a projector."""

import streamlit as st

from explainer import deckspec, describe, export, registry, share, slides, state, ui

ui.start("present")
pkg = ui.package()
entries, deck_notices = deckspec.read(pkg, state.read_param("deck"))  # ?deck=: the slides a link chose
for notice in deck_notices:
    state.notify(notice)
deck = ui.of_package(deckspec.slides, entries)
SLIDE = registry.page("present").filters[0]
index = state.number(SLIDE.parser(tuple(range(1, len(deck) + 1)))) - 1
st.query_params[SLIDE.name] = str(index + 1)

current = deck[index]
top = st.columns([5, 1.5, 1.5, 1.8, 1.3], vertical_alignment="center")
top[0].progress((index + 1) / len(deck), text=f"Slide {index + 1} of {len(deck)} · ← → or PageUp/PageDown")
top[1].button("Previous", icon=":material/arrow_back:", on_click=slides.goto, args=(index - 1, len(deck)),
              disabled=index == 0, shortcut="Left", key="prev", width="stretch")
top[2].button("Next", icon=":material/arrow_forward:", on_click=slides.goto, args=(index + 1, len(deck)),
              disabled=index == len(deck) - 1, shortcut="Right", key="next", width="stretch")
notes_on = top[3].toggle("Speaker notes", key="notes")
with top[4]:
    slides.deck_menu(entries)
with st.container(key="pager-keys"):  # second key binding for presentation clickers
    st.button("Page up", on_click=slides.goto, args=(index - 1, len(deck)), shortcut="PageUp", key="pgup")
    st.button("Page down", on_click=slides.goto, args=(index + 1, len(deck)), shortcut="PageDown", key="pgdn")

if current.kind == "title":
    left, right = st.columns([3, 1], vertical_alignment="center")
    with left:
        st.caption("An interactive, sourced explainer")
        st.markdown("# Ketamine, Explained")
        ui.disclaimer()  # above the takeaway: on a phone, its long text arriving moves nothing above the fold
        for sentence in current.lines:
            slides.takeaway(sentence)
    with right:
        st.image(share.qr_png(share.current_url()), caption="Open this view on your phone", width=220,
                 alt="QR code linking to this view of the dashboard")
elif current.kind == "chart":
    card = registry.card(current.chart, height=slides.CHART_HEIGHT, target="slide", window=current.window,
                         **current.kwargs())
    st.markdown(f"## {ui.inert(current.title)}")
    slides.takeaway(card.headline)
    ui.figure(card, key=f"slide-{current.key}", name=card.key, downloads=False)
    ui.source_caption(*card.cited, limit=slides.CAPTION_SOURCES)
    if notes_on:
        st.info(slides.speaker_notes(card), icon=":material/speaker_notes:")
else:
    left, right = st.columns([3, 1], vertical_alignment="top")
    with left:
        card = registry.card(current.chart, height=slides.CHART_HEIGHT - 100, target="slide")
        st.markdown(f"## {ui.inert(card.title)}")
        slides.takeaway(card.headline)
        ui.figure(card, key="slide-sources", downloads=False)
        st.caption("The full reference list, with links, BibTeX and RIS, is on the Sources page and in the handout.")
    with right:
        st.image(share.qr_png(share.current_url()), caption="Open this view on your phone", width=220,
                 alt="QR code linking to this view of the dashboard")
        st.download_button("Offline handout (HTML)", lambda: export.handout_html(
            pkg, describe.DISCLAIMER, url=share.current_url()).encode("utf-8"),
            file_name="ketamine-explained-handout.html", mime="text/html", icon=":material/download:",
            key="dl-handout")
