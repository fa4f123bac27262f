"""The running server hands out no file of the repository, whatever the path asks for."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from tests.conftest import ROOT

SECRET_LINES = {  # a line of each file that must never be served
    "dashboard.py": "st.navigation(PAGES",
    "data/sources.csv": "source_id,kind,authors",
    ".streamlit/config.toml": "enableXsrfProtection",
}
PATHS = ["dashboard.py", "data/sources.csv", ".streamlit/config.toml", "app/static/dashboard.py",
         "app/static/../../dashboard.py", "..%2F..%2Fetc%2Fpasswd", "static/..%2F..%2F..%2Fdashboard.py",
         "%2e%2e/%2e%2e/dashboard.py", "media/..%2Fdashboard.py", "_stcore/..%2F..%2Fdashboard.py"]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=15) as r:
            return r.status, r.read(200_000).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(200_000).decode("utf-8", "replace")


@pytest.mark.parametrize("path", PATHS)
def test_no_repository_file_is_served(server, path):
    status, body = fetch(f"{server}/{path}")
    assert status in (200, 400, 404), status  # 200 only for the app's own index page
    for name, line in SECRET_LINES.items():
        assert line not in body, (path, name)
    assert "root:" not in body  # /etc/passwd


def test_secret_lines_are_real():
    """The markers above do occur in the files, so their absence from a response means something."""
    for name, line in SECRET_LINES.items():
        assert line in (ROOT / name).read_text(encoding="utf-8"), name
