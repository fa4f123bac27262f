"""The notebook: committed clean, runs top to bottom, and rebuilds every dashboard chart offline."""

from __future__ import annotations

import html
import json

import nbformat
from plotly.offline import get_plotlyjs_version

from explainer import registry
from tests.conftest import NOTEBOOK, PLOTLY_MIME, notebook_outputs


def test_the_committed_notebook_has_no_outputs_or_execution_counts():
    raw = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    nb = nbformat.reads(json.dumps(raw), as_version=4)
    nbformat.validate(nb)
    code = [c for c in raw["cells"] if c["cell_type"] == "code"]
    assert code, "the notebook has no code"
    assert [c for c in code if c.get("outputs") or c.get("execution_count") is not None] == []
    assert "widgets" not in raw["metadata"]
    assert raw["metadata"]["kernelspec"]["name"] == "python3"


def test_the_notebook_runs_without_an_error(executed_notebook):
    nb, _ = executed_notebook
    errors = [o for o in notebook_outputs(nb) if o.output_type == "error"]
    assert errors == []
    assert all(c.execution_count for c in nb.cells if c.cell_type == "code")


def test_the_notebook_draws_at_least_every_dashboard_chart(executed_notebook):
    nb, _ = executed_notebook
    charts = [c for _, c in registry.chart_pages()]
    figures = [o.data[PLOTLY_MIME] for o in notebook_outputs(nb) if PLOTLY_MIME in o.get("data", {})]
    assert len(figures) >= len(charts)
    assert all(f["data"] for f in figures), "a figure without traces"
    pages = " ".join(o.data["text/html"] for o in notebook_outputs(nb) if "text/html" in o.get("data", {}))
    assert [c.title for c in charts if f"<h3>{html.escape(c.title)}</h3>" not in pages] == []
    printed = "".join(o.get("text", "") for o in notebook_outputs(nb) if o.output_type == "stream")
    assert f"All {len(charts)} dashboard charts drawn" in printed


def test_the_notebook_embeds_plotly_js_once_and_loads_nothing(executed_notebook):
    nb, _ = executed_notebook
    htmls = [o.data["text/html"] for o in notebook_outputs(nb) if "text/html" in o.get("data", {})]
    assert sum(h.count(f"plotly.js v{get_plotlyjs_version()}") for h in htmls) == 1
    assert [h[:200] for h in htmls if "src=\"http" in h or "src='http" in h] == []
    assert sum('class="plotly-graph-div"' in h for h in htmls) == sum(
        PLOTLY_MIME in o.get("data", {}) for o in notebook_outputs(nb))


def test_the_notebook_shows_the_broken_data_message_and_both_analyses(executed_notebook):
    nb, _ = executed_notebook
    printed = "".join(o.get("text", "") for o in notebook_outputs(nb) if o.output_type == "stream")
    assert "data/onset.csv, line 4, field 'value_pct': value 'lots' — expected a number" in printed
    assert "Counting beliefs as data moves the band from" in printed
    assert "Across these rules the figure ranges" in printed
    assert "data package OK:" in printed
