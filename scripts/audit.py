"""Audit the pinned requirements for known vulnerabilities (`make audit`; needs an advisory service).

pip-audit resolves requirements.txt and requirements-dev.txt and asks a vulnerability service about
every package. When no service answers (offline, a firewall, an outage) it skips each package as
"not found" and still closes with its all-clear line and exit code 0: an unanswered question that
reads like a clean answer. This script reads pip-audit's JSON report instead and passes only when
every package was actually checked.

Exit codes: 0 every package checked, none vulnerable; 1 vulnerabilities found; 2 not audited.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = ["requirements.txt", "requirements-dev.txt"]
ALL_CLEAR = "No known vulnerabilities"  # pip-audit's phrase; never shown unless it is true
SHOWN = 8  # packages listed by name in a message


def verdict(report: dict) -> tuple[int, list[str]]:
    """Exit code and message lines for a pip-audit JSON report."""
    deps = report.get("dependencies", [])
    skipped = [d for d in deps if "skip_reason" in d]
    vulnerable = [(d, v) for d in deps for v in d.get("vulns", [])]
    if not deps:
        return 2, ["NOT AUDITED: pip-audit reported no packages at all."]
    if skipped:
        lines = [f"NOT AUDITED: {len(skipped)} of {len(deps)} packages could not be checked, so this is no",
                 "verdict on them. Most likely no vulnerability service could be reached from this machine",
                 "(pip-audit asks PyPI's JSON API or OSV); run `make audit` where one can, or rely on CI.",
                 *(f"  {d['name']}: {d['skip_reason']}" for d in skipped[:SHOWN])]
        if len(skipped) > SHOWN:
            lines.append(f"  ... and {len(skipped) - SHOWN} more")
        if vulnerable:
            lines.append(f"Of the packages that were checked, {len(vulnerable)} advisories apply:")
            lines += [f"  {d['name']} {d.get('version', '?')}: {v['id']}" for d, v in vulnerable]
        return 2, lines
    if vulnerable:
        lines = [f"VULNERABLE: {len(vulnerable)} advisories in {len({d['name'] for d, _ in vulnerable})} packages:"]
        for d, v in vulnerable:
            fixed = ", ".join(v.get("fix_versions", [])) or "no release yet"
            lines.append(f"  {d['name']} {d.get('version', '?')}: {v['id']} (fixed in {fixed})")
        return 1, lines
    return 0, [f"Audited all {len(deps)} packages of {' and '.join(FILES)}: no known vulnerabilities."]


def pip_audit_command(report: Path) -> list[str]:
    """pip-audit on both requirement files, JSON to `report` ($PIP_AUDIT replaces the program)."""
    program = shlex.split(os.environ.get("PIP_AUDIT", "")) or [sys.executable, "-m", "pip_audit"]
    files = [arg for name in FILES for arg in ("-r", str(ROOT / name))]
    return [*program, *files, "--format", "json", "--output", str(report), "--progress-spinner", "off"]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "audit.json"
        try:
            done = subprocess.run(pip_audit_command(report), capture_output=True, text=True, timeout=1800,
                                  check=False)
        except FileNotFoundError as exc:
            print(f"NOT AUDITED: cannot run pip-audit ({exc}); `make audit` installs it from requirements-dev.txt.")
            return 2
        try:
            data = json.loads(report.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            said = [line for line in (done.stderr + done.stdout).splitlines() if ALL_CLEAR not in line]
            print(f"NOT AUDITED: pip-audit exited with code {done.returncode} and wrote no report.")
            print("\n".join(said[-15:]))
            return 2
    code, lines = verdict(data)
    print("\n".join(lines), file=sys.stdout if code == 0 else sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
