"""Read accuracy of govclass against a hand-made key (issue 23).

    python tools/read_accuracy.py [--details] [--realdocs DIR] [STEM ...]

Each file of tests/fixtures/keys/ holds the coded lines of some tables of one
real document in ../shared/realdocs, typed by a person from the page images
(the file's header says which pages, who and how).  This tool reads the same
document with ``govclass.read`` and sorts every keyed line into one of:

- right:  a line read on the same page with a code the row prints and every
  figure as printed (blank as blank);
- wrong:  a line read on the same page with a code the row prints, but a figure
  differs (or is read into a column the table does not have);
- missed: no line read on the page carries a code the row prints (a total row:
  no total line read on the page).

Lines read on the covered pages that match no keyed line are *extra* (a
figure read as a code, a row summed with others, a row read twice).  A read
line that repeats a keyed line already matched, code and figures alike, is a
*repeat* (one printed row kept in several tables) and counts as neither.
Names are compared apart: a name read differently from the page (a wrapped
name cut short, a name glued to the next cell) is listed but does not make a
line wrong.

Only ``govclass.read`` and the Document/Table/Line fields are used, so the
measure does not depend on how the readers are built.  Figures are compared as
printed: commas, spaces and a trailing "%" aside, the same number (0.00 = 0),
and a blank cell is never a zero.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
KEYS = REPO / "tests" / "fixtures" / "keys"
#: the key files that are not a document's key
NOT_A_KEY = frozenset({"misreadings.yaml"})
DEFAULT_REALDOCS = REPO.parent / "shared" / "realdocs"


# -- the key ----------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyLine:
    """One row typed from the page: a coded line or a table's total."""

    table: str
    page: int
    code: str | None  # None on a total row
    codes: tuple[str, ...]  # every code the row prints (the code alone for a single-code row)
    name: str
    names: tuple[str, ...]  # every name the row prints
    figures: tuple[tuple[str, str], ...]  # (column, figure as printed, "" blank)
    total: bool
    ident: str  # "p.<page> <code or name> <name>[#n]", unique in its document


@dataclass(frozen=True)
class Key:
    stem: str
    document: str  # path under realdocs
    pages: frozenset[int]
    lines: tuple[KeyLine, ...]


def _printed_codes(printed: str | None) -> set[str]:
    """The code cells of a row as printed ("201|06|01", "||01", "301|01 + 501|01",
    "2010801-行政运行 | 50101-…"): each cell's digits, and each part joined."""
    out: set[str] = set()
    for part in re.split(r" \| | \+ ", printed or ""):
        cells = re.findall(r"\d+", part.split("-")[0])
        if cells:
            out.add("".join(cells))
            out.add(cells[-1])
    return out


def _names_of(entry: dict) -> tuple[str, ...]:
    names = [entry["name"]]
    if entry.get("gov_name"):
        names.append(entry["gov_name"])
    for part in (entry.get("printed") or "").split(" | "):
        if "-" in part:
            names.append(part.split("-", 1)[1])
    return tuple(dict.fromkeys(names))


def load_key(path: Path) -> Key:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    lines: list[KeyLine] = []
    seen: dict[str, int] = {}
    pages: set[int] = set()
    for table in data["tables"]:
        pages.update(table["pages"])
        for entry in table["lines"]:
            figures = tuple(zip(table["columns"], (str(f) for f in entry["figures"]), strict=True))
            total = bool(entry.get("total"))
            code = None if total else str(entry["code"])
            codes = tuple(str(c) for c in entry.get("codes", [code])) if code else ()
            codes = tuple(dict.fromkeys(codes + tuple(sorted(_printed_codes(entry.get("printed")) - set(codes)))))
            base = f"p.{entry['page']} {code or '-'} {entry['name']}"
            seen[base] = seen.get(base, 0) + 1
            ident = base if seen[base] == 1 else f"{base}#{seen[base]}"
            lines.append(KeyLine(table["title"], int(entry["page"]), code, codes, entry["name"],
                                 _names_of(entry), figures, total, ident))
    return Key(path.stem, data["document"], frozenset(pages), tuple(lines))


def keys(keys_dir: Path = KEYS) -> list[Key]:
    return [load_key(p) for p in sorted(keys_dir.glob("*.yaml")) if p.name not in NOT_A_KEY]


# -- what govclass reads ---------------------------------------------------------------


@dataclass(frozen=True)
class ReadLine:
    table: str
    columns: tuple[str, ...]
    page: int | None
    code: str | None
    name: str | None
    figures: tuple[tuple[str, str], ...]  # (column, raw figure, "" blank)
    total: bool
    text: str | None
    number: int  # position among the lines read on its page


@dataclass(frozen=True)
class Reading:
    lines: list[ReadLine]
    problems: list[str]  # what govclass says it could not read on the covered pages


