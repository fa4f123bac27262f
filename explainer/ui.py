"""Streamlit building blocks shared by the pages: the parts every chart page has.

Text that comes from the data is escaped before it reaches Markdown, so a cell
cannot inject links, HTML or LaTeX into a page.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Hashable, Mapping
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from explainer import citations, memo, registry, state, tables, theme, viewport
from explainer.cards import Card, Chart, plotly_config
from explainer.describe import DISCLAIMER
from explainer.filters import Filter
from explainer.sections import Block, Item

T = TypeVar("T")
CHART_BOX_PAD = 16  # px around a chart in its reserved box: no scroll bar at the chart's own height
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~:])")


def inert(text: object) -> str:
    """Data text made inert for st.markdown (no links, HTML, entities, emphasis or LaTeX).

    Runs of spaces and control characters become one space and the ends are trimmed: four leading
    spaces would start a code block, a line break a list or heading, and an edge space would stop
    a caller's `**...**` from being bold. `&` is escaped so `&lt;` shows as typed, not as `<`.
    """
    flat = re.sub(r"[\x00-\x20\x7f]+", " ", str(text)).strip()
    return MD_SPECIAL.sub(r"\\\1", flat).replace("&", "\\&")


def package() -> tables.DataPackage:
    return tables.load()


def start(name: str) -> dict[str, pd.DataFrame]:
    """Open page `name` of the registry: the tables it declares, or stop with their problems.

    The tables are copy-on-write copies: a page that writes to one cannot change what the
    next session reads.
    """
    enter_through_navigation()
    tables.pin()
    return require(*registry.page(name).tables)


def require(*names: str) -> dict[str, pd.DataFrame]:
    """The named tables, or stop the page with the validation messages.

    A page draws nothing from a table that failed validation; other pages keep working.
    """
    pkg = package()
    problems = pkg.problems_for(*names)
    if problems:
        listing = "\n".join(f"- {inert(p)}" for p in problems)
        st.title("This page's data failed validation")
        st.error(f"The data behind this page failed validation, so nothing is drawn from it:\n\n{listing}",
                 icon=":material/error:")
        st.stop()
    return {n: pkg.tables[n].copy(deep=False) for n in names}


def computed(fn: Callable[..., T], *args: Hashable) -> T:
    """``fn(tables, *args)`` computed once per data version and shared (keyed by `fn` and `args`)."""
    return memo.call(memo.of_tables, fn, *args)


def of_package(fn: Callable[..., T], *args: Hashable) -> T:
    """``fn(package, *args)`` computed once per data version and shared (keyed by `fn` and `args`)."""
    return memo.call(fn, *args)


def disclaimer() -> None:
    st.caption(f":material/medical_information: {DISCLAIMER}")


def header(title: str, takeaway: str) -> None:
    """The page title (a question or finding) and its computed one-line takeaway."""
    st.title(title)
    st.markdown(f"**{inert(takeaway)}**")


def controls(*owners: Chart | Filter, columns: bool = False) -> dict[str, Any]:
    """Draw the controls of these charts' filters (a filter shared by several charts once), each
    starting from the URL and writing its value back; returns the view they set, by filter name.

    With `columns` the controls sit side by side."""
    from explainer.filters import unique

    filters = unique([f for o in owners for f in (o.filters if isinstance(o, Chart) else (o,))])
    slots = st.columns(len(filters)) if columns and len(filters) > 1 else [st] * len(filters)
    return {f.name: control(f, slot) for f, slot in zip(filters, slots)}


def control(f: Filter, where: Any = st) -> Any:
    """One filter's widget, started from the URL (or an older alias of its name), its value written back."""
    choices = registry.options(f)
    key = f"filter-{f.name}"
    start = state.url_value(f.parser(choices), key, f.aliases)
    if f.widget == "selectbox":
        picked = where.selectbox(f.label, choices, index=choices.index(start) if start in choices else 0, key=key)
    elif f.widget == "segmented":
        picked = where.segmented_control(f.label, choices, default=start, key=key)
    elif f.widget == "pills":
        picked = where.pills(f.label, choices, selection_mode="multi", default=start, key=key)
    elif f.widget == "slider":
        picked = where.select_slider(f.label, options=choices, value=start, key=key,
                                     format_func=f.shown) if len(choices) > 1 else start
    elif f.widget == "text":
        picked = where.text_input(f.label, value=start, key=key, placeholder=f.help, max_chars=state.MAX_VALUE_LENGTH)
    else:
        picked = start
    value = f.value(picked, choices)
    state.write(f.name, f.url_text(value), f.url_text(f.default_of(choices)), f.aliases)
    return value


