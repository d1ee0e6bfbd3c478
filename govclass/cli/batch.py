"""Many documents in worker processes, each within a time limit.

A batch reports every file it was given, in order, whatever happens to it:

* read: its report (exit 0 or 1);
* unreadable: the one-line reason (exit 2);
* crashed: a bug in govclass, or its worker process died (killed, out of
  memory): the reason (exit 3);
* over the time limit: its worker is stopped and the file gets a report with
  one ``time-limit`` error finding (exit 1).

One file never ends the batch, and a dead worker is replaced, so that a run
never waits for a result that cannot come (``multiprocessing.Pool`` would).
"""

from __future__ import annotations

import os
import sys

from govclass.cli.base import EXIT_INTERNAL, EXIT_NOT_FOUND, EXIT_USAGE, VERDICT_EXIT
from govclass.errors import GovclassError, NoBudgetError

__all__ = ["run_batch", "check_file", "Options", "NO_BUDGET"]

#: what ``job`` says of a file that holds no budget table at all (not an exit code: the command makes it
#: a note for a file found in a folder, exit 2 for a file named)
NO_BUDGET = -1


class Options:
    """How every file of one ``validate`` run is read and checked (a plain
    class: typing.NamedTuple would cost the cold start an import)."""

    __slots__ = ("year", "fmt", "classification", "unit", "skip", "only", "relations", "tolerance")

    def __init__(self, year, fmt, classification, unit, skip, only, relations, tolerance):
        self.year, self.fmt, self.classification, self.unit = year, fmt, classification, unit
        self.skip, self.only, self.relations, self.tolerance = skip, only, relations, tolerance

    def __getstate__(self):  # pickled for the worker processes
        return tuple(getattr(self, k) for k in self.__slots__)

    def __setstate__(self, state):
        for k, v in zip(self.__slots__, state):
            setattr(self, k, v)


def check_file(path: str, options: Options):
    """Read and validate one file ("-": standard input); the report names it."""
    import attrs

    from govclass.adapters.stream import combine

    return attrs.evolve(combine(file_reports(path, options)), file=path)


def file_reports(path: str, options: Options):
    """The reports of one file as they are checked: a CSV file of tables or JSON Lines a batch of
    whole tables at a time (govclass.stream: memory holds a few tables, not the file), any other
    document whole (one report)."""
    from govclass.adapters.stream import streamable  # on use: keeps the parser light

    kind = streamable(path, options.fmt)
    if kind is not None:
        from govclass.adapters.stream import csv_reports, jsonl_reports

        run = jsonl_reports if kind == "jsonl" else csv_reports
        return run(path, year=options.year, classification=options.classification, unit=options.unit,
                   tolerance=options.tolerance, skip=options.skip, only=options.only, relations=options.relations)
    from govclass.readers import read_document  # on use: keeps the parser light (it loads every command)
    from govclass.validation import validate  # on use: keeps the parser light (it loads every command)

    doc = read_document(path, classification=options.classification, unit=options.unit, year=options.year,
                        fmt=options.fmt)
    return iter((validate(doc, options.year, tolerance=options.tolerance, skip=options.skip, only=options.only,
                          relations=options.relations),))


def _describe(exc: BaseException) -> str:
    try:
        text = str(exc)
    except Exception:  # noqa: BLE001 - an exception whose __str__ fails still gets a line
        text = "(no message)"
    return f"{type(exc).__name__}: {text}"[:2000]


def job(path: str, options: Options) -> tuple[int, dict | str]:
    """One file: (exit code, report dict or the reason it has none)."""
    try:
        report = check_file(path, options)
        return VERDICT_EXIT[report.verdict], report.to_dict()
    except NoBudgetError as exc:
        return NO_BUDGET, _describe(exc).split(": ", 1)[1]
    except GovclassError as exc:
        return EXIT_USAGE, _describe(exc).split(": ", 1)[1] if str(exc) else _describe(exc)
    except RecursionError as exc:
        return EXIT_USAGE, f"{path}: nested too deeply to read ({_describe(exc)})"
    except MemoryError:
        return EXIT_INTERNAL, f"{path}: out of memory"
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a batch
        return EXIT_INTERNAL, f"{path}: internal error: {_describe(exc)}"


def time_limit_report(path: str, seconds: float, edition: int) -> dict:
    """The report of a file stopped at the time limit: one error finding."""
    import govclass.validation  # noqa: F401 - declares the rules (time-limit among them); on use
    from govclass.rulebook import DECLARED
    from govclass.validation.report import Finding, Report

    finding = Finding("time-limit", DECLARED["time-limit"].severity, "-",
                      f"{path}: not checked: stopped after {seconds:g} s, the time limit per document "
                      "(--time-limit)",
                      f"{path}：未完成检查：超过每个文档 {seconds:g} 秒的时间限制（--time-limit）")
    return Report((finding,), edition, 0, 0).to_dict()


