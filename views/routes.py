"""Routes: how the delivery routes differ in bioavailability, speed and duration."""

import streamlit as st

from explainer import charts, describe, state, ui

t = ui.require("routes", "sources")
PRODUCTS = state.MultiChoice("product", tuple(p for p in ("racemic ketamine", "esketamine") if p in set(t["routes"]["product"])))

takeaway = ui.derived(("routes-takeaway",), lambda: describe.routes_takeaway(t["routes"]))
ui.header("How much ketamine reaches the blood, and how fast, by route?", takeaway)
picked = st.pills("Products", PRODUCTS.choices, selection_mode="multi", default=state.multichoice(PRODUCTS),
                  key="routes-product")
state.write(PRODUCTS.name, picked, PRODUCTS.choices)
view = tuple(picked or PRODUCTS.choices)
rows = ui.derived(("routes-rows", view), lambda: t["routes"][t["routes"]["product"].isin(view)])
cites = ui.cite_map(t["sources"])

st.subheader("Bioavailability")
ui.chart(ui.figure(("bioavailability", view), lambda: charts.bioavailability_by_route(rows, cites)),
         ui.derived(("bioavailability-alt", view), lambda: describe.alt_bioavailability(rows)),
         key="bioavailability", name="bioavailability")
st.caption("Bars span the published range; a single published value is drawn as a short bar.")

st.subheader("Onset and duration of effect")
ui.chart(ui.figure(("bands", view), lambda: charts.onset_duration_bands(rows, cites)),
         ui.derived(("bands-alt", view), lambda: describe.alt_bands(rows)), key="bands", name="onset-duration")
st.caption("Each bar runs from the earliest published onset to the longest published duration of clinical effect.")

st.subheader("Illustrative model: concentration over time")
st.info("This chart is a **model, not data**: a one-compartment curve per route, shaped so its peak falls at the "
        "route's published time to peak and it falls to a quarter of the peak at the end of the published "
        "duration. It shows shapes, not real concentrations.", icon=":material/model_training:")
ui.chart(ui.figure(("model", view), lambda: charts.concentration_model(rows)),
         ui.derived(("model-alt", view), lambda: describe.alt_model(charts.model_inputs(rows))),
         key="model", name="concentration-model")
ui.source_caption(t["sources"], rows)
ui.data_expander(rows, "routes")
ui.disclaimer()
