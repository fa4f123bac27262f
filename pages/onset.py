"""Onset: how soon ketamine and SSRIs separate from placebo (pooled), then the trial arms behind it."""

from explainer import registry, ui

t = ui.start("onset")
EFFECT = registry.chart("onset-effect")
TRIALS = registry.chart("onset")

ui.header(registry.page("onset").question, registry.takeaway(EFFECT))
ui.show(EFFECT, ui.controls(EFFECT), key="effect")
ui.show(TRIALS, key="onset", name="onset-{measure}", lead=True, controls_here=True)
ui.disclaimer()
