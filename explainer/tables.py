"""Read and validate the data package once, and hand out typed tables.

The data package (``data/``) is edited by people, not by code, so every load is
validated: Frictionless checks each table against its Table Schema, and
:mod:`explainer.checks` adds the rules a Table Schema cannot express (source ids
that resolve, low <= high, quotes that occur in the article...). A table with any
problem is not handed to a page: the page shows the problem instead of a chart
built on rows that failed.
"""

from __future__ import annotations

import io
import json
import os
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from explainer import checks
from explainer.problems import DataError, Problem

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATA_DIR_ENV = "KETAMINE_DATA_DIR"
MAX_PROBLEMS_PER_TABLE = 25


@dataclass
class DataPackage:
    """All tables of the package, the problems found, and the seed article."""

    data_dir: Path
    descriptor: dict
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    article: str = ""

    def problems_for(self, *names: str) -> list[Problem]:
        """Problems in the named tables (a page checks the tables it draws)."""
        return [p for p in self.problems if p.table in names]

    def table(self, name: str) -> pd.DataFrame:
        """The validated table; raises DataError if it has problems."""
        bad = self.problems_for(name)
        if bad:
            raise DataError(bad)
        return self.tables[name]

    def schema_field(self, table: str, name: str) -> dict:
        """The Table Schema entry of one field (labels, units, enums for the UI)."""
        for f in self.resource(table)["schema"]["fields"]:
            if f["name"] == name:
                return f
        raise KeyError(f"{table}.{name}")

    def resource(self, name: str) -> dict:
        for r in self.descriptor["resources"]:
            if r["name"] == name:
                return r
        raise KeyError(name)


def declared_tables(data_dir: Path = DEFAULT_DATA_DIR) -> tuple[str, ...]:
    """The names of the package's tables, in datapackage.json's order (nothing read but the descriptor).

    The shipped descriptor, read once at import by the registry: a table added there is read by the
    pages that declare every table (/sources, /present) without another list to edit."""
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    return tuple(r["name"] for r in descriptor["resources"])


def data_dir_from_env() -> Path:
    """The data folder: $KETAMINE_DATA_DIR if set (tests point it at broken copies)."""
    return _resolved(os.environ.get(DATA_DIR_ENV) or str(DEFAULT_DATA_DIR))


@lru_cache(maxsize=16)
def _resolved(path: str) -> Path:
    return Path(path).resolve()


def _signature(data_dir: Path) -> tuple:
    """Paths, mtimes and sizes of the package files, so an edited file is re-read.

    Runs on every script run of every session, so it walks with os.scandir (a few stat
    calls, no Path objects) rather than Path.rglob.
    """
    sig = []
    pending = [str(data_dir)]
    while pending:
        try:
            with os.scandir(pending.pop()) as entries:
                for e in entries:
                    if e.is_dir():
                        pending.append(e.path)
                    elif e.is_file():
                        st = e.stat()
                        sig.append((e.path, st.st_mtime_ns, st.st_size))
        except OSError:  # a missing folder: read_package reports it
            continue
    return tuple(sorted(sig))


_this_run = threading.local()  # the package a script run pinned (each run executes in its own thread)


def load(data_dir: Path | str | None = None) -> DataPackage:
    """The validated package, read once per process and per version of the files.

    Inside a script run that pinned one (:func:`pin`), the pinned package: a page asks for it
    dozens of times (every shared value is keyed by its version), and one look at the files per
    run is enough.
    """
    if data_dir is None:
        pinned = getattr(_this_run, "package", None)
        if pinned is not None:
            return pinned
    d = Path(data_dir).resolve() if data_dir else data_dir_from_env()
    return _load_cached(d, _signature(d))


def pin() -> DataPackage:
    """Look at the files once and keep that version for the rest of this thread's script run.

    Called as a page starts, so each run, and so each visitor's next click, sees the files as
    they are then."""
    _this_run.package = None
    _this_run.package = load()
    return _this_run.package


@lru_cache(maxsize=4)
def _load_cached(data_dir: Path, _sig: tuple) -> DataPackage:
    return read_package(data_dir)


def read_package(data_dir: Path) -> DataPackage:
    """Read and validate every table of the package (no cache)."""
    dp_path = data_dir / "datapackage.json"
    try:
        descriptor = json.loads(dp_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        pkg = DataPackage(data_dir, {"resources": []})
        pkg.problems.append(Problem("datapackage", None, None, None, f"a readable JSON descriptor ({exc})"))
        return pkg
    pkg = DataPackage(data_dir, descriptor)
    for res in descriptor.get("resources", []):
        text, problems = read_text(data_dir, res)
        problems = problems or checks.check_table_text(res, text, data_dir)
        pkg.problems.extend(problems[:MAX_PROBLEMS_PER_TABLE])
        if len(problems) > MAX_PROBLEMS_PER_TABLE:
            extra = len(problems) - MAX_PROBLEMS_PER_TABLE
            pkg.problems.append(Problem(res["name"], None, None, None, f"no further errors ({extra} more not shown)"))
        if not problems:
            pkg.tables[res["name"]] = typed_frame(res, text)
    pkg.article = read_article(data_dir, descriptor, pkg.problems)
    pkg.problems.extend(checks.check_package(pkg))
    return pkg


def read_text(data_dir: Path, res: dict) -> tuple[str, list[Problem]]:
    """The table's text, or a problem if it is missing, empty or not UTF-8."""
    name, path = res["name"], data_dir / res["path"]
    try:
        raw = path.read_bytes()
    except OSError:
        return "", [Problem(name, None, None, None, f"a file at data/{res['path']} (it is missing)")]
    if not raw.strip():
        return "", [Problem(name, 1, None, "", "a header row; the file is empty")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        bad = raw[exc.start : exc.end + 3]
        return "", [Problem(name, line, None, repr(bad), "UTF-8 text (save the file as UTF-8)")]
    return text.removeprefix("\ufeff"), []


def read_article(data_dir: Path, descriptor: dict, problems: list[Problem]) -> str:
    rel = descriptor.get("seed_article")
    if not rel:
        return ""
    try:
        return (data_dir / rel).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem("claims", None, "seed_quote", None, f"the source article at data/{rel} ({exc})"))
        return ""


def typed_frame(res: dict, text: str) -> pd.DataFrame:
    """A DataFrame with the column types of the Table Schema; empty cells are NA."""
    df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""])
    for f in res["schema"]["fields"]:
        col, kind = f["name"], f.get("type", "string")
        if kind == "integer":
            df[col] = pd.to_numeric(df[col]).astype("Int64")
        elif kind == "number":
            df[col] = pd.to_numeric(df[col]).astype("float64")
        elif kind == "boolean":
            df[col] = df[col].str.lower().map({"true": True, "false": False}).astype("boolean")
        else:
            df[col] = df[col].astype("string")
    df.attrs["table"] = res["name"]
    df.attrs["enums"] = {f["name"]: tuple(f["constraints"]["enum"]) for f in res["schema"]["fields"]
                         if "enum" in f.get("constraints", {})}
    return df

