"""The running server hands out no file of the repository, whatever the path asks for."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.e2e.probes import COMPONENT_PATHS, PATHS, SECRET_LINES, fetch


@pytest.mark.parametrize("path", PATHS + COMPONENT_PATHS)
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
