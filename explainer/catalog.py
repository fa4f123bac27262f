"""Every chart of the explainer in its default view, for slides, the handout and image exports.

The pages draw their charts interactively (with filters); presentation mode and
the offline handout need the same charts without widgets. Each spec builds its
figure only when asked, so a slide renders one chart, not all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from explainer import charts, citations, describe
from explainer.tables import DataPackage

TABLES_OF = {
    "history": ("timeline", "eras", "sources"), "conditions": ("conditions", "evidence_grades", "sources"),
    "onset": ("onset", "ssri_onset", "sources"), "routes": ("routes", "sources"),
    "mechanism": ("mechanism", "sources"), "safety": ("side_effects", "sources"),
    "claims": ("claims", "sources"), "sources": ("sources",),
}


@dataclass(frozen=True)
class ChartSpec:
    """One chart: where it lives, what it says, and how to draw it."""

    key: str            # file-name safe id, e.g. "onset"
    page: str           # URL path of the page that shows it
    title: str          # the question or finding
    takeaway: str       # computed sentence
    alt: str            # computed alt text
    cited: tuple[pd.DataFrame, ...]  # rows whose sources the caption cites
    build: Callable[[], go.Figure]
    primary: bool = True  # the chart a slide shows for its page

    def figure(self) -> go.Figure:
        return self.build()

    def citations(self, sources: pd.DataFrame) -> pd.DataFrame:
        return citations.cites_for(sources, citations.cited_ids(*self.cited))


def cite_map(sources: pd.DataFrame) -> dict[str, str]:
    return dict(zip(sources["source_id"], (citations.short_cite(a, y) for a, y in zip(sources["authors"], sources["year"]))))


def specs(pkg: DataPackage) -> list[ChartSpec]:
    """The charts whose tables passed validation, in page order (a broken table drops its page)."""
    ok = {page for page, names in TABLES_OF.items() if not pkg.problems_for(*names)}
    t = pkg.tables
    cites = cite_map(t["sources"]) if "sources" in t else {}
    out: list[ChartSpec] = []
    if "history" in ok:
        out.append(ChartSpec("history", "history", "How did an anaesthetic become a depression treatment?",
                             describe.history_takeaway(t["timeline"]), describe.alt_timeline(t["timeline"]),
                             (t["timeline"],), lambda: charts.timeline_by_category(t["timeline"], cites, t["eras"])))
    if "conditions" in ok:
        out.append(ChartSpec("conditions", "conditions", "For which conditions does the evidence hold up?",
                             describe.conditions_takeaway(t["conditions"]), describe.alt_conditions(t["conditions"]),
                             (t["conditions"],),
                             lambda: charts.evidence_matrix(t["conditions"], t["evidence_grades"], cites)))
    if "onset" in ok:
        band = describe.ssri_onset_weeks(t["ssri_onset"])
        out.append(ChartSpec("onset", "onset", "How fast does ketamine work compared with an SSRI?",
                             describe.onset_takeaway(t["onset"], t["ssri_onset"]),
                             describe.alt_onset(t["onset"], "response", False),
                             (t["onset"][t["onset"]["measure"] == "response"], t["ssri_onset"]),
                             lambda: charts.onset_timecourse(t["onset"], cites, band_weeks=band)))
    if "routes" in ok:
        r = t["routes"]
        take = describe.routes_takeaway(r)
        out += [
            ChartSpec("routes-bioavailability", "routes", "How much ketamine reaches the blood, by route?", take,
                      describe.alt_bioavailability(r), (r,), lambda: charts.bioavailability_by_route(r, cites)),
            ChartSpec("routes-onset-duration", "routes", "How fast does each route act, and for how long?", take,
                      describe.alt_bands(r), (r,), lambda: charts.onset_duration_bands(r, cites), primary=False),
            ChartSpec("routes-model", "routes", "Illustrative model: concentration over time by route", take,
                      describe.alt_model(charts.model_inputs(r)), (r,), lambda: charts.concentration_model(r),
                      primary=False),
        ]
    if "mechanism" in ok:
        m = t["mechanism"]
        out.append(ChartSpec("mechanism", "mechanism", "How does ketamine act in the brain?",
                             describe.mechanism_takeaway(m), describe.alt_mechanism(m, None), (m,),
                             lambda: charts.mechanism_steps(m, cites)))
    if "safety" in ok:
        fx = t["side_effects"]
        acute = charts.frequency_rows(fx, "acute")
        out.append(ChartSpec("safety", "safety", "What does ketamine cost in side effects?",
                             describe.safety_takeaway(fx), describe.alt_safety(acute), (acute,),
                             lambda: charts.adverse_effects_vs_comparator(fx, cites)))
    if "claims" in ok:
        verdicts = list(pkg.schema_field("claims", "verdict")["constraints"]["enum"])
        counts = charts.verdict_counts(t["claims"], verdicts)
        out.append(ChartSpec("claims", "claims", "Which of the article's claims hold up?",
                             describe.claims_takeaway(t["claims"]),
                             describe.alt_counts("Bar chart of claims per verdict", counts, "verdict", "claims"),
                             (t["claims"],), lambda: charts.verdict_bars(counts)))
    if "sources" in ok:
        kinds = list(pkg.schema_field("sources", "kind")["constraints"]["enum"])
        by_kind = t["sources"]["kind"].value_counts().rename_axis("kind").reset_index(name="n")
        backed = charts.rows_backed(t)
        out.append(ChartSpec("sources", "sources", "Where does every number come from?",
                             describe.sources_takeaway(t["sources"], backed),
                             describe.alt_counts("Bar chart of sources by kind", by_kind, "kind", "n"),
                             (), lambda: charts.sources_by_kind(t["sources"], kinds)))
    return out


def speaker_notes(spec: ChartSpec, sources: pd.DataFrame) -> str:
    """Notes for the presenter, computed: what the chart shows and what it rests on."""
    cited = spec.citations(sources)
    kinds = cited["kind"].value_counts() if len(cited) else pd.Series(dtype=int)
    basis = ", ".join(f"{n} {k}" for k, n in kinds.items()) or "no sources"
    return f"{spec.alt} It rests on {len(cited)} sources ({basis})."
