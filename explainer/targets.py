"""Where a chart is read, and the layout each place needs: one figure, laid out per target.

A builder draws a chart once (its traces, ids, hover text); :func:`fit` then lays it out for
where it is read, never by shrinking another target's layout:

- ``page``: the app and the mirror on a desktop or laptop (1280-1440 px wide).
- ``phone``: 390 px wide, chosen from the viewport. Category labels wrap narrower, tick labels
  thin out until they fit, long axis titles and notes break over lines, range sliders go.
- ``slide``: a projector (1280x720, also 1920x1080): text at least 18 px, single-line category
  labels, and a chart with more rows than a slide holds legibly is shown over several slides,
  each a window of its rows (:func:`slide_parts`).
- ``image``: PNG/SVG export and link previews (1600x900).
- ``handout``: the printable offline HTML (A4/Letter width).

Every target puts the legend in a band of its own above the plot (or below it where the axis
is on top), with the band's height reserved in the margin: a legend never lies over data.
Pure: no Streamlit, figure in, figure out.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

import plotly.graph_objects as go

from explainer import theme


@dataclass(frozen=True)
class Target:
    name: str
    width: int          # px the chart is laid out for (the narrowest it is drawn at)
    font: int           # body text, axis titles (px)
    tick: int           # tick labels, legend, marker labels, notes (px)
    label_chars: int    # characters per line of a category label
    slider: bool        # a range slider under a time axis
    row_px: int         # px per one-line category row


TARGETS: dict[str, Target] = {
    "page": Target("page", 1100, theme.FONT_SIZE, theme.TICK_SIZE, 34, True, 34),
    "phone": Target("phone", 350, 13, 12, 18, False, 30),
    "slide": Target("slide", 1040, 18, 18, 60, False, 25),
    "image": Target("image", 1600, 18, 16, 40, False, 36),
    "handout": Target("handout", 720, 14, 13, 30, False, 32),
}
SLIDE_MIN_PX = 18            # text on a slide at 1280x720 is at least this size
SLIDE_CHROME_PX = 120        # a slide chart's axis, its title and the legend band: what rows cannot use
CHAR_EM = 0.52               # mean glyph width of the sans-serif font, in ems
LEGEND_EM = 0.58  # legend names: the widest mean glyph width of the fonts charts fall back to (DejaVu 0.56 em)
LEGEND_SYMBOL_PX = 50        # a legend entry's symbol, gaps and padding beside its text
SLIDE_LEGEND_EXTRA_PX = 72   # height a slide chart may grow by for a legend of several rows (1280x720 has it)
LEGEND_ROW_PX = 8            # padding of a legend row beyond its font size
PHONE_BREAKPOINT = 640       # px: a viewport this wide or narrower reads the phone layout


def target(name: str) -> Target:
    if name not in TARGETS:
        raise ValueError(f"unknown chart target {name!r}; expected one of {', '.join(TARGETS)}")
    return TARGETS[name]


def text_px(text: str, size: int) -> float:
    """Estimated width of one line of text (tags removed) at a font size."""
    plain = text.replace("<b>", "").replace("</b>", "").replace("&amp;", "&")
    return len(plain) * size * CHAR_EM


def rewrap(label: str, chars: int) -> str:
    """A label (maybe already broken with <br>) broken again at `chars` characters a line.
    Words are never split: an escaped entity cannot be cut in two."""
    flat = " ".join(label.replace("<br>", " ").split())
    return "<br>".join(textwrap.wrap(flat, chars, break_long_words=False, break_on_hyphens=False)) or flat


def fit(fig: go.Figure, name: str = "page", *, height: int | None = None,
        window: tuple[int, int] | None = None) -> go.Figure:
    """Lay `fig` out for target `name`: fonts, legend band, labels, ticks, notes; `height` in px
    (slides fix it); `window` shows only category rows [start, stop) counted from the top."""
    t = target(name)
    if height:
        fig.update_layout(height=height)
    if t.name in ("phone", "slide"):
        _flatten(fig)
    if t.name == "phone":
        _phone(fig, t)
    if t.name in ("phone", "slide"):
        _short_right_labels(fig, t)
    _fonts(fig, t)
    _labels(fig, t)
    _ticks(fig, t)
    _left_margin(fig, t)
    _outside_bar_labels(fig, t)
    _legend(fig, t)
    if t.name in ("phone", "slide"):
        _lanes(fig, t)
    _titles(fig, t)
    _notes(fig, t)
    if not t.slider:
        fig.update_xaxes(rangeslider={"visible": False})
    if window:
        _window(fig, window)
    return fig


def _fonts(fig: go.Figure, t: Target) -> None:
    fig.update_layout(font={"size": t.font}, legend={"font": {"size": t.tick}},
                      hoverlabel={"font": {"size": max(t.tick, theme.HOVER_SIZE)}})
    fig.update_xaxes(tickfont={"size": t.tick}, title_font={"size": t.font})
    fig.update_yaxes(tickfont={"size": t.tick}, title_font={"size": t.font})
    for tr in fig.data:
        if getattr(tr, "textfont", None) is not None and "text" in mode(tr):
            tr.textfont.size = t.tick
    for a in fig.layout.annotations:
        a.font.size = t.tick
    if fig.layout.title.text:
        fig.layout.title.font.size = t.font


def category_axes(fig: go.Figure) -> list:
    """The y axes whose categories are listed (the row charts: conditions, routes...)."""
    return [ax for ax in (fig.layout[k] for k in fig.layout if k.startswith("yaxis"))
            if ax.categoryarray is not None and ax.type != "multicategory"]


def _labels(fig: go.Figure, t: Target) -> None:
    """Category labels broken at the target's line length (one line on a slide)."""
    for ax in category_axes(fig):
        labels = {c: rewrap(c, t.label_chars) for c in ax.categoryarray}
        if all(k == v for k, v in labels.items()):
            continue
        ax.categoryarray = [labels[c] for c in ax.categoryarray]
        for tr in fig.data:
            if tr.y is not None and len(tr.y) and all(isinstance(v, str) for v in tr.y):
                tr.y = [labels.get(v, v) for v in tr.y]
        if ax.tickvals is not None:
            ax.tickvals = [labels.get(v, v) for v in ax.tickvals]
    for ax in [fig.layout[k] for k in fig.layout if k.startswith("yaxis")]:
        if ax.ticktext is not None:
            ax.ticktext = [rewrap(x, t.label_chars) for x in ax.ticktext]
    axes = category_axes(fig)
    if axes and t.name in ("phone", "handout"):  # rows of wrapped labels: the height follows the row count
        lines = max(c.count("<br>") + 1 for c in axes[0].categoryarray)
        rows = len(axes[0].categoryarray)
        need = rows * (t.row_px + (lines - 1) * t.tick) + SLIDE_CHROME_PX + 40
        fig.update_layout(height=max(fig.layout.height or theme.DEFAULT_HEIGHT, need))


