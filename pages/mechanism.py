"""Mechanism: the proposed chain from NMDA receptor block to new synapses, step by step."""

from explainer import registry, ui

t = ui.start("mechanism")
PAGE = registry.page("mechanism")
CHART = registry.chart("mechanism")

ui.header(PAGE.question, registry.takeaway(CHART))
view = ui.controls(CHART)
ui.section(PAGE, "step", view)
ui.show(CHART, view)
ui.disclaimer()
