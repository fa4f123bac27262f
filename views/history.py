"""History: ketamine from synthesis to today, on one zoomable timeline."""

import streamlit as st

from explainer import charts, describe, state, theme, ui

t = ui.require("timeline", "eras", "sources")
CATEGORIES = state.MultiChoice("category", tuple(c for c in theme.CATEGORY_ORDER if c in set(t["timeline"]["category"])))

ui.header("How did an anaesthetic become a depression treatment?", ui.derived(("history-takeaway",), lambda: describe.history_takeaway(t["timeline"])))
picked = st.pills("Categories", CATEGORIES.choices, selection_mode="multi", default=state.multichoice(CATEGORIES),
                  key="history-category")
state.write(CATEGORIES.name, picked, CATEGORIES.choices)
rows = t["timeline"][t["timeline"]["category"].isin(picked or CATEGORIES.choices)]

fig = ui.figure(("history", tuple(picked or CATEGORIES.choices)),
                lambda: charts.timeline_by_category(rows, ui.cite_map(t["sources"]), t["eras"]))
ui.chart(fig, describe.alt_timeline(rows), key="timeline", name="history")
st.caption("Hover a marker for the event and its source; drag the slider under the chart to zoom. "
           "Shaded bands mark eras bounded by events in the table.")
ui.source_caption(t["sources"], rows)
ui.data_expander(rows, "timeline")
ui.disclaimer()
