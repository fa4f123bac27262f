"""Routes: how the delivery routes differ in bioavailability, speed and duration."""

import streamlit as st

from explainer import charts, describe, state, ui

t = ui.require("routes", "sources")
PRODUCTS = state.MultiChoice("product", tuple(p for p in ("racemic ketamine", "esketamine") if p in set(t["routes"]["product"])))

ui.header("How much ketamine reaches the blood, and how fast, by route?", describe.routes_takeaway(t["routes"]))
picked = st.pills("Products", PRODUCTS.choices, selection_mode="multi", default=state.multichoice(PRODUCTS),
                  key="routes-product")
state.write(PRODUCTS.name, picked, PRODUCTS.choices)
rows = t["routes"][t["routes"]["product"].isin(picked or PRODUCTS.choices)]
cites = ui.cite_map(t["sources"])

st.subheader("Bioavailability")
ui.chart(ui.figure(("bioavailability", tuple(picked)), lambda: charts.bioavailability_by_route(rows, cites)), describe.alt_bioavailability(rows), key="bioavailability",
         name="bioavailability")
st.caption("Bars span the published range; a single published value is drawn as a short bar.")

st.subheader("Onset and duration of effect")
ui.chart(ui.figure(("bands", tuple(picked)), lambda: charts.onset_duration_bands(rows, cites)), describe.alt_bands(rows), key="bands", name="onset-duration")
st.caption("Each bar runs from the earliest published onset to the longest published duration of clinical effect.")

st.subheader("Illustrative model: concentration over time")
st.info("This chart is a **model, not data**: a one-compartment curve per route, shaped so its peak falls at the "
        "route's published time to peak and it falls to a quarter of the peak at the end of the published "
        "duration. It shows shapes, not real concentrations.", icon=":material/model_training:")
inputs = charts.model_inputs(rows)
ui.chart(ui.figure(("model", tuple(picked)), lambda: charts.concentration_model(rows)), describe.alt_model(inputs), key="model", name="concentration-model")
ui.source_caption(t["sources"], rows)
ui.data_expander(rows, "routes")
ui.disclaimer()