def _ticks(fig: go.Figure, t: Target) -> None:
    """Fewer labelled ticks on an axis whose labels would not fit side by side."""
    for k in [k for k in fig.layout if k.startswith("xaxis")]:
        ax = fig.layout[k]
        if ax.ticktext is None or ax.tickvals is None:
            continue
        vals, text = list(ax.tickvals), list(ax.ticktext)
        domain = ax.domain[1] - ax.domain[0] if ax.domain else 1
        room = t.width * domain * (0.65 if t.name == "phone" else 0.8)  # a phone may draw a wider fallback font
        step = 1
        while len(text) > 2 and sum(text_px(x, t.tick) + 14 for x in text[::step]) > room:
            step += 1
        if step > 1:
            ax.tickvals, ax.ticktext = vals[::step], text[::step]


def _titles(fig: go.Figure, t: Target) -> None:
    """Axis titles broken over lines where one line would run past the plot's edge (a y title: past
    its panel, into the next one's labels)."""
    margin = fig.layout.margin
    plot_h = (fig.layout.height or theme.DEFAULT_HEIGHT) - (margin.t or 40) - (margin.b or 10) - 60
    for k in [k for k in fig.layout if k.startswith(("xaxis", "yaxis"))]:
        ax = fig.layout[k]
        text = ax.title.text if ax.title else None
        if not text:
            continue
        span = (ax.domain[1] - ax.domain[0]) if ax.domain else 1
        room = (t.width - (margin.l or 0)) * 0.95 if k.startswith("x") else max(plot_h * span, 80)
        chars = max(int(room / (t.font * CHAR_EM)), 12)
        if k.startswith("y") and len(text) > chars and t.name == "slide" and ax.domain and ax.domain[1] < 1:
            # a panel too short for its title on a slide: the title goes over the panel, on one line
            fig.add_annotation(text=text, xref="paper", yref="paper", x=0, y=ax.domain[1], xanchor="left",
                               yanchor="bottom", showarrow=False, font={"size": t.tick})
            ax.title.text = None
            continue
        if len(text) > chars:
            ax.title.text = rewrap(text, chars)
            if ax.side == "top":  # a title over a top axis: the margin grows by its extra lines
                lines = ax.title.text.count("<br>")
                fig.update_layout(margin={"t": (margin.t or 40) + lines * (t.font + 6)})


