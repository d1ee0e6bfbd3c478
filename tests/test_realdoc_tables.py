"""Each real document's coded tables, pinned: name, kind, first page and coded
lines per table (tests/fixtures/realdoc_tables.yaml, written by
tools/pin_realdoc_tables.py and sampled against the page images).  A table
that vanishes, splits, changes kind or loses a line fails here, even where
the document's total coverage still adds up."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

pytest.importorskip("pypdfium2")

from conftest import realdoc_path  # noqa: E402

PIN = yaml.safe_load((Path(__file__).parent / "fixtures" / "realdoc_tables.yaml").read_text(encoding="utf-8"))


def _tables_of(path: Path) -> list[str]:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "pin_realdoc_tables", Path(__file__).resolve().parent.parent / "tools" / "pin_realdoc_tables.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool.tables_of(path)


@pytest.mark.parametrize("name", sorted(PIN))
def test_tables_per_document(realdocs, name):
    assert _tables_of(realdoc_path(realdocs, name)) == PIN[name]


def test_every_realdoc_is_pinned(realdocs):
    found = {p.stem for p in list(realdocs.glob("*.pdf")) + list((realdocs / "cities").glob("*.pdf"))}
    assert found == set(PIN)