def show(chart_: Chart, view: Mapping[str, Any] | None = None, *, key: str | None = None, name: str | None = None,
         on_select: str = "ignore", cite: bool = True, expander: bool = True, lead: bool = False,
         controls_here: bool = False):
    """A chart's card as every chart page shows it: its section heading, (with `lead`) its takeaway,
    its notes, the figure with its alt text and image downloads, how to read it, its sources and the
    rows behind it. `view` may be the whole page's: the chart takes its own filters from it. With
    `controls_here` the chart's own controls sit under its heading, side by side, and set its view.
    `name` (the file names of its downloads) may name filters: "onset-{measure}"."""
    if chart_.section:
        st.header(inert(chart_.section))
    if lead:  # the view's takeaway as far as it is known here (controls drawn below have not run yet)
        st.caption(inert(registry.takeaway(chart_, **chart_.own(view or {}))))
    if controls_here:
        view = {**(view or {}), **controls(chart_, columns=True)}
    card_ = registry.card(chart_, target=viewport.current(), **chart_.own(view or {}))
    name = (name or chart_.key).format(**card_.view)
    for note in card_.notes:
        st.info(f"**{note.title}**: {note.text}", icon=note.icon)
    event = figure(card_, key=key or chart_.key, on_select=on_select, name=name)
    if card_.caption:
        st.caption(card_.caption)
    if cite:
        source_caption(*card_.cited)
    if expander:
        data_expander(card_.rows, name)
    return event


def figure(card_: Card, key: str, *, on_select: str = "ignore", name: str | None = None, downloads: bool = True):
    """Draw a card's figure with its alt text, the slide-sized image button and PNG/SVG downloads."""
    fig = card_.figure
    config = plotly_config(name or card_.key, phone=viewport.current() == "phone")
    kwargs = {"on_select": on_select, "selection_mode": ("points",)} if on_select != "ignore" else {}
    height = fig.drawable().layout.height or theme.DEFAULT_HEIGHT
    # A box of the chart's height, drawn before plotly.js has loaded: the page does not jump when it does.
    with st.container(height=int(height) + CHART_BOX_PAD, border=False, key=f"box-{key}"):
        event = st.plotly_chart(fig.drawable(), key=key, config=config, alt=card_.alt, theme="streamlit", **kwargs)
    if downloads:
        image_downloads(fig, name or card_.key, key)
    return event


def section(page: registry.Page, key: str, view: Mapping[str, Any] | None = None, *,
            heading: str | None = None) -> Block | None:
    """A page section that is not a chart: its heading, and its content as every target shows it.
    An app-only section draws only its heading (`heading` overrides it); the page draws the rest."""
    sec = page.section(key)
    if sec.block is None:
        title = sec.heading if heading is None else heading
        if title:
            st.header(inert(title))
        return None
    b = registry.block(page, key, **(view or {}))
    if b.folded:
        with st.expander(inert(b.heading)):
            block_body(b)
    else:
        if b.heading:
            st.header(inert(b.heading))
        block_body(b)
    return b


def block_body(b: Block) -> None:
    """A section's lead, items, table and sources."""
    if b.lead:
        st.caption(inert(b.lead))
    plain = [i for i in b.items if not (i.badge or i.quote)]
    if plain:
        lines = [item_markdown(i) for i in plain]
        st.markdown("\n".join(f"- {line}" for line in lines) if b.bullets else "\n\n".join(lines))
    for i in b.items:
        if i.badge or i.quote:
            claim_card(i)
    if b.table is not None and len(b.table):
        # a static table: a dozen rows need no data grid (which would load before the chart)
        st.table(b.table, hide_index=True, border="horizontal")
    if b.cited:
        source_caption(*b.cited)