def _notes(fig: go.Figure, t: Target) -> None:
    """Notes (annotations) broken over lines to fit the chart, half its width at most; a note under
    a reference line goes above it on a phone or a slide, clear of the tick labels."""
    chars = max(int(t.width * 0.5 / (t.tick * CHAR_EM)), 14)
    for a in fig.layout.annotations:
        if t.name in ("phone", "slide") and str(a.xref).endswith("domain") and a.yanchor == "top":
            a.yanchor, a.x, a.xanchor = "bottom", 0, "left"  # above the line, at its start: clear of late data
        if a.text and len(a.text) > chars and "<br>" not in a.text:
            a.text = rewrap(a.text, chars)


def _left_margin(fig: go.Figure, t: Target) -> None:
    """Room on the left for the longest category label, as the web font draws it: plotly measures
    labels when it first draws, possibly before the font has loaded, and a wider font is then cut."""
    axes = category_axes(fig)
    labels = [line for ax in axes for c in (ax.ticktext or ax.categoryarray) for line in str(c).split("<br>")]
    standoff = _marker_clearance(fig)
    _group_gap(fig, t, standoff)
    if labels:
        for ax in axes:  # a marker at the value axis's start stays clear of its row's label
            ax.ticklabelstandoff = standoff
        need = int(max(text_px(x, t.tick) for x in labels) * 1.1) + 16 + standoff
        fig.update_layout(margin={"l": max(fig.layout.margin.l or 0, need)})


def _outside_bar_labels(fig: go.Figure, t: Target) -> None:
    """Room at the end of the value axis for the numbers printed beyond horizontal bars: plotly clips
    them to the plotting area, and its autorange leaves no room for them on a narrow screen (a phone
    showed "2" of "24")."""
    bars = [tr for tr in fig.data if tr.type == "bar" and tr.orientation == "h" and tr.textposition == "outside"
            and tr.x is not None and len(tr.x) and tr.text is not None]
    ax = fig.layout.xaxis
    if not bars or ax.range is not None:
        return
    top = max(float(x) for tr in bars for x in tr.x)
    label = max(text_px(str(x), t.tick) for tr in bars for x in tr.text) + 12  # plotly's pad, and a margin
    share = min(label / plot_width(fig, t), 0.5)
    ax.range = [0, top / (1 - share) * 1.02]


def _marker_clearance(fig: go.Figure) -> int:
    """Half the largest marker drawn, plus a gap: how far row labels stand off the plotting area."""
    sizes = [float(tr.marker.size) for tr in fig.data if "markers" in mode(tr) and getattr(tr, "marker", None)
             is not None and isinstance(tr.marker.size, int | float)]
    return int(max(sizes, default=0) / 2) + 4


def plot_width(fig: go.Figure, t: Target) -> float:
    """The plotting area's width at the target's width (plotly wraps a legend at it)."""
    m = fig.layout.margin
    return max(t.width - (m.l or 80) - (m.r or 80), t.width * 0.4)


def legend_entry(names: list[str], t: Target) -> float:
    """The fixed width of a legend entry's text: the longest name's (plotly adds the symbol's)."""
    return max(len(n) for n in names) * t.tick * LEGEND_EM


def legend_rows(fig: go.Figure, t: Target) -> int:
    """Rows the horizontal legend needs at the target's width: plotly wraps it at the plot's width,
    and every entry has the width of the longest (a width measured before the web font loads would
    let the entries overlap once it has)."""
    names = list(dict.fromkeys(tr.name for tr in fig.data if tr.name and tr.showlegend is not False))
    if not names or fig.layout.showlegend is False:
        return 0
    room = plot_width(fig, t)
    widths = [legend_entry(names, t) + LEGEND_SYMBOL_PX] * len(names)
    rows, used = 1, 0.0
    for w in widths:
        if used and used + w > room:
            rows, used = rows + 1, 0.0
        used += w
    return rows


