"""The reader registry: which reader reads a file.

Every module of this package that reads a format declares itself with
:func:`reader` on its read function; nothing here lists the formats.  The
registry imports the modules of the package the first time a file is read
(never on the cold ``lookup`` path) and collects the declarations::

    @reader("ods", sniff=lambda src: b"opendocument.spreadsheet" in src.data[:100], priority=5, binary=True)
    def read_ods(src: Source) -> Document: ...

Detection (no ``fmt=``) asks the readers in ascending ``priority``: a reader
matches when the file starts with one of its ``magic`` signatures, or when the
file's suffix is one of its ``suffixes`` (any suffix when it declares none)
and its ``sniff`` (if any) says yes.  A reader with neither suffixes nor a
sniff is found by its magic only.  ``FORMATS`` (what ``fmt=`` accepts) is
built from the declared names.

Every reader returns a dict in the JSON document format (see
``python -m govclass schema``) or a :class:`Document`.  Unreadable input
raises :class:`InputError` with a one-line message (the CLI turns it into exit
code 2).
"""

from __future__ import annotations

import os
from functools import cached_property


from govclass.errors import InputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from govclass.document import Document

__all__ = ["InputError", "Reader", "Registry", "Source", "reader", "read_document", "decode", "decode_file",
           "open_checked", "FORMATS", "READERS"]


ENCODINGS = ("utf-8-sig", "gb18030")


def decode(data: bytes, where: str) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK), each
    strictly.  A file that mixes them (UTF-8 lines and lines that are not
    UTF-8) is refused in one line that names the lines, never decoded whole
    as GB18030 (every UTF-8 name would turn to mojibake)."""
    if b"\x00" in data[:4096]:
        raise InputError(f"{where}: binary data, not a text document")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    utf8_chars, other = _utf8_lines(data)
    if utf8_chars >= _MIXED_MIN_CHARS and other:
        shown = ", ".join(map(str, other[:5])) + (f" and {len(other) - 5} more" if len(other) > 5 else "")
        raise InputError(f"{where}: mixed encodings: the file is UTF-8 but line(s) {shown} are not "
                         "(GBK/GB18030?); save it in one encoding")
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(f"{where}: not UTF-8 or GB18030 text") from None


# UTF-8 characters outside ASCII a file needs before its other lines count as another
# encoding: a GB18030 line can be valid UTF-8 by accident, but hardly four characters' worth.
_MIXED_MIN_CHARS = 4


def _utf8_lines(data: bytes, first: bool = True) -> tuple[int, list[int]]:
    """Characters outside ASCII on the lines that are UTF-8, and the numbers
    of the lines that are not (``first``: ``data`` starts the file, its BOM allowed)."""
    chars, other = 0, []
    for no, line in enumerate(data.split(b"\n"), 1):
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8-sig" if no == 1 and first else "utf-8")
        except UnicodeDecodeError:
            other.append(no)
            continue
        chars += sum(not ch.isascii() for ch in text)
    return chars, other


class Source:
    """One input file as the readers see it: its bytes, its text (decoded on
    first use) and the caller's options.  ``fmt`` is the format the caller
    asked for, ``None`` when it was detected."""

    def __init__(self, path: str, data: bytes, fmt: str | None = None, *, classification: str | None = None,
                 unit: str | None = None, year: int | None = None) -> None:
        self.path = path
        self.data = data
        self.fmt = fmt
        self.classification = classification
        self.unit = unit
        self.year = year
        self.ext = os.path.splitext(path)[1].lower()

    @cached_property
    def text(self) -> str:
        return decode(self.data, self.path)


class Reader:
    """A reader's declaration (see the module docstring)."""

    def __init__(self, read: Callable[[Source], dict | Document], formats: tuple[str, ...], *,
                 suffixes: tuple[str, ...], magic: tuple[bytes, ...], sniff: Callable[[Source], bool] | None,
                 priority: int, binary: bool, extra: str | None) -> None:
        self.read = read
        self.formats = formats  # the names fmt= accepts; () for a reader found only by detection
        self.suffixes = suffixes
        self.magic = magic
        self.sniff = sniff
        self.priority = priority
        self.binary = binary  # reads the bytes; else the registry decodes the text first
        self.extra = extra  # the optional extra it needs (pip install 'govclass[extra]')
        self.module = read.__module__

    def matches(self, src: Source) -> bool:
        if src.data.startswith(self.magic):
            return True
        if self.suffixes and src.ext not in self.suffixes:
            return False
        if not self.suffixes and self.sniff is None:
            return False
        return self.sniff is None or self.sniff(src)

    def __repr__(self) -> str:
        return f"Reader({'/'.join(self.formats) or '-'} from {self.module}, priority {self.priority})"


_DECLARED: list[Reader] = []


def reader(*formats: str, suffixes: tuple[str, ...] = (), magic: tuple[bytes, ...] = (),
           sniff: Callable[[Source], bool] | None = None, priority: int = 50, binary: bool = False,
           extra: str | None = None):
    """Declare the decorated function ``read(src: Source)`` as the reader of ``formats``."""
    def declare(read):
        _DECLARED.append(Reader(read, formats, suffixes=suffixes, magic=magic, sniff=sniff, priority=priority,
                                binary=binary, extra=extra))
        return read
    return declare


