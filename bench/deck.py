"""Export time and size of the slide decks: `.venv/bin/python -m bench.deck` (not part of `make bench`).

Each run is what a presenter's click costs on a server that has the data loaded: the deck's content
(every chart rendered to PNG by kaleido in one Chromium session) and the file written. The CLI run
adds a fresh process (imports, loading the data package). Prints a table; raw samples to
build/bench-deck.json.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3


def in_process() -> dict[str, list[float]]:
    from explainer import deckcontent, pdfdeck, pptxdeck, tables

    pkg = tables.load()
    out: dict[str, list[float]] = {"content s": [], "pptx s": [], "pdf s": [], "pptx MB": [], "pdf MB": []}
    for _ in range(RUNS):
        start = time.perf_counter()
        built = deckcontent.build(pkg, (), "https://example.org")
        out["content s"].append(time.perf_counter() - start)
        for fmt, writer in (("pptx", pptxdeck.write), ("pdf", pdfdeck.write)):
            start = time.perf_counter()
            blob = writer(built)
            out[f"{fmt} s"].append(time.perf_counter() - start)
            out[f"{fmt} MB"].append(len(blob) / 1_000_000)
    out["slides"] = [len(built.slides)]
    return out


def cli() -> dict[str, list[float]]:
    out: dict[str, list[float]] = {"cli pptx s": [], "cli pdf s": []}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(RUNS):
            for fmt in ("pptx", "pdf"):
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "explainer", "deck", "--format", fmt, "--out",
                                str(Path(tmp) / f"deck.{fmt}")], cwd=ROOT, check=True, capture_output=True)
                out[f"cli {fmt} s"].append(time.perf_counter() - start)
    return out


def main() -> None:
    results = {**in_process(), **cli()}
    for name, samples in results.items():
        print(f"{name:<12} median {statistics.median(samples):7.2f}   max {max(samples):7.2f}   n={len(samples)}")
    path = ROOT / "build" / "bench-deck.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