def _legend(fig: go.Figure, t: Target) -> None:
    """The legend in a band of its own, its height reserved in the margin: never over data."""
    rows = legend_rows(fig, t)
    if not rows:
        return
    names = [tr.name for tr in fig.data if tr.name and tr.showlegend is not False]
    entry = legend_entry(names, t)
    band = rows * (t.tick + LEGEND_ROW_PX + 6) + 4
    top_axis = any(fig.layout[k].side == "top" for k in fig.layout if k.startswith("xaxis"))
    if t.name == "slide" and rows > 1 and top_axis:
        # a slide's rows keep its height: the legend, one entry a line, goes in the top-left corner,
        # above the row labels and left of the axis title
        count = len(dict.fromkeys(names))
        fig.update_layout(legend={"orientation": "v", "x": 0, "xref": "container", "xanchor": "left",
                                  "y": 1, "yref": "container", "yanchor": "top",
                                  "entrywidth": legend_entry(names, t) + 12,
                                  "entrywidthmode": "pixels"},
                          margin={"t": max(fig.layout.margin.t or 40, count * (t.tick + LEGEND_ROW_PX) + 16)})
        return
    margin = fig.layout.margin
    title = 0
    if fig.layout.title.text:  # a note in the title line: the legend goes under it
        title = (fig.layout.title.text.count("<br>") + 1) * (t.font + 6) + 6
        fig.update_layout(title={"x": 0, "xanchor": "left", "y": 1, "yref": "container", "yanchor": "top",
                                 "pad": {"t": 4}})
    if t.name != "slide":  # the band adds to the chart's height: the plot keeps its own
        fig.update_layout(height=(fig.layout.height or theme.DEFAULT_HEIGHT) + band + title)
    elif rows > 1:  # a slide's fixed height takes one legend row; further rows get room the slide has below
        extra = min((rows - 1) * (t.tick + LEGEND_ROW_PX + 6), SLIDE_LEGEND_EXTRA_PX)
        fig.update_layout(height=(fig.layout.height or theme.DEFAULT_HEIGHT) + extra)
    if top_axis:
        fig.update_layout(legend={"orientation": "h", "x": 0, "xanchor": "left", "xref": "container",
                                  "yref": "container", "y": 0,
                                  "yanchor": "bottom", "entrywidth": entry, "entrywidthmode": "pixels"},
                          margin={"b": (margin.b or 10) + band})
    else:
        fig.update_layout(legend={"orientation": "h", "x": 0, "xanchor": "left", "xref": "container",
                                  "yref": "container", "y": 1, "yanchor": "top", "entrywidth": entry,
                                  "entrywidthmode": "pixels"},
                          margin={"t": max(margin.t or 40, 16) + band + title})
        if title:
            fig.update_layout(legend={"y": 1 - title / (fig.layout.height or theme.DEFAULT_HEIGHT)})


def row_positions(fig: go.Figure) -> list[float]:
    """The y position of every row of a row chart, top row first: the categories of a category
    axis, or the distinct positions of the markers of a diagram drawn on a hidden numeric axis."""
    axes = category_axes(fig)
    if axes:
        n = len(axes[0].categoryarray)
        return [float(n - 1 - i) for i in range(n)]
    if fig.layout.yaxis.visible is False:
        ys = {float(y) for tr in fig.data if "markers" in mode(tr) and tr.y is not None for y in tr.y}
        return sorted(ys, reverse=True)
    return []


def _window(fig: go.Figure, window: tuple[int, int]) -> None:
    """Only rows [start, stop) counted from the top; points, labels and arrows of the others hidden."""
    pos = row_positions(fig)[window[0]:window[1]]
    if not pos:
        return
    low, high = min(pos) - 0.6, max(pos) + (0.6 if category_axes(fig) or window[0] else 1.2)
    fig.update_yaxes(range=[low, high], autorange=False, selector={"anchor": "x"})
    fig.layout.yaxis.range = [low, high]
    for tr in fig.data:
        if hasattr(tr, "cliponaxis"):
            tr.cliponaxis = False  # plotly.js then hides the points (and their labels) outside the range
    for a in fig.layout.annotations:
        ends = [a.y] + ([a.ay] if a.ayref == "y" else [])
        if a.yref == "y" and any(v is not None and not low <= v <= high for v in ends):
            a.visible = False


