"""Commands on the editions: history, diff."""

from __future__ import annotations

from govclass.catalog import store as _store
from govclass.cli.base import EXIT_NOT_FOUND, EXIT_OK, command, out, year_arg

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: typing costs ~15 ms cold
if TYPE_CHECKING:  # pragma: no cover
    import argparse



def _history_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("code")
    sp.add_argument("--json", action="store_true")


@command('history', 'every recorded change to a code over the editions',
         order=90, arguments=_history_arguments, edition=False)
def _cmd_history(args: argparse.Namespace) -> int:
    from govclass.catalog.editions import editions, history, status  # on use: keeps the parser light (it loads every command)

    code = _store.get_store(None).resolve(args.code)
    items = history(code)
    present = status(code).editions
    if args.json:
        import json

        from govclass.document.formats import FORMAT_VERSION

        out(json.dumps({"version": FORMAT_VERSION, "code": code, "editions": list(present), "changes": [c.to_dict() for c in items]},
                        ensure_ascii=False, indent=2))
    else:
        span = f"in editions {', '.join(map(str, present))}" if present else f"in no edition ({', '.join(map(str, editions()))})"
        out(f"{code}: {span}")
        for c in items:
            out(f"  {c.describe()}  [{c.confidence}; {c.source}]")
        if not items:
            out("  no recorded change")
    return EXIT_OK if present else EXIT_NOT_FOUND


def _diff_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("a", type=year_arg, metavar="YEAR_A")
    sp.add_argument("b", type=year_arg, metavar="YEAR_B")
    sp.add_argument("--json", action="store_true")


@command('diff', 'what changed between two editions (added, retired, renamed, moved)',
         order=100, arguments=_diff_arguments, edition=False)
def _cmd_diff(args: argparse.Namespace) -> int:
    from govclass.catalog.editions import diff  # on use: keeps the parser light (it loads every command)

    for y in (args.a, args.b):
        _store.get_store(y)  # UnknownYearError -> exit 2
    items = diff(args.a, args.b)
    if args.json:
        import json

        from govclass.document.formats import FORMAT_VERSION

        out(json.dumps({"version": FORMAT_VERSION, "from": args.a, "to": args.b, "changes": [c.to_dict() for c in items]},
                        ensure_ascii=False, indent=2))
    else:
        counts: dict[str, int] = {}
        for c in items:
            counts[c.type] = counts.get(c.type, 0) + 1
            out(c.describe())
        out(f"{args.a} → {args.b}: " + (", ".join(f"{n} {t}" for t, n in sorted(counts.items())) or "no change"))
    return EXIT_OK
