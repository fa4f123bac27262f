"""Claims: every factual claim of the source article, with a verdict and the evidence."""

import streamlit as st

from explainer import registry, state, theme, ui
from explainer.cells import split_ids

t = ui.start("claims")
CHART = registry.chart("claims")
LINKS = ui.computed(registry.related_row_links)  # (label, URL) of each row a claim points to
VERDICTS = tuple(t["claims"].attrs["enums"]["verdict"])
PICK = state.MultiChoice("verdict", VERDICTS)

ui.header(registry.page("claims").question, registry.takeaway(CHART))
ui.show(CHART, key="verdicts", cite=False, expander=False)
picked = st.pills("Show verdicts", VERDICTS, selection_mode="multi", default=state.bind(PICK, "claims-verdict"),
                  key="claims-verdict")
state.write(PICK.name, picked, VERDICTS)
rows = t["claims"][t["claims"]["verdict"].isin(picked or VERDICTS)]
st.caption(f"{len(rows)} of {len(t['claims'])} claims shown. Quotes are verbatim from the article.")

for r in rows.itertuples():
    badge = theme.VERDICT_BADGE.get(r.verdict, "gray")
    evidence = ui.caption_markdown(split_ids(r.source_ids), prefix="Evidence")
    links = [LINKS.get(ref) for ref in split_ids(r.related_rows)]
    data = " · ".join(f"[{ui.md(label)}]({url})" for label, url in (x for x in links if x))
    if data:
        evidence += f"\n\n:small[Data: {data}]"
    with st.container(border=True):  # one Markdown block per claim: verdict, quote, evidence, sources
        st.markdown(f":{badge}-badge[{ui.md(r.verdict)}]\n\n> “{ui.md(r.seed_quote)}”\n\n"
                    f"{ui.md(r.what_evidence_says)}\n\n{evidence}")
ui.data_expander(rows, "claims")
ui.disclaimer()