def _flatten(fig: go.Figure) -> None:
    """A two-level category axis (group, item) becomes one level (item): the group labels beside
    the items take a width a phone or a slide's type size does not have (the group stays in the hover)."""
    ax = fig.layout.yaxis
    if ax.type != "multicategory":
        return
    order: list[str] = []
    for tr in fig.data:
        if tr.y is not None and len(tr.y) == 2 and not isinstance(tr.y[0], str):
            tr.y = list(tr.y[1])
            order += list(tr.y)
    ax.type = "category"
    ax.categoryorder = "array"
    ax.categoryarray = list(dict.fromkeys(order))[::-1]


GROUP_GAP = "\u2002"  # an en space: half the type size


def _group_gap(fig: go.Figure, t: Target, standoff: int) -> None:
    """A two-level category axis: items stand off the plot like other row labels, and the group labels
    stay clear of the longest item. Plotly ends the group labels where it measured the longest item to
    begin, with no gap and without the standoff: there "other" ran into "any ketamine-related adverse…".
    The groups end in en spaces covering the standoff and half the type size, so their text stops that
    much short (the hover names the group from the trace's own data, not from the axis)."""
    ax = fig.layout.yaxis
    if ax.type != "multicategory":
        return
    ax.ticklabelstandoff = standoff
    pad = GROUP_GAP * (math.ceil(standoff / (t.tick / 2)) + 1)
    for tr in fig.data:
        if tr.y is not None and len(tr.y) == 2 and not isinstance(tr.y[0], str):
            tr.y = [[f"{str(g).rstrip(GROUP_GAP)}{pad}" for g in tr.y[0]], list(tr.y[1])]


def mode(trace) -> str:
    """A trace's drawing mode ("" for bars and other traces without one)."""
    return getattr(trace, "mode", None) or ""


def _phone(fig: go.Figure, t: Target) -> None:
    """What a 390 px screen needs beyond smaller type: side columns of text under their rows,
    marker labels over two short lines, staggered notes, room for labels right of markers."""
    marker_x = [min(tr.x) for tr in fig.data if "markers" in mode(tr) and tr.x is not None and len(tr.x)]
    for tr in fig.data:
        if mode(tr) == "text" and tr.x is not None and len(tr.x) and marker_x and min(tr.x) > min(marker_x):
            column = min(tr.x)
            tr.x = [min(marker_x) + _label_indent(fig, t)] * len(tr.x)  # a column beside the labels moves under them
            tr.y = [float(y) - 0.45 for y in tr.y]
            fig.update_layout(height=(fig.layout.height or theme.DEFAULT_HEIGHT) + 14 * len(tr.y))
            for a in fig.layout.annotations:  # its heading ("when") heads nothing now
                if a.xref == "x" and a.x == column and not a.showarrow:
                    a.visible = False
        elif "markers+text" in mode(tr) and tr.text is not None:
            labels = [str(x) for x in tr.text]
            position = tr.textposition if isinstance(tr.textposition, str) else ""
            if position != "middle right":  # labels along a lane: two short lines, below and above in turn
                tr.text = [rewrap(x, 10) for x in labels]  # (a lone label keeps its side: above its lane)
                where = [position] * len(labels) if position else [str(p) for p in tr.textposition]
                tr.textposition = [p.replace("top", "bottom") if i % 2 == 0 and len(labels) > 1
                                   else p.replace("bottom", "top") for i, p in enumerate(where)]
                tr.cliponaxis = False
    dated = [a for a in fig.layout.annotations if a.xref == "x" and a.yref in ("paper", "y domain") and a.text]
    for i, a in enumerate(dated):  # notes side by side on a date axis: on two lines in turn, away from the data
        a.yshift = (i % 2) * (t.tick + 6) * (1 if a.yanchor == "bottom" else -1)
    fig.update_xaxes(ticklabelstandoff=8)  # the first tick label clear of the y axis's lowest one


