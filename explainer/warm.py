"""Keep the collection Streamlit runs after every script run proportional to that run.

Streamlit calls ``gc.collect(2)`` after each script run of each session
(``runner.postScriptGC``), and a full collection walks every container object the
process holds: the imported libraries (pandas, Plotly's validators, Frictionless) and
the validated data package, none of which a run creates or frees. Walking them was
most of the cost of a warm rerun. ``gc.freeze()`` moves what exists once the process
is warm to the permanent generation, which collections skip; objects made later
(sessions, figures, per-run frames) are collected as before.
"""

from __future__ import annotations

import gc
import threading

_lock = threading.Lock()
_done = False


def freeze_long_lived() -> None:
    """Import what the pages use, load the data package, then freeze the heap (once per process)."""
    global _done
    if _done:
        return
    with _lock:
        if _done:
            return
        from explainer import charts, citations, describe, registry, share, slides, state, tables, ui  # noqa: F401

        tables.load()
        gc.collect()
        gc.freeze()
        _done = True
