"""Commands on the code tables: lookup, search, tree, stats, export, check-data."""

from __future__ import annotations

import sys

from govclass.catalog import store as _store
from govclass.cli.base import EXIT_NOT_FOUND, EXIT_OK, command, err, out, pad

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: typing costs ~15 ms cold
if TYPE_CHECKING:  # pragma: no cover
    import argparse



def _lookup_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("code")
    sp.add_argument("--parent", help="the 类 (or 款) a 2-digit relative code is printed under")
    sp.add_argument("--name", help="the name printed with the code: used to suggest codes when it is unknown")
    sp.add_argument("--classification", choices=_store.CLASSIFICATIONS,
                    help="answer only with a code of this classification (exit 1 for a code of another)")
    sp.add_argument("--json", action="store_true", help="print one JSON object")


# -- lookup (fast path: raw records only) --------------------------------------


@command('lookup', 'show one code: name, level, path, definition',
         order=10, arguments=_lookup_arguments)
def _cmd_lookup(args: argparse.Namespace) -> int:
    return lookup_command(args.code, args.parent, args.year, args.json, args.name, args.classification)


def fast_lookup_args(argv: list[str]) -> tuple[str, str | None, int | None, bool] | None:
    """Parse ``lookup CODE [--parent P] [--year Y] [--json]`` without argparse.

    argparse (with the shutil and locale imports its help formatter pulls in)
    costs ~10 ms, a third of a cold lookup.  Anything this does not recognise
    (``-h``, typos, missing values) returns None and goes to argparse, which
    then prints the usual help or one-line error.
    """
    if len(argv) < 2 or argv[0] != "lookup":
        return None
    code: str | None = None
    parent: str | None = None
    year: int | None = None
    as_json = False
    rest = argv[1:]
    i = 0
    while i < len(rest):
        arg = rest[i]
        name, eq, value = arg.partition("=")
        if arg == "--json":
            as_json = True
        elif name in ("--year", "--parent"):
            if not eq:
                i += 1
                if i == len(rest):
                    return None
                value = rest[i]
            if name == "--parent":
                parent = value
            elif value.isdigit() and value.isascii() and len(value) <= 6:  # else argparse says why
                year = int(value)
            else:
                return None
        elif arg.startswith("-") or code is not None:
            return None
        else:
            code = arg
        i += 1
    if code is None:
        return None
    return code, parent, year, as_json


def lookup_command(raw_code: str, parent: str | None, year: int | None, as_json: bool,
                   name: str | None = None, classification: str | None = None) -> int:
    store = _store.get_store(year)
    code = store.resolve(raw_code, parent)
    if classification is not None and code in store.codes \
            and store.codes[code][_store.R_CLASSIFICATION] != classification:
        return _other_classification(store, code, classification, as_json)
    if code not in store.codes:
        from govclass.catalog import get_catalog  # on use: keeps the cold `lookup` path light

        from govclass.catalog.editions import status  # on use: keeps the cold `lookup` path light

        st = status(code, store.year)
        cat = get_catalog(store.year)
        suggestions = cat.suggest(code, name)
        message = st.message() if st.state != "unknown" else f"code {code} is not in the {store.year} edition"
        if as_json:  # a pipeline reads stdout: the error as a JSON object there too
            import json

            from govclass.document.formats import FORMAT_VERSION

            out(json.dumps({"version": FORMAT_VERSION, "error": "not-found", "code": code, "year": store.year,
                            "state": st.state, "message": message, "successors": list(st.successors),
                            "suggestions": [{"code": s.code, "name": s.name, "reason": s.reason}
                                            for s in suggestions]}, ensure_ascii=False, indent=2))
        err(f"govclass: {message}")
        for c in st.successors:
            err(f"  successor: {c} {cat.lookup(c).name}")
        for s in suggestions:
            err(f"  did you mean {s.code} {s.name} ({s.reason})")
        return EXIT_NOT_FOUND
    info = store.as_dict(code)
    if as_json:
        import json

        from govclass.document.formats import FORMAT_VERSION

        out(json.dumps({"version": FORMAT_VERSION, **info}, ensure_ascii=False, indent=2))
        return EXIT_OK
    cls = info["classification"]
    out(f"{code}  {info['name']}  [{info['level']}]")
    out(f"path:           {' › '.join(info['path'])}")
    out(f"classification: {_store.CLASSIFICATION_NAMES[cls]} ({cls}), {store.year} edition")
    if info["budgets"]:
        out("budgets:        " + ", ".join(f"{_store.BUDGET_NAMES[b]} ({b})" for b in info["budgets"]))
    if info["children"]:
        out(f"children:       {len(info['children'])} ({info['children'][0]} … {info['children'][-1]})")
    if code in store.partial:  # a known gap of the data (docs/data-format.md)
        missing = store.partial[code]
        out("known gap:      the lines under it are not all carried"
            + (f" (may be missing: {', '.join(missing)})" if missing else "")
            + "; a code below it the edition lacks is not checked")
    counterparts = store.corresponding(code)
    if counterparts:
        parts = [f"{c} {store.codes[c][_store.R_NAME]}" + (f" [{u}]" if u else "") for c, u in counterparts]
        out("corresponds to: " + "; ".join(parts))
    definition = info["definition"]
    if definition:
        basis = "" if info["definition_basis"] == "book" else f"  ({info['definition_basis']})"
        out(f"definition:     {definition}{basis}")
    else:
        out("definition:     (not recorded)")
    if info["confidence"] != "high":
        out(f"confidence:     {info['confidence']}")
    if info["note"]:
        out(f"note:           {info['note']}")
    if info["revision"]:
        out(f"revision:       {info['revision']}")
    if info["status"] == "carried":
        out(f"status:         carried from {_store.carried_from(store.year)}, not confirmed for {info['year']}")
    elif info["status"] == "confirmed":
        out(f"status:         confirmed for {info['year']} by {len([e for e in info['evidence'] if not e.startswith('printed at:')])} source(s)")
    if _store.named_in_records(code):  # what it was, became, and when (30307 医疗费 → 医疗费补助 in 2018)
        from govclass.catalog.editions import history  # on use: only for a code the records name

        for change in history(code):
            out(f"history:        {change.describe()}" + (f" → {', '.join(change.successors)}" if change.type == "moved"
                                                           and change.successors else ""))
    return EXIT_OK


