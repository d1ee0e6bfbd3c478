"""Validation of budget tables against one edition of the classification.

``validate(document) -> Report``.  Each rule is a small function over one
table with a stable id; every :class:`Finding` carries that id, a severity,
where it is (table, line, column), what was expected and found, and a message
in Chinese and English.

Every rule id is declared once, next to the code that emits it
(:func:`govclass.rulebook.declare`); ``python -m govclass rules`` lists them
and docs/validation.md carries their table.  The checks over one table are
the modules of :mod:`govclass.validation.rules`, found by
:func:`~govclass.validation.registry.load_rules`.

Which rules are reported: ``skip=`` and ``only=`` name rule ids or check
groups (:data:`RULES`, ``cross`` and ``narrative``); a name that
is neither raises :class:`RuleIdError`.  Column relations: declared, inferred
from the column names, or given (``relations=``), see
:mod:`govclass.validation.relations`.  One defect, one finding: see
:mod:`govclass.validation.misprints` and the roll-up check.

Rounding tolerance: each printed figure is rounded to the decimals it shows,
so it is off by at most half a unit of its last place.  A total and its n
parts can therefore differ by at most the sum of their half-units ((n+1) × ½
unit when all show the same decimals), in the table's unit.  Beyond that the
difference is an error; within it and non-zero it is information.  Pass
``tolerance=`` (in the table's unit) to override.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

import attrs

from govclass.catalog import Catalog, get_catalog
from govclass.catalog.store import available_years, get_store, latest_year, nearest_year
from govclass.document import Document, DocumentError, Relation, Table, check_schema
from govclass.document.codecolumns import checked_tables
from govclass.errors import RelationError, RuleIdError
from govclass.rulebook import DECLARED, ERROR, WARNING, declare
from govclass.speedups.gc import paused
from govclass.validation.frame import Frame, frame_of, table_edition
from govclass.validation import proof as _proof
from govclass.validation.misprints import merge_misprints
from govclass.validation.batch import quiet_tables
from govclass.validation.registry import checks, load_checks, load_rules, screens, severities
from govclass.validation.relations import CheckedRelation, parse_relation, relations_for
from govclass.validation.coverage import unread_rows_of
from govclass.validation.report import Finding, Report
from govclass.validation.rules.government import between_tables, is_government
from govclass.validation.rules.narrative import identity_check, narrative_check, superseded_by_contents
from govclass.validation.rules.sums import classes_not_printed

__all__ = ["Finding", "Report", "validate", "prove", "check_table", "RULES", "SEVERITY", "RuleIdError", "rule_ids",
           "select_rules", "rule_families", "expand_families"]

declare("schema", ERROR, "document", "the JSON/YAML document does not match the JSON Schema (with the JSON path)",
        "JSON/YAML 文档不符合 JSON Schema（给出 JSON 路径）")
declare("edition-fallback", WARNING, "document",
        "no edition of the document's year (or no year printed): checked against the nearest (the latest when no "
        "year is printed), named in the finding with the codes whose verdict may depend on it; a code of the "
        "document's own year checked against another edition is listed here, not reported as unknown",
        "没有该文档年度的科目版本（或文档未标明年度）：按最接近的年版核对（未标明年度时按最新年版），结果中写明所用年版及"
        "结论可能随年版而变的科目；按其他年版核对时，属于文档本年度年版的科目在此列出，不报告为未知编码")

declare("time-limit", ERROR, "document",
        "a batch run (validate FOLDER) stopped the document at its time limit (--time-limit): it was not checked",
        "批量检查时该文档超过时间限制（--time-limit），未完成检查")

load_checks()

Rule = Callable[[Frame, Catalog, Decimal | None], Iterable[Finding]]

#: the checks over one table, by group (what ``skip=`` names), in the order they run
RULES: dict[str, Rule] = checks()


def __getattr__(name: str):
    if name == "SEVERITY":  # every declared rule id -> its severity: the readers' too, loaded when asked for
        load_rules()
        return severities()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

#: the groups of the checks over the whole document: between its tables, and its text against its tables
CROSS, NARRATIVE = "cross", "narrative"


def rule_ids() -> tuple[str, ...]:
    """Every rule id a finding can carry, sorted."""
    load_rules()
    return tuple(sorted(severities()))


def select_rules(skip: Iterable[str], only: Iterable[str] | None) -> tuple[tuple[set[str], set[str]],
                                                                          tuple[set[str], set[str]] | None]:
    """``skip`` and ``only`` split into (check groups, rule ids).  Each name is a rule id, a check group
    (:data:`RULES`, ``cross``, ``narrative``) or a family that ``govclass rules`` prints (``reading``,
    ``sums`` …: every rule id of the family; a family that is also a group's name means the group), and
    one argument may hold several, comma-separated (``--select sums,codes``, as ruff's ``--select``); a
    name that is none of these raises RuleIdError naming the valid ones."""
    groups = {*RULES, CROSS, NARRATIVE}
    skip = tuple(skip)
    if skip or only is not None:  # names to check against every rule id and family, the readers' too
        load_rules()
    known = severities()
    families = rule_families()

    def split(names: Iterable[str], option: str) -> tuple[set[str], set[str]]:
        named_groups, ids = set(), set()
        for n in (part.strip() for name in names for part in str(name).split(",")):
            if not n:
                continue
            if n in known:
                ids.add(n)
            elif n in groups:  # a check group (codes, names, structure …): its checks, as before families
                named_groups.add(n)
            elif n in families:  # a family that is no group (reading, sums, amounts, document): its ids
                ids.update(families[n])
            else:
                raise RuleIdError(f"{option}: no rule {n!r}; rule ids: {', '.join(rule_ids())} "
                                  f"(groups: {', '.join(sorted(groups))}; families: {', '.join(sorted(families))})")
        return named_groups, ids
    return split(skip, "skip"), None if only is None else split(only, "only")


def expand_families(names: Iterable[str]) -> tuple[str, ...]:
    """``names`` (comma-separated allowed) with each family that is no check group replaced by its rule
    ids: what :func:`select_rules` means by them, for a path that knows only ids and groups (the
    stream)."""
    names = tuple(n for n in (part.strip() for name in names for part in str(name).split(",")) if n)
    if not names:
        return ()
    groups = {*RULES, CROSS, NARRATIVE}
    load_rules()  # every rule id and family, the readers' too (only when names are given: start-up stays light)
    known = severities()
    families = rule_families()
    out: list[str] = []
    for n in names:
        out.extend(families[n] if n in families and n not in groups and n not in known else (n,))
    return tuple(out)


def rule_families() -> dict[str, tuple[str, ...]]:
    """Each family ``govclass rules`` prints, with the rule ids of it."""
    out: dict[str, list[str]] = {}
    for rule in DECLARED.values():
        out.setdefault(rule.family, []).append(rule.id)
    return {family: tuple(sorted(ids)) for family, ids in out.items()}


def _edition(document: Document, year: int | None) -> int:
    """The edition a document is checked against: the one asked for, else its
    year's, else the nearest to its year (store.nearest_year), never the newest
    by default; the latest only when the document prints no year."""
    if year is not None:
        return year
    if document.year is not None:
        return nearest_year(document.year)
    return latest_year()


# The findings whose verdict rests on the edition a code is judged against: a code or a name.
EDITION_BOUND = ("unknown-code", "retired-code", "name-mismatch", "name-variant", "low-confidence-code")


def _edition_fallback(document: Document, year: int | None, edition: int, findings: list[Finding],
                      judged: "dict[int, tuple[int | None, int]] | None" = None,
                      tables: "Iterable[tuple[int, int]]" = ()) -> tuple[list[Finding], list[Finding]]:
    """The edition-fallback findings, and the findings without those they
    replace.  Codes are judged against the edition of their table's year
    (``judged``: id of a finding -> the year asked for and the edition used;
    any other finding is the document's year and ``edition``; ``tables``: the
    (year, edition) of each table of a year of its own).  A year with no
    edition is checked against the nearest: one finding per such year names both
    years and the codes whose verdict may depend on it.  A document checked
    against another edition than its own year's (``year=`` asked for it): a code
    of its own year's edition is not an unknown or retired code; the finding
    lists it instead."""
    judged = judged or {}
    groups: dict[tuple[int | None, int], list[Finding]] = {(document.year, edition): []}  # the document's first
    for key in tables:
        groups.setdefault(key, [])
    for f in findings:
        groups.setdefault(judged.get(id(f), (document.year, edition)), []).append(f)
    kept_ids: set[int] = set()
    fallbacks: list[Finding] = []
    for (own, used), mine in groups.items():
        kept, fallback = _fallback_of(document, own, used, year, mine, whole=(own, used) == (document.year, edition))
        kept_ids.update(map(id, kept))
        if fallback is not None:
            fallbacks.append(fallback)
    return [f for f in findings if id(f) in kept_ids], fallbacks


def _fallback_of(document: Document, own: int | None, edition: int, year: int | None, findings: list[Finding],
                 whole: bool) -> tuple[list[Finding], Finding | None]:
    """The edition-fallback finding of the findings judged for the year ``own`` against ``edition`` (the
    document's year when ``whole``, else the year of some of its tables), and those findings without
    the ones it replaces."""
    if own is None:
        if year is not None or document.coverage is None or not whole:
            return findings, None
        return findings, Finding(
            "edition-fallback", DECLARED["edition-fallback"].severity, "",
            f"the document prints no fiscal year govclass could read; checked against the {edition} edition",
            f"文档未标明可识别的年度，本文档按 {edition} 年版核对", actual=str(edition))
    if own == edition:
        return findings, None
    own_codes = get_store(own).codes if own in available_years() else {}
    kept, of_own_year = [], []
    for f in findings:
        if f.rule in ("unknown-code", "retired-code") and f.code in own_codes:
            of_own_year.append(f.code)
        else:
            kept.append(f)
    if year is not None and not of_own_year:
        return findings, None  # the edition asked for: nothing of the document's own year was judged against it
    depends = sorted({f.code for f in kept if f.rule in EDITION_BOUND and f.code} | set(of_own_year))
    shown = ", ".join(depends)
    what_en, what_zh = ("the document", "本文档") if whole else (f"its tables of {own}", f"其中 {own} 年度的表格")
    if year is None:
        en = f"govclass has no {own} edition; {what_en} was checked against the nearest, the {edition} edition"
        zh = f"govclass 没有 {own} 年版科目，{what_zh}按最接近的 {edition} 年版核对"
    else:
        en = f"the document is of {own}; it was checked against the {edition} edition as asked"
        zh = f"本文档为 {own} 年度，按指定的 {edition} 年版核对"
    if of_own_year:
        codes = ", ".join(sorted(set(of_own_year)))
        en += f"; {codes} are codes of the {own} edition, not unknown codes"
        zh += f"；{codes} 属于 {own} 年版科目，不是未知编码"
    if depends:
        en += f"; the verdicts on these codes may depend on the edition: {shown}"
        zh += f"；以下科目的结论可能随年版而变：{shown}"
    return kept, Finding("edition-fallback", DECLARED["edition-fallback"].severity, "", en, zh,
                         expected=str(own), actual=str(edition))


def validate(document: Document | dict, year: int | None = None, *, tolerance: Decimal | str | None = None,
             skip: Iterable[str] = (), only: Iterable[str] | None = None,
             relations: Iterable[Relation | str] = ()) -> Report:
    """Check every table of ``document`` against edition ``year`` (default:
    the document's fiscal year when govclass has it, else the latest).

    ``document`` is a :class:`Document` or a dict in the JSON document format;
    a dict is checked against the JSON Schema first (in one pass while it is
    built, govclass.document.docshape; jsonschema explains a document that fails), and
    structural errors are reported (rule ``schema``, with their JSON path)
    instead of running rules.
    ``skip`` names rule ids not to report, or check groups (:data:`RULES`,
    ``cross``, ``narrative``) not to run; ``only`` names the only ones.  An
    unknown name raises :class:`RuleIdError`.  ``relations``
    (``"合计=基本支出+项目支出"`` or :class:`~govclass.document.Relation`) add
    to or replace the column relations declared by the document or inferred
    from its column names (see :mod:`govclass.validation.relations`); one that
    fits no table raises :class:`~govclass.errors.RelationError`.
    """
    skipped, kept = select_rules(skip, only)
    given = tuple(parse_relation(r) if isinstance(r, str) else r for r in relations)
    if isinstance(document, dict):
        from govclass.document.docshape import build

        # The shape is checked while the document is built; jsonschema runs only
        # on a document that check does not vouch for (it explains what is wrong).
        problems: list[str] = []
        built: Document | None = None
        try:
            with paused():  # a line and its cells are many small objects, and no cycle among them
                built = build(document)
                if built is None:
                    problems = check_schema(document)
                    if not problems:
                        built = Document.from_dict(document)
        except DocumentError as exc:
            problems = [str(exc)]
        if problems:
            edition = year if year is not None else _edition(Document((), document.get("year") if isinstance(
                document.get("year"), int) else None), None)
            return Report(tuple(Finding("schema", ERROR, "", p, f"文档结构错误：{p}") for p in problems), edition, 0, 0)
        document = built  # type: ignore[assignment]
    for rel in given:
        if document.tables and not any(rel.total in t.columns and set(rel.parts) <= set(t.columns)
                                       for t in document.tables):
            raise RelationError(f"relation {rel.total}={'+'.join(rel.parts)}: no table has these columns "
                                f"({'; '.join(' | '.join(t.columns) for t in document.tables[:3])})")
    with paused():
        document = prove(document)  # the first stage: a doubtful reading proven (a PDF's), its census reconciled
        return _validate(document, year, tolerance, skipped, kept, given)


def prove(document: Document) -> Document:
    """The document as the validator reads it: what its reader marked as doubtful (a PDF's tables
    printed without rules) proven by the checks or taken out, its census of coded rows reconciled
    (govclass.validation.proof); a document with nothing to prove as it is."""
    if document.proof is None:
        return document
    return _proof.prove(document, check_table)


def check_table(table: Table, catalog: Catalog) -> list[Finding]:
    """Every check over one table (the code resolution, then the checks in their order, misprints
    merged, one finding per printed row), as validate() reports them for a document of that table
    alone."""
    out: list[Finding] = []
    for one in checked_tables(table):  # a table of rows of several codes: per code column
        _table, _used, resolution, mine = _one_table(one, catalog, None, _checks_of(one, list(RULES.items())), ())
        out += [*resolution, *mine]
    return _once_per_printed_row(out)


def _one_table(table: Table, catalog: Catalog, tol: Decimal | None, active: list, given: tuple[Relation, ...],
               group_of: dict[int, str] | None = None) -> tuple[Table, list[CheckedRelation], list[Finding],
                                                                  list[Finding]]:
    """One table's relations (declared, inferred, given) and findings: the code resolution's, and the
    checks' (``active``: group and check), misprints merged; ``group_of`` (when given) gets each
    check finding's group."""
    rels, used = relations_for(table, given)
    if rels != table.relations:
        table = table.with_relations(rels)
    frame, resolution = frame_of(table, catalog)
    mine: list[Finding] = []
    for group, rule in active:
        start = len(mine)
        mine.extend(rule(frame, catalog, tol))
        if group_of is not None:
            group_of.update((id(f), group) for f in mine[start:])
    if rels:
        mine = merge_misprints(mine, rels, catalog)
    return table, used, resolution, mine


#: the checks that apply to a table whose rows no classification codes (Table.classification): its figures and
#: column relations are checked, no code rule applies.  A table of regions (its rows cities and counties: their
#: sum is the government rules' region-sum); a table of items (debt by use, a fund's 保险费收入): its 合计 by
#: name, as every table of named rows (the roll-up hands it to govclass.validation.rules.named)
UNCODED_CHECKS = {"region": ("invalid-amount", "columns"), "items": ("invalid-amount", "columns", "rollup")}


def _checks_of(table: Table, active: list) -> list:
    """The checks that run over ``table``: every active one, but only :data:`UNCODED_CHECKS` over a table of
    regions or items."""
    groups = UNCODED_CHECKS.get(table.classification)
    if groups is None:
        return active
    return [(group, rule) for group, rule in active if group in groups]


def _said_by_the_reader(findings: list[Finding], problems) -> list[Finding]:
    """One defect, one finding: a row the reader said it could not match to a code (ambiguous-name, with the
    codes its name fits) is not said again as a line without a code (uncoded-line)."""
    said = {(p.table, p.page, p.text) for p in problems if p.rule == "ambiguous-name"}
    if not said:
        return findings
    return [f for f in findings if f.rule != "uncoded-line" or (f.table, f.page, f.text or f.name) not in said]


#: the findings of a sum down a table: what a table with rows printed and not read cannot prove
SUMS_DOWN = ("rollup-mismatch", "incomplete-sum", "rounding-difference")


def _sums_unproven(table: Table, findings: list[Finding], unread: list, group_of: dict[int, str]) -> list[Finding]:
    """An error is a proof (issue 23): a table some of whose coded rows were printed and not read
    (``unread-line``) cannot prove a sum down it wrong or right, the rows not read may hold the difference.
    Its roll-up findings give way to one insufficient-data finding naming the rows not read; what rests on
    one printed line (a column relation, a code, a name) stands."""
    sums = [f for f in findings if f.rule in SUMS_DOWN]
    if not sums:
        return findings
    pages = sorted({p.page for p in unread if p.page is not None})
    where = f" (p. {', '.join(map(str, pages))})" if pages else ""
    said = Finding("insufficient-data", severities()["insufficient-data"], table.name,
                   f"cannot check the sums down {table.name}: {len(unread)} coded row(s) printed there{where} were "
                   f"not read (unread-line), so {len(sums)} sum(s) that may lack them are not judged",
                   f"无法核对{table.name}的合计与分项：该表有 {len(unread)} 行科目未能读取{where}（见 unread-line），"
                   f"{len(sums)} 处加总可能缺少这些行，不作判断", page=pages[0] if pages else None)
    group_of[id(said)] = "rollup"
    kept = [f for f in findings if f.rule not in SUMS_DOWN]
    return kept + [said]


def _once_per_printed_row(findings: list[Finding]) -> list[Finding]:
    """One defect, one finding: a PDF row read into two tables (a run of a
    list that starts over and the whole table; a row that prints several
    codes) is judged in each; the same finding (rule, message, code, column)
    on the same printed row (page and text) is said once, where it was first
    found."""
    seen: set[tuple] = set()
    out = []
    for f in findings:
        if f.page is not None and f.text:
            key = (f.rule, f.page, f.text, f.code, f.column, f.message)
            if key in seen:
                continue
            seen.add(key)
        out.append(f)
    return out


def _once_per_code_column(findings: list[Finding], tables) -> list[Finding]:
    """One defect, one finding: the tables a printed table of rows of several codes is checked through
    (one per code column) share its 合计 line, which fails alike in each (the same figures compared,
    whatever the count of lines under it): said once, in the first."""
    views = {t.name: id(t.printed) for t in tables if t.printed is not None}
    if not views:
        return findings
    seen: set[tuple] = set()
    out = []
    for f in findings:
        if f.table in views and f.page is not None and f.actual is not None and f.expected is not None:
            key = (views[f.table], f.rule, f.page, f.text, f.code, f.column, f.actual, f.expected)
            if key in seen:
                continue
            seen.add(key)
        out.append(f)
    return out


def _per_code_column(document: Document) -> Document:
    """The document as checked: a table of rows of several codes, kept as printed, is checked per code column
    (:func:`govclass.document.codecolumns.checked_tables`); any other table as it is."""
    if any(table.lines.__class__ is tuple and any(ln.others for ln in table.lines) for table in document.tables):
        return attrs.evolve(document, tables=tuple(one for table in document.tables for one in checked_tables(table)))
    return document


def _what_sums_prove(document: Document, table: Table, mine: list[Finding], torn: dict, group_of: dict,
                     catalog) -> list[Finding]:
    """A table's sum findings as far as the reading and the document's kind let them prove: none from a table
    some of whose rows were not read (torn), and, in a government's report, none from a 类 over classes the
    report leaves unpublished (rules/sums.classes_not_printed)."""
    if table.name in torn:
        mine = _sums_unproven(table, mine, torn[table.name], group_of)
    if is_government(document):
        judged = classes_not_printed(table, mine, catalog)  # one for one, in order
        for before, after in zip(mine, judged):
            if after is not before and id(before) in group_of:
                group_of[id(after)] = group_of[id(before)]  # --select/--ignore see it in its check's group
        mine = judged
    return mine


def _quiet_tables(document: Document, catalog: Catalog, active: list, given: tuple[Relation, ...],
                  torn: dict) -> set[int]:
    """The tables of ``document`` that no active check says anything of, found by the checks' screens over each
    block of lines a CSV file's tables were read from together (govclass.validation.batch); none when some active
    check has no screen, or in a government's report (whose sums are judged as a whole)."""
    screening = screens()
    if not document.tables or any(group not in screening for group, _rule in active) or is_government(document):
        return set()

    def screened(table: Table) -> bool:
        """Checked as the screens assume: by every active check, against the document's edition, every row
        read, each code column on its own."""
        return table.year is None and table.classification not in UNCODED_CHECKS and not table.unplaced \
            and table.printed is None and table.name not in torn

    return quiet_tables(document.tables, screened, given, catalog, [screening[group] for group, _rule in active])


def _validate(document: Document, year: int | None, tolerance: Decimal | str | None,
              skipped: tuple[set[str], set[str]], kept: tuple[set[str], set[str]] | None,
              given: tuple[Relation, ...]) -> Report:
    tol = None if tolerance is None else Decimal(str(tolerance))
    document = _per_code_column(document)
    edition = _edition(document, year)
    catalog = get_catalog(edition)
    skip_groups, skip_ids = skipped

    def runs(group: str) -> bool:
        """A check runs unless skipped; with ``only``, when it is named or a rule id is
        (an id may come from more than one check: rounding-difference)."""
        return group not in skip_groups and (kept is None or group in kept[0] or bool(kept[1]))

    def wanted(f: Finding, group: str | None) -> bool:
        if f.rule in skip_ids:
            return False
        return kept is None or f.rule in kept[1] or group in kept[0]

    every = kept is None and not skip_ids  # nothing to filter: the common case
    active = [(group, rule) for group, rule in RULES.items() if runs(group)]
    columns_run = runs("columns")
    findings: list[Finding] = []
    checked: list[CheckedRelation] = []
    judged: dict[int, tuple[int | None, int]] = {}  # id(finding) -> (the year asked, the edition used)
    table_years: dict[tuple[int, int], None] = {}  # the (year, edition) of the tables of a year of their own
    torn = unread_rows_of(document)
    quiet, nlines = _quiet_tables(document, catalog, active, given, torn), 0
    for at, table in enumerate(document.tables):
        if at in quiet:  # no check has anything to say of it (its block's screens): its relations and lines counted
            checked.extend(relations_for(table, given)[1] if columns_run else ())
            nlines += len(table.lines)
            continue
        group_of: dict[int, str] = {}  # id(finding) -> its check's group, when only= names groups
        table_ed = table_edition(table, edition, year)  # a two-year report: each table against its own year's
        before = len(findings)
        own = catalog if table_ed == edition else get_catalog(table_ed)
        table, used, resolution, mine = _one_table(table, own, tol, _checks_of(table, active), given,
                                                   group_of if kept is not None else None)
        mine = _what_sums_prove(document, table, mine, torn, group_of, own)
        if columns_run:
            checked.extend(used)
        nlines += len(table.lines)
        if every:
            findings += [*resolution, *mine]
        else:
            findings.extend(f for f in resolution if wanted(f, None))
            findings.extend(f for f in mine if wanted(f, group_of.get(id(f), "columns")))
        if table.year is not None and year is None:
            judged.update((id(f), (table.year, table_ed)) for f in findings[before:])
            table_years[(table.year, table_ed)] = None
    findings = _said_by_the_reader(_once_per_code_column(_once_per_printed_row(findings), document.tables),
                                   document.problems)
    findings.extend(f for f in (Finding(p.rule, p.severity, p.table, p.message, p.message_zh,
                                        source_line=p.source_line, page=p.page, text=p.text,
                                        box=p.box)
                                for p in document.problems) if wanted(f, None))
    if runs(CROSS):
        findings.extend(f for f in between_tables(document, catalog) if wanted(f, CROSS))
    if runs(NARRATIVE) and (document.narrative or document.statements or document.claims):
        try:
            said = identity_check(document)
            if document.claims is not None:  # the narrative's claims, as a reader (or the api layer) parsed them
                said += narrative_check(document, catalog)[0]
            elif document.narrative:
                said.append(Finding("insufficient-data", severities()["insufficient-data"], "-",
                                    "the narrative was not checked: the document carries its text but not its claims "
                                    "(validate it with govclass.validate, which parses them)",
                                    "文字说明未检查：文档带有文字但没有解析出的陈述（请用 govclass.validate 校验）"))
        except ArithmeticError:  # a figure longer than decimal arithmetic carries (28 digits): not checked, said so
            said = [Finding("insufficient-data", severities()["insufficient-data"], "-",
                            "the narrative was not checked: a figure has more digits than the arithmetic carries",
                            "文字说明未检查：有数字位数超出运算精度")]
        said = [f for f in said if wanted(f, NARRATIVE)]
        findings = superseded_by_contents(findings, said)
        findings.extend(said)
    findings, fallbacks = _edition_fallback(document, year, edition, findings, judged, table_years)
    findings[:0] = [f for f in fallbacks if wanted(f, None)]
    return Report(tuple(findings), edition, len(document.tables) + len(document.statements), nlines,
                  document.coverage, relations=tuple(checked), form=document.form)
