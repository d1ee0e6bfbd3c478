"""Pause the cyclic garbage collector around bulk work.

Readers and the validator allocate hundreds of thousands of small containers
(cells, lines, row tuples, columns) that never form reference cycles.
CPython's cyclic collector, triggered by those allocations, re-scans
everything alive each time, which measured 2-4x slower on 100,000-line
tables.  Reference counting still frees everything; only the cycle search
waits until the block ends.

When the block ends, what it made is long-lived (a document, a report) or
already freed by reference counting, so it is moved to the oldest generation
at once (``gc.freeze`` then ``gc.unfreeze``, two list splices) instead of
being scanned by the next young collection: that scan visited every cell of
every column (15-20 ms after reading 100,000 CSV rows).  The oldest
generation is still collected as usual.  Programs that freeze objects
themselves (``gc.get_freeze_count() > 0``) are left alone: unfreezing would
undo their freeze.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from collections.abc import Iterator


@contextmanager
def paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()