def _other_classification(store: _store.Store, code: str, classification: str, as_json: bool) -> int:
    """``lookup --classification C`` of a code the edition has in another classification: not found (exit 1)."""
    cls = store.codes[code][_store.R_CLASSIFICATION]
    message = (f"code {code} {store.codes[code][_store.R_NAME]} is a {_store.CLASSIFICATION_NAMES[cls]} ({cls}) code, "
               f"not {_store.CLASSIFICATION_NAMES[classification]} ({classification}), in the {store.year} edition")
    if as_json:
        import json

        from govclass.document.formats import FORMAT_VERSION

        out(json.dumps({"version": FORMAT_VERSION, "error": "not-found", "code": code, "year": store.year,
                        "state": "other-classification", "classification": cls, "message": message},
                       ensure_ascii=False, indent=2))
    err(f"govclass: {message}")
    return EXIT_NOT_FOUND


# -- the other commands (full API) -----------------------------------------------


def _search_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("text")
    sp.add_argument("--classification", choices=_store.CLASSIFICATIONS)
    sp.add_argument("--level", choices=_store.LEVEL_NAMES)
    sp.add_argument("--budget", choices=_store.BUDGETS)
    sp.add_argument("--limit", type=_limit, default=20, help="hits to show (default 20; 0: all)")
    sp.add_argument("--json", action="store_true")


def _limit(text: str) -> int:
    import argparse

    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"a limit is 0 (all) or more, not {n}")
    return n


@command('search', 'find codes by name (exact, substring, fuzzy)',
         order=20, arguments=_search_arguments)
def _cmd_search(args: argparse.Namespace) -> int:
    from govclass.catalog import get_catalog  # on use: keeps the cold `lookup` path light

    every = get_catalog(args.year).search(
        args.text, classification=args.classification, level=args.level, budget=args.budget, limit=None
    )
    hits = every[:args.limit] if args.limit else every
    if args.json:
        import json

        from govclass.document.formats import FORMAT_VERSION

        out(json.dumps({"version": FORMAT_VERSION, "query": args.text, "total": len(every),
                        "hits": [{"score": h.score, "match": h.match, **h.code.to_dict()} for h in hits]},
                       ensure_ascii=False, indent=2))
    else:
        for h in hits:
            out(f"{h.score:.2f}  {h.match:<9}  {h.code.code:<8} {h.code.name}   ({' › '.join(h.code.path[:-1])})")
    if len(every) > len(hits):
        err(f"govclass: {len(every) - len(hits)} more hit(s) beyond --limit {args.limit} "
            f"({len(every)} in all; --limit 0 shows all)")
    if not hits:
        err(f"govclass: no code named like {args.text!r}")
        return EXIT_NOT_FOUND
    return EXIT_OK


def _tree_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("code", nargs="?")
    sp.add_argument("--depth", type=int, default=None, help="levels below CODE to show")
    sp.add_argument("--classification", choices=_store.CLASSIFICATIONS, default=None,
                    help="without CODE: only this classification (default: every one); with CODE: exit 1 unless "
                         "CODE is of it")


@command('tree', 'print a code and what lies below it (no code: every classification, 类 by 类)',
         order=30, arguments=_tree_arguments)