def item_markdown(i: Item) -> str:
    """An item as Markdown: data text inert, its bold part bold, the spaces around it kept."""
    def part(text: str) -> str:
        lead, tail = " " if text[:1].isspace() else "", " " if text[-1:].isspace() else ""
        return lead + inert(text) + tail if text.strip() else text
    strong = f"**{inert(i.strong)}**" if i.strong else ""
    return part(i.before) + strong + part(i.text)


def claim_card(i: Item) -> None:
    """A claim: verdict badge, the quote, what the evidence says, its sources and the rows it points to."""
    badge = theme.VERDICT_BADGE.get(i.badge, "gray")
    evidence = caption_markdown(list(i.sources), prefix="Evidence")
    data = " · ".join(f"[{inert(label)}]({url})" for label, url in i.links)
    if data:
        evidence += f"\n\n:small[Data: {data}]"
    with st.container(border=True):  # one Markdown block per claim: verdict, quote, evidence, sources
        st.markdown(f":{badge}-badge[{inert(i.badge)}]\n\n> “{inert(i.quote)}”\n\n{inert(i.text)}\n\n{evidence}")


def image_downloads(fig: memo.FrozenFigure, name: str, key: str) -> None:
    """PNG and SVG of the chart at slide size.

    The popover's content is sent only while it is open (and each file is rendered only when
    its button is clicked: kaleido is slow), so a page's first paint carries none of it.
    """
    from explainer import export

    menu = st.popover("Image", icon=":material/image:", key=f"image-{key}", on_change="rerun")
    if not menu.open:
        return
    with menu:
        st.caption(f"{theme.SLIDE_WIDTH}×{theme.SLIDE_HEIGHT}, light background")
        st.download_button("PNG", lambda: export.image(fig.drawable(), "png"),
                           file_name=f"ketamine-explained-{name}.png", mime="image/png", key=f"png-{key}",
                           icon=":material/download:", on_click="ignore")
        st.download_button("SVG", lambda: export.image(fig.drawable(), "svg"),
                           file_name=f"ketamine-explained-{name}.svg", mime="image/svg+xml", key=f"svg-{key}",
                           icon=":material/download:", on_click="ignore")


def source_caption(*frames: pd.DataFrame, prefix: str = "Sources", limit: int | None = None) -> None:
    """Caption with the short citations of every source the rows cite, each a link.

    `limit` (slides) shows the first few and says how many more the Sources page lists.
    """
    st.markdown(caption_markdown(citations.cited_ids(*frames), prefix=prefix, limit=limit))


def caption_markdown(ids: list[str], *, prefix: str = "Sources", limit: int | None = None) -> str:
    """Markdown of a sources caption for these source ids."""
    links = cite_links()
    parts = [links[i] for i in ids if i in links]
    more = len(parts) - limit if limit is not None and len(parts) > limit else 0
    shown = parts[:limit] if more else parts
    tail = f" · and {more} more on the Sources page" if more else ""
    # :small[] instead of st.caption: a caption is drawn at 60 % opacity, too faint for links (< 4.5:1)
    return ":small[" + (f"{prefix}: " + " · ".join(shown) + tail if parts else f"{prefix}: none") + "]"


@memo.shared
def cite_links(pkg: tables.DataPackage) -> dict[str, str]:
    """source_id -> its short citation as an escaped Markdown link (once per data version)."""
    table = citations.with_cites(pkg.tables["sources"])
    return {sid: f"[{inert(c)}]({safe_url(u)})" for sid, c, u in zip(table["source_id"], table["cite"], table["link"])}


def safe_url(url: str) -> str:
    """A URL usable inside Markdown link syntax (only http(s); brackets encoded)."""
    if not re.match(r"^https?://", url):
        return "#"
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")


