"""docs/limits.md is true (issue 27): its examples are the real output of the command line.

Every fenced example after a marker ``<!-- checked by tests/test_limits_doc.py: NAME -->`` is run here
(the ``$ govclass …`` line, on the files the case writes, from a temporary folder) and its output
must be the example's lines, exactly; every refusal the tables quote as ``FILE: …`` is produced and
must be the line printed, the file's name for FILE.
"""

from __future__ import annotations

import re
import json
import shlex
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[1] / "docs" / "limits.md"
TEXT = DOC.read_text(encoding="utf-8")


def _mixed(folder: Path) -> None:
    utf8 = "code,name,合计\n2080101,行政运行,1\n2080102,一般行政管理事务,1\n2080103,机关服务,1\n2080104,综合业务管理,1\n"
    (folder / "mixed.csv").write_bytes(utf8.encode() + "2080105,劳动保障监察,1\n".encode("gbk"))


def _header(folder: Path) -> None:
    (folder / "header.csv").write_text("code,name,合计\n", encoding="utf-8")


def _batch(folder: Path) -> None:
    (folder / "folder").mkdir()
    (folder / "folder" / "a.csv").write_text("code,name,合计\n201,一般公共服务支出,1.00\n20101,人大事务,1.00\n"
                                             "2010101,行政运行,1.00\n", encoding="utf-8")
    (folder / "folder" / "b.csv").write_bytes(b"\x00\x01")


CASES = {"mixed-encodings": _mixed, "header-only": _header, "batch-jsonl": _batch}


def _run(argv: list[str], cwd: Path) -> str:
    done = subprocess.run([sys.executable, "-m", "govclass", *argv], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)
    return done.stdout + done.stderr


def _examples() -> list[tuple[str, str, list[str]]]:
    """(name, command, expected lines) of every checked example of the doc."""
    out = []
    for m in re.finditer(r"<!-- checked by tests/test_limits_doc.py: (\S+) -->\n```console\n(.*?)```", TEXT, re.S):
        lines = m.group(2).splitlines()
        command = lines[0]
        assert command.startswith("$ govclass "), command
        out.append((m.group(1), command[len("$ govclass "):], lines[1:]))
    return out


def test_every_example_has_a_case():
    names = [name for name, _cmd, _lines in _examples()]
    assert len(names) >= 3 and sorted(names) == sorted(CASES), names


@pytest.mark.parametrize("name,command,expected", _examples(), ids=[e[0] for e in _examples()])
def test_an_example_is_the_real_output(tmp_path, name, command, expected):
    CASES[name](tmp_path)
    got = _run(shlex.split(command), tmp_path).splitlines()
    assert [_unversioned(line) for line in got] == [_unversioned(line) for line in expected]


def _unversioned(line: str):
    """A JSON line without its ``govclass`` block (the package version and the editions carried), which
    changes with every release and edition, not with what the example shows; any other line as printed."""
    if not line.startswith("{"):
        return line
    data = json.loads(line)
    data.pop("govclass", None)
    return data


def _deep(folder: Path) -> str:
    (folder / "deep.json").write_text('{"a":' * 40 + "1" + "}" * 40, encoding="utf-8")
    return "deep.json"


def _number(folder: Path) -> str:
    (folder / "number.json").write_text('{"tables": [], "year": ' + "1" * 4301 + "}", encoding="utf-8")
    return "number.json"


def _rows(folder: Path) -> str:
    sheet = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData><row r="1048577"><c r="A1048577"><v>1</v></c></row></sheetData></worksheet>')
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    wb = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
          '<sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>')
    with zipfile.ZipFile(folder / "rows.xlsx", "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return "rows.xlsx"


#: the refusals the doc's tables quote, each with the case that writes a file reaching the limit
REFUSALS = {
    "FILE: nested deeper than 32 levels": _deep,
    "FILE: a number of 4301 characters (at most 100)": _number,
    "FILE: damaged XLSX workbook (row number 1048577 in xl/worksheets/sheet1.xml)": _rows,
}


@pytest.mark.parametrize("quoted", sorted(REFUSALS))
def test_a_quoted_refusal_is_the_line_printed(tmp_path, quoted):
    assert f"`{quoted}`" in TEXT
    name = REFUSALS[quoted](tmp_path)
    assert _run(["validate", name], tmp_path).splitlines() == [f"govclass: error: {quoted.replace('FILE', name)}"]
