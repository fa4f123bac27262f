"""Colours, fonts and the chart template: the only place a colour is named.

The palette is Okabe & Ito's, distinguishable under the common colour-vision
deficiencies; every series that differs by colour also differs by marker or
dash, so a chart still reads in greyscale on a washed-out projector. Font sizes
are set so tick labels stay >= 14 px at 1280x720.

Maps keyed by data values (TREATMENT, STATUS_SYMBOL, VERDICT...) need an entry for every value
the schema allows: explainer/vocabulary.py declares which field each styles, and validation
names a missing entry.
"""

from __future__ import annotations

import plotly.graph_objects as go

OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
SEQUENCE = [OKABE_ITO[k] for k in ("blue", "orange", "green", "vermillion", "purple", "sky", "yellow", "grey")]

TREATMENT = {
    "ketamine IV": {"color": OKABE_ITO["blue"], "symbol": "circle", "dash": "solid"},
    "esketamine intranasal": {"color": OKABE_ITO["orange"], "symbol": "diamond", "dash": "solid"},
    "SSRI": {"color": OKABE_ITO["green"], "symbol": "square", "dash": "dash"},
    "placebo": {"color": OKABE_ITO["grey"], "symbol": "x", "dash": "dot"},
    "active placebo": {"color": OKABE_ITO["purple"], "symbol": "triangle-up", "dash": "dot"},
}
EFFECT = {  # pooled drug-vs-placebo estimates (onset_effect.treatment)
    "single ketamine IV infusion": {"color": OKABE_ITO["blue"], "symbol": "circle", "dash": "solid"},
    "single ketamine dose (IV or intranasal)": {"color": OKABE_ITO["sky"], "symbol": "circle-open", "dash": "dot"},
    "SSRI": {"color": OKABE_ITO["green"], "symbol": "square", "dash": "dash"},
    "antidepressant (any class)": {"color": OKABE_ITO["vermillion"], "symbol": "diamond", "dash": "dashdot"},
    "single ketamine dose (any route)": {"color": OKABE_ITO["purple"], "symbol": "hexagon", "dash": "dot"},
    "intranasal (es)ketamine, first dose": {"color": OKABE_ITO["orange"], "symbol": "triangle-up", "dash": "solid"},
    "intranasal (es)ketamine, repeated doses": {"color": OKABE_ITO["orange"], "symbol": "triangle-down",
                                                "dash": "dash"},
}
EFFECT_TIMED = {"anaesthesia": OKABE_ITO["blue"], "analgesia": OKABE_ITO["green"],
                "sedation and dissociation": OKABE_ITO["orange"], "antidepressant": OKABE_ITO["purple"]}
MILESTONE_SYMBOL = {"first separation from placebo": "triangle-right", "peak": "star", "no longer separates": "x"}
# the label beside each milestone's marker ({when}: its time) and where it sits
MILESTONE_LABEL = {"first separation from placebo": "separates {when}", "peak": "peak {when}",
                   "no longer separates": "gone by {when}"}
MILESTONE_TEXT_POSITION = {"first separation from placebo": "top right", "peak": "top center",
                           "no longer separates": "top center"}
VERDICT = {
    "supported": OKABE_ITO["green"],
    "partly supported": OKABE_ITO["sky"],
    "overstated": OKABE_ITO["orange"],
    "unsupported": OKABE_ITO["purple"],
    "incorrect": OKABE_ITO["vermillion"],
}
# Streamlit's named badge colours (st.badge, :color-badge[] in Markdown) for the same verdicts
VERDICT_BADGE = {"supported": "green", "partly supported": "blue", "overstated": "orange", "unsupported": "violet",
                 "incorrect": "red"}
GRADE = {"A": OKABE_ITO["blue"], "B": OKABE_ITO["sky"], "C": OKABE_ITO["orange"], "D": OKABE_ITO["grey"]}
STATUS_SYMBOL = {"approved": "star", "off-label with trial evidence": "circle", "investigational": "circle-open"}
PRODUCT = {"racemic ketamine": OKABE_ITO["blue"], "esketamine": OKABE_ITO["orange"]}
CATEGORY_ORDER = ["discovery", "clinical", "approval", "regulation", "military", "society", "research"]
CATEGORY = dict(zip(CATEGORY_ORDER, SEQUENCE))
TIMING = {"acute": OKABE_ITO["blue"], "chronic use": OKABE_ITO["vermillion"]}
COMPARATOR = OKABE_ITO["grey"]
MODEL_DASH = "dash"
BAND = "rgba(0, 158, 115, 0.15)"  # translucent green: reads on light and dark backgrounds
ERA = ["rgba(153, 153, 153, 0.10)", "rgba(153, 153, 153, 0.20)"]

FONT_FAMILY = "Source Sans Pro, Source Sans 3, DejaVu Sans, Arial, sans-serif"
FONT_SIZE = 16
TICK_SIZE = 14
TITLE_SIZE = 20
HOVER_SIZE = 15

SLIDE_WIDTH, SLIDE_HEIGHT = 1600, 900
DEFAULT_HEIGHT = 450  # plotly.js's own default, for a figure that sets none
TEXT_ON_LIGHT = "#262730"  # text of files (images, handout, static mirror) on their white background


def style(fig: go.Figure, *, height: int = 480, legend: bool = True) -> go.Figure:
    """Apply the project's layout to a figure (sizes, legend, hover, margins).

    Colours of the background and text are left to the surrounding theme
    (Streamlit's light or dark), so the same figure reads in both.
    """
    fig.update_layout(
        height=height,
        font={"family": FONT_FAMILY, "size": FONT_SIZE},
        title={"font": {"size": TITLE_SIZE}},
        hoverlabel={"font": {"size": HOVER_SIZE, "family": FONT_FAMILY}, "align": "left"},
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        showlegend=legend,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0,
                "font": {"size": TICK_SIZE}, "title": {"text": ""}},
        colorway=SEQUENCE,
    )
    names = [t.name for t in fig.data if t.name and t.showlegend is not False]
    if names:  # fixed entry width: legend text measured before web fonts load must not overlap
        fig.update_layout(legend={"entrywidth": max(len(n) for n in names) * 8.5 + 45, "entrywidthmode": "pixels"})
    fig.update_xaxes(tickfont={"size": TICK_SIZE}, title_font={"size": FONT_SIZE}, automargin=True)
    fig.update_yaxes(tickfont={"size": TICK_SIZE}, title_font={"size": FONT_SIZE}, automargin=True)
    return fig


def css_font_list(families: str) -> str:
    """A font list as valid CSS: names with spaces quoted. Unquoted, "Source Sans 3" voids the whole
    declaration, and a chart drawn outside the app (an image, the handout, the mirror) falls back to serif."""
    names = (f.strip().strip("'\"") for f in families.split(","))
    return ", ".join(f'"{n}"' if " " in n else n for n in names if n)


def export_template() -> dict:
    """Light layout for files (PNG, SVG, handout, static mirror) where no app theme surrounds the chart."""
    return {"paper_bgcolor": "#FFFFFF", "plot_bgcolor": "#FFFFFF",
            "font": {"color": TEXT_ON_LIGHT, "family": css_font_list(FONT_FAMILY)}, "template": "plotly_white"}
