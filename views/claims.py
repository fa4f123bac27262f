"""Claims: every factual claim of the source article, with a verdict and the evidence."""

import streamlit as st

from explainer import charts, describe, state, theme, ui
from explainer.tables import split_ids

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

for r in rows.itertuples():
    badge = theme.VERDICT_BADGE.get(r.verdict, "gray")
    evidence = ui.cite_text(t["sources"], split_ids(r.source_ids), prefix="Evidence")
    with st.container(border=True):  # one Markdown block per claim: verdict, quote, evidence, sources
        st.markdown(f":{badge}-badge[{ui.md(r.verdict)}]\n\n> “{ui.md(r.seed_quote)}”\n\n"
                    f"{ui.md(r.what_evidence_says)}\n\n{evidence}")
ui.data_expander(rows, "claims")
ui.disclaimer()
