"""Readers declare themselves: the registry finds every module's declaration
(no central list), FORMATS is built from them, and detection follows the
declared priorities."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections import Counter

import pytest

from govclass.readers import FORMATS, InputError, read_document
from govclass.readers.registry import READERS, Registry, Source

ODS_MODULE = '''
from govclass.readers.registry import Source, reader


@reader("ods", sniff=lambda src: b"opendocument.spreadsheet" in src.data[:100], priority=5, binary=True)
def read_ods(src: Source) -> dict:
    return {"tables": [], "read_by": "ods"}
'''


def test_a_reader_in_a_new_module_is_found_without_touching_the_registry(tmp_path, monkeypatch):
    package = tmp_path / "extra_readers"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "ods.py").write_text(textwrap.dedent(ODS_MODULE))
    monkeypatch.syspath_prepend(str(tmp_path))
    registry = Registry("extra_readers")

    assert registry.formats() == ("ods",)
    (ods,) = registry.readers()
    assert ods.module == "extra_readers.ods" and ods.binary and ods.priority == 5
    zipped = Source("book.ods", b"PK\x03\x04" + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet")
    assert registry.detect(zipped) is ods
    assert registry.by_format("ods", "book.ods").read(zipped) == {"tables": [], "read_by": "ods"}
    with pytest.raises(InputError, match="cannot tell the format; give one of ods"):
        registry.detect(Source("book.xlsx", b"PK\x03\x04" + b"\x00" * 100))  # a zip, but not ODS
    # the package's own registry is not changed by a reader declared elsewhere
    assert "ods" not in READERS.formats()


def test_every_format_has_exactly_one_declaration():
    declared = Counter(name for r in READERS.readers() for name in r.formats)
    assert set(declared) == set(FORMATS)
    assert all(n == 1 for n in declared.values()), declared
    assert FORMATS == ("json", "yaml", "csv", "text", "markdown", "tsv", "xlsx", "pdf")  # the CLI's choices
    assert all(r.module.startswith("govclass.readers.") for r in READERS.readers())
    assert [r.extra for r in READERS.readers() if r.extra] == ["pdf"]


def test_detection_follows_the_declared_priorities(tmp_path):
    def detected(name: str, data: bytes) -> tuple[str, ...]:
        return READERS.detect(Source(name, data)).formats

    assert detected("a.pdf", b"PK\x03\x04rest") == ("xlsx",)  # a workbook's signature beats the suffix
    assert detected("a.xlsx", b"%PDF-1.4") == ("xlsx",)  # the xlsx reader is asked first
    assert detected("a.txt", b"%PDF-1.4") == ("pdf",)
    assert detected("a.json", b'{"tables": []}') == ("json",)
    assert detected("a.yml", b"tables: []") == ("yaml",)
    assert detected("a.txt", "code,name,金额\n201,一般公共服务支出,1\n".encode()) == ("csv",)
    assert detected("a.csv", "一、收支总表\n".encode()) == ("text", "markdown", "tsv")  # not a code,name,… table
    assert detected("a.json", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") == ()  # the old .xls, refused below
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    with pytest.raises(InputError, match="old binary .xls"):
        read_document(str(old))
    with pytest.raises(InputError, match="unknown format 'ods'; expected one of json, yaml, csv, text"):
        read_document(str(old), fmt="ods")


def test_the_cold_lookup_path_imports_no_reader():
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "govclass", "lookup", "2101505"],
                         capture_output=True, text=True)
    assert run.returncode == 0 and "2101505" in run.stdout
    assert "govclass.cli" in run.stderr
    out = run.stderr
    assert "govclass.readers" not in out
