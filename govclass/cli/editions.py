"""Commands on the editions: editions, history, diff."""

from __future__ import annotations

from govclass.catalog import store as _store
from govclass.cli.base import EXIT_NOT_FOUND, EXIT_OK, command, err, out, year_arg

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: typing costs ~15 ms cold
if TYPE_CHECKING:  # pragma: no cover
    import argparse



def _history_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("code")
    sp.add_argument("--classification", choices=_store.CLASSIFICATIONS, help="the changes of this classification only")
    sp.add_argument("--json", action="store_true")


@command('history', 'every recorded change to a code over the editions',
         order=90, arguments=_history_arguments, edition=False)
def _cmd_history(args: argparse.Namespace) -> int:
    from govclass.catalog.editions import editions, history, status  # on use: keeps the parser light (it loads every command)

    code = _store.get_store(None).resolve(args.code)
    items = history(code, args.classification)
    present = status(code).editions
    if args.classification is not None and present:  # the code as its latest edition holds it
        cls = _store.get_store(present[-1]).codes[code][_store.R_CLASSIFICATION]
        if cls != args.classification:
            err(f"govclass: code {code} is a {_store.CLASSIFICATION_NAMES[cls]} ({cls}) code, not "
                f"{_store.CLASSIFICATION_NAMES[args.classification]} ({args.classification})")
            return EXIT_NOT_FOUND
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
    sp.add_argument("--classification", choices=_store.CLASSIFICATIONS, help="the changes of this classification only")
    sp.add_argument("--json", action="store_true")


@command('diff', 'what changed between two editions (added, retired, renamed, moved)',
         order=100, arguments=_diff_arguments, edition=False)
def _cmd_diff(args: argparse.Namespace) -> int:
    from govclass.catalog.editions import diff  # on use: keeps the parser light (it loads every command)

    for y in (args.a, args.b):
        _store.get_store(y)  # UnknownYearError -> exit 2
    items = diff(args.a, args.b, args.classification)
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


def _editions_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--json", action="store_true")


@command('editions', 'every edition served: how it is made, its coverage, its entries confirmed, curated and carried',
         order=85, arguments=_editions_arguments, edition=False)
def _cmd_editions(args: argparse.Namespace) -> int:
    from govclass.catalog.editions import coverage, editions  # on use: keeps the parser light (it loads every command)

    rows = [coverage(y) for y in editions()]
    if args.json:
        import json

        from govclass.document.formats import FORMAT_VERSION

        out(json.dumps({"version": FORMAT_VERSION, "editions": rows}, ensure_ascii=False, indent=2))
        return EXIT_OK
    out(f"{'edition':<8} {'entries':>7} {'confirmed':>9} {'curated':>7} {'carried':>7}   {'high/medium/low':<16} how it is made")
    for r in rows:
        st, cf = r["status"], r["confidence"]
        made = "the curated base" if not r["steps"] else (
            f"{r['base']} base, {len(r['steps'])} record(s) {'undone' if r['year'] < r['base'] else 'applied'}")
        book = f"; book not read, carried from {r['carried_from']}" if r["carried"] else ""
        out(f"{r['year']:<8} {r['entries']:>7} {st['confirmed']:>9} {st['curated']:>7} {st['carried']:>7}   "
            f"{cf['high']}/{cf['medium']}/{cf['low']:<{16 - len(str(cf['high'])) - len(str(cf['medium'])) - 2}} {made}{book}")
        if r["coverage"]:
            out(f"         coverage: {r['coverage']}")
    return EXIT_OK
