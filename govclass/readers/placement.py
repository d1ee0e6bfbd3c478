"""Which columns do a printed line's figures belong to?

Text pulled out of a PDF keeps the figures of a row but not their positions:
``2080101 行政运行 454.02 454.02`` under 合计 / 基本支出 / 项目支出 does not say
whether the second figure is 基本支出 or 项目支出.  The table itself does: each
line obeys the column relations (合计 = 基本支出 + 项目支出) and every column
adds up through the tree (合计 = Σ 类, 类 = Σ 款, 款 = Σ 项).  This module picks,
for every line, the placement of its figures (in printed order) that breaks
the fewest of those identities; among equally good readings the one that puts
figures furthest left wins, and the number of equally good readings is
reported so that a reader can say when the text could not decide.

Everything here is soft: a table with a real error still gets its best
reading, and the validator then reports the error against that reading.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import combinations, islice
from typing import Sequence

from govclass.limits import MAX_PLACEMENT_STEPS
from govclass.document import half_unit

__all__ = ["place", "Placement"]

_MAX_CANDIDATES = 400
_MAX_TRIED = 20_000
_MAX_STATES = 20_000
_MAX_COMBOS = 4096
# Partial readings kept per line once the search is bounded (MAX_PLACEMENT_STEPS).
_BOUNDED_KEEP = 64


def _settled(pos: tuple[int, ...], v: tuple[Decimal, ...], relations, decimals: int) -> set[int]:
    """Blank columns a line's own figures settle at zero: the parts of a
    relation whose shown total its shown parts already make up (合计 454.02 =
    基本支出 454.02 leaves 项目支出 at nothing)."""
    shown = set(pos)
    out: set[int] = set()
    for total, parts in relations:
        if total in shown:
            got = [v[p] for p in parts if p in shown]
            if got and abs(v[total] - sum(got)) <= _tol(got, decimals):
                out.update(p for p in parts if p not in shown)
    return out


def _uniform(kids, best, cands, zero):
    """Children readings when trying every combination would take too long
    (many children under a parent that leaves columns blank): every child
    takes the same placement, for each placement any child has (a 类 printed
    with its 合计 only usually has all its 款 in one column).  One pass over
    each child's readings: its cheapest reading per placement, and overall."""
    patterns: list[tuple[int, ...]] = []
    for kid in kids:
        for pos, _bad in cands[kid]:
            if pos not in patterns:
                patterns.append(pos)
    cheapest: list[tuple[dict, tuple]] = []  # per kid: (placement -> cheapest reading, cheapest of all)
    for kid in kids:
        by_pos: dict = {}
        overall = None
        for kv in best[kid].items():
            pos = cands[kid][kv[1][2]][0]
            prev = by_pos.get(pos)
            if prev is None or kv[1][0] < prev[1][0]:
                by_pos[pos] = kv
            if overall is None or kv[1][0] < overall[1][0]:
                overall = kv
        cheapest.append((by_pos, overall))
    states: dict[tuple, tuple[int, int, tuple]] = {}
    for pat in patterns:
        total = zero
        cost = 0
        choice = []
        for by_pos, overall in cheapest:
            key, (kc, _kw, _ci, _ch) = by_pos.get(pat, overall)
            total = tuple(a + b for a, b in zip(total, key))
            cost += kc
            choice.append(key)
        prev = states.get(total)
        if prev is None or cost < prev[0]:
            states[total] = (cost, 1, tuple(choice))
    return states


class Placement:
    """Result of :func:`place`: ``positions[i]`` the column index of each figure
    of line ``i``; ``readings`` how many equally good readings there are
    (capped); ``cost`` how many identities the chosen reading breaks."""

    __slots__ = ("positions", "readings", "cost", "ambiguous_lines", "bounded", "steps")

    def __init__(self, positions: list[tuple[int, ...]], readings: int, cost: int, ambiguous_lines: list[int],
                 bounded: bool = False, steps: int = 0):
        self.positions = positions
        self.readings = readings
        self.cost = cost
        self.ambiguous_lines = ambiguous_lines
        #: the search reached ``MAX_PLACEMENT_STEPS`` and kept only the cheapest
        #: partial readings from there on: the reading is good, maybe not the best
        self.bounded = bounded
        self.steps = steps


