"""A C module built from an older _speedups.c (a checkout not rebuilt after a pull) lacks functions the
Python code now calls: govclass must then run on the pure-Python twins, not stop half-way through a
document with an internal error (exit 3).  The module is faked here, so the test runs with or without a
compiler."""

from __future__ import annotations

import importlib
import sys
import types

import govclass.speedups as package


def _reloaded_with(module: types.ModuleType | None):
    saved = sys.modules.get("govclass.speedups._speedups")
    attribute = getattr(package, "_speedups", None)
    sys.modules["govclass.speedups._speedups"] = module
    package._speedups = module  # ``from govclass.speedups import _speedups`` looks here first
    try:
        return importlib.reload(package).speedups
    finally:
        if saved is None:
            sys.modules.pop("govclass.speedups._speedups", None)
        else:
            sys.modules["govclass.speedups._speedups"] = saved
        if attribute is None:
            vars(package).pop("_speedups", None)
        else:
            package._speedups = attribute
        importlib.reload(package)


def test_a_module_missing_a_function_is_not_used(monkeypatch):
    monkeypatch.delenv("GOVCLASS_PURE", raising=False)
    stale = types.ModuleType("govclass.speedups._speedups")
    for name in package.FUNCTIONS[:-1]:
        setattr(stale, name, lambda *args: None)
    assert _reloaded_with(stale) is None


def test_a_module_with_every_function_is_used(monkeypatch):
    monkeypatch.delenv("GOVCLASS_PURE", raising=False)
    whole = types.ModuleType("govclass.speedups._speedups")
    for name in package.FUNCTIONS:
        setattr(whole, name, lambda *args: None)
    assert _reloaded_with(whole) is whole
