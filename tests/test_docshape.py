"""govclass.document.docshape.conforms vouches for a document only when the JSON
Schema accepts it: held to jsonschema on real documents and random mutations."""

from __future__ import annotations

import copy
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from govclass.document.docshape import conforms
from govclass.document import check_schema
from govclass.readers import read_csv
from test_columnar import as_json, tables

JSON = st.recursive(st.none() | st.booleans() | st.integers(-5, 3000) | st.floats(allow_nan=True) |
                    st.sampled_from(["", "x", "201", "万元", "functional", "合计", "类", "收入", "error", "预算"]),
                    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(
                        st.sampled_from(["name", "code", "amounts", "total", "lines", "x", "columns", "unit"]),
                        kids, max_size=3), max_leaves=6)


def full_document(rows) -> dict:
    """Every part of the format: tables with relations, notes and levels, statements, problems."""
    doc = copy.deepcopy(as_json(rows))  # as_json shares the module's column list
    t = doc["tables"][0]
    t.update(relations=[{"total": "合计", "parts": ["基本支出", "项目支出"]}], note="n", kind="k", source_line=3)
    if t["lines"]:
        t["lines"][0]["level"] = "类"
    doc.update(kind="预算", source="s", format="json", statements=[{
        "name": "总表", "kind": "k", "unit": "万元", "columns": {"收入": ["本年"], "支出": ["本年"]}, "note": "n",
        "source_line": 2, "items": [{"label": "一般公共预算", "side": "收入", "row": 1, "amounts": {"本年": "1.00"},
                                     "source_line": 3}]}],
        problems=[{"rule": "missing-table", "severity": "warning", "table": "t", "message": "m",
                   "message_zh": "m", "source_line": None}])
    return doc


def paths(obj, at=()):
    yield at
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from paths(v, (*at, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from paths(v, (*at, i))


@settings(max_examples=300, deadline=None)
@given(tables(), st.data())
def test_a_vouched_document_has_no_schema_error(rows, data):
    doc = full_document(rows)
    assert conforms(doc) and check_schema(doc) == []
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(list(paths(doc))))
        parent, key = None, None
        node = doc
        for k in where:
            parent, key, node = node, k, node[k]
        action = data.draw(st.sampled_from(["replace", "add", "delete"]))
        if action == "replace" and parent is not None:
            parent[key] = data.draw(JSON)
        elif action == "add" and isinstance(node, dict):
            node[data.draw(st.sampled_from(["x", "name", "code", "total", "year", "side", "row", "unit"]))] = \
                data.draw(JSON)
        elif action == "add" and isinstance(node, list):
            node.append(copy.deepcopy(node[0]) if node and data.draw(st.booleans()) else data.draw(JSON))
        elif action == "delete" and parent is not None:
            del parent[key]
    if conforms(doc):
        assert check_schema(doc) == [], json.dumps(doc, ensure_ascii=False)[:500]


def test_documents_a_reader_writes_are_vouched_for():
    text = "table,code,name,合计\nt,201,一般公共服务支出,3.00\nt,20101,人大事务,\nt,,合计,3\n"
    doc = json.loads(json.dumps(read_csv(text, "t.csv", year=2024).to_dict()))
    assert conforms(doc) and check_schema(doc) == []
    doc["tables"][0]["lines"][0]["amounts"]["合计"] = True  # a boolean is not an amount
    assert not conforms(doc) and check_schema(doc)


@settings(max_examples=200, deadline=None)
@given(tables(), st.booleans(), st.data())
def test_the_document_built_in_one_pass_validates_like_from_dict(rows, full, data):
    """build() vouches only where conforms() does, and the document it makes
    (tables as columns where it can) validates as Document.from_dict's."""
    from govclass.document.docshape import build
    from govclass.document import Document
    from govclass.validation import validate

    doc = full_document(rows) if full else copy.deepcopy(as_json(rows))
    if data.draw(st.booleans()) and doc["tables"][0]["lines"]:  # a number, a level, a 合计 flag, a bad type
        line = doc["tables"][0]["lines"][data.draw(st.integers(0, len(doc["tables"][0]["lines"]) - 1))]
        key, value = data.draw(st.sampled_from([("amounts", {"合计": 12.5}), ("level", "款"), ("total", True),
                                                ("total", False), ("code", 201), ("source_line", 0)]))
        line[key] = value
    built = build(doc)
    assert (built is not None) == (conforms(doc) and not check_schema(doc))
    if built is not None:
        expected = [f.to_dict() for f in validate(Document.from_dict(doc), 2024).findings]
        assert [f.to_dict() for f in validate(built, 2024).findings] == expected
        assert [f.to_dict() for f in validate(copy.deepcopy(doc), 2024).findings] == expected
