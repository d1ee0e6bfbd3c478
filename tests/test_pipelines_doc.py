"""docs/pipelines.md: its examples run (DataFrame, streaming, Dask on a local cluster)."""

from __future__ import annotations

import doctest
from pathlib import Path

from conftest import need

DOC = Path(__file__).resolve().parents[1] / "docs" / "pipelines.md"


def test_the_pipeline_examples_run():
    need("pandas")
    need("pyarrow")
    need("dask.dataframe")
    need("distributed")
    result = doctest.testfile(str(DOC), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
                              verbose=False, report=True)
    assert result.attempted > 15
    assert result.failed == 0, f"{result.failed} example(s) of docs/pipelines.md failed (see the output above)"
