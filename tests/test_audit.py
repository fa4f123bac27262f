"""`make audit` never passes off an audit that did not happen as a clean one."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("audit", ROOT / "scripts" / "audit.py")
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

CHECKED = {"name": "streamlit", "version": "1.67.0", "vulns": []}
SKIPPED = {"name": "pandas", "skip_reason": "Dependency not found on PyPI and could not be audited: pandas (3.1.1)"}
VULNERABLE = {"name": "oldlib", "version": "1.0", "vulns": [{"id": "PYSEC-0000-1", "fix_versions": ["1.1"]}]}


@pytest.mark.parametrize("deps,code,says", [
    ([CHECKED], 0, "no known vulnerabilities"),
    ([CHECKED, VULNERABLE], 1, "PYSEC-0000-1 (fixed in 1.1)"),
    ([CHECKED, SKIPPED], 2, "NOT AUDITED: 1 of 2 packages"),
    ([SKIPPED, VULNERABLE], 2, "PYSEC-0000-1"),  # what was found is still shown
    ([], 2, "no packages at all"),
])
def test_verdict(deps, code, says):
    got, lines = audit.verdict({"dependencies": deps})
    assert got == code
    assert says in "\n".join(lines)
    if code:
        assert audit.ALL_CLEAR.lower() not in "\n".join(lines).lower()


def run_with_stub(tmp_path, report: dict | None, stdout: str = "No known vulnerabilities found") -> tuple[int, str]:
    """scripts/audit.py with a stand-in pip-audit that writes `report` (or nothing) and prints `stdout`."""
    stub = tmp_path / "pip_audit_stub.py"
    stub.write_text(textwrap.dedent(f"""
        import json, sys
        out = sys.argv[sys.argv.index("--output") + 1]
        report = {report!r}
        if report is not None:
            open(out, "w").write(json.dumps(report))
        print({stdout!r})
        print({stdout!r}, file=sys.stderr)
        sys.exit(0 if report is not None else 1)
    """))
    env = {**os.environ, "PIP_AUDIT": f"{sys.executable} {stub}"}
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "audit.py")], capture_output=True, text=True,
                          env=env, timeout=60, check=False)
    return done.returncode, done.stdout + done.stderr


@pytest.mark.slow  # starts a process
def test_offline_audit_fails_loudly(tmp_path):
    """What this machine gets: every package skipped, pip-audit itself all clear and exit 0."""
    code, said = run_with_stub(tmp_path, {"dependencies": [SKIPPED, {**SKIPPED, "name": "plotly"}]})
    assert code == 2
    assert "NOT AUDITED: 2 of 2 packages" in said
    assert audit.ALL_CLEAR not in said


@pytest.mark.slow  # starts a process
def test_pip_audit_without_a_report_fails_loudly(tmp_path):
    code, said = run_with_stub(tmp_path, None, stdout="ConnectionError: could not reach the service")
    assert code == 2
    assert "wrote no report" in said and "ConnectionError" in said


@pytest.mark.slow  # starts a process
def test_a_full_clean_audit_passes(tmp_path):
    code, said = run_with_stub(tmp_path, {"dependencies": [CHECKED]})
    assert code == 0 and "Audited all 1 packages" in said


def test_audit_is_pinned_and_kept_out_of_make_test():
    assert re.search(r"^pip-audit==\d", (ROOT / "requirements-dev.txt").read_text(encoding="utf-8"), re.MULTILINE)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    test_rule = re.search(r"^test:(.*)$", makefile, re.MULTILINE).group(1)
    assert "audit" not in test_rule
    assert re.search(r"^audit:.*\n\t\$\(PY\) scripts/audit\.py$", makefile, re.MULTILINE)
