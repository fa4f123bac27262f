"""The two test tiers: `make test-fast` starts nothing and installs nothing; `make test` runs everything."""

from __future__ import annotations

import re
import socket
import subprocess
import sys

import pytest

from tests.conftest import ROOT, StartedProcess, no_processes

MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def rule(target: str) -> tuple[list[str], list[str]]:
    """A Makefile rule's prerequisites and recipe lines."""
    match = re.search(rf"^{re.escape(target)}:([^\n#]*)(?:#[^\n]*)?\n((?:\t[^\n]*\n)*)", MAKEFILE, re.MULTILINE)
    assert match, target
    return match.group(1).split(), [line.strip() for line in match.group(2).splitlines()]


def test_the_fast_tier_installs_nothing_with_apt_and_leaves_out_the_slow_tests():
    needs, recipe = rule("test-fast")
    assert needs == ["$(DEV)"]  # no `chromium` or `nginx`: those install Debian packages
    assert recipe == ['$(PY) -m pytest -q -m "not slow" -n auto']  # one worker per core


def test_the_full_tier_runs_every_test():
    """The fast tests (as `make test-fast` runs them), then the slow ones: between them, every test."""
    needs, recipe = rule("test")
    assert {"chromium", "nginx"} <= set(needs)
    runs = [line for line in recipe if "pytest" in line]
    assert runs == [rule("test-fast")[1][0], '$(PY) -m pytest -q -m slow']


@pytest.mark.parametrize("doc", ["README.md", "ARCHITECTURE.md"])
def test_both_tiers_are_documented(doc):
    text = (ROOT / doc).read_text(encoding="utf-8")
    assert "make test-fast" in text and "make test" in text and "slow" in text


def test_a_fast_test_cannot_start_a_process_or_a_server():
    with no_processes("this test"):
        with pytest.raises(StartedProcess, match="this test starts a process: mark it @pytest.mark.slow"):
            subprocess.run([sys.executable, "-c", "pass"], check=False)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            with pytest.raises(StartedProcess, match="listens on a socket"):
                s.listen()


@pytest.mark.slow
def test_outside_the_guard_processes_start_as_usual():
    """What the guard replaced is put back (a slow test in the same run still starts its process)."""
    with no_processes("this test"):
        pass
    assert subprocess.run([sys.executable, "-c", "print(1)"], capture_output=True, text=True).stdout == "1\n"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()