def read_lines(path: Path, pages: frozenset[int]) -> Reading:
    """Every line govclass reads on ``pages`` of the document, in reading order (a row read by name, its
    code matched to the printed name, left out: the key holds what the page prints), and the problems it
    reports there."""
    import govclass

    doc = govclass.read(path)
    out: list[ReadLine] = []
    for table in doc.tables:
        for line in table.lines:
            if line.page not in pages or line.named:
                continue  # a row read by name prints no code: its code is the catalog's match, not the page's
            figures = tuple((c, "" if cell.raw is None else str(cell.raw)) for c, cell in line.cells.items())
            out.append(ReadLine(table.name, tuple(table.columns), line.page, line.code, line.name, figures,
                                bool(line.total) or (line.code is None), line.text, len(out)))
    problems = [f"p.{p.page} {p.rule}: {p.message}" for p in doc.problems if p.page in pages]
    return Reading(out, problems)


# -- comparing ---------------------------------------------------------------------------


def fold(text: str | None) -> str:
    """A name or heading without the spaces, line breaks and width variants of print."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def figure_value(raw: str) -> Decimal | str:
    """A printed figure as a comparable value: a number when it reads as one
    (commas, spaces and a trailing % aside), else its folded text ("" blank)."""
    text = fold(raw).replace(",", "")
    try:
        return Decimal(text[:-1] if text.endswith("%") else text)
    except InvalidOperation:
        return text


def map_columns(key_columns: tuple[str, ...], read_columns: tuple[str, ...]) -> dict[str, str | None]:
    """Each key column's read column: the same heading (folded), or the same last
    part ("基本支出 小计" ~ "小计"), or a read heading that the key heading contains
    ("基本支出 小计" ~ "基本支出") when only one does; else by position when the read
    table has as many columns; else none."""
    folded = {c: fold(c) for c in read_columns}
    out: dict[str, str | None] = {}
    free = list(read_columns)
    for kc in key_columns:
        whole, last = fold(kc), fold(kc.split()[-1])
        pick = [c for c in free if folded[c] == whole] or [c for c in free if folded[c] == last]
        if not pick:
            pick = [c for c in free if folded[c] and folded[c] in whole]
        out[kc] = pick[0] if len(pick) == 1 else None
        if out[kc]:
            free.remove(out[kc])
    if None in out.values():
        real = [c for c in read_columns if not re.fullmatch(r"第\d+栏", c)]
        if len(real) == len(key_columns):
            return dict(zip(key_columns, real))
    return out


@dataclass
class Verdict:
    key: KeyLine
    read: ReadLine | None = None
    differences: list[str] = field(default_factory=list)  # "column: read X, printed Y"

    @property
    def outcome(self) -> str:
        if self.read is None:
            return "missed"
        return "right" if not self.differences else "wrong"

    def reads(self) -> str:
        """What govclass reads for this line, in words (stable, for the test's ledger)."""
        if self.read is None:
            return "missed"
        if not self.differences:
            return "right"
        return f"read as {self.read.code or '-'}: " + "; ".join(self.differences)


def differences(key: KeyLine, read: ReadLine) -> list[str]:
    mapping = map_columns(tuple(c for c, _ in key.figures), read.columns)
    read_cells = dict(read.figures)
    out = []
    for column, printed in key.figures:
        got = read_cells.get(mapping[column]) if mapping[column] else None
        if got is None:
            if printed:
                out.append(f"{column}: not read, printed {printed}")
            continue
        if figure_value(got) != figure_value(printed):
            out.append(f"{column}: read {got or 'blank'}, printed {printed or 'blank'}")
    used = {m for m in mapping.values() if m}
    for column, got in read.figures:
        if column not in used and got:
            out.append(f"{column}: read {got}, a column the table does not print")
    return out


def _code_fits(key: KeyLine, read: ReadLine) -> bool:
    if key.total:
        return read.total
    return not read.total and read.code is not None and read.code in key.codes


def identified_by_code(k: KeyLine, key: Key) -> bool:
    """Whether the row's code alone tells it from the other keyed rows of its page: a
    row with one code that no other keyed row of the page prints.  A row of several
    codes, or a code printed on several rows (a 项 under several units, a pair of
    economic codes), is told apart by its figures."""
    if k.total:
        return sum(1 for o in key.lines if o.total and o.page == k.page) == 1
    shared = [o for o in key.lines if o.page == k.page and o is not k and not o.total and k.code in o.codes]
    return len(set(k.codes) - set(_cells_of(k))) <= 1 and not shared


def _cells_of(k: KeyLine) -> set[str]:
    """The bare cells among a row's codes ("01" of "||01"): parts of the code, not codes of their own."""
    return {c for c in k.codes if c != k.code and k.code.endswith(c) and len(c) < len(k.code)} if k.code else set()


def shares_a_figure(k: KeyLine, r: ReadLine) -> bool:
    """Whether some figure printed on the row is read on the line (blanks aside)."""
    printed = {figure_value(f) for _, f in k.figures if f}
    return any(figure_value(f) in printed for _, f in r.figures if f)


def prints_every_code(k: KeyLine, r: ReadLine) -> bool:
    """Whether the row the line was read from (its printed text) shows every code of
    the keyed row: the line comes from this row, not from another row of its code."""
    if r.text is None:
        return True
    digits = set(re.findall(r"\d+", r.text))
    return all(c in digits for c in k.codes if c not in _cells_of(k))


@dataclass
class Comparison:
    key: Key
    verdicts: list[Verdict]
    extra: list[ReadLine]
    repeats: list[ReadLine]
    names: list[tuple[KeyLine, ReadLine]]  # read with another name than printed
    problems: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for v in self.verdicts if v.outcome == outcome)


