"""cProfile one warm render of a dashboard page in-process (streamlit.testing AppTest).

    .venv/bin/python bench/profile_page.py onset [--top 25]
    .venv/bin/python bench/profile_page.py baseline      # the one-chart baseline app

Runs the page once to warm caches, then profiles a second run and prints the functions with the most
cumulative time. This is the server-side cost of one script run, without websocket or browser.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.local_script_runner import LocalScriptRunner

ROOT = Path(__file__).resolve().parent.parent


def app_for(page: str) -> AppTest:
    """An AppTest of the dashboard switched to pages/<page>.py (overview for ""), or of the baseline."""
    if page == "baseline":
        return AppTest.from_file(str(ROOT / "bench" / "baseline_app.py"), default_timeout=60)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page(f"pages/{page or 'overview'}.py")
    return at


def profile(page: str, top: int) -> str:
    """Warm run, then a profiled run; the pstats listing sorted by cumulative time.

    The script runs in its own thread, so the profiler wraps that thread's body."""
    at = app_for(page)
    at.run()
    assert not at.exception, at.exception
    prof = cProfile.Profile()
    plain = LocalScriptRunner._run_script_thread
    plain_init = PagesManager.__init__

    def as_on_a_running_server(self, *args, **kwargs):
        # AppTest forgets before every run that st.navigation is in use, so each run would first
        # execute pages/<page>.py on its own and rerun; a server decides that once per process.
        plain_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    LocalScriptRunner._run_script_thread = lambda self: prof.runcall(plain, self)
    PagesManager.__init__ = as_on_a_running_server
    try:
        t0 = time.perf_counter()
        at.run()
        wall = time.perf_counter() - t0
    finally:
        LocalScriptRunner._run_script_thread = plain
        PagesManager.__init__ = plain_init
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
    return f"/{page}: one warm run took {wall * 1000:.0f} ms under the profiler\n{buf.getvalue()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", default="onset", help="url path of the page (default onset), or baseline")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    print(profile(args.page, args.top))


if __name__ == "__main__":
    main()
