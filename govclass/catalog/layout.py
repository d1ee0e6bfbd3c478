"""Where the catalog's data lives and how its compiled records are laid out: the record tuple's fields
(R_*), the code levels of each classification, the data folder, the change records and evidence files by
year, and the plan of every edition (a base edition and the change records that derive the others).
The lowest part of the data layer: store.py compiles and serves what this finds; nothing here parses YAML.
"""

from __future__ import annotations

import os

from govclass.catalog.names import ECONOMIC_DEPT, ECONOMIC_GOV, FUNCTIONAL, REVENUE

FORMAT = 10  # 8: the revenue classification (目); derived editions' mapping rows and record fingerprints; 9: "partial", the known gaps; 10: the three merged

# Record layout (a tuple per code, to keep the cache small and fast to load).
R_NAME = 0
R_CLASSIFICATION = 1
R_LEVEL = 2
R_PARENT = 3
R_CHILDREN = 4
R_BUDGETS = 5
R_DEFINITION = 6
R_DEFINITION_BASIS = 7
R_CONFIDENCE = 8
R_NOTE = 9
R_REVISION = 10
R_FILE = 11
R_STATUS = 12  # curated | carried | confirmed (see docs/data-format.md, "Evidence")
R_EVIDENCE = 13  # tuple of the documents that confirm the entry in this edition

CONFIDENCES = ("high", "medium", "low")
# Where an entry of an edition stands: ``curated`` (a curated base or a record
# read from its book), ``carried`` (taken unchanged from the year before, in an
# edition whose book was not read: its change record says ``carried: true``),
# ``confirmed`` (a real document or a notice of that year attests it).
STATUSES = ("curated", "carried", "confirmed")
DEFINITION_BASES = ("book", "seed", "paraphrase")

# The code levels of the expenditure classifications, stated once: a 类 has 3 digits, a 款 5
# (its 类 and 2), a 项 7 (its 款 and 2).  The readers and the validator read expenditure tables by them.
LEVEL_OF_LENGTH = {3: "类", 5: "款", 7: "项"}
# The revenue classification goes one level deeper: a 目 has 9 digits (its 项 and 2).
REVENUE_LEVEL_OF_LENGTH = {**LEVEL_OF_LENGTH, 9: "目"}
LEVEL_NAMES = tuple(REVENUE_LEVEL_OF_LENGTH.values())  # every level of every classification, top down
# Code length -> level, per classification: the economic classifications stop at 款.
LEVELS = {
    FUNCTIONAL: dict(LEVEL_OF_LENGTH),
    ECONOMIC_DEPT: {n: LEVEL_OF_LENGTH[n] for n in (3, 5)},
    ECONOMIC_GOV: {n: LEVEL_OF_LENGTH[n] for n in (3, 5)},
    REVENUE: dict(REVENUE_LEVEL_OF_LENGTH),
}
# Code length -> the length of its parent's code (a 类's parent is no code), for the expenditure
# levels the readers and the validator use; parent_code() holds for every classification.
PARENT_LENGTH = {n: n - 2 for n in LEVEL_OF_LENGTH if n > 3}


def parent_code(code: str) -> str | None:
    """The parent of a code of any classification: the code without its last two digits (a 类 has none)."""
    return code[:-2] if len(code) > 3 else None

ENTRY_KEYS = frozenset(
    {"code", "name", "budgets", "definition", "definition_basis", "confidence", "note", "revision"}
)


# --------------------------------------------------------------------------
# Where the data lives (and the cache: govclass.catalog.cache)


def package_dir() -> str:
    """The ``govclass`` package folder (this module is in ``govclass/catalog/``)."""
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def data_dir() -> str:
    """The directory holding ``<year>/`` folders of YAML tables.

    ``GOVCLASS_DATA_DIR`` overrides; an installed wheel carries the tables in
    ``govclass/_data/codes``; a source checkout has them in ``data/codes``.
    """
    env = os.environ.get("GOVCLASS_DATA_DIR")
    if env:
        return os.path.abspath(env)
    packaged = os.path.join(package_dir(), "_data", "codes")
    if os.path.isdir(packaged):
        return packaged
    return os.path.join(os.path.dirname(package_dir()), "data", "codes")


