"""Name search and suggestions for unknown codes.

Scores are comparable across kinds of match:

* exact (after :func:`~govclass.normalize.normalize_name`): 1.0
* substring (query inside a name or a name inside the query):
  0.6 + 0.35 × (shorter length / longer length), so in (0.6, 0.95]
* fuzzy: 0.6 × similarity, where similarity is difflib's ratio of the two
  names with punctuation removed; below 0.6

The fuzzy pass does not run difflib over every name of the edition: rapidfuzz's Indel ratio (a
longest common subsequence, in C++) over the names prepared once per edition bounds difflib's
ratio from above (difflib's matching blocks are a common subsequence), so the names it puts below
the score asked for are left out unscored, and the answer is difflib's as before; at most
:data:`~govclass.limits.MAX_FUZZY_CANDIDATES` names, the closest by that bound, are scored per query.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from govclass.catalog.store import R_CHILDREN, R_NAME, parent_code
from govclass.limits import MAX_FUZZY_CANDIDATES, MAX_MATCH_NAME_CHARS
from govclass.model import Suggestion
from govclass.normalize import normalize_name

if TYPE_CHECKING:  # pragma: no cover
    from govclass.catalog import Catalog

_PUNCT = str.maketrans("", "", "()[]\"',.-·:;!?")

# Scores of code suggestions by kind of closeness.
EDIT_SCORES = {"delete": 0.9, "insert": 0.85, "transpose": 0.85, "substitute": 0.75}
SIBLING_SCORE = 0.5
# An edit that lands in another 类 is a weaker guess than a sibling in the same 款.
OTHER_CLASS_PENALTY = 0.35
NAME_EXACT_SCORE = 0.95
# Codes one edit away are offered for codes of at most this many digits (the longest
# code has 7; an 8-digit one is often a 7-digit code with a stray digit).
MAX_EDIT_CODE_DIGITS = 9


def similarity(a: str, b: str) -> float:
    """difflib's ratio of two names without punctuation; 0 when either is
    longer than any real name could be (``MAX_MATCH_NAME_CHARS``): the ratio
    costs time in proportion to the product of the lengths."""
    if len(a) > MAX_MATCH_NAME_CHARS or len(b) > MAX_MATCH_NAME_CHARS:
        return 0.0
    return SequenceMatcher(None, a.translate(_PUNCT), b.translate(_PUNCT), autojunk=False).ratio()


def rank(
    query: str,
    names: list[tuple[str, str]],
    by_name: dict[str, tuple[str, ...]],
    min_score: float,
) -> list[tuple[str, float, str]]:
    """Score every code name against a normalised query; best first.  A query
    longer than ``MAX_MATCH_NAME_CHARS`` is never a real name: only an exact
    match is looked for (no substring, no fuzzy)."""
    results: dict[str, tuple[float, str]] = {}
    for code in by_name.get(query, ()):
        results[code] = (1.0, "exact")
    if len(query) > MAX_MATCH_NAME_CHARS:
        return [(code, 1.0, "exact") for code in sorted(results) if 1.0 >= min_score]
    close = _closest(query, names, min_score)
    for at, (norm, code) in enumerate(names):
        if code in results:
            continue
        if query in norm or norm in query:
            short, long_ = sorted((len(query), len(norm)))
            results[code] = (0.6 + 0.35 * short / long_, "substring")
            continue
        if at not in close:
            continue  # its bound is below the score asked for: so is its similarity
        score = 0.6 * similarity(query, norm)
        if score >= min_score:
            results[code] = (score, "fuzzy")
    ordered = sorted(results.items(), key=lambda kv: (-kv[1][0], kv[0]))
    return [(code, round(score, 4), match) for code, (score, match) in ordered if score >= min_score]


#: the names of an edition without punctuation, as the fuzzy pass compares them: prepared once per list of
#: names (Catalog.name_index keeps one per edition), the list itself kept so that its id stays its own
_PREPARED: dict[int, tuple[list, list[str]]] = {}
_CUTOFF_SLACK = 0.05  # percent


def _closest(query: str, names: list[tuple[str, str]], min_score: float) -> set[int]:
    """The positions in ``names`` whose similarity to ``query`` may reach ``min_score`` / 0.6: those
    whose Indel ratio (rapidfuzz; never below difflib's ratio) does, at most
    MAX_FUZZY_CANDIDATES of them, the highest first."""
    from rapidfuzz import fuzz, process  # on use: the cold lookup path does not match names

    prepared = _PREPARED.get(id(names))
    if prepared is None or prepared[0] is not names:
        if len(_PREPARED) > 64:
            _PREPARED.clear()
        prepared = _PREPARED[id(names)] = (names, [norm.translate(_PUNCT) for norm, _code in names])
    # in rapidfuzz's percent, a little low: its cut-off is applied as a distance, rounded (a score of
    # 83.333… was left out at a cut-off of 83.3333323); a lower cut-off only scores a few more names
    cutoff = max(0.0, 100 * min_score / 0.6 - _CUTOFF_SLACK)
    hits = process.extract(query.translate(_PUNCT), prepared[1], scorer=fuzz.ratio, score_cutoff=cutoff,
                           limit=MAX_FUZZY_CANDIDATES)
    return {at for _name, _score, at in hits}


def _edits(code: str) -> list[tuple[str, str]]:
    """Digit strings one edit away from ``code``, with the kind of edit."""
    out = []
    n = len(code)
    for i in range(n):
        out.append((code[:i] + code[i + 1 :], "delete"))
    for i in range(n - 1):
        if code[i] != code[i + 1]:
            out.append((code[:i] + code[i + 1] + code[i] + code[i + 2 :], "transpose"))
    for i in range(n + 1):
        for d in "0123456789":
            out.append((code[:i] + d + code[i:], "insert"))
    for i in range(n):
        for d in "0123456789":
            if d != code[i]:
                out.append((code[:i] + d + code[i + 1 :], "substitute"))
    return out


def suggest(catalog: "Catalog", code: str, name: str | None, limit: int) -> tuple[Suggestion, ...]:
    """Legal codes near ``code`` and codes whose name matches ``name``."""
    store = catalog.store
    codes = store.codes
    best: dict[str, Suggestion] = {}

    def offer(c: str, reason: str, score: float) -> None:
        prev = best.get(c)
        if prev is None or prev.score < score:
            best[c] = Suggestion(c, codes[c][R_NAME], reason, score)

    if code and len(code) <= MAX_EDIT_CODE_DIGITS:
        for cand, kind in _edits(code):
            if cand in codes:
                penalty = OTHER_CLASS_PENALTY if cand[:3] != code[:3] else 0.0
                offer(cand, "edit", EDIT_SCORES[kind] - penalty)
        # Siblings: the code's would-be parent exists; offer its nearest children.
        parent = parent_code(code)
        if parent is not None and parent in codes:
            target = int(code)
            kids = codes[parent][R_CHILDREN]
            for kid in sorted(kids, key=lambda k: (abs(int(k) - target), k))[:3]:
                offer(kid, "sibling", SIBLING_SCORE)
    if name:
        names, by_name = catalog.name_index()
        for c, score, match in rank(normalize_name(name), names, by_name, 0.45)[: limit * 2]:
            s = NAME_EXACT_SCORE if match == "exact" else score * 0.9
            # A same-name code under the same parent is the likeliest meaning.
            if code and match == "exact" and len(c) == len(code) and c[:-2] == code[:-2]:
                s = 0.99
            offer(c, "name", s)
    ordered = sorted(best.values(), key=lambda s: (-s.score, s.code))
    return tuple(ordered[:limit])
