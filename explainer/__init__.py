"""Ketamine, Explained: the data package, its validation, charts and exports.

The package is also a small Python API over the same data and the same chart builders the
dashboard uses (the notebook in ``notebooks/`` is written on it)::

    import explainer
    explainer.load()                                      # the validated package (DataError if not)
    onset = explainer.table("onset")                      # one table as a typed pandas DataFrame
    explainer.chart_keys()                                # every dashboard chart's key, in page order
    fig = explainer.figure("onset", measure="remission")  # that chart, in that view
    explainer.takeaway("onset"), explainer.headline("onset"), explainer.alt_text("onset")
    card = explainer.card("onset", regimen="repeated doses")  # all of it: title, headline, figure, caption...

Every validation problem is raised as one exception type, :class:`DataError` (its
``problems`` list each :class:`Problem`: table, line, field, value, what was expected).

Importing this module is cheap (the app imports it at start-up): each function imports what
it needs when it is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from explainer.problems import DataError, Problem

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd
    import plotly.graph_objects as go

    from explainer.cards import Card, Chart
    from explainer.tables import DataPackage

__all__ = ["DISCLAIMER", "DataError", "Problem", "alt_text", "card", "chart_info", "chart_keys", "fields", "figure",
           "headline", "load", "references", "rows", "sources", "table", "table_names", "takeaway",
           "use_offline_plotly"]

_data_dir: Path | None = None  # the folder the last load() read; None: data/ (or $KETAMINE_DATA_DIR)


def load(data_dir: str | Path | None = None, *, strict: bool = True) -> DataPackage:
    """The data package, read and validated (once per version of its files).

    With ``strict`` (the default) any problem raises :class:`DataError` naming every problem.
    With ``strict=False`` the package is returned with its ``problems``; the tables that passed
    can be read, and reading one that failed raises :class:`DataError`. The functions below
    read the folder of the last successful ``load`` (by default ``data/``).
    """
    global _data_dir
    from pathlib import Path

    from explainer import tables

    folder = Path(data_dir).resolve() if data_dir is not None else None
    pkg = tables.load(folder)
    if strict and pkg.problems:
        raise DataError(pkg.problems)
    _data_dir = folder
    return pkg


def _package() -> DataPackage:
    from explainer import tables

    return tables.load(_data_dir)


def table_names() -> list[str]:
    """Every table the package describes, in the order of datapackage.json."""
    return [r["name"] for r in _package().descriptor.get("resources", [])]


def table(name: str) -> pd.DataFrame:
    """One validated table as a DataFrame typed by its Table Schema (integers as Int64, numbers as
    float64, booleans as boolean, text as string; an empty cell is NA). A copy: changing it
    changes nothing else. Raises :class:`DataError` if the table failed validation."""
    pkg = _package()
    if name not in table_names():
        raise KeyError(f"no table {name!r}; the tables are {', '.join(table_names())}")
    return pkg.table(name).copy()


def fields(name: str) -> pd.DataFrame:
    """What each field of a table holds, from datapackage.json: type, unit, whether it is
    required, its allowed values or range, and its description."""
    import pandas as pd

    if name not in table_names():
        raise KeyError(f"no table {name!r}; the tables are {', '.join(table_names())}")
    out = []
    for f in _package().resource(name)["schema"]["fields"]:
        c = f.get("constraints", {})
        allowed = ", ".join(map(str, c["enum"])) if "enum" in c else ""
        if "minimum" in c or "maximum" in c:
            allowed = f"{c.get('minimum', '')}–{c.get('maximum', '')}"
        out.append({"field": f["name"], "type": f.get("type", "string"), "unit": f.get("unit", ""),
                    "required": bool(c.get("required", False)), "allowed": allowed,
                    "description": f.get("description", "")})
    return pd.DataFrame(out)


def chart_keys() -> list[str]:
    """The key of every chart the dashboard draws, in page order. (Not ``charts``: that name is the
    subpackage of chart builders, ``explainer.charts``.)"""
    from explainer import registry

    return [c.key for _, c in registry.chart_pages()]


def _chart(key: str) -> Chart:
    from explainer import registry

    try:
        return registry.chart(key)
    except KeyError:
        raise KeyError(f"no chart {key!r}; the charts are {', '.join(chart_keys())}") from None


def chart_info(key: str) -> dict[str, Any]:
    """What a chart is: its title, the page that shows it (title and path), the tables it reads, its
    view parameters with their defaults (what ``figure(key, **view)`` accepts) and each one's choices."""
    from explainer import registry

    chart_ = _chart(key)
    page = registry.page_of(chart_)
    t = _tables_for(chart_)
    return {"key": key, "title": chart_.title, "page": page.title, "path": page.url, "tables": chart_.tables,
            "view": chart_.full_view(t, {}), "choices": {f.name: f.options(t) for f in chart_.filters}}


