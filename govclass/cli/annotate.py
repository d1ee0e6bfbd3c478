"""The ``annotate`` command: a copy of a PDF with every finding drawn on its page, as annotations any PDF
viewer shows (a red box around the row, the message in the annotation's note)."""

from __future__ import annotations

import os

from govclass.cli.base import EXIT_INCOMPLETE, EXIT_NOT_FOUND, EXIT_OK, VERDICT_EXIT, command, err, out

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: typing costs ~15 ms cold
if TYPE_CHECKING:  # pragma: no cover
    import argparse


def _annotate_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("file", help="a PDF")
    sp.add_argument("--output", "-o", metavar="FILE",
                    help="the annotated copy (default: FILE with .checked.pdf for .pdf); never the PDF itself")
    sp.add_argument("--lang", choices=("zh", "en", "both"), default=None, help="language of the notes")
    sp.add_argument("--select", "--only", dest="only", action="append", default=None, metavar="RULES",
                    help="annotate only these rule ids, groups or families, comma-separated")
    sp.add_argument("--ignore", "--skip", dest="skip", action="append", default=None, metavar="RULES",
                    help="rule ids, groups or families not to annotate, comma-separated")
    sp.add_argument("--show-unchecked", action="store_true", default=None,
                    help="annotate the statements that could not be checked (insufficient-data) too")
    sp.add_argument("--exit-zero", action="store_true", default=None,
                    help="exit 0 even when errors are found or the document is incomplete")
    sp.add_argument("--config", metavar="FILE", help="the settings file (as validate)")
    sp.add_argument("--no-config", action="store_true", help="read no settings file")


@command("annotate", "write a copy of a PDF with every finding drawn on its page: a red box around the row it is "
         "about and the message as the annotation's note, which any PDF viewer shows; exit as validate",
         order=72, arguments=_annotate_arguments)
def _cmd_annotate(args: argparse.Namespace) -> int:
    from govclass.cli.batch import Options, check_file
    from govclass.cli.documents import rule_names, apply_config
    from govclass.cli.present.pdfview import CELL, Pdf, finding_boxes
    from govclass.cli.present.summary import UNCHECKED
    from govclass.errors import InputError
    from govclass.validation.validate import select_rules

    for name in ("format", "unit", "classification", "jobs", "include", "exclude", "time_limit", "tolerance",
                 "statistics"):
        setattr(args, name, None)  # settings of validate that annotate has no use for
    apply_config(args)
    output = args.output or (os.path.splitext(args.file)[0] + ".checked.pdf")
    if os.path.abspath(output) == os.path.abspath(args.file):
        raise InputError(f"{output}: the annotated copy would overwrite the PDF itself: name another file (-o)")
    skip, only = rule_names(args.skip) or (), rule_names(args.only)
    select_rules(skip, only)
    with open(args.file, "rb") as fh:
        if fh.read(5) != b"%PDF-":
            raise InputError(f"{args.file}: annotate draws on a PDF; this is not one (validate --format html shows "
                             "any input's findings)")
    report = check_file(args.file, Options(args.year, "pdf", None, None, skip, only, (), None))
    drawn = unplaced = 0
    with Pdf(args.file) as pdf:
        for finding in report.findings:
            if finding.rule == UNCHECKED and not args.show_unchecked:
                continue
            note = _note(finding, args.lang)
            placed = False
            for page, boxes in finding_boxes(pdf, finding) if finding.page is not None else ():
                for kind, box in boxes:
                    if kind != CELL:  # the row (its figure's box would repeat the note)
                        pdf.annotate(page, box, f"govclass {finding.severity} {finding.rule}", note)
                        placed = True
            drawn += placed
            unplaced += not placed
        pdf.save(output)
    out(f"{output}: {drawn} finding(s) drawn on their pages; {unplaced} with no place on a page (the document as a "
        f"whole, or a row not found): validate lists them")
    code = VERDICT_EXIT[report.verdict]
    if args.exit_zero and code in (EXIT_NOT_FOUND, EXIT_INCOMPLETE):
        return EXIT_OK
    if code != EXIT_OK:
        err(f"govclass: {args.file}: {report.verdict} ({report.summary['error']} error(s))")
    return code


def _note(finding, lang: str) -> str:
    """The annotation's note: the rule and severity, then the message in the language asked for."""
    message = finding.message_zh if lang == "zh" else finding.message if lang == "en" else \
        f"{finding.message_zh}\n{finding.message}"
    return f"{finding.rule} ({finding.severity})\n{message}"
