"""govclass.speedups.gc.paused: the collector is paused for bulk work and left as it was."""

from __future__ import annotations

import gc
import weakref

from govclass.speedups.gc import paused


class Node:
    pass


def test_paused_restores_the_collector_and_promotes_what_the_block_made():
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        made = [[1], [2]]
    assert gc.isenabled()
    assert any(o is made for o in gc.get_objects(generation=2))  # not left for a young collection to scan
    assert not any(o is made for o in gc.get_objects(generation=0))


def test_a_cycle_made_in_the_block_is_still_collected():
    with paused():
        a, b = Node(), Node()
        a.other, b.other = b, a
        gone = weakref.ref(a)
        del a, b
    assert gone() is not None  # reference counting alone cannot free a cycle
    gc.collect()
    assert gone() is None


def test_a_disabled_collector_stays_disabled():
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_objects_the_program_froze_stay_frozen():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        with paused():
            [[] for _ in range(10)]
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