def _tables_for(chart_: Chart) -> dict[str, pd.DataFrame]:
    """The package's tables, once the chart's own tables (and the sources it cites) passed."""
    pkg = _package()
    bad = pkg.problems_for(*chart_.tables, "sources")
    if bad:
        raise DataError(bad)
    return pkg.tables


def card(key: str, **view: Any) -> Card:
    """Everything the dashboard shows of chart `key` in a view (its filters by name, e.g.
    ``measure="remission"``): title, headline, takeaway, figure, alt text, caption, notes, sources and
    rows, computed by the same code the app, the slides, the mirror and the handout draw from. The
    figure is on the light layout of the handout and image exports; all of it is the caller's to change."""
    from dataclasses import replace

    from explainer import export

    chart_ = _chart(key)
    c = chart_.card(_tables_for(chart_), **view)
    return replace(c, figure=export.for_export(c.figure), rows=c.rows.copy())


def figure(key: str, **view: Any) -> go.Figure:
    """The dashboard's chart `key` for a view (its filters, e.g. ``measure="remission"``), built by
    the same builder, on the light layout of the handout and image exports. A new figure each
    call: change it freely."""
    return card(key, **view).figure


def takeaway(key: str, **view: Any) -> str:
    """The chart's one-sentence takeaway, computed from the data (as the page shows it)."""
    return card(key, **view).takeaway


def headline(key: str, **view: Any) -> str:
    """The chart's headline: at most 20 words, no citation, with its time point (as slides show it)."""
    return card(key, **view).headline


def alt_text(key: str, **view: Any) -> str:
    """The chart's text description (its alt text on the page), computed from the data."""
    return card(key, **view).alt


def rows(key: str, **view: Any) -> pd.DataFrame:
    """The rows the chart draws in this view (the page's "rows behind the chart")."""
    return card(key, **view).rows


def sources(key: str, **view: Any) -> pd.DataFrame:
    """The sources the chart cites, in citation order, with a short citation (`cite`) and `link`."""
    return card(key, **view).sources


def references() -> pd.DataFrame:
    """Every source with its short citation, link and how many fact rows cite it (the /sources list)."""
    from explainer import export

    pkg = _package()
    if pkg.problems_for("sources"):
        raise DataError(pkg.problems_for("sources"))
    return export.reference_listing(pkg.tables)


def use_offline_plotly() -> None:
    """Show Plotly figures in a notebook offline: plotly.js embedded once, nothing loaded from the
    network, in JupyterLab and in an HTML export alike (see :mod:`explainer.notebook`)."""
    from explainer import notebook

    notebook.use_offline_plotly()


def __getattr__(name: str) -> Any:
    if name == "DISCLAIMER":  # the sentence every page shows (kept lazy: describe imports pandas)
        from explainer.describe import DISCLAIMER

        return DISCLAIMER
    raise AttributeError(f"module 'explainer' has no attribute {name!r}")
