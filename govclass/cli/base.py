"""What every command shares: exit codes, output helpers, and the registry
that command modules add themselves to with :func:`command`."""

from __future__ import annotations

import sys

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
#: a document read only in part (a table or a line not read) and no error in what was read: not a pass
EXIT_INCOMPLETE = 4

#: how bad each exit code is, for the exit of a run over many files: a bug, then a file that could not be
#: read, then errors found, then a document read only in part, then a pass
_EXIT_RANK = {EXIT_OK: 0, EXIT_INCOMPLETE: 1, EXIT_NOT_FOUND: 2, EXIT_USAGE: 3, EXIT_INTERNAL: 4}


def worst_exit(*codes: int) -> int:
    """The worst of exit codes (:data:`_EXIT_RANK`; 4, incomplete, is better than 1, errors)."""
    return max(codes, key=lambda c: _EXIT_RANK.get(c, 5))


#: the exit code of each verdict of a report (govclass.validation.report.VERDICTS)
VERDICT_EXIT = {"ok": EXIT_OK, "incomplete": EXIT_INCOMPLETE, "errors": EXIT_NOT_FOUND}

EPILOG = """exit codes: 0 found/ok, 1 not found or errors found, 2 usage or unreadable input, 3 internal error,
4 incomplete (validate, codes: a document read only in part).
Codes may be written 2101505, "210 15 05", 210-15-05 or in full-width digits;
a 2-digit 款 relative to its 类 with --parent (lookup 15 --parent 210)."""


TYPE_CHECKING = False  # not typing.TYPE_CHECKING: typing costs ~15 ms cold
if TYPE_CHECKING:  # pragma: no cover
    import argparse



def parser_class() -> type:
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> None:  # one line, exit 2
            self.exit(EXIT_USAGE, f"govclass: error: {message} (see --help)\n")

    return _Parser


def year_arg(text: str) -> int:
    import argparse

    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a year: {text!r}")
    return int(text)


def pad(text: str, width: int) -> str:
    """Left-justify for a terminal, counting CJK characters as two columns."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def err(text: str) -> None:
    sys.stderr.write(text + "\n")


class Command:
    """A subcommand: its name, help, place in the listing, what it runs, the
    arguments it adds, and whether it takes ``--year``."""

    __slots__ = ("name", "help", "order", "run", "arguments", "edition")

    def __init__(self, name, help, order, run, arguments, edition):  # noqa: A002
        self.name, self.help, self.order, self.run = name, help, order, run
        self.arguments, self.edition = arguments, edition


#: every command, by name; filled by the command modules of this package as they load
COMMANDS: dict[str, Command] = {}


def command(name: str, help: str, *, order: int, arguments=None, edition: bool = True):  # noqa: A002
    """Register the decorated function as the subcommand ``name``; ``order``
    places it in ``--help``; ``arguments(parser)`` adds its arguments;
    ``edition`` gives it ``--year``."""
    def register(run):
        COMMANDS[name] = Command(name, help, order, run, arguments, edition)
        return run
    return register
