"""The rule book: every rule id a finding can carry, declared once, next to
the code that emits it, with its severity, its family and what it means in
Chinese and English.

A module declares its rules at import time::

    declare("rollup-mismatch", ERROR, "sums",
            "类 ≠ Σ 款, 款 ≠ Σ 项 or 合计 ≠ Σ 类, beyond the rounding tolerance",
            "类不等于其款之和、款不等于其项之和或合计不等于各类之和，超出四舍五入容差")

and emits findings by id; the severity always comes from here.  The
validator's ``SEVERITY``, ``python -m govclass rules`` and the rule table in
docs/validation.md are built from :data:`DECLARED`
(:func:`load_declarations` imports every module that declares: the readers,
whose problems are findings too, and the validation rules).  This module imports
nothing of govclass: any layer may declare.  The collection is by package name, as
the readers' and the commands' registries collect theirs, so the validator, which
needs every rule id for ``skip=`` and ``only=``, depends on no reader.
"""

from __future__ import annotations

import attrs

__all__ = ["ERROR", "WARNING", "INFO", "SEVERITIES", "Rule", "DECLARED", "declare", "DECLARING_PACKAGES",
           "load_declarations", "unread_rules", "leaves_unread"]

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)


@attrs.frozen
class Rule:
    """One rule id: how severe its findings are, the family it belongs to (the
    module that checks it), and what a finding of it means."""

    id: str
    severity: str
    family: str
    description: str  # English
    description_zh: str
    module: str  # where it is declared
    #: a finding of it means part of the document was not read (a table, a line): the document is
    #: "incomplete", never a pass, whatever its other findings (docs/report-format.md, verdicts)
    leaves_unread: bool = False

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "severity": self.severity, "family": self.family,
                "description": self.description, "description_zh": self.description_zh}


#: every declared rule, by id, in the order the modules declared them
DECLARED: dict[str, Rule] = {}


def declare(rule_id: str, severity: str, family: str, description: str, description_zh: str, *,
            leaves_unread: bool = False) -> Rule:
    """Declare the rule ``rule_id``; a second declaration of the same id is a bug.  ``leaves_unread``:
    a finding of it says that part of the document was not read (the document is incomplete)."""
    import sys

    if severity not in SEVERITIES:
        raise ValueError(f"rule {rule_id}: severity {severity!r} is not one of {SEVERITIES}")
    module = sys._getframe(1).f_globals.get("__name__", "?")
    old = DECLARED.get(rule_id)
    if old is not None and old.module != module:
        raise ValueError(f"rule {rule_id} declared twice: in {old.module} and {module}")
    rule = DECLARED[rule_id] = Rule(rule_id, severity, family, description, description_zh, module, leaves_unread)
    return rule


#: the packages whose modules declare rules
DECLARING_PACKAGES = ("govclass.readers", "govclass.validation.rules")


def load_declarations() -> None:
    """Import every module of :data:`DECLARING_PACKAGES`: each declares its rules as it loads."""
    import importlib
    import pkgutil

    for name in DECLARING_PACKAGES:
        package = importlib.import_module(name)
        for info in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{name}.{info.name}")


def unread_rules() -> frozenset[str]:
    """The ids of the rules whose findings say that part of a document was not read (declared with
    ``leaves_unread``): one of them makes the document incomplete (``validate`` and ``codes`` alike)."""
    global _UNREAD
    if _UNREAD is None:
        load_declarations()
        _UNREAD = frozenset(r.id for r in DECLARED.values() if r.leaves_unread)
    return _UNREAD


_UNREAD: frozenset[str] | None = None


def leaves_unread(rule_ids) -> bool:
    """Whether one of ``rule_ids`` says that part of a document was not read: ``any(r in
    unread_rules() for r in rule_ids)``, without importing every declaring module when each id is
    declared already (a finding's rule is declared by the module that emitted it, loaded by then;
    a finding from another process, a worker's, may name a rule this one has not loaded: then all are)."""
    for rule_id in rule_ids:
        rule = DECLARED.get(rule_id)
        if rule is None:
            if rule_id in unread_rules():  # loads every declaration, once
                return True
        elif rule.leaves_unread:
            return True
    return False