def _cmd_tree(args: argparse.Namespace) -> int:
    store = _store.get_store(args.year)
    if args.code is None:
        wanted = _store.CLASSIFICATIONS if args.classification is None else (args.classification,)
        tops = [c for cls in wanted for c in store.roots[cls]]
    else:
        code = store.resolve(args.code)
        if code not in store.codes:
            err(f"govclass: code {code} is not in the {store.year} edition")
            return EXIT_NOT_FOUND
        if args.classification is not None and store.codes[code][_store.R_CLASSIFICATION] != args.classification:
            return _other_classification(store, code, args.classification, False)
        tops = [code]
    limit = args.depth

    def walk(code: str, depth: int) -> None:
        rec = store.codes[code]
        out("  " * depth + f"{code} {rec[_store.R_NAME]}")
        if limit is None or depth < limit:
            for child in rec[_store.R_CHILDREN]:
                walk(child, depth + 1)

    for top in tops:
        walk(top, 0)
    return EXIT_OK


def _stats_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--json", action="store_true")


@command('stats', 'count 类/款/项/目 per classification and budget',
         order=40, arguments=_stats_arguments)
def _cmd_stats(args: argparse.Namespace) -> int:
    from govclass.catalog.catalog import store_stats  # on use: keeps the cold `lookup` path light

    store = _store.get_store(args.year)
    stats = store_stats(store)
    if args.json:
        import json

        from govclass.document.formats import FORMAT_VERSION

        out(json.dumps({"version": FORMAT_VERSION, "year": store.year, "counts": stats}, ensure_ascii=False,
                       indent=2))
        return EXIT_OK
    out(f"《{store.year}年政府收支分类科目》  ({len(store.codes)} codes)")
    for cls in _store.CLASSIFICATIONS:
        groups = stats.get(cls)
        if not groups:
            continue
        out(f"{_store.CLASSIFICATION_NAMES[cls]} ({cls})")
        for group in ("all", *_store.BUDGETS):
            counts = groups.get(group)
            if not counts:
                continue
            label = "all budgets" if group == "all" else f"{_store.BUDGET_NAMES[group]} ({group})"
            if cls not in _store.BUDGETED:
                label = "all"
            figures = "  ".join(f"{lv} {counts.get(lv, 0):>4}" for lv in _store.LEVEL_NAMES if lv in counts)
            out(f"  {pad(label, 34)} {figures}")
    return EXIT_OK


def _export_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--format", choices=("csv", "json"), default="csv")
    sp.add_argument("--classification", choices=_store.CLASSIFICATIONS)
    sp.add_argument("--output", "-o", help="file to write (default: standard output)")
    sp.add_argument("--bom", action="store_true", help="csv: start with a byte-order mark (Excel then reads UTF-8)")
    sp.add_argument("--excel", action="store_true",
                    help='csv for Excel: a byte-order mark, CRLF, and codes written ="2101505" so that Excel keeps '
                         "them as text (not for pandas: read the plain CSV with dtype=str)")


EXPORT_FIELDS = ("code", "name", "level", "classification", "parent", "budgets", "definition",
                 "definition_basis", "confidence", "note", "revision", "source", "status")


@command('export', 'write every code as CSV or JSON',
         order=50, arguments=_export_arguments)
def _cmd_export(args: argparse.Namespace) -> int:
    store = _store.get_store(args.year)
    rows = [store.as_dict(c) for c, rec in store.codes.items()
            if args.classification is None or rec[_store.R_CLASSIFICATION] == args.classification]
    fh = sys.stdout if args.output is None else open(args.output, "w", encoding="utf-8", newline="")
    try:
        if args.format == "json":
            import json

            from govclass.document.formats import FORMAT_VERSION

            json.dump({"version": FORMAT_VERSION, "year": store.year, "files": store.files, "codes": rows}, fh,
                      ensure_ascii=False, indent=1)
            fh.write("\n")
        else:
            import csv

            if args.bom or args.excel:
                fh.write("\ufeff")
            w = csv.writer(fh, lineterminator="\r\n" if args.excel else "\n")
            w.writerow(EXPORT_FIELDS)
            as_text = (lambda v: f'="{v}"' if v else v) if args.excel else (lambda v: v)
            for r in rows:
                w.writerow([as_text(r[f]) if f in ("code", "parent") else
                            "|".join(r[f]) if f == "budgets" else ("" if r[f] is None else r[f])
                            for f in EXPORT_FIELDS])
    finally:
        if fh is not sys.stdout:
            fh.close()
    return EXIT_OK


@command('check-data', "check the data tables' integrity (every edition, or --year); exit 1 when problems are found",
         order=60)
def _cmd_check_data(args: argparse.Namespace) -> int:
    from govclass.catalog.datacheck import check_year  # on use: keeps the cold `lookup` path light
    from govclass.catalog.store import available_years

    # Every edition unless --year names one: a fault in an older change record
    # would otherwise pass unseen (the latest edition never reads it).
    years = [args.year] if args.year is not None else available_years()
    problems = [p if args.year is not None else f"{year}: {p}" for year in years for p in check_year(year)]
    for p in problems:
        out(p)
    out(f"{len(problems)} problem(s)")
    return EXIT_NOT_FOUND if problems else EXIT_OK
