"""Routes: how the delivery routes differ in bioavailability, speed and duration."""

import streamlit as st

from explainer import registry, state, ui

t = ui.start("routes")
BIO = registry.chart("routes-bioavailability")
BANDS = registry.chart("routes-onset-duration")
MODEL = registry.chart("routes-model")
PRODUCTS = state.MultiChoice("product", tuple(p for p in t["routes"].attrs["enums"]["product"]
                                              if p in set(t["routes"]["product"])))

ui.header(registry.page("routes").question, registry.takeaway(BIO))
picked = st.pills("Products", PRODUCTS.choices, selection_mode="multi", default=state.bind(PRODUCTS, "routes-product"),
                  key="routes-product")
state.write(PRODUCTS.name, picked, PRODUCTS.choices)
view = {"products": tuple(picked or PRODUCTS.choices)}

st.header("Bioavailability")
ui.show(BIO, key="bioavailability", name="bioavailability", cite=False, expander=False, **view,
        caption="Bars span the published range; a single published value is drawn as a short bar.")

st.header("Onset and duration of effect")
ui.show(BANDS, key="bands", name="onset-duration", cite=False, expander=False, **view,
        caption="Each bar runs from the earliest published onset to the longest published duration of the effect "
                "its colour names (anaesthesia, analgesia, sedation): routes timed on different effects are not "
                "faster or slower than each other. ▶ marks a duration where the study stopped observing.")

st.header("Illustrative model: concentration over time")
st.info("This chart is a **model, not data**: a one-compartment curve per route for the same dose, peaking at the "
        "route's published time to peak, as high as its published bioavailability relative to intravenous, and "
        "falling to a quarter of its peak at the end of the published duration of effect. Each parameter is the "
        "midpoint of a published range (hover a curve for its values and sources). It shows shapes, not real "
        "concentrations; routes without all three parameters are left out.", icon=":material/model_training:")
ui.show(MODEL, key="model", name="concentration-model", expander=False, **view)
ui.data_expander(registry.rows(BIO, **view), "routes")
ui.disclaimer()