def compare(key: Key, read: list[ReadLine]) -> Comparison:
    """Pair each keyed line with a line read on its page: first the lines read
    with all figures right, then, for the rest, the line read with a fitting
    code that gets most figures right (nearest in order on a tie)."""
    free = list(read)
    verdicts = {k.ident: Verdict(k) for k in key.lines}
    order = {k.ident: i for i, k in enumerate(key.lines)}

    def candidates(k: KeyLine) -> list[ReadLine]:
        return [r for r in free if r.page == k.page and _code_fits(k, r)]

    for k in key.lines:  # exact readings first, in order
        exact = [r for r in candidates(k) if not differences(k, r)]
        if exact:
            verdicts[k.ident].read = exact[0]
            free.remove(exact[0])
    for k in key.lines:
        if verdicts[k.ident].read is not None:
            continue
        near = candidates(k)
        if not identified_by_code(k, key):  # a line read with this code may be another row's
            near = [r for r in near if shares_a_figure(k, r) and prints_every_code(k, r)]
        if near:
            def score(r: ReadLine, k=k) -> tuple[int, int]:
                return (len(differences(k, r)), abs(r.number - order[k.ident]))
            best = min(near, key=score)
            verdicts[k.ident].read = best
            verdicts[k.ident].differences = differences(k, best)
            free.remove(best)
    repeats = [r for r in free if any(_code_fits(v.key, r) and v.read is not None and not v.differences
                                      and v.key.page == r.page and not differences(v.key, r)
                                      for v in verdicts.values())]
    extra = [r for r in free if r not in repeats]
    names = [(v.key, v.read) for v in verdicts.values()
             if v.read is not None and not v.key.total and fold(v.read.name) not in {fold(n) for n in v.key.names}]
    return Comparison(key, list(verdicts.values()), extra, repeats, names)


def measure(key: Key, realdocs: Path) -> Comparison:
    reading = read_lines(realdocs / key.document, key.pages)
    result = compare(key, reading.lines)
    result.problems = reading.problems
    return result


# -- report --------------------------------------------------------------------------------


def describe(r: ReadLine) -> str:
    """A line read, by page, code, name and figures (blanks left out): the words the
    test's ledger of known extra lines uses.  Neither the table's name nor its
    column headings are part of it, so renaming a table changes nothing here."""
    figures = ", ".join(v for _, v in r.figures if v)
    return f"p.{r.page} {r.code or '-'} {r.name or ''} [{figures}]"


def report(results: list[Comparison], details: bool) -> str:
    rows = [f"{'document':44} {'keyed':>5} {'right':>5} {'wrong':>5} {'missed':>6} {'extra':>5} {'names':>5}"]
    totals = [0] * 6
    for c in results:
        figures = [len(c.verdicts), c.count("right"), c.count("wrong"), c.count("missed"), len(c.extra), len(c.names)]
        totals = [a + b for a, b in zip(totals, figures)]
        rows.append(f"{c.key.stem:44} " + " ".join(f"{n:>5}" if i != 3 else f"{n:>6}" for i, n in enumerate(figures)))
    rows.append(f"{'all':44} " + " ".join(f"{n:>5}" if i != 3 else f"{n:>6}" for i, n in enumerate(totals)))
    if details:
        for c in results:
            rows.append(f"\n== {c.key.stem} (pages {', '.join(map(str, sorted(c.key.pages)))})")
            for v in c.verdicts:
                if v.outcome != "right":
                    rows.append(f"  {v.outcome:6} {v.key.ident} [{v.key.table}]: {v.reads()}")
            for r in c.extra:
                rows.append(f"  extra  {describe(r)} in {r.table}")
            for k, r in c.names:
                rows.append(f"  name   {k.ident}: read {r.name!r}")
            for p in c.problems:
                rows.append(f"  (govclass reports) {p}")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stems", nargs="*", help="key files to measure (default: all)")
    parser.add_argument("--details", action="store_true", help="list every line not read right")
    parser.add_argument("--realdocs", type=Path, default=DEFAULT_REALDOCS)
    args = parser.parse_args(argv)
    chosen = [k for k in keys() if not args.stems or k.stem in args.stems]
    if not args.realdocs.is_dir():
        print(f"read_accuracy: {args.realdocs} not found", file=sys.stderr)
        return 2
    print(report([measure(k, args.realdocs) for k in chosen], args.details))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
