"""Routes: how the delivery routes differ in bioavailability, speed and duration."""

from explainer import registry, ui

t = ui.start("routes")
BIO = registry.chart("routes-bioavailability")
BANDS = registry.chart("routes-onset-duration")
MODEL = registry.chart("routes-model")

ui.header(registry.page("routes").question, registry.takeaway(BIO))
view = ui.controls(BIO, BANDS, MODEL)  # one product control: the three charts share the filter
ui.show(BIO, view, key="bioavailability", name="bioavailability", cite=False, expander=False)
ui.show(BANDS, view, key="bands", name="onset-duration", cite=False, expander=False, lead=True)
ui.show(MODEL, view, key="model", name="concentration-model", expander=False, lead=True)
ui.data_expander(registry.rows(BIO, **view), "routes")
ui.disclaimer()
