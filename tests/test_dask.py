"""govclass.dask on a local cluster of two workers: the findings of a frame
partitioned by table, and of a bag of documents, are those of one process,
in the same order."""

from __future__ import annotations

import json

import pytest

from conftest import need, seeds_dir

dd = need("dask.dataframe")
distributed = need("distributed")
pd = need("pandas")

import govclass  # noqa: E402
from govclass import dask as gdask  # noqa: E402
from govclass import frame  # noqa: E402
from govclass.readers import read_document  # noqa: E402
from govclass.validation import validate  # noqa: E402
from test_stream import evidence_rows  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as c:
            yield c


def lines_frame():
    import random

    rows = evidence_rows(random.Random(11))
    return pd.DataFrame([{"unit": t, "code": c, "name": n, "合计": f[0], "基本支出": f[1], "项目支出": f[2]}
                         for t, c, n, f in rows])


def by_unit(df, parts: int):
    """The frame cut into ``parts`` partitions, every unit whole in one."""
    units = list(dict.fromkeys(df["unit"]))
    cut = [units[i::parts] for i in range(parts)]
    return dd.concat([dd.from_pandas(df[df["unit"].isin(u)], npartitions=1) for u in cut if u])


def test_a_frame_partitioned_by_unit_validates_like_one_process(client):
    df = lines_frame()
    ddf = by_unit(df, 3)
    assert ddf.npartitions == 3
    got = gdask.validate(ddf, table="unit", year=2025)
    whole = frame.validate(ddf.compute(), table="unit", year=2025)  # the same lines, in the partitions' order
    assert len(got) > 100 and {"rollup-mismatch", "name-variant", "invalid-amount"} <= set(got["rule"])
    pd.testing.assert_frame_equal(got, whole)
    assert got.attrs == whole.attrs


def test_a_table_split_across_partitions_is_refused(client):
    df = lines_frame()
    ddf = dd.from_pandas(df, npartitions=4, sort=False)
    with pytest.raises(ValueError, match="has lines in partitions"):
        gdask.validate(ddf, table="unit", year=2025)


def test_a_bag_of_documents_validates_like_one_process(client, tmp_path):
    seeds = seeds_dir()
    if seeds is None:
        pytest.skip("../shared/seeds not found")
    paths = [str(p) for p in sorted(seeds.glob("*.txt"))]
    bad = tmp_path / "empty.txt"
    bad.write_text("  \n", encoding="utf-8")
    paths.append(str(bad))
    import dask.bag as db

    got = gdask.validate_documents(db.from_sequence(paths, npartitions=2))
    assert [r["file"] for r in got] == paths
    for path, rep in zip(paths[:-1], got):
        expected = validate(read_document(path)).to_dict()
        assert json.dumps({**expected, "file": path}, ensure_ascii=False) == json.dumps(rep, ensure_ascii=False)
    assert got[-1] == {"file": str(bad), "error": f"{bad}: empty file"}
    assert gdask.validate_documents(paths[:2]) == got[:2]
