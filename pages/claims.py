"""Claims: every factual claim of the source article, with a verdict and the evidence."""

from explainer import registry, ui

t = ui.start("claims")
PAGE = registry.page("claims")
CHART = registry.chart("claims")

ui.header(PAGE.question, registry.takeaway(CHART))
ui.show(CHART, key="verdicts", cite=False, expander=False)
block = ui.section(PAGE, "list", ui.controls(*PAGE.filters))
ui.data_expander(block.rows, "claims")
ui.disclaimer()
