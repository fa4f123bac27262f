"""Streamlit building blocks shared by the pages: the parts every chart page has.

Text that comes from the data is escaped before it reaches Markdown, so a cell
cannot inject links, HTML or LaTeX into a page.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Hashable
from typing import TypeVar

import pandas as pd
import streamlit as st

from explainer import citations, memo, registry, tables, theme, viewport
from explainer.describe import DISCLAIMER

T = TypeVar("T")
CHART_BOX_PAD = 16  # px around a chart in its reserved box: no scroll bar at the chart's own height
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~:])")


def md(text: object) -> str:
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
        listing = "\n".join(f"- {md(p)}" for p in problems)
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
    st.markdown(f"**{md(takeaway)}**")


def show(chart_: registry.Chart, *, key: str | None = None, name: str | None = None, caption: str = "",
         on_select: str = "ignore", cite: bool = True, expander: bool = True, **view: Hashable):
    """A registry chart as every chart page shows it: the figure with its alt text and image
    downloads, a caption on how to read it, its sources, and the rows behind it."""
    fig = registry.figure(chart_, target=viewport.current(), **view)
    event = chart(fig, registry.alt(chart_, **view), key=key or chart_.key,
                  on_select=on_select, name=name or chart_.key)
    if caption:
        st.caption(caption)
    if cite:
        source_caption(*registry.cited(chart_, **view))
    if expander:
        data_expander(registry.rows(chart_, **view), name or chart_.key)
    return event


def chart(fig: memo.FrozenFigure, alt: str, key: str, *, on_select: str = "ignore", name: str = "chart",
          downloads: bool = True):
    """Draw a figure with its alt text, a slide-sized image button and PNG/SVG downloads."""
    config = {"displaylogo": False, "responsive": True,
              "toImageButtonOptions": {"format": "png", "filename": f"ketamine-explained-{name}",
                                       "width": theme.SLIDE_WIDTH, "height": theme.SLIDE_HEIGHT, "scale": 2}}
    kwargs = {"on_select": on_select, "selection_mode": ("points",)} if on_select != "ignore" else {}
    height = fig.drawable().layout.height or theme.DEFAULT_HEIGHT
    # A box of the chart's height, drawn before plotly.js has loaded: the page does not jump when it does.
    with st.container(height=int(height) + CHART_BOX_PAD, border=False, key=f"box-{key}"):
        event = st.plotly_chart(fig.drawable(), key=key, config=config, alt=alt, theme="streamlit", **kwargs)
    if downloads:
        image_downloads(fig, name, key)
    return event


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
                           icon=":material/download:")
        st.download_button("SVG", lambda: export.image(fig.drawable(), "svg"),
                           file_name=f"ketamine-explained-{name}.svg", mime="image/svg+xml", key=f"svg-{key}",
                           icon=":material/download:")


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
    return {sid: f"[{md(c)}]({safe_url(u)})" for sid, c, u in zip(table["source_id"], table["cite"], table["link"])}


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
                           icon=":material/download:", key=f"dl-{name}")


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


def hide_sidebar() -> None:
    """No sidebar (embedded views and slides): static CSS, no data in it."""
    st.markdown('<style>[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] '
                '{display: none !important;}</style>', unsafe_allow_html=True)



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
