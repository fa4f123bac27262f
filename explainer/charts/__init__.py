"""Chart builders: pure functions, DataFrame(s) in, plotly Figure out; one per chart."""

from explainer.charts.claims import verdict_bars
from explainer.charts.conditions import evidence_matrix
from explainer.charts.history import timeline_by_category
from explainer.charts.mechanism import mechanism_steps
from explainer.charts.onset import onset_timecourse
from explainer.charts.onset_effect import onset_effect_over_time
from explainer.charts.routes import bioavailability_by_route, concentration_model, onset_duration_bands
from explainer.charts.safety import adverse_effects_vs_comparator
from explainer.charts.sources import sources_by_kind

__all__ = [
    "adverse_effects_vs_comparator", "bioavailability_by_route", "concentration_model", "evidence_matrix",
    "mechanism_steps", "onset_duration_bands", "onset_effect_over_time", "onset_timecourse", "sources_by_kind",
    "timeline_by_category", "verdict_bars",
]
