"""Name suggestions (issue 27): rapidfuzz bounds difflib's ratio, so the names it leaves out
unscored could not have been suggested; the answer is difflib's, name for name and score for score."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import govclass
from govclass.catalog import matching
from govclass.normalize import normalize_name


def _every_name(query, names, min_score):
    """The pass before issue 27: difflib over every name sharing a character with the query."""
    chars = set(query.translate(matching._PUNCT))
    return {at for at, (norm, _code) in enumerate(names) if chars.intersection(norm)}


_NAMES = [c.name for c in govclass.get_catalog(2024).codes()][:4000]


@st.composite
def printed_names(draw):
    """A name of the edition as a document may print it: cut, a character changed or doubled, two joined."""
    name = draw(st.sampled_from(_NAMES))
    how = draw(st.sampled_from(["cut", "change", "double", "join", "as is"]))
    at = draw(st.integers(0, max(0, len(name) - 1)))
    if how == "cut":
        return name[:at + 1]
    if how == "change":
        return name[:at] + draw(st.sampled_from("支出管理费用其他事务（）")) + name[at + 1:]
    if how == "double":
        return name[:at] + name[at] + name[at:]
    if how == "join":
        return name + draw(st.sampled_from(_NAMES))
    return name


@settings(max_examples=200, deadline=None)
@given(printed_names(), st.sampled_from([0.3, 0.35, 0.45, 0.5]))
def test_the_bound_leaves_out_only_names_difflib_would_not_suggest(printed, min_score):
    catalog = govclass.get_catalog(2024)
    names, by_name = catalog.name_index()
    query = normalize_name(printed)
    bounded = matching.rank(query, names, by_name, min_score)
    closest = matching._closest
    try:
        matching._closest = _every_name
        every = matching.rank(query, names, by_name, min_score)
    finally:
        matching._closest = closest
    assert bounded == every
