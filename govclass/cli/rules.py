"""The ``rules`` command: every rule id a finding can carry; ``rules ID`` explains one, with an example
validated there and then (govclass/data/rule_examples.yaml)."""

from __future__ import annotations

from govclass.cli.base import EXIT_OK, command, out, pad

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: typing costs ~15 ms cold
if TYPE_CHECKING:  # pragma: no cover
    import argparse


def _rules_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("rule", nargs="*", metavar="ID",
                    help="explain these rules (ids or families), each with an example; none: list every rule")
    sp.add_argument("--json", action="store_true", help="print a JSON list")


@command("rules", "list every rule id a finding can carry: severity, family, meaning (English and Chinese); "
         "rules ID explains one, with an example", order=120, arguments=_rules_arguments, edition=False)
def _cmd_rules(args: argparse.Namespace) -> int:
    import govclass.validation  # noqa: F401 - loads every module that declares rules; on use (see below)
    from govclass.validation.registry import declared_rules  # on use: keeps the parser light (it loads every command)

    rules = declared_rules()
    if args.rule:
        return _explain(args.rule, rules, args.json)
    if args.json:
        import json

        out(json.dumps([r.to_dict() for r in rules], ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max(len(r.id) for r in rules)
    for r in rules:
        out(f"{pad(r.id, width)}  {pad(r.severity, 7)}  {pad(r.family, 9)}  {r.description}")
        out(f"{' ' * (width + 22)}{r.description_zh}")
    return EXIT_OK


def examples() -> dict[str, dict]:
    """The example of each rule that has one (govclass/data/rule_examples.yaml)."""
    import os

    import yaml

    path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "rule_examples.yaml")
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def run_example(example: dict):
    """The report govclass gives on an example document (written to a temporary file, read as any input)."""
    import os
    import tempfile

    from govclass.readers import read_document
    from govclass.validation import validate

    options = example.get("options") or {}
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, f"example.{example['format']}")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(example["text"])
        document = read_document(path, classification=options.get("classification"), year=options.get("year"))
        return validate(document, options.get("year"))


def _explain(names: list[str], rules, as_json: bool) -> int:
    """Each rule named (a family: each of its rules): what it means, how severe, which family, whether it
    leaves a document incomplete, how to select or ignore it, and its example with what govclass says."""
    from govclass.errors import RuleIdError
    from govclass.validation.validate import rule_families

    by_id = {r.id: r for r in rules}
    families = rule_families()
    wanted: list = []
    for name in (n.strip() for arg in names for n in arg.split(",") if n.strip()):
        if name in by_id:
            wanted.append(by_id[name])
        elif name in families:
            wanted.extend(by_id[i] for i in families[name])
        else:
            raise RuleIdError(f"rules: no rule {name!r}; rule ids: {', '.join(sorted(by_id))} "
                              f"(families: {', '.join(sorted(families))})")
    shown = examples()
    if as_json:
        import json

        out(json.dumps([{**r.to_dict(), "leaves_unread": r.leaves_unread, "example": shown.get(r.id)} for r in wanted],
                       ensure_ascii=False, indent=2))
        return EXIT_OK
    for k, rule in enumerate(wanted):
        if k:
            out("")
        out(f"{rule.id}  ({rule.severity}, family {rule.family})")
        out(f"  {rule.description}")
        out(f"  {rule.description_zh}")
        if rule.leaves_unread:
            out("  A finding of it means part of the document was not read: the verdict is incomplete (exit 4).")
        out(f"  Report only it: --select {rule.id}; or its family: --select {rule.family}; leave it out: "
            f"--ignore {rule.id}")
        example = shown.get(rule.id)
        if example is None:
            out("  Example: none recorded: it fires on what a small text cannot show (a PDF's or a workbook's layout, "
                "a whole disclosure); docs/validation.md and docs/disclosures.md describe it")
            continue
        options = " ".join(f"--{k} {v}" for k, v in (example.get("options") or {}).items())
        out(f"  Example: {example['what']} (a .{example['format']} file{', ' + options if options else ''}):")
        for line in example["text"].rstrip("\n").splitlines():
            out(f"    {line}")
        report = run_example(example)
        said = [f for f in report.findings if f.rule == rule.id]
        out("  govclass says:")
        for f in said:
            out(f"    {f.severity} {f.rule}: {f.message}")
            out(f"    {' ' * len(f.severity)} {' ' * len(f.rule)}  {f.message_zh}")
    return EXIT_OK