class Registry:
    """The readers declared in the modules of one package, found on first use."""

    def __init__(self, package: str) -> None:
        self.package = package
        self._readers: tuple[Reader, ...] | None = None

    def readers(self) -> tuple[Reader, ...]:
        """The declarations in sniffing order (ascending priority)."""
        if self._readers is None:
            import importlib
            import pkgutil

            pkg = importlib.import_module(self.package)
            for info in pkgutil.iter_modules(pkg.__path__, self.package + "."):
                importlib.import_module(info.name)
            mine = [r for r in _DECLARED if r.module.rpartition(".")[0] == self.package]
            self._readers = tuple(sorted(mine, key=lambda r: r.priority))
        return self._readers

    def formats(self) -> tuple[str, ...]:
        """The names ``fmt=`` accepts: text formats first, then binary ones, each in sniffing order."""
        ordered = sorted(self.readers(), key=lambda r: r.binary)  # stable: keeps priority order
        return tuple(name for r in ordered for name in r.formats)

    def by_format(self, fmt: str, path: str) -> Reader:
        for r in self.readers():
            if fmt in r.formats:
                return r
        raise InputError(f"{path}: unknown format {fmt!r}; expected one of {', '.join(self.formats())}")

    def detect(self, src: Source) -> Reader:
        for r in self.readers():
            if r.matches(src):
                return r
        raise InputError(f"{src.path}: cannot tell the format; give one of {', '.join(self.formats())}")


READERS = Registry(__name__.rpartition(".")[0])


def __getattr__(name: str):
    if name == "FORMATS":  # built on first use: finding the readers imports them all
        return READERS.formats()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def open_checked(path: str):
    """A regular file opened for reading in binary, at most ``MAX_FILE_BYTES``. A FIFO, a device or
    a socket named as a path is refused without waiting for a writer."""
    import stat

    from govclass.limits import MAX_FILE_BYTES

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            what = "a folder" if stat.S_ISDIR(st.st_mode) else "a FIFO" if stat.S_ISFIFO(st.st_mode) else \
                "a device or socket"
            raise InputError(f"{path}: {what}, not a regular file")
        if st.st_size > MAX_FILE_BYTES:
            raise InputError(f"{path}: {st.st_size} bytes; the largest file read is {MAX_FILE_BYTES} bytes")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        fh = os.fdopen(fd, "rb")
    except OSError as exc:
        os.close(fd)
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    except BaseException:
        os.close(fd)
        raise
    return fh


def _read_bytes(path: str) -> bytes:
    """The bytes of a regular file (:func:`open_checked`), at most ``MAX_FILE_BYTES``; ``"-"`` reads
    standard input (to the same limit)."""
    from govclass.limits import MAX_FILE_BYTES

    if path == "-":
        import sys

        try:
            data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise InputError(f"standard input: {exc.strerror or exc}") from None
        if len(data) > MAX_FILE_BYTES:
            raise InputError(f"standard input: larger than {MAX_FILE_BYTES} bytes, the largest file read")
        if not data.strip():
            raise InputError("-: empty input")
        return data
    try:
        with open_checked(path) as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{path}: larger than {MAX_FILE_BYTES} bytes, the largest file read")
    if not data.strip():
        raise InputError(f"{path}: empty file")
    return data


def decode_file(path: str, where: str, block: int = 1 << 20) -> str:
    """The encoding :func:`decode` reads a file that is not UTF-8 with, found a block of whole lines
    at a time (the same refusals: mixed encodings, neither UTF-8 nor GB18030), without holding the
    file: "gb18030"."""
    utf8_chars, other, base = 0, [], 0
    gb18030 = True
    with open_checked(path) as fh:
        while True:
            data = fh.read(block)
            if not data:
                break
            data += fh.readline()
            chars, lines = _utf8_lines(data, first=base == 0)
            utf8_chars += chars
            other.extend(base + n for n in lines)
            base += data.count(b"\n")
            if gb18030:
                try:
                    data.decode("gb18030")
                except UnicodeDecodeError:
                    gb18030 = False
    if utf8_chars >= _MIXED_MIN_CHARS and other:
        shown = ", ".join(map(str, other[:5])) + (f" and {len(other) - 5} more" if len(other) > 5 else "")
        raise InputError(f"{where}: mixed encodings: the file is UTF-8 but line(s) {shown} are not "
                         "(GBK/GB18030?); save it in one encoding")
    if not gb18030:
        raise InputError(f"{where}: not UTF-8 or GB18030 text")
    return "gb18030"


def read_document(path: str, *, classification: str | None = None, unit: str | None = None,
                  year: int | None = None, fmt: str | None = None) -> "dict | Document":
    """Read a document with the reader of ``fmt``, else the first declared
    reader whose magic, suffix or sniff matches the file: a JSON or YAML
    document (a dict, checked against the schema by the validator), CSV
    tables, or a published disclosure (plain text, markdown, TSV, XLSX, PDF)
    whose standard tables are found and read (a :class:`Document`)."""
    src = Source(path, _read_bytes(path), fmt, classification=classification, unit=unit, year=year)
    if fmt is None and path == "-" and src.data.lstrip()[:1] == b"{":  # standard input has no suffix to tell JSON
        fmt = "json"
    chosen = READERS.detect(src) if fmt is None else READERS.by_format(fmt, path)
    if not chosen.binary:
        src.text  # noqa: B018 - undecodable input fails here, before the reader runs
    return chosen.read(src)
