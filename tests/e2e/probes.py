"""Paths that try to reach files of the repository through the server, and the lines that must
never come back: shared by the direct server test and the test through nginx."""

from __future__ import annotations

import urllib.error
import urllib.request

SECRET_LINES = {  # a line of each file that must never be served
    "dashboard.py": "st.navigation(PAGES",
    "data/sources.csv": "source_id,kind,authors",
    ".streamlit/config.toml": "enableXsrfProtection",
}
PATHS = ["dashboard.py", "data/sources.csv", ".streamlit/config.toml", "app/static/dashboard.py",
         "app/static/../../dashboard.py", "..%2F..%2Fetc%2Fpasswd", "static/..%2F..%2F..%2Fdashboard.py",
         "%2e%2e/%2e%2e/dashboard.py", "media/..%2Fdashboard.py", "_stcore/..%2F..%2Fdashboard.py"]
# Custom-component files are served from disk by component name and file path: the route that reads
# files, so every way of climbing out of a component folder (plain, encoded, double-encoded, backslash,
# absolute, NUL) is tried, under a made-up name and under a module path Streamlit itself has.
COMPONENT_PATHS = ["component/../../dashboard.py", "component/x/../../dashboard.py",
                   "component/x/..%2F..%2Fdashboard.py", "component/x/%2e%2e/%2e%2e/dashboard.py",
                   "component/x/%2e%2e%2f%2e%2e%2fdashboard.py",
                   "component/x/%252e%252e%252f%252e%252e%252fdashboard.py", "component/x/..%5C..%5Cdashboard.py",
                   "component/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd", "component/x//etc/passwd",
                   "component/x/%2Fetc%2Fpasswd", "component/x/%00../../dashboard.py",
                   "component/streamlit.components.v1.components/../../../dashboard.py",
                   "component/streamlit.components.v1.components/..%2F..%2F..%2F.streamlit%2Fconfig.toml",
                   "_stcore/bidi-components/x/..%2F..%2Fdashboard.py"]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=15) as r:
            return r.status, r.read(200_000).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(200_000).decode("utf-8", "replace")
