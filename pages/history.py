"""History: ketamine from synthesis to today, on one zoomable timeline."""

import streamlit as st

from explainer import registry, state, theme, ui

t = ui.start("history")
CHART = registry.chart("history")
CATEGORIES = state.MultiChoice("category", tuple(c for c in theme.CATEGORY_ORDER
                                                if c in set(t["timeline"]["category"])))

ui.header(registry.page("history").question, registry.takeaway(CHART))
picked = st.pills("Categories", CATEGORIES.choices, selection_mode="multi",
                  default=state.bind(CATEGORIES, "history-category"), key="history-category")
state.write(CATEGORIES.name, picked, CATEGORIES.choices)
ui.show(CHART, key="timeline", categories=tuple(picked or CATEGORIES.choices),
        caption="Hover a marker for the event and its source; drag the slider under the chart to zoom. "
                "Shaded bands mark eras bounded by events in the table.")
ui.disclaimer()
