"""Where the checks and rules of the validator are collected.

A module of :mod:`govclass.validation.rules` adds a check over one table
with ``@check("group", order=N)`` (``order`` keeps the findings in a stable
order; ``group`` is what ``skip=`` names) and declares the rule ids it emits
with :func:`govclass.rulebook.declare`.  :func:`load_rules` imports every
such module (and every reader, whose problems are findings too: the rule book
collects them by package name, :func:`govclass.rulebook.load_declarations`), so
adding a rule is adding a file: no central list to edit.
"""

from __future__ import annotations

from collections.abc import Callable

from govclass.rulebook import DECLARED, Rule, load_declarations

__all__ = ["check", "screen", "screens", "load_rules", "load_checks", "checks", "severities", "declared_rules", "rule_table"]

#: group -> (order, check function over a frame)
_CHECKS: dict[str, tuple[int, Callable]] = {}

def check(group: str, *, order: int) -> Callable[[Callable], Callable]:
    """Register the decorated function as the check ``group``: called once per
    table as ``fn(frame, catalog, tolerance)``, yielding findings."""
    def register(fn: Callable) -> Callable:
        _CHECKS[group] = (order, fn)
        return fn
    return register


#: group -> its screen over a block of tables (govclass.validation.batch)
_SCREENS: dict[str, Callable] = {}


def screen(group: str) -> Callable[[Callable], Callable]:
    """Register the decorated function as the screen of the check ``group``: called once per block of tables
    read together (govclass.validation.batch.Block) as ``fn(block)``, it gives the block's rows on which the
    check may find something. A table none of whose rows it gives must be one the check says nothing of: the
    screen may give too many rows, never too few. A check without a screen runs over every table."""
    def register(fn: Callable) -> Callable:
        _SCREENS[group] = fn
        return fn
    return register


def screens() -> dict[str, Callable]:
    """The screens by group."""
    return dict(_SCREENS)


def load_rules() -> None:
    """Import every module that declares rules (govclass.rulebook.DECLARING_PACKAGES): each
    declares its rules (and a validation rule registers its check) as it loads."""
    load_declarations()


def load_checks() -> None:
    """Import every module of :mod:`govclass.validation.rules`: each registers its checks over one
    table (and declares the rules it emits) as it loads. The readers' declarations are not needed to
    validate (a document's reader declared its own): :func:`load_rules` loads them all, when every
    rule id must be known (``skip=``, ``only=``, ``govclass rules``)."""
    import importlib
    import pkgutil

    package = importlib.import_module("govclass.validation.rules")
    for info in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"govclass.validation.rules.{info.name}")


def checks() -> dict[str, Callable]:
    """The checks by group, in their order."""
    return {group: fn for group, (_order, fn) in sorted(_CHECKS.items(), key=lambda kv: kv[1][0])}


def declared_rules() -> list[Rule]:
    """Every declared rule (the readers' too), by family then id."""
    load_rules()
    return sorted(DECLARED.values(), key=lambda r: (r.family, r.id))


def severities() -> dict[str, str]:
    """Rule id -> severity, of every declared rule."""
    return {r.id: r.severity for r in DECLARED.values()}


def rule_table() -> str:
    """The rule table of docs/validation.md (markdown), from the declarations."""
    rows = ["| id | severity | family | meaning | 含义 |", "|---|---|---|---|---|"]
    rows += [f"| {r.id} | {r.severity} | {r.family} | {r.description} | {r.description_zh} |"
             for r in declared_rules()]
    return "\n".join(rows) + "\n"
