"""The checks of the validator, one module per family of rules.

Each module declares the rule ids it emits (:func:`govclass.rulebook.declare`)
and registers its checks over one table (``@check(group, order=N)``,
:mod:`govclass.validation.registry`); nothing lists them by hand.
"""