def data_expander(df: pd.DataFrame, name: str, label: str = "The data behind this chart") -> None:
    """The rows behind a chart and a CSV download of exactly those rows.

    The table is sent only while the expander is open, so a page's first paint does not
    load the data grid.
    """
    box = st.expander(f"{label} ({len(df)} rows)", key=f"rows-{name}", on_change="rerun")
    if not box.open:
        return
    with box:
        st.dataframe(df, hide_index=True, width="stretch")
        st.download_button("Download these rows (CSV)", lambda: df.to_csv(index=False).encode("utf-8"),
                           file_name=f"ketamine-explained-{name}.csv", mime="text/csv",
                           icon=":material/download:", key=f"dl-{name}", on_click="ignore")


def page_footer(page_title: str, path: str) -> None:
    """Below every page: where the numbers come from, the static version, and the share box."""
    st.divider()
    st.caption("Every number on these pages comes from the data package and cites its sources.")
    static_link(path)
    share_box(page_title)


def share_box(page_title: str) -> None:
    """'Share or cite this view': the URL of the current page and filters, and a citation, both copyable.

    Sent only while open: the copyable code blocks load a highlighter the first paint does without.
    """
    from explainer import share

    box = st.expander("Share or cite this view", icon=":material/share:", key="share", on_change="rerun")
    if not box.open:
        return
    with box:
        url = share.current_url()
        st.caption("Link to this page with its filters:")
        st.code(url, language=None, wrap_lines=True)
        st.caption("Cite this page:")
        st.code(share.page_citation(page_title, url), language=None, wrap_lines=True)


STATIC_URL_ENV = "KETAMINE_STATIC_URL"  # or the `static_url` secret: where the static mirror is served
STATIC_URL_SECRET = "static_url"


def static_url() -> str:
    """The static mirror's address: $KETAMINE_STATIC_URL, else the `static_url` secret; "" when
    neither names an http(s) address (the app then shows no link to it)."""
    url = os.environ.get(STATIC_URL_ENV, "").strip()
    if not url and st.secrets.load_if_toml_exists():  # a probe: False, not an error, without secrets
        url = str(st.secrets.get(STATIC_URL_SECRET) or "").strip()
    return url if re.match(r"^https?://", url) else ""


def static_link(path: str) -> None:
    """A "Static version" link to this page in the mirror, when the mirror's address is configured."""
    base = static_url()
    if base:
        target = base.rstrip("/") + "/" + (path + "/" if path else "")
        st.markdown(f":small[:material/bolt: [Static version]({safe_url(target)}) of this page: loads instantly, "
                    "each chart in its default view]")


SETTLE_PAUSE_S = 0.06  # a few frames at 60 Hz: the page config is painted before the first content
STYLED_PAUSE_S = 0.3   # and, on a page that restyles the layout (the slides), its CSS, whose renderer loads lazily


def settle_layout(styled: bool = False) -> None:
    """On a session's first run, let the browser paint the wide layout before any content arrives.

    The app shell paints Streamlit's default centred column before the script runs; the page
    config then widens it. Had the page's elements arrived in the same frame, the whole screen of
    content would count as moving from the centred column to the wide one (a layout shift of 0.23
    on a 1350 px screen); an empty column moving counts for 0.03. A page that restyles the layout
    (`styled`: the slides' projector CSS, sent just before) waits longer, for Streamlit to load the
    code that applies the CSS. The pause is paid once per session: later runs start from the layout.
    """
    if st.session_state.get("_layout_settled"):
        return
    st.session_state["_layout_settled"] = True
    time.sleep(STYLED_PAUSE_S if styled else SETTLE_PAUSE_S)


def enter_through_navigation() -> None:
    """Make sure this page runs inside the app's navigation (dashboard.py), not on its own.

    Streamlit still honours the pre-navigation multipage layout: when a ``pages/`` folder sits
    next to the entry script, a server's first run for a deep link (``/onset``) executes
    ``pages/onset.py`` directly (``PagesManager.uses_pages_directory`` is decided once per
    process, and only ``st.navigation`` clears it). The page would then miss the page config,
    the sidebar and the navigation. Clearing the flag and rerunning sends the same URL through
    dashboard.py, which resolves it to this page. Costs one rerun, once per server process.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()
