"""The ``rules`` command: every rule id a finding can carry."""

from __future__ import annotations

from govclass.cli.base import EXIT_OK, command, out, pad

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: typing costs ~15 ms cold
if TYPE_CHECKING:  # pragma: no cover
    import argparse


def _rules_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--json", action="store_true", help="print a JSON list")


@command("rules", "list every rule id a finding can carry: severity, family, meaning (English and Chinese)",
         order=120, arguments=_rules_arguments, edition=False)
def _cmd_rules(args: argparse.Namespace) -> int:
    import govclass.validation  # noqa: F401 - loads every module that declares rules; on use (see below)
    from govclass.validation.registry import declared_rules  # on use: keeps the parser light (it loads every command)

    rules = declared_rules()
    if args.json:
        import json

        out(json.dumps([r.to_dict() for r in rules], ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max(len(r.id) for r in rules)
    for r in rules:
        out(f"{pad(r.id, width)}  {pad(r.severity, 7)}  {pad(r.family, 9)}  {r.description}")
        out(f"{' ' * (width + 22)}{r.description_zh}")
    return EXIT_OK
