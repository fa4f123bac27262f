"""Layout shift of every live page, Lighthouse's mobile and desktop presets (not part of `make test`).

    .venv/bin/python -m bench.shift [path ...]     # about 10 minutes on 2 cores for every page

Starts the app (`streamlit run dashboard.py`) on 127.0.0.1 and runs the pinned Lighthouse (the
install bench/mirror.py uses, under build/lighthouse/) on each page with each preset. Prints the
cumulative layout shift (CLS) and, for a page that shifts, the elements Lighthouse names as moving.
It asserts nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.mirror import lighthouse_bin
from bench.run import CHROMIUM
from explainer import registry
from tests import harness

PRESETS = ("mobile", "desktop")


def run(exe: Path, url: str, preset: str) -> dict:
    """One Lighthouse run: CLS and the shifting elements it lists (empty when the run failed)."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        cmd = [str(exe), url, "--quiet", "--output=json", f"--output-path={report}",
               "--only-categories=performance", "--chrome-flags=--headless --no-sandbox"]
        if preset == "desktop":
            cmd.append("--preset=desktop")
        subprocess.run(cmd, env={"CHROME_PATH": CHROMIUM, "PATH": "/usr/bin:/bin:/usr/local/bin"},
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300, check=False)
        if not report.exists():
            return {}
        audits = json.loads(report.read_text())["audits"]
    items = audits.get("layout-shifts", {}).get("details", {}).get("items", [])
    movers = [(i.get("node", {}).get("selector", "?"), round(i.get("score", 0), 3)) for i in items]
    return {"cls": audits["cumulative-layout-shift"]["numericValue"], "movers": movers}


def main(paths: list[str]) -> None:
    exe = lighthouse_bin()
    srv = harness.start_server(harness.ROOT / "dashboard.py")
    try:
        print(f"{'page':<12} {'CLS mobile':>11} {'CLS desktop':>12}")
        for path in paths or [p.path for p in registry.PAGES]:
            got = {p: run(exe, f"{srv.url}/{path}", p) for p in PRESETS}
            print(f"/{path:<11} " + " ".join(f"{got[p].get('cls', float('nan')):>11.3f}" for p in PRESETS))
            for p in PRESETS:
                for selector, score in got[p].get("movers", [])[:3]:
                    print(f"    {p}: {score} {selector}")
    finally:
        srv.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