def _base_years(root: str) -> list[int]:
    """Years with a full curated edition (a ``<year>/`` folder)."""
    try:
        names = os.listdir(root)
    except OSError:
        return []
    return sorted(int(n) for n in names if n.isdigit() and os.path.isdir(os.path.join(root, n)))


def _year_files(subfolder: str) -> dict[int, str]:
    """``<subfolder>/<year>.yaml`` files of the data folder, by year."""
    folder = os.path.join(data_dir(), subfolder)
    try:
        names = os.listdir(folder)
    except OSError:
        return {}
    out = {}
    for n in names:
        stem, ext = os.path.splitext(n)
        if stem.isdigit() and ext in (".yaml", ".yml"):
            out[int(stem)] = os.path.join(folder, n)
    return out


def change_files() -> dict[int, str]:
    """``changes/<year>.yaml``: what changed from edition year-1 to year."""
    return _year_files("changes")


def named_in_records(code: str) -> bool:
    """Does a change record name ``code`` (as its code or a move's target)?
    A text scan, no YAML parser: the cold ``lookup`` path asks it before it
    reads the records for a code's history."""
    quoted = (f"'{code}'", f'"{code}"')
    for path in change_files().values():
        try:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
        except OSError:
            continue
        if quoted[0] in text or quoted[1] in text:
            return True
    return False


def evidence_files() -> dict[int, str]:
    """``evidence/<year>.yaml``: entries of edition ``year`` that real
    documents of that year confirm (docs/data-format.md, "Evidence")."""
    return _year_files("evidence")


def _history_only(path: str) -> bool:
    """A record kept for history only (it does not derive edition year-1).
    Read from the meta block's text: no YAML parser on the cold path."""
    try:
        with open(path, encoding="utf-8") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return "\n  history_only: true" in head


_PLANS: dict[str, dict[int, tuple[int, tuple[tuple[int, int], ...]]]] = {}


def plan() -> dict[int, tuple[int, tuple[tuple[int, int], ...]]]:
    """Every edition govclass can serve: year -> (base year, steps), a step
    being (change-record year, +1 apply | -1 undo), in order.  Worked out
    once per process and data folder (a cold lookup asks for it twice)."""
    root = data_dir()
    found = _PLANS.get(root)
    if found is None:
        found = _PLANS[root] = _plan(root)
    return found


def _plan(root: str) -> dict[int, tuple[int, tuple[tuple[int, int], ...]]]:
    bases = _base_years(root)
    records = change_files()
    out: dict[int, tuple[int, tuple[tuple[int, int], ...]]] = {}
    for base in bases:
        out[base] = (base, ())
        steps: list[tuple[int, int]] = []
        y = base
        while y in records and not _history_only(records[y]) and (y - 1) not in bases:
            steps.append((y, -1))  # undo record y: edition y-1
            y -= 1
            out.setdefault(y, (base, tuple(steps)))
        steps = []
        y = base + 1
        while y in records and y not in bases:
            steps.append((y, +1))
            out.setdefault(y, (base, tuple(steps)))
            y += 1
    return dict(sorted(out.items()))


def available_years() -> tuple[int, ...]:
    return tuple(plan())


def source_files(year_dir: str) -> list[str]:
    found = []
    for dirpath, dirnames, filenames in os.walk(year_dir):
        dirnames.sort()
        for f in filenames:
            if f.endswith((".yaml", ".yml")):
                found.append(os.path.join(dirpath, f))
    found.sort()
    return found


def forget_plans() -> None:
    """Forget the plans worked out (tests change the data folder)."""
    _PLANS.clear()