def _tol(values: Sequence[Decimal], decimals: int) -> Decimal:
    return (len(values) + 1) * half_unit(decimals)


def _row_violations(pos: tuple[int, ...], vals: list[Decimal], n: int,
                    relations: list[tuple[int, tuple[int, ...]]], decimals: int, strict: bool = False) -> int:
    vec: list[Decimal | None] = [None] * n
    for p, v in zip(pos, vals):
        vec[p] = v
    bad = 0
    for total, parts in relations:
        t = vec[total]
        shown = [vec[i] for i in parts if vec[i] is not None]
        if t is None:
            bad += bool(shown)
            continue
        if shown and abs(t - sum(shown)) > _tol(shown, decimals):
            bad += 1
        elif strict and not shown and t != 0 and total != 0:
            bad += 1  # a subtotal shown without any of its parts
    return bad


def _candidates(vals: list[Decimal], n: int, relations, decimals: int,
                strict: bool = False) -> list[tuple[tuple[int, ...], int]]:
    k = len(vals)
    if k >= n:
        pos = tuple(range(min(k, n)))
        return [(pos, _row_violations(pos, vals[:n], n, relations, decimals, strict))]
    good, rest = [], []
    # At most _MAX_TRIED placements are tried: a line of a table with dozens of columns
    # has more placements than could ever be weighed.
    for pos in islice(combinations(range(n), k), _MAX_TRIED):
        bad = _row_violations(pos, vals, n, relations, decimals, strict)
        (rest if bad else good).append((pos, bad))
        if len(good) >= _MAX_CANDIDATES:
            break
    if good:
        return good
    rest.sort(key=lambda c: c[1])
    return rest[:_MAX_CANDIDATES] or [(tuple(range(k)), 0)]