def _label_indent(fig: go.Figure, t: Target) -> float:
    """How far right of its marker a "middle right" label starts, in x units: text moved under the labels
    starts where they do, clear of lines drawn through the markers (the mechanism chain's arrows)."""
    ax = fig.layout.xaxis
    if ax.range is None:
        return 0.0
    px = _marker_clearance(fig)  # the largest marker's radius and a gap
    return px * (ax.range[1] - ax.range[0]) / plot_width(fig, t)


def _short_right_labels(fig: go.Figure, t: Target) -> None:
    """Labels right of markers in grade columns ("6 RCTs · 858"): their short form ("6 RCTs"; the
    rest is in the hover), and room on the right for the last column's labels."""
    for tr in fig.data:
        if "markers+text" in mode(tr) and tr.text is not None and tr.textposition == "middle right" \
                and fig.layout.yaxis.visible is not False:
            tr.text = [str(x).split(" · ")[0] for x in tr.text]
    right = [str(x) for tr in fig.data if "markers+text" in mode(tr) and tr.text is not None
             and tr.textposition == "middle right" for x in tr.text]
    ax = fig.layout.xaxis
    if right and ax.range is not None and fig.layout.yaxis.visible is not False:
        span = ax.range[1] - ax.range[0]
        share = min(max(text_px(x, t.tick) for x in right) / (t.width * 0.55), 0.6)
        ax.range = [ax.range[0], ax.range[0] + span / (1 - share)]


def _lanes(fig: go.Figure, t: Target) -> None:
    """A panel of category lanes above another panel gets the height its labels need at this size."""
    lanes = [k for k in fig.layout if k.startswith("yaxis") and fig.layout[k].categoryarray is not None
             and fig.layout[k].domain and fig.layout[k].domain[0] > 0.3]
    others = [k for k in fig.layout if k.startswith("yaxis") and k not in lanes and fig.layout[k].domain]
    if not lanes or not others:
        return
    ax = fig.layout[lanes[0]]
    m = fig.layout.margin
    plot_h = max((fig.layout.height or theme.DEFAULT_HEIGHT) - (m.t or 40) - (m.b or 10) - 60, 100)
    need = min(len(ax.categoryarray) * (t.tick * 1.6 + 8) / plot_h, 0.45)
    if ax.domain[1] - ax.domain[0] < need:
        ax.domain = [1 - need, 1]
        for k in others:
            fig.layout[k].domain = [0, max(1 - need - 0.14, 0.3)]
    bottom = ax.categoryarray[0]  # the array runs bottom to top
    for tr in fig.data:  # the bottom lane's labels go under it, clear of the lane above
        if "markers+text" in mode(tr) and tr.y is not None and len(tr.y) and tr.yaxis in (None, "y"):
            tr.cliponaxis = False  # a label above the top lane is not cut by the panel's edge
        positions = [tr.textposition] if isinstance(tr.textposition, str) else list(tr.textposition or [])
        if "markers+text" in mode(tr) and tr.y is not None and len(tr.y) and all(y == bottom for y in tr.y) \
                and not any("bottom" in str(p) for p in positions):
            where = tr.textposition if not isinstance(tr.textposition, str) else [tr.textposition] * len(tr.y)
            tr.textposition = [str(p).replace("top", "bottom") for p in where]
            tr.cliponaxis = False
    under = any("markers+text" in mode(tr) and tr.y is not None and len(tr.y) and all(y == bottom for y in tr.y)
                and "bottom" in str(tr.textposition) for tr in fig.data)
    if under and ax.range is not None:  # room under the bottom lane for its labels
        ax.range = [ax.range[0] - 0.5, ax.range[1]]


def rows_per_slide(height: int) -> int:
    """Category rows a slide chart of `height` px holds at slide type size."""
    return max((height - SLIDE_CHROME_PX) // TARGETS["slide"].row_px, 1)


def slide_parts(fig: go.Figure, height: int) -> list[tuple[int, int]]:
    """Windows of rows, [start, stop), one per slide: all rows on one slide when they fit, else
    split into parts of nearly equal size."""
    n = len(row_positions(fig))
    per = rows_per_slide(height)
    if n <= per:
        return [(0, n)] if n else []
    parts = math.ceil(n / per)
    size = math.ceil(n / parts)
    return [(i, min(i + size, n)) for i in range(0, n, size)]
