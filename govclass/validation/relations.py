"""Column relations: which columns of a table add up to which.

A budget table's columns obey identities that do not depend on how the table
reached govclass (CSV, JSON, YAML, a published disclosure):

* a total of spending = the kinds of spending printed beside it
  (合计 = 基本支出 + 项目支出, and in a 决算 also 上缴上级支出, 经营支出,
  对附属单位补助支出);
* 基本支出 = 人员经费 + 公用经费;
* a total of income = the sources of income printed beside it (上年结转,
  财政拨款, 事业收入, 其他收入 …), and 财政拨款 = its three budgets.

:func:`infer` reads these from the column names alone.  It infers a relation
only when every amount column of the table is accounted for (a total, one of
its parts, or a part of a part): a column it does not know might be a part,
and a relation missing a part would call correct sums wrong.  A table whose
columns it cannot account for gets no inferred relation, and the report says
which relations were checked (``Report.relations``), so nothing passes
silently as "checked".

The reader's own relations (a JSON document's ``relations``, a disclosure's
standard table) come first; an inferred relation is added only for a total
column no declared relation has, and never to a standard table a disclosure
reader recognised (``Table.kind``): its reader names the columns by the
standard layout and keeps only the relations it can place, so inferring
more from those names would check columns it only guessed.  Relations given by the caller
(``--relation "合计=基本支出+项目支出"``) replace a declared or inferred
relation with the same total, or are added.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

import attrs

from govclass.document import AMOUNT, TEXT, Relation, Table
from govclass.errors import RelationError
from govclass.normalize import normalize_name
from govclass.vocabulary import RELATION_TOTALS

__all__ = ["CheckedRelation", "RelationError", "infer", "parse_relation", "relations_for"]


@attrs.frozen(slots=True)
class CheckedRelation:
    """A relation the validator checked on a table: ``total`` = Σ ``parts``
    on every line.  ``origin``: ``document`` (declared by the document or its
    reader), ``columns`` (inferred from the column names), ``option`` (given
    by the caller)."""

    table: str
    total: str
    parts: tuple[str, ...]
    origin: str

    def to_dict(self) -> dict:
        return {"table": self.table, "total": self.total, "parts": list(self.parts), "origin": self.origin}


def _names(*names: str) -> frozenset[str]:
    return frozenset(map(normalize_name, names))


#: Column names of a table's total.
TOTALS = _names(*RELATION_TOTALS)
#: The kinds of spending a spending total is made of.
SPENDING = _names("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
BASIC = normalize_name("基本支出")
#: What 基本支出 is made of.
BASIC_PARTS = _names("人员经费", "公用经费")
#: The sources an income total is made of.
INCOME = _names("上年结转", "上年结转结余", "财政拨款小计", "财政拨款收入", "财政拨款", "教育收费资金收入", "教育收费收入",
                "事业收入", "事业单位经营收入", "经营收入", "附属单位上缴收入", "上级补助收入", "其他收入",
                "使用非财政拨款结余", "用事业基金弥补收支差额")
#: A 财政拨款 subtotal, and what it is made of.
FISCAL = _names("财政拨款小计", "财政拨款收入", "财政拨款")
FISCAL_PARTS = _names("一般公共预算拨款收入", "一般公共预算拨款", "一般公共预算财政拨款", "政府性基金预算拨款收入",
                      "政府性基金预算拨款", "政府性基金预算财政拨款", "国有资本经营预算收入", "国有资本经营预算拨款收入",
                      "国有资本经营预算拨款", "国有资本经营预算财政拨款")


def infer(columns: Sequence[str]) -> tuple[Relation, ...]:
    """The standard relations the column names imply (see the module's
    docstring); () when some column cannot be accounted for."""
    return _infer(tuple(columns))


@functools.lru_cache(maxsize=256)  # a document's tables share a few headers
def _infer(columns: tuple[str, ...]) -> tuple[Relation, ...]:
    key = {c: normalize_name(c) for c in columns}
    totals = [c for c in columns if key[c] in TOTALS]
    if len(totals) > 1:
        return ()
    total = totals[0] if totals else None
    rest = [c for c in columns if c != total]
    kinds = {key[c] for c in rest}
    if kinds & INCOME:
        if kinds & (SPENDING | BASIC_PARTS):
            return ()
        return _income(total, rest, key)
    return _spending(total, rest, key)


def _spending(total: str | None, rest: list[str], key: dict[str, str]) -> tuple[Relation, ...]:
    """合计 = 基本支出 + 项目支出 (+ the other kinds of spending printed);
    基本支出 = 人员经费 + 公用经费 (without a 基本支出 column, 人员经费 and
    公用经费 are parts of the total)."""
    basic = next((c for c in rest if key[c] == BASIC), None)
    top = [c for c in rest if key[c] in SPENDING or (basic is None and key[c] in BASIC_PARTS)]
    sub = [c for c in rest if basic is not None and key[c] in BASIC_PARTS]
    if len(top) + len(sub) != len(rest):
        return ()
    out = []
    if total is not None and len(top) >= 2:
        out.append(Relation(total, tuple(top)))
    if basic is not None and len(sub) >= 2:
        out.append(Relation(basic, tuple(sub)))
    return tuple(out)


def _income(total: str | None, rest: list[str], key: dict[str, str]) -> tuple[Relation, ...]:
    """合计 = the sources of income printed; 财政拨款 = its budgets."""
    fiscal = [c for c in rest if key[c] in FISCAL]
    top = [c for c in rest if key[c] in INCOME]
    sub = [c for c in rest if key[c] in FISCAL_PARTS]
    if len(fiscal) > 1 or len(top) + len(sub) != len(rest):
        return ()
    if not fiscal and sub:  # the budgets printed without their subtotal: parts of the total
        top, sub = [c for c in rest if c in top or c in sub], []
    out = []
    if total is not None and len(top) >= 2:
        out.append(Relation(total, tuple(top)))
    if fiscal and len(sub) >= 2:
        out.append(Relation(fiscal[0], tuple(sub)))
    return tuple(out)


def parse_relation(text: str) -> Relation:
    """``"合计=基本支出+项目支出"`` as a :class:`Relation` (spaces allowed; ＝ and ＋ too)."""
    import unicodedata

    norm = unicodedata.normalize("NFKC", text)
    total, eq, rhs = norm.partition("=")
    parts = tuple(p.strip() for p in rhs.split("+"))
    if not eq or not total.strip() or not all(parts):
        raise RelationError(f"relation {text!r} is not TOTAL=PART+PART… (e.g. 合计=基本支出+项目支出)")
    if total.strip() in parts or len(set(parts)) != len(parts):
        raise RelationError(f"relation {text!r} names a column twice")
    return Relation(total.strip(), parts)


def relations_for(table: Table, given: Iterable[Relation] = ()) -> tuple[tuple[Relation, ...], list[CheckedRelation]]:
    """The relations to check on ``table``: declared, then inferred for the
    totals nothing declares, then ``given`` replacing any relation with the
    same total (a given relation whose columns the table lacks is left out).
    Returns them and their :class:`CheckedRelation` records."""
    if table.kinds is None:  # kinds told from the table's own lines
        return _relations_for(table, tuple(given))
    # A file of tables read by columns (a CSV file, govclass.stream's batches) has thousands of tables
    # of the same header: the relations are worked out once per header
    key = (table.kind, table.relations, table.columns, table.kinds, tuple(given))
    known = _BY_HEADER.get(key)
    if known is None:
        if len(_BY_HEADER) >= _BY_HEADER_SIZE:
            _BY_HEADER.clear()
        rels, checked = _relations_for(table, key[-1])
        known = _BY_HEADER[key] = rels, tuple((c.total, c.parts, c.origin) for c in checked)
    rels, checked_as = known
    return rels, [CheckedRelation(table.name, total, parts, origin) for total, parts, origin in checked_as]


_BY_HEADER: dict[tuple, tuple] = {}
_BY_HEADER_SIZE = 256  # headers remembered (a run sees one or a few)


def _relations_for(table: Table, given: tuple[Relation, ...]) -> tuple[tuple[Relation, ...], list[CheckedRelation]]:
    kinds = table.column_kinds()
    if not given and table.kind is not None:  # the common disclosure table: as declared
        rels = tuple(r for r in map(lambda r: between_amounts(r, kinds), table.relations) if r is not None)
        return rels, [CheckedRelation(table.name, r.total, r.parts, "document") for r in rels]
    chosen: dict[str, tuple[Relation, str]] = {}
    for rel in table.relations:
        chosen.setdefault(rel.total, (rel, "document"))
    if table.kind is None:  # a standard table's reader knows its relations (and drops those it cannot place)
        for rel in infer(table.summed_columns()):
            chosen.setdefault(rel.total, (rel, "columns"))
    have = set(table.columns)
    for rel in given:
        if rel.total in have and have.issuperset(rel.parts):
            chosen[rel.total] = (rel, "option")
    kept = [(r, origin) for r, origin in ((between_amounts(r, kinds), o) for r, o in chosen.values()) if r is not None]
    return tuple(r for r, _ in kept), [CheckedRelation(table.name, r.total, r.parts, origin) for r, origin in kept]


def between_amounts(rel: Relation, kinds: dict[str, str]) -> Relation | None:
    """A column relation as it can be checked (only amounts add up, document.column_kind): a text column among
    its parts (a 备注 printed under the total's heading) is no part of the sum and is left out; a total or a
    part that is a percentage or a count makes it no sum at all (None)."""
    parts = tuple(p for p in rel.parts if kinds.get(p, AMOUNT) != TEXT)
    if kinds.get(rel.total, AMOUNT) != AMOUNT or not parts or any(kinds.get(p, AMOUNT) != AMOUNT for p in parts):
        return None
    return rel if parts == rel.parts else Relation(rel.total, parts)
