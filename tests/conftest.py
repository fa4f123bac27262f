"""Shared fixtures: the real data folder and broken copies of it."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from explainer import tables

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def pkg() -> tables.DataPackage:
    return tables.read_package(DATA)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the data package a test may break."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest


def read_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def write_rows(path: Path, rows: list[dict[str, str]], fields: list[str] | None = None) -> None:
    fields = fields or list(rows[0].keys())
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def set_cell(data_dir: Path, table: str, index: int, field: str, value: str) -> None:
    """Set one cell (row `index` from 0, i.e. file line index + 2)."""
    path = data_dir / f"{table}.csv"
    rows = read_rows(path)
    rows[index][field] = value
    write_rows(path, rows)
