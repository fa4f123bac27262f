"""Mutation score of the last `make mutate`, per module and overall, and the mutants no test killed.

Reads mutmut's result files under mutants/ (one `<module>.py.meta` per mutated module). The score is
killed / all mutants: a mutant no fast test reaches ("no tests") counts as not killed, and so does
a timeout. Usage: python scripts/mutation_score.py [--survivors]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

KILLED = {1, 3}  # a failing test; pytest's internal error (mutmut counts both as killed)
NAMES = {0: "survived", 5: "no tests", 33: "no tests", 36: "timeout", None: "not checked"}


def results(root: Path) -> dict[str, dict[str, int | None]]:
    """Module file -> {mutant name: exit code}."""
    return {str(meta.relative_to(root))[: -len(".meta")]: json.loads(meta.read_text())["exit_code_by_key"]
            for meta in sorted(root.rglob("*.py.meta"))}


def main(argv: list[str]) -> int:
    root = Path("mutants")
    by_module = results(root)
    if not by_module:
        print("no mutation results under mutants/: run `make mutate` first")
        return 1
    total = killed = 0
    left: list[tuple[str, str]] = []
    for module, codes in by_module.items():
        k = sum(code in KILLED for code in codes.values())
        kinds = Counter(NAMES.get(code, "other") for code in codes.values() if code not in KILLED)
        total, killed = total + len(codes), killed + k
        rest = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
        print(f"{module:38} {k:5}/{len(codes):<5} {100 * k / max(len(codes), 1):5.1f}%  {rest}")
        left += [(NAMES.get(code, str(code)), name) for name, code in codes.items() if code not in KILLED]
    print(f"{'all modules':38} {killed:5}/{total:<5} {100 * killed / max(total, 1):5.1f}% killed")
    if "--survivors" in argv:
        for kind, name in left:
            print(f"{kind:12} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
