"""Command line: ``python -m govclass <command> …``.

Exit codes (the same for every command):

* 0 — success (code found, data clean, document without errors)
* 1 — not found (unknown code, no search hit), or problems found (``check-data``),
  or errors found (``validate``)
* 2 — usage or input error (bad arguments, malformed code, unknown edition,
  unreadable input); one line on stderr, never a traceback
* 3 — internal error (a bug): one line on stderr; ``GOVCLASS_TRACEBACK=1`` shows it

The ``lookup`` path works on raw records and imports neither attrs nor json
(unless ``--json``): a cold lookup should cost little more than starting
Python.
"""

from __future__ import annotations

import os
import sys

from govclass.cli.base import COMMANDS, EPILOG, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, err, parser_class, year_arg
from govclass.cli.codes import fast_lookup_args, lookup_command
from govclass.errors import GovclassError
from govclass import __version__

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: typing costs ~15 ms cold
if TYPE_CHECKING:  # pragma: no cover
    import argparse


def _load_commands() -> None:
    """Import every module of this package: each registers its commands
    (:func:`govclass.cli.base.command`).  A new command is a new module."""
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules([os.path.dirname(__file__)]):
        if info.name not in ("base", "main", "__main__"):
            importlib.import_module(f"govclass.cli.{info.name}")


def build_parser() -> argparse.ArgumentParser:
    import argparse

    _load_commands()
    _Parser = parser_class()
    p = _Parser(
        prog="govclass",
        description="China's government budget classification (政府收支分类科目): look up, search, export.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from govclass.catalog.store import available_years

    years = available_years()
    p.add_argument("-V", "--version", action="version",
                   version=f"govclass {__version__} (editions {years[0]}–{years[-1]}, newest {years[-1]})")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for cmd in sorted(COMMANDS.values(), key=lambda c: c.order):
        if cmd.edition:
            sp = sub.add_parser(cmd.name, help=cmd.help, description=cmd.help, epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
            sp.add_argument("--year", type=year_arg, default=None, help="edition (default: the latest)")
        else:
            sp = sub.add_parser(cmd.name, help=cmd.help, description=cmd.help, epilog=EPILOG)
        if cmd.arguments is not None:
            cmd.arguments(sp)
    return p


def main(argv: list[str] | None = None) -> int:
    # UTF-8 out, whatever the locale; a character UTF-8 cannot carry (a lone surrogate from a
    # file name that is not UTF-8) is written as \udcff rather than ending the run.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass
    if argv is None:
        argv = sys.argv[1:]
    fast = fast_lookup_args(argv)
    try:
        if fast is not None:
            return lookup_command(*fast)
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command].run(args)
    except GovclassError as exc:  # InvalidCodeError, UnknownYearError, DataError, InputError
        err(f"govclass: error: {exc}")
        return EXIT_USAGE
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):  # e.g. piped into head
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_OK
        err(f"govclass: error: {exc.strerror or exc}: {getattr(exc, 'filename', '') or ''}".rstrip(": "))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug must still give one line, not a traceback
        err(f"govclass: internal error: {type(exc).__name__}: {exc} (please report it; "
             "GOVCLASS_TRACEBACK=1 shows where)")
        if os.environ.get("GOVCLASS_TRACEBACK"):
            raise
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

