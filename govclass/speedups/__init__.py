"""The optional C speed-ups (govclass/speedups/_speedups.c), or None.

The wheel carries them when it was built where a C compiler was at hand;
every function there has a pure-Python twin that gives the same answer, so
govclass works the same without them, only slower.  ``GOVCLASS_PURE=1`` in
the environment turns them off (to compare, or to rule them out).
"""

from __future__ import annotations

import os
from types import ModuleType

#: what govclass calls in the C module; a module built from an older _speedups.c (a checkout not rebuilt)
#: lacks some, and is then not used at all rather than failing half-way through a document
FUNCTIONS = ("table_heads", "split_columns", "fixed_columns", "look_up", "line_amounts", "group_rows",
             "sums_differ", "utf8_valid", "lone_carriage_return",
             "tables_off", "rows_across")

speedups: ModuleType | None = None
if not os.environ.get("GOVCLASS_PURE"):
    try:
        from govclass.speedups import _speedups as speedups
    except ImportError:  # a checkout, or a wheel built without a compiler
        speedups = None
    if speedups is not None and not all(hasattr(speedups, name) for name in FUNCTIONS):
        speedups = None
