"""Every chart of the explainer, declared once: its filters, its rows, its builder and its words.

Each class below is one chart (see :class:`explainer.cards.Chart` for the contract). ``select`` picks
the rows once; the builder, the takeaway, the alt text, the headline, the CSV rows and the citations
all receive that :class:`~explainer.cards.Selection`. Filters shared by several charts (the routes
page's product) are one :class:`~explainer.filters.Filter` object, so the page draws one control.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from explainer import charts, derive, describe, headlines
from explainer.cards import Chart, Note, Selection, Tables
from explainer.filters import Allowed, Filter, last

# --- filters ---------------------------------------------------------------------------------------

def main_step_numbers(t: Tables) -> tuple[int, ...]:
    """The steps of the proposed main chain, in order."""
    return tuple(int(s) for s in derive.main_steps(t["mechanism"])["step"])


CATEGORY = Filter("category", "Categories", Allowed("timeline", "category"), widget="pills")
GROUP = Filter("group", "Condition groups", Allowed("conditions", "group"), widget="pills")
EFFECT = Filter("effect", "Pooled measure (one at a time: different measures are not comparable)",
                derive.effect_measures, widget="selectbox")
MEASURE = Filter("measure", "Measure", Allowed("onset", "measure"))
VALUES = Filter("values", "Values", ("absolute", "placebo-subtracted"), aliases=("view",))
REGIMEN = Filter("regimen", "Ketamine doses", derive.REGIMENS)
PRODUCT = Filter("product", "Products", Allowed("routes", "product"), widget="pills")
STEP = Filter("step", "Reveal the chain step by step", main_step_numbers, default=last, widget="slider",
              convert=int, format="step {}")


def among(rows: pd.DataFrame, field: str, picked: tuple[str, ...]) -> pd.DataFrame:
    """The rows whose `field` is one of `picked` (all rows when nothing is picked)."""
    return rows[rows[field].isin(picked)] if picked else rows


# --- charts ----------------------------------------------------------------------------------------

class History(Chart):
    key, title, tables = "history", "How did an anaesthetic become a depression treatment?", ("timeline", "eras")
    filters = (CATEGORY,)
    caption = ("Hover a marker for the event and its source; drag the slider under the chart to zoom. "
               "Shaded bands mark eras bounded by events in the table.")

    def select(self, t: Tables, category: tuple[str, ...] = ()) -> Selection:
        return Selection(among(t["timeline"], "category", category), t, {"category": category})

    def build(self, s: Selection, cites: dict[str, str]) -> go.Figure:
        return charts.timeline_by_category(s.rows, cites, s.t["eras"], events=s.t["timeline"])

    def takeaway(self, s: Selection) -> str:
        return describe.history_takeaway(s.rows)

    def alt(self, s: Selection) -> str:
        return describe.alt_timeline(s.rows)

    def headline(self, s: Selection) -> str:
        return headlines.history(s)


class Conditions(Chart):
    key, title = "conditions", "For which conditions does the evidence hold up?"
    tables = ("conditions", "evidence_grades")
    filters = (GROUP,)
    caption = ("Marker shape: ★ approved, ● off-label with trial evidence, ○ investigational. "
               "Click a condition for its key finding.")

    def select(self, t: Tables, group: tuple[str, ...] = ()) -> Selection:
        return Selection(among(t["conditions"], "group", group), t, {"group": group})

    def build(self, s: Selection, cites: dict[str, str]) -> go.Figure:
        return charts.evidence_matrix(s.rows, s.t["evidence_grades"], cites)

    def takeaway(self, s: Selection) -> str:
        return describe.conditions_takeaway(s.rows)

    def alt(self, s: Selection) -> str:
        return describe.alt_conditions(s.rows)

    def headline(self, s: Selection) -> str:
        return headlines.conditions(s)


class OnsetEffect(Chart):
    key, title = "onset-effect", "How soon does each drug separate from placebo, and for how long?"
    tables = ("onset_effect", "onset_milestones")
    filters = (EFFECT,)
    caption = ("Top: when pooled analyses say each drug first separates from placebo (▶), peaks (★) and no longer "
               "separates (✕); the bar spans the time it separates. Bottom: pooled estimates with 95% CIs; a filled "
               "marker means the interval excludes no difference. Estimates are drug minus placebo, so an SSRI "
               "course and a single infusion are each compared with their own placebo. Each series names its "
               "dosing and the certainty its source gives it (GRADE; 'not rated' where the source gives none).")

    def select(self, t: Tables, effect: str | None = None) -> Selection:
        rows = derive.effect_rows(t["onset_effect"], effect)
        return Selection(rows, t, {"effect": effect}, cited=(rows, t["onset_milestones"]))

    def build(self, s: Selection, cites: dict[str, str]) -> go.Figure:
        return charts.onset_effect_over_time(s.rows, s.t["onset_milestones"], cites, measure=s.view["effect"])

    def takeaway(self, s: Selection) -> str:
        return describe.onset_effect_takeaway(s.rows, s.t["onset_milestones"], s.t["sources"], s.view["effect"])

    def alt(self, s: Selection) -> str:
        return describe.alt_onset_effect(s.rows, s.t["onset_milestones"], s.view["effect"])

    def headline(self, s: Selection) -> str:
        return headlines.onset_effect(s)


class OnsetTrials(Chart):
    key, title = "onset", "Trial arms: response and remission over time"
    tables = ("onset", "ssri_onset")
    filters = (MEASURE, VALUES, REGIMEN)
    section = "Trial arms: the rates behind the pooled picture"
    slide = False

    def select(self, t: Tables, measure: str = "response", values: str = "absolute",
               regimen: str = "single dose") -> Selection:
        arms = derive.arm_rows(t["onset"], regimen)
        arms = arms[arms["measure"] == measure]
        rows = derive.placebo_subtracted(arms) if values == "placebo-subtracted" else arms
        findings = t["ssri_onset"][t["ssri_onset"]["kind"] == "finding"]
        return Selection(rows, t, {"measure": measure, "values": values, "regimen": regimen}, cited=(arms, findings))

    def build(self, s: Selection, cites: dict[str, str]) -> go.Figure:
        return charts.onset_timecourse(s.rows, cites, measure=s.view["measure"], subtract=self.subtracted(s),
                                       band_weeks=derive.ssri_onset_weeks(s.t["ssri_onset"]))

    def takeaway(self, s: Selection) -> str:
        """The single-dose first-day comparison, whatever the view (it heads the section)."""
        return describe.onset_takeaway(s.t["onset"], s.t["ssri_onset"])

    def alt(self, s: Selection) -> str:
        return describe.alt_onset(s.rows, s.view["measure"], self.subtracted(s))

    def headline(self, s: Selection) -> str:
        return headlines.onset_trials(s)

    @staticmethod
    def subtracted(s: Selection) -> bool:
        return s.view["values"] == "placebo-subtracted"

    def caption_for(self, s: Selection) -> str:
        single = s.view["regimen"] == "single dose"
        return ("Each line is one trial arm; points are published rates at published time points (no interpolation). "
                + ("Points after one dose only; " if single else
                   "Points after two or more doses (e.g. open-label courses of up to six infusions), never mixed "
                   "with single-dose results; ")
                + "SSRI arms are daily courses. The shaded band is when studies found conventional antidepressants "
                "to start working. "
                + ("Placebo-subtracted: each active arm minus its own trial's comparator at the same time; "
                   "arms without a comparator (open-label courses) are left out." if self.subtracted(s) else ""))


class Routes(Chart):
    """What the three route charts share: the routes table and the product filter."""

    tables = ("routes",)
    filters = (PRODUCT,)

    def select(self, t: Tables, product: tuple[str, ...] = ()) -> Selection:
        return Selection(among(t["routes"], "product", product), t, {"product": product})


class Bioavailability(Routes):
    key, title = "routes-bioavailability", "How much ketamine reaches the blood, by route?"
    section = "Bioavailability"
    caption = "Bars span the published range; a single published value is drawn as a short bar."

    def build(self, s: Selection, cites: dict[str, str]) -> go.Figure:
        return charts.bioavailability_by_route(s.rows, cites)

    def takeaway(self, s: Selection) -> str:
        return describe.routes_takeaway(s.rows)

    def alt(self, s: Selection) -> str:
        return describe.alt_bioavailability(s.rows)

    def headline(self, s: Selection) -> str:
        return headlines.bioavailability(s)


class RouteBands(Routes):
    key, title = "routes-onset-duration", "How fast does each route act, and for how long?"
    section = "Onset and duration of effect"
    caption = ("Each bar runs from the earliest published onset to the longest published duration of the effect "
               "its colour names (anaesthesia, analgesia, sedation): routes timed on different effects are not "
               "faster or slower than each other. ▶ marks a duration where the study stopped observing.")
    slide = False

    def build(self, s: Selection, cites: dict[str, str]) -> go.Figure:
        return charts.onset_duration_bands(s.rows, cites)

    def takeaway(self, s: Selection) -> str:
        return headlines.bands_takeaway(s)

    def alt(self, s: Selection) -> str:
        return describe.alt_bands(s.rows)

    def headline(self, s: Selection) -> str:
        return headlines.bands(s)


class RouteModel(Routes):
    key, title = "routes-model", "Illustrative model: concentration over time by route"
    section = "Illustrative model: concentration over time"
    notes = (Note("Model, not data", "a one-compartment curve per route for the same dose, peaking at the route's "
                  "published time to peak, as high as its published bioavailability relative to intravenous, and "
                  "falling to a quarter of its peak at the end of the published duration of effect. Each parameter "
                  "is the midpoint of a published range (hover a curve for its values and sources). It shows "
                  "shapes, not real concentrations; routes without all three parameters are left out.",
                  icon=":material/model_training:"),)
    slide = False

    def build(self, s: Selection, cites: dict[str, str]) -> go.Figure:
        return charts.concentration_model(s.rows, cites)

    def takeaway(self, s: Selection) -> str:
        return headlines.model_takeaway(s)

    def alt(self, s: Selection) -> str:
        return describe.alt_model(derive.model_inputs(s.rows))

    def headline(self, s: Selection) -> str:
        return headlines.model(s)


class Mechanism(Chart):
    key, title, tables = "mechanism", "How does ketamine act in the brain?", ("mechanism",)
    filters = (STEP,)
    caption = ("Read top to bottom; the right column gives each step's timescale as the sources report it. "
               "Much of the chain comes from animal studies: hover a step for its evidence base. "
               "Orange diamonds, shown with the full chain, are alternative or complementary hypotheses.")

    def select(self, t: Tables, step: int | None = None) -> Selection:
        return Selection(t["mechanism"], t, {"step": step})

    def build(self, s: Selection, cites: dict[str, str]) -> go.Figure:
        return charts.mechanism_steps(s.rows, cites, upto=s.view["step"])

    def takeaway(self, s: Selection) -> str:
        return describe.mechanism_takeaway(s.rows)

    def alt(self, s: Selection) -> str:
        return describe.alt_mechanism(s.rows, s.view["step"])

    def headline(self, s: Selection) -> str:
        return headlines.mechanism(s)


class Safety(Chart):
    key, title, tables = "safety", "What does ketamine cost in side effects?", ("side_effects",)
    section = "Acute effects: drug arm vs comparator"
    caption = ("Filled dot: patients on ketamine or esketamine; open dot: the comparator arm of the same trials. "
               "Hover for the trial context.")

    def select(self, t: Tables) -> Selection:
        return Selection(derive.frequency_rows(t["side_effects"], "acute"), t, {})

    def build(self, s: Selection, cites: dict[str, str]) -> go.Figure:
        return charts.adverse_effects_vs_comparator(s.rows, cites)

    def takeaway(self, s: Selection) -> str:
        """The most frequent acute effect, and how many chronic-use harms the whole table documents."""
        return describe.safety_takeaway(s.t["side_effects"])

    def alt(self, s: Selection) -> str:
        return describe.alt_safety(s.rows)

    def headline(self, s: Selection) -> str:
        return headlines.safety(s)


class Claims(Chart):
    key, title, tables = "claims", "Which of the article's claims hold up?", ("claims",)

    def select(self, t: Tables) -> Selection:
        return Selection(t["claims"], t, {})

    def build(self, s: Selection, cites: dict[str, str]) -> go.Figure:
        return charts.verdict_bars(derive.verdict_counts(s.rows))

    def takeaway(self, s: Selection) -> str:
        return describe.claims_takeaway(s.rows)

    def alt(self, s: Selection) -> str:
        return describe.alt_counts("Bar chart of claims per verdict", derive.verdict_counts(s.rows), "verdict",
                                   "claims")

    def headline(self, s: Selection) -> str:
        return headlines.claims(s)


class Sources(Chart):
    key, title, tables = "sources", "Where does every number come from?", ("sources",)
    caption = ("Source: data/sources.csv, every work cited by any table; links go to the DOI, PubMed or the "
               "official page.")

    def select(self, t: Tables) -> Selection:
        return Selection(t["sources"], t, {}, cited=())

    def build(self, s: Selection, cites: dict[str, str]) -> go.Figure:
        return charts.sources_by_kind(s.rows, derive.enum_of(s.rows, "kind"))

    def takeaway(self, s: Selection) -> str:
        return describe.sources_takeaway(s.rows, derive.rows_backed(s.t))

    def alt(self, s: Selection) -> str:
        return describe.alt_counts("Bar chart of sources by kind", derive.kind_counts(s.rows), "kind", "n")

    def headline(self, s: Selection) -> str:
        return headlines.sources(s)


HISTORY, CONDITIONS, ONSET_EFFECT, ONSET_TRIALS = History(), Conditions(), OnsetEffect(), OnsetTrials()
BIOAVAILABILITY, ROUTE_BANDS, ROUTE_MODEL = Bioavailability(), RouteBands(), RouteModel()
MECHANISM, SAFETY, CLAIMS, SOURCES = Mechanism(), Safety(), Claims(), Sources()
