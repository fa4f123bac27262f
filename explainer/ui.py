"""Streamlit building blocks shared by the pages: the parts every chart page has.

Text that comes from the data is escaped before it reaches Markdown, so a cell
cannot inject links, HTML or LaTeX into a page.
"""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from explainer import citations, tables, theme
from explainer.describe import DISCLAIMER
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~:])")


def md(text: object) -> str:
    """Data text made inert for st.markdown (no links, HTML, emphasis or LaTeX)."""
    return MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def package() -> tables.DataPackage:
    return tables.load()


def require(*names: str) -> dict[str, pd.DataFrame]:
    """The named tables, or stop the page with the validation messages.

    A page draws nothing from a table that failed validation; other pages keep working.
    """
    pkg = package()
    problems = pkg.problems_for(*names)
    if problems:
        listing = "\n".join(f"- {md(p)}" for p in problems)
        st.error(f"The data behind this page failed validation, so nothing is drawn from it:\n\n{listing}",
                 icon=":material/error:")
        st.stop()
    return {n: pkg.tables[n] for n in names}


def disclaimer() -> None:
    st.caption(f":material/medical_information: {DISCLAIMER}")


def header(title: str, takeaway: str) -> None:
    """The page title (a question or finding) and its computed one-line takeaway."""
    st.title(title)
    st.markdown(f"**{md(takeaway)}**")


def chart(fig: go.Figure, alt: str, key: str, *, on_select: str = "ignore", name: str = "chart",
          downloads: bool = True):
    """Draw a figure with its alt text, a slide-sized image button and PNG/SVG downloads."""
    config = {"displaylogo": False, "responsive": True,
              "toImageButtonOptions": {"format": "png", "filename": f"ketamine-explained-{name}",
                                       "width": theme.SLIDE_WIDTH, "height": theme.SLIDE_HEIGHT, "scale": 2}}
    kwargs = {"on_select": on_select, "selection_mode": ("points",)} if on_select != "ignore" else {}
    event = st.plotly_chart(fig, key=key, config=config, alt=alt, theme="streamlit", **kwargs)
    if downloads:
        image_downloads(fig, name, key)
    return event


def image_downloads(fig: go.Figure, name: str, key: str) -> None:
    """PNG and SVG of the chart at slide size; rendered only when clicked (kaleido is slow)."""
    from explainer import export

    with st.popover("Image", icon=":material/image:"):
        st.caption(f"{theme.SLIDE_WIDTH}×{theme.SLIDE_HEIGHT}, light background")
        st.download_button("PNG", lambda: export.image(fig, "png"), file_name=f"ketamine-explained-{name}.png",
                           mime="image/png", key=f"png-{key}", icon=":material/download:")
        st.download_button("SVG", lambda: export.image(fig, "svg"), file_name=f"ketamine-explained-{name}.svg",
                           mime="image/svg+xml", key=f"svg-{key}", icon=":material/download:")


def source_caption(sources: pd.DataFrame, *frames: pd.DataFrame, prefix: str = "Sources",
                   limit: int | None = None) -> None:
    """Caption with the short citations of every source the rows cite, each a link.

    `limit` (slides) shows the first few and says how many more the Sources page lists.
    """
    cited = citations.cites_for(sources, citations.cited_ids(*frames))
    parts = [f"[{md(r.cite)}]({safe_url(r.link)})" for r in cited.itertuples()]
    more = len(parts) - limit if limit is not None and len(parts) > limit else 0
    shown = parts[:limit] if more else parts
    tail = f" · and {more} more on the Sources page" if more else ""
    # :small[] instead of st.caption: a caption is drawn at 60 % opacity, too faint for links (< 4.5:1)
    st.markdown(":small[" + (f"{prefix}: " + " · ".join(shown) + tail if parts else f"{prefix}: none") + "]")


def safe_url(url: str) -> str:
    """A URL usable inside Markdown link syntax (only http(s); brackets encoded)."""
    if not re.match(r"^https?://", url):
        return "#"
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")


def data_expander(df: pd.DataFrame, name: str, label: str = "The data behind this chart") -> None:
    """The rows behind a chart and a CSV download of exactly those rows."""
    with st.expander(f"{label} ({len(df)} rows)"):
        st.dataframe(df, hide_index=True, width="stretch")
        st.download_button("Download these rows (CSV)", df.to_csv(index=False).encode("utf-8"),
                           file_name=f"ketamine-explained-{name}.csv", mime="text/csv",
                           icon=":material/download:", key=f"dl-{name}")


def cite_map(sources: pd.DataFrame) -> dict[str, str]:
    """source_id -> short citation, for hover text."""
    table = citations.with_cites(sources)
    return dict(zip(table["source_id"], table["cite"]))


def known(value: object) -> bool:
    """True when a cell holds a value (empty cells are NA: unknown)."""
    return not pd.isna(value)


def share_box(page_title: str) -> None:
    """'Share this view' (the URL of the current page and filters) and 'cite this page', both copyable."""
    from explainer import share

    url = share.current_url()
    st.caption("Share this view (copy the link):")
    st.code(url, language=None, wrap_lines=True)
    with st.expander("Cite this page"):
        st.code(share.cite_text(page_title, url), language=None, wrap_lines=True)


def hide_sidebar() -> None:
    """No sidebar (embedded views and slides): static CSS, no data in it."""
    st.markdown('<style>[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] '
                '{display: none !important;}</style>', unsafe_allow_html=True)


_FIGURES: dict[tuple, tuple[tables.DataPackage, go.Figure]] = {}
MAX_CACHED_FIGURES = 256


def figure(key: tuple, build) -> go.Figure:
    """A chart built once per data version and view, shared by every session.

    Figures are never mutated after building (st.plotly_chart only serialises them), so
    sessions can share them; a new data version gets new figures.
    """
    pkg = package()
    hit = _FIGURES.get(key)
    if hit is not None and hit[0] is pkg:
        return hit[1]
    fig = build()
    if len(_FIGURES) >= MAX_CACHED_FIGURES:
        _FIGURES.clear()
    _FIGURES[key] = (pkg, fig)
    return fig