def place(values: list[list[Decimal]], parents: list[int | None], n: int,
          relations: list[tuple[int, tuple[int, ...]]], decimals: int = 2, strict: bool = False) -> Placement:
    """``values[i]`` the figures of line ``i`` in printed order, ``parents[i]``
    the index of the line it adds up into (None for the top: the 合计 line,
    or 类 lines when there is none), ``n`` the number of columns,
    ``relations`` (total column, part columns) by index.  ``strict``: a
    subtotal column (not the first) is never shown without one of its parts
    (rows of the 三公 table, which print every level)."""
    # long: one dynamic programme over the tree of lines (children's readings combined bottom-up, the
    # cheapest picked top-down); its state is shared by both passes and the bound on steps, and cut in
    # pieces it would pass six values around.
    m = len(values)
    cands = [_candidates(v, n, relations, decimals, strict) for v in values]
    children: list[list[int]] = [[] for _ in range(m)]
    roots: list[int] = []
    for i, p in enumerate(parents):
        (roots if p is None else children[p]).append(i)

    def vec(i: int, pos: tuple[int, ...]) -> tuple[Decimal, ...]:
        out = [Decimal(0)] * n
        for p, v in zip(pos, values[i]):
            out[p] = v
        return tuple(out)

    # best[i]: effective vector -> (cost, readings, candidate index, child keys).  A line's
    # effective vector is its figures, with its children's sum standing in for a column it
    # leaves blank (a parent printed with its 合计 only still adds up through its children).
    best: list[dict[tuple, tuple[int, int, int, tuple]]] = [{} for _ in range(m)]
    order: list[int] = []
    stack = list(roots)
    while stack:  # parents before children; evaluated in reverse
        i = stack.pop()
        order.append(i)
        stack.extend(children[i])
    zero = tuple([Decimal(0)] * n)
    # The search is exact until it has taken MAX_PLACEMENT_STEPS steps (a step: one
    # column of a partial reading combined with another); from then on it keeps only the
    # _BOUNDED_KEEP cheapest partial readings, so that its cost grows with the
    # number of lines, not with the product of their readings.
    steps = 0
    bounded = False

    def cheapest(d: dict, keep: int) -> dict:
        return dict(sorted(d.items(), key=lambda kv: kv[1][0])[:keep])

    for i in reversed(order):
        kids = children[i]
        states: dict[tuple, tuple[int, int, tuple]] = {zero: (0, 1, ())}
        combos = 1
        for kid in kids:
            combos *= len(best[kid])
        if combos > _MAX_COMBOS:
            states = _uniform(kids, best, cands, zero)
            steps += n * sum(map(len, (best[k] for k in kids)))
            kids_loop: list[int] = []
        else:
            kids_loop = kids
        for kid in kids_loop:
            if steps + n * len(states) * len(best[kid]) > MAX_PLACEMENT_STEPS:
                bounded = True
                states = cheapest(states, _BOUNDED_KEEP)
            steps += n * len(states) * min(len(best[kid]), _BOUNDED_KEEP if bounded else len(best[kid]))
            new: dict[tuple, tuple[int, int, tuple]] = {}
            readings = cheapest(best[kid], _BOUNDED_KEEP) if bounded else best[kid]
            for base, (cost, ways, choice) in states.items():
                for key, (kc, kw, _ci, _ch) in readings.items():
                    s2 = tuple(a + b for a, b in zip(base, key))
                    c2 = cost + kc
                    prev = new.get(s2)
                    if prev is None or c2 < prev[0]:
                        new[s2] = (c2, min(ways * kw, 1000), choice + (key,))
                    elif c2 == prev[0]:
                        new[s2] = (c2, min(prev[1] + ways * kw, 1000), prev[2])
            states = new
            if len(states) > _MAX_STATES:  # give up on exactness: keep the cheapest states
                states = dict(sorted(states.items(), key=lambda kv: kv[1][0])[:_MAX_STATES // 10])
        if steps + n * len(cands[i]) * len(states) > MAX_PLACEMENT_STEPS:
            bounded = True
            states = cheapest(states, _BOUNDED_KEEP)
        steps += n * len(cands[i]) * len(states)
        out: dict[tuple, tuple[int, int, int, tuple]] = {}
        tol = (len(kids) + 1) * half_unit(decimals)
        for ci, (pos, bad) in enumerate(cands[i]):
            v = vec(i, pos)
            cols = set(pos) | _settled(pos, v, relations, decimals)
            for s_, (cost, ways, choice) in states.items():
                miss = 0
                if kids:
                    for c in cols:
                        if abs(v[c] - s_[c]) > tol:
                            miss += 1
                eff = tuple(v[c] if c in cols else s_[c] for c in range(n)) if kids else v
                c2 = cost + miss + bad
                prev = out.get(eff)
                if prev is None or c2 < prev[0]:
                    out[eff] = (c2, ways, ci, choice)
                elif c2 == prev[0]:
                    out[eff] = (c2, min(prev[1] + ways, 1000), prev[2], prev[3])
        if bounded and len(out) > _BOUNDED_KEEP:
            out = cheapest(out, _BOUNDED_KEEP)
        best[i] = out

    positions: list[tuple[int, ...]] = [()] * m
    total_cost = 0
    readings = 1
    ambiguous: list[int] = []

    def pick(i: int, key: tuple) -> None:
        _cost, _ways, ci, choice = best[i][key]
        positions[i] = cands[i][ci][0]
        for kid, kkey in zip(children[i], choice):
            pick(kid, kkey)

    for r in roots:
        row = best[r]
        key = min(row, key=lambda k: row[k][0])  # first of the cheapest: dicts keep insertion order
        cost = row[key][0]
        ties = sum(w for c, w, _ci, _ch in row.values() if c == cost)
        total_cost += cost
        readings = min(readings * ties, 1000)
        pick(r, key)
    if readings > 1:
        ambiguous = [i for i in range(m) if len(cands[i]) > 1]
    return Placement(positions, readings, total_cost, ambiguous, bounded, steps)
