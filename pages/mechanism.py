"""Mechanism: the proposed chain from NMDA receptor block to new synapses, step by step."""

import streamlit as st

from explainer import registry, state, ui

t = ui.start("mechanism")
CHART = registry.chart("mechanism")
main = t["mechanism"][t["mechanism"]["pathway"] == "main"].sort_values("step")
steps = [int(s) for s in main["step"]]

ui.header(registry.page("mechanism").question, registry.takeaway(CHART))
STEP = state.Number("step", tuple(steps), steps[-1] if steps else 1)
start = state.bind(STEP, "mechanism-step")
upto = st.select_slider("Reveal the chain step by step", options=steps, value=start, key="mechanism-step",
                        format_func=lambda s: f"step {s}") if len(steps) > 1 else start
state.write(STEP.name, str(upto), str(STEP.default))

current = main[main["step"] == upto]
if len(current):
    c = current.iloc[0]
    st.markdown(f"**Step {int(c['step'])} · {ui.md(c['label'])}** ({ui.md(c['timescale'])}): {ui.md(c['description'])}")
ui.show(CHART, key="mechanism", upto=upto,
        caption="Read top to bottom; the right column gives each step's timescale as the sources report it. "
                "Much of the chain comes from animal studies: hover a step for its evidence base. "
                "Orange diamonds, shown with the full chain, are alternative or complementary hypotheses.")
ui.disclaimer()
