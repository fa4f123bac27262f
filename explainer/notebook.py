"""The notebook beside the dashboard: offline Plotly output, running it, and its HTML copy.

``use_offline_plotly`` is what the notebook calls first: figures then show in JupyterLab (Plotly's
own mime type) and as HTML whose plotly.js is embedded once, in the first chart's output, so an
exported copy loads nothing from the network. Plotly's stock "notebook" renderer would add a
MathJax script from a CDN to every figure; this one does not (no chart uses LaTeX).

``execute`` and ``to_html`` (``make notebook-html``, and the tests) need nbclient, nbconvert and
ipykernel from requirements-dev.txt; the dashboard never imports this module.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_PATH = "notebooks/ketamine-explained.ipynb"  # in the repository
NOTEBOOK = ROOT / NOTEBOOK_PATH
REPOSITORY_ENV = "KETAMINE_REPOSITORY_URL"  # e.g. https://github.com/<owner>/<repo>: links to the repository's files
TEMPLATE = ROOT / "notebooks" / "templates"  # offline.html.j2: nbconvert's lab template without CDN scripts
RENDERER = "ketamine_offline"
FIGURE_CONFIG = {"displaylogo": False, "responsive": True}
TIMEOUT_S = 90  # the longest a cell may run before the run fails


def repository_link(path: str = NOTEBOOK_PATH) -> str:
    """The address of a file of the repository on its host, when the repository's address is set in
    $KETAMINE_REPOSITORY_URL (an environment variable, or a root-level secret on Streamlit Community
    Cloud); else "". GitHub and GitLab both serve ``<repository>/blob/HEAD/<path>``."""
    repo = os.environ.get(REPOSITORY_ENV, "").strip().rstrip("/")
    if not repo.startswith(("https://", "http://")):
        return ""
    return f"{repo.removesuffix('.git')}/blob/HEAD/{path}"


def use_offline_plotly() -> None:
    """Make Plotly's default renderer the offline one: Plotly's mime type for JupyterLab plus HTML
    (plotly.js embedded once, no MathJax from a CDN) for the classic notebook and exports."""
    import plotly.io as pio
    from plotly.io._base_renderers import NotebookRenderer

    class OfflineNotebookRenderer(NotebookRenderer):
        def to_mimebundle(self, fig_dict):
            html = pio.to_html(fig_dict, config=self.config, include_plotlyjs=False, include_mathjax=False,
                               full_html=False, default_width="100%", default_height=525, validate=False)
            return {"text/html": html}

    pio.renderers[RENDERER] = OfflineNotebookRenderer(config=FIGURE_CONFIG)
    pio.renderers.default = f"plotly_mimetype+{RENDERER}"


def execute(path: Path = NOTEBOOK, timeout: int = TIMEOUT_S):
    """Run the notebook top to bottom in a fresh kernel of this Python (its folder as the working
    directory, as JupyterLab runs it); returns the executed notebook and the seconds it took.
    A cell that raises or runs past `timeout` seconds raises (nbclient's CellExecutionError,
    CellTimeoutError)."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(Path(path).parent)}}).execute()
    return nb, time.perf_counter() - start


def to_html(nb) -> str:
    """An executed notebook as one HTML file: charts interactive, plotly.js included once (from the
    notebook's first chart output), no script or stylesheet loaded from the network."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", template_file="offline.html.j2",
                            extra_template_paths=[str(TEMPLATE)], exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    return body


def write_html(out: Path, path: Path = NOTEBOOK) -> tuple[Path, float]:
    """Execute the notebook and write its HTML copy to `out`; returns the path and run time."""
    nb, seconds = execute(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_html(nb), encoding="utf-8")
    return out, seconds
