"""History: ketamine from synthesis to today, on one zoomable timeline."""

from explainer import registry, ui

t = ui.start("history")
PAGE = registry.page("history")

ui.header(PAGE.question, registry.takeaway(PAGE.charts[0]))
view = ui.controls(*PAGE.charts)
for chart in PAGE.charts:
    ui.show(chart, view)
ui.disclaimer()
