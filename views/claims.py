"""Claims: every factual claim of the source article, with a verdict and the evidence."""

import streamlit as st

from explainer import charts, describe, state, ui

t = ui.require("claims", "sources")
pkg = ui.package()
VERDICTS = tuple(pkg.schema_field("claims", "verdict")["constraints"]["enum"])
PICK = state.MultiChoice("verdict", VERDICTS)

ui.header("Which of the article's claims hold up?", describe.claims_takeaway(t["claims"]))
counts = charts.verdict_counts(t["claims"], list(VERDICTS))
ui.chart(ui.figure(("claims",), lambda: charts.verdict_bars(counts)), describe.alt_counts("Bar chart of claims per verdict", counts, "verdict", "claims"),
         key="verdicts", name="claims")
picked = st.pills("Show verdicts", VERDICTS, selection_mode="multi", default=state.multichoice(PICK), key="claims-verdict")
state.write(PICK.name, picked, VERDICTS)
rows = t["claims"][t["claims"]["verdict"].isin(picked or VERDICTS)]
st.caption(f"{len(rows)} of {len(t['claims'])} claims shown. Quotes are verbatim from the article.")

cites = ui.cite_map(t["sources"])
for r in rows.itertuples():
    with st.container(border=True):
        st.badge(r.verdict, color={"supported": "green", "partly supported": "blue", "overstated": "orange",
                                   "unsupported": "violet", "incorrect": "red"}[r.verdict])
        st.markdown(f"> “{ui.md(r.seed_quote)}”")
        st.markdown(ui.md(r.what_evidence_says))
        ui.source_caption(t["sources"], rows[rows["claim_id"] == r.claim_id], prefix="Evidence")
ui.data_expander(rows, "claims")
ui.disclaimer()