def _worker(conn) -> None:  # pragma: no cover - runs in the worker process
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles ^C and stops the workers
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path, options = task
        code, result = job(path, options)
        try:
            conn.send((index, code, result))
        except Exception as exc:  # noqa: BLE001 - a result that cannot be sent is still a result
            conn.send((index, EXIT_INTERNAL, f"{path}: internal error: result not transferable: {_describe(exc)}"))


class _Slot:
    """A worker process, its end of the pipe, and the task it is on."""

    __slots__ = ("proc", "conn", "task", "deadline")

    def __init__(self, ctx) -> None:
        parent, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child,), daemon=True)
        self.proc.start()
        child.close()
        self.conn = parent
        self.task: tuple | None = None
        self.deadline = 0.0

    def stop(self) -> None:
        try:
            self.conn.close()
        except OSError:
            pass
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)


#: the suffixes of the files read a table at a time (govclass.stream), which need no whole-file reader
_STREAMED_SUFFIXES = (".csv", ".jsonl", ".ndjson")


def _preload(files: list[str]) -> None:
    """Import, before the workers are forked, what each of them would import for itself: the validator,
    and every reader unless each file is read as a stream (by its suffix). Forked, the workers share
    it: with --jobs 2 the imports were paid twice, a tenth of a folder of small documents' time."""
    import govclass.validation  # noqa: F401 - loaded for the workers
    from govclass.adapters import stream  # noqa: F401 - loaded for the workers

    if any(not path.lower().endswith(_STREAMED_SUFFIXES) for path in files):
        from govclass.readers.registry import READERS

        READERS.readers()


def run_batch(files: list[str], options: Options, jobs: int, time_limit: float | None, edition: int):
    """Yield (path, exit code, report dict or reason) for every file, in the
    order given.  ``time_limit`` in seconds per document (None: none)."""
    import multiprocessing
    import time
    from multiprocessing.connection import wait

    if "-" in files:  # a worker's standard input is closed (multiprocessing): read here, in order
        for path in files:
            yield (path, *job(path, options))
        return
    ctx = multiprocessing.get_context("spawn" if sys.platform == "win32" else "fork")
    if ctx.get_start_method() == "fork":
        _preload(files)
    pending = list(enumerate(files))
    pending.reverse()
    done: dict[int, tuple[int, dict | str]] = {}
    slots = [_Slot(ctx) for _ in range(max(1, min(jobs, len(files))))]
    emitted = 0
    try:
        while emitted < len(files):
            for slot in slots:
                if slot.task is None and pending:
                    slot.task = pending.pop()
                    slot.deadline = time.monotonic() + time_limit if time_limit else float("inf")
                    index, path = slot.task
                    try:
                        slot.conn.send((index, path, options))
                    except OSError:
                        pass  # the worker is gone: seen below through its sentinel
            busy = [s for s in slots if s.task is not None]
            if busy:
                nearest = min(s.deadline for s in busy)
                timeout = None if nearest == float("inf") else max(0.0, nearest - time.monotonic())
                ready = set(wait([s.conn for s in busy] + [s.proc.sentinel for s in busy], timeout))
                for k, slot in enumerate(slots):
                    if slot.task is None:
                        continue
                    index, path = slot.task
                    result = None
                    if slot.conn in ready or slot.proc.sentinel in ready:
                        try:
                            if slot.conn.poll():
                                _index, code, payload = slot.conn.recv()
                                result = (code, payload)
                        except (EOFError, OSError):
                            pass  # the worker died: below
                        except Exception as exc:  # noqa: BLE001 - a result that cannot be read is a crash
                            result = (EXIT_INTERNAL, f"{path}: internal error: result unreadable: {_describe(exc)}")
                            slot.stop()
                            slots[k] = slot = _Slot(ctx)
                        if result is None and not slot.proc.is_alive():
                            why = slot.proc.exitcode
                            how = f"killed by signal {-why}" if why is not None and why < 0 else f"exit status {why}"
                            result = (EXIT_INTERNAL, f"{path}: crashed: its worker process died ({how})")
                            slot.stop()
                            slots[k] = slot = _Slot(ctx)
                    if result is None and time.monotonic() >= slot.deadline:
                        result = (EXIT_NOT_FOUND, time_limit_report(path, time_limit or 0, edition))
                        slot.stop()
                        slots[k] = slot = _Slot(ctx)
                    if result is not None:
                        done[index] = result
                        slot.task = None
            while emitted in done:
                code, payload = done.pop(emitted)
                yield files[emitted], code, payload
                emitted += 1
    finally:
        for slot in slots:
            try:
                if slot.task is None and slot.proc.is_alive():
                    slot.conn.send(None)
            except OSError:
                pass
            slot.stop()
