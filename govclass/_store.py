"""The data layer: compile the YAML tables once, cache them, serve raw records.

Nothing here imports attrs, yaml, json, re or typing on the warm path: a cold
``python -m govclass lookup`` reads one ``marshal`` file and answers.  YAML is
parsed only when the cache is missing or stale (a data file's size or mtime
changed, or another Python reads it), and the compiled result is written back
to the first writable cache directory.

A compiled year is a plain dict (marshal-able)::

    {"format": FORMAT, "year": 2024,
     "files": [meta dict per source file, with "path"],
     "codes": {code: record tuple (see R_* below)},
     "roots": {classification: (类 codes…)},
     "mappings": ((gov, (dept…), unit or None, note or None), …)}
"""

from __future__ import annotations

import marshal
import os
import sys

from govclass.errors import DataError, InvalidCodeError, UnknownYearError
from govclass.normalize import normalize_code

FORMAT = 3

# Record layout (a tuple per code, to keep the cache small and fast to load).
R_NAME = 0
R_CLASSIFICATION = 1
R_LEVEL = 2
R_PARENT = 3
R_CHILDREN = 4
R_BUDGETS = 5
R_DEFINITION = 6
R_DEFINITION_BASIS = 7
R_CONFIDENCE = 8
R_NOTE = 9
R_REVISION = 10
R_FILE = 11

FUNCTIONAL = "functional"
ECONOMIC_DEPT = "economic-dept"
ECONOMIC_GOV = "economic-gov"
CLASSIFICATIONS = (FUNCTIONAL, ECONOMIC_DEPT, ECONOMIC_GOV)
CLASSIFICATION_NAMES = {
    FUNCTIONAL: "支出功能分类",
    ECONOMIC_DEPT: "部门预算支出经济分类",
    ECONOMIC_GOV: "政府预算支出经济分类",
}
BUDGETS = ("general", "fund", "capital", "social")
BUDGET_NAMES = {
    "general": "一般公共预算",
    "fund": "政府性基金预算",
    "capital": "国有资本经营预算",
    "social": "社会保险基金预算",
}
CONFIDENCES = ("high", "medium", "low")
DEFINITION_BASES = ("book", "seed", "paraphrase")

# Code length -> level, per classification.
LEVELS = {
    FUNCTIONAL: {3: "类", 5: "款", 7: "项"},
    ECONOMIC_DEPT: {3: "类", 5: "款"},
    ECONOMIC_GOV: {3: "类", 5: "款"},
}
PARENT_LENGTH = {5: 3, 7: 5}

_ENTRY_KEYS = frozenset(
    {"code", "name", "budgets", "definition", "definition_basis", "confidence", "note", "revision"}
)


# --------------------------------------------------------------------------
# Where the data and the cache live


def package_dir() -> str:
    return os.path.dirname(os.path.abspath(__file__))


def data_dir() -> str:
    """The directory holding ``<year>/`` folders of YAML tables.

    ``GOVCLASS_DATA_DIR`` overrides; an installed wheel carries the tables in
    ``govclass/_data/codes``; a source checkout has them in ``data/codes``.
    """
    env = os.environ.get("GOVCLASS_DATA_DIR")
    if env:
        return os.path.abspath(env)
    packaged = os.path.join(package_dir(), "_data", "codes")
    if os.path.isdir(packaged):
        return packaged
    return os.path.join(os.path.dirname(package_dir()), "data", "codes")


def available_years() -> tuple[int, ...]:
    root = data_dir()
    try:
        names = os.listdir(root)
    except OSError:
        return ()
    return tuple(sorted(int(n) for n in names if n.isdigit() and os.path.isdir(os.path.join(root, n))))


def _source_files(year_dir: str) -> list[str]:
    found = []
    for dirpath, dirnames, filenames in os.walk(year_dir):
        dirnames.sort()
        for f in filenames:
            if f.endswith((".yaml", ".yml")):
                found.append(os.path.join(dirpath, f))
    found.sort()
    return found


def _cache_dirs() -> list[str]:
    env = os.environ.get("GOVCLASS_CACHE_DIR")
    if env is not None:
        return [] if env.lower() in ("", "0", "off", "none") else [env]
    # The user's cache first (nothing written into site-packages that pip
    # uninstall would leave behind); the package folder when HOME is unusable.
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return [os.path.join(base, "govclass"), os.path.join(package_dir(), "_cache")]


def _fingerprint(year_dir: str, files: list[str]) -> tuple:
    parts = []
    for path in files:
        st = os.stat(path)
        parts.append((os.path.relpath(path, year_dir), st.st_size, st.st_mtime_ns))
    return (FORMAT, sys.version_info[:2], marshal.version, os.path.abspath(year_dir), tuple(parts))


def _cache_name(year: int, year_dir: str) -> str:
    # FNV-1a of the data folder, so that two data folders never share a cache
    # file (zlib.crc32 would do, but importing zlib costs ~1 ms cold).
    tag = 0x811C9DC5
    for byte in os.path.abspath(year_dir).encode("utf-8", "surrogatepass"):
        tag = ((tag ^ byte) * 0x01000193) & 0xFFFFFFFF
    return f"catalog-{year}-{tag:08x}-py{sys.version_info[0]}{sys.version_info[1]}.marshal"


def load_year(year: int) -> dict:
    """Return the compiled tables of one edition, from cache when fresh."""
    year_dir = os.path.join(data_dir(), str(year))
    if not os.path.isdir(year_dir):
        raise UnknownYearError(year, available_years())
    files = _source_files(year_dir)
    if not files:
        raise DataError(f"no data files in {year_dir}")
    fingerprint = _fingerprint(year_dir, files)
    name = _cache_name(year, year_dir)
    for directory in _cache_dirs():
        path = os.path.join(directory, name)
        try:
            with open(path, "rb") as fh:
                stored_fp, data = marshal.loads(fh.read())
        except (OSError, ValueError, EOFError, TypeError):
            continue
        if stored_fp == fingerprint:
            return data
    data = compile_year(year, year_dir, files)
    for directory in _cache_dirs():
        if _write_cache(directory, name, (fingerprint, data)):
            break
    return data


def _write_cache(directory: str, name: str, payload: tuple) -> bool:
    import tempfile

    try:
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=directory)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps(payload))
            os.replace(tmp, os.path.join(directory, name))
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError:
        return False
    return True


# --------------------------------------------------------------------------
# Compiling YAML


def _plain(value: object) -> object:
    """Make YAML meta values marshal-able (dates become ISO strings)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def read_yaml(path: str) -> object:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as fh:
        try:
            return yaml.load(fh, Loader=loader)  # noqa: S506 - a SafeLoader
        except yaml.YAMLError as exc:
            raise DataError(f"{path}: not valid YAML: {exc}") from None


def compile_year(year: int, year_dir: str, files: list[str] | None = None) -> dict:
    """Parse every YAML table of one edition and build the indexed form."""
    if files is None:
        files = _source_files(year_dir)
    metas: list[dict] = []
    raw: dict[str, tuple] = {}  # code -> (entry, classification, file index)
    mappings: list[tuple] = []
    for path in files:
        doc = read_yaml(path)
        rel = os.path.relpath(path, year_dir)
        if not isinstance(doc, dict) or not isinstance(doc.get("meta"), dict):
            raise DataError(f"{rel}: a data file is a mapping with a 'meta' section")
        meta = _plain(doc["meta"])
        meta["path"] = rel.replace(os.sep, "/")
        index = len(metas)
        metas.append(meta)
        edition = meta.get("edition")
        if edition != year:
            raise DataError(f"{rel}: meta.edition is {edition!r}, expected {year}")
        if "mappings" in doc:
            for i, m in enumerate(doc["mappings"] or ()):
                if not isinstance(m, dict) or "gov" not in m or "dept" not in m:
                    raise DataError(f"{rel}: mappings[{i}] needs 'gov' and 'dept'")
                dept = m["dept"] if isinstance(m["dept"], list) else [m["dept"]]
                mappings.append(
                    (str(m["gov"]), tuple(str(d) for d in dept), m.get("unit"), m.get("note"))
                )
            continue
        classification = meta.get("classification")
        if classification not in LEVELS:
            raise DataError(f"{rel}: meta.classification must be one of {', '.join(LEVELS)}")
        for i, entry in enumerate(doc.get("codes") or ()):
            where = f"{rel}: codes[{i}]"
            if not isinstance(entry, dict):
                raise DataError(f"{where}: an entry is a mapping")
            extra = set(entry) - _ENTRY_KEYS
            if extra:
                raise DataError(f"{where}: unknown keys {sorted(extra)}")
            code = entry.get("code")
            if not isinstance(code, str) or not code.isdigit() or not code.isascii():
                raise DataError(f"{where}: code must be a quoted digit string, got {code!r}")
            if len(code) not in LEVELS[classification]:
                raise DataError(f"{where}: code {code} has no level in {classification}")
            if code in raw:
                other = metas[raw[code][2]]["path"]
                raise DataError(f"{where}: duplicate code {code} (also in {other})")
            name = entry.get("name")
            if not isinstance(name, str) or not name.strip():
                raise DataError(f"{where}: code {code} has no name")
            confidence = entry.get("confidence")
            if confidence not in CONFIDENCES:
                raise DataError(f"{where}: code {code}: confidence must be one of {CONFIDENCES}")
            if entry.get("definition") is not None and entry.get("definition_basis") not in DEFINITION_BASES:
                raise DataError(f"{where}: code {code}: definition_basis must be one of {DEFINITION_BASES}")
            raw[code] = (entry, classification, index)

    codes: dict[str, tuple] = {}
    children: dict[str, list[str]] = {}
    roots: dict[str, list[str]] = {c: [] for c in CLASSIFICATIONS}
    for code in sorted(raw, key=lambda c: (len(c), c)):  # parents before children
        entry, classification, index = raw[code]
        level = LEVELS[classification][len(code)]
        parent = code[: PARENT_LENGTH[len(code)]] if len(code) in PARENT_LENGTH else None
        budgets = entry.get("budgets")
        if classification == FUNCTIONAL:
            if budgets is None:
                if parent is None or level == "款":
                    raise DataError(f"{code}: a functional 类 or 款 must list its budgets")
                budgets = codes[parent][R_BUDGETS]
            else:
                if not isinstance(budgets, list) or not budgets or set(budgets) - set(BUDGETS):
                    raise DataError(f"{code}: budgets must be a non-empty list from {BUDGETS}")
                budgets = tuple(b for b in BUDGETS if b in budgets)
        elif budgets is not None:
            raise DataError(f"{code}: economic codes carry no budgets")
        else:
            budgets = ()
        if parent is not None:
            if parent not in raw:
                raise DataError(f"{code}: parent {parent} is not in the tables")
            if raw[parent][1] != classification:
                raise DataError(f"{code}: parent {parent} is in another classification")
            children.setdefault(parent, []).append(code)
        else:
            roots[classification].append(code)
        codes[code] = (
            entry["name"].strip(),
            classification,
            level,
            parent,
            (),  # children, filled below
            budgets,
            entry.get("definition"),
            entry.get("definition_basis") if entry.get("definition") is not None else None,
            entry["confidence"],
            entry.get("note"),
            entry.get("revision"),
            index,
        )
    for parent, kids in children.items():
        rec = codes[parent]
        codes[parent] = rec[:R_CHILDREN] + (tuple(sorted(kids)),) + rec[R_CHILDREN + 1 :]
    for gov, dept, _unit, _note in mappings:
        for c in (gov, *dept):
            if c not in codes:
                raise DataError(f"correspondence table names {c}, which is not in the tables")
    return {
        "format": FORMAT,
        "year": year,
        "files": metas,
        "codes": dict(sorted(codes.items())),
        "roots": {k: tuple(sorted(v)) for k, v in roots.items()},
        "mappings": tuple(sorted(mappings, key=lambda m: (m[0], m[2] or "", m[1]))),
    }


# --------------------------------------------------------------------------
# Raw queries (no attrs): what the CLI's fast path and the API share


class Store:
    """One edition's tables, indexed.  Records are tuples; see ``R_*``."""

    __slots__ = ("year", "codes", "roots", "mappings", "files")

    def __init__(self, data: dict) -> None:
        self.year: int = data["year"]
        self.codes: dict[str, tuple] = data["codes"]
        self.roots: dict[str, tuple[str, ...]] = data["roots"]
        self.mappings: tuple = data["mappings"]
        self.files: list[dict] = data["files"]

    def resolve(self, value: object, parent: object = None) -> str:
        """Normalise ``value`` (relative to ``parent`` if given) to a code string."""
        return normalize_code(value, None if parent is None else self.resolve(parent))

    def ancestors(self, code: str) -> tuple[str, ...]:
        """Codes from the 类 down to the parent (root first)."""
        out = []
        parent = self.codes[code][R_PARENT]
        while parent is not None:
            out.append(parent)
            parent = self.codes[parent][R_PARENT]
        out.reverse()
        return tuple(out)

    def path(self, code: str) -> tuple[str, ...]:
        """Names from the 类 down to the code itself."""
        return tuple(self.codes[c][R_NAME] for c in (*self.ancestors(code), code))

    def descendants(self, code: str) -> tuple[str, ...]:
        """Every code below ``code``, depth first, in code order."""
        out: list[str] = []
        stack = list(reversed(self.codes[code][R_CHILDREN]))
        while stack:
            c = stack.pop()
            out.append(c)
            stack.extend(reversed(self.codes[c][R_CHILDREN]))
        return tuple(out)

    def corresponding(self, code: str) -> tuple[tuple[str, str | None], ...]:
        """Codes of the other economic classification mapped to ``code``.

        Returns ``(code, unit)`` pairs; ``unit`` says for which kind of unit
        the book gives that correspondence (``None``: for all).
        """
        out = []
        for gov, dept, unit, _note in self.mappings:
            if gov == code:
                out.extend((d, unit) for d in dept)
            elif code in dept:
                out.append((gov, unit))
        seen = set()
        uniq = []
        for item in out:
            if item not in seen:
                seen.add(item)
                uniq.append(item)
        return tuple(uniq)

    def as_dict(self, code: str) -> dict:
        """The JSON-ready view of one code (the CLI's ``--json`` output)."""
        rec = self.codes[code]
        return {
            "code": code,
            "name": rec[R_NAME],
            "level": rec[R_LEVEL],
            "classification": rec[R_CLASSIFICATION],
            "year": self.year,
            "parent": rec[R_PARENT],
            "ancestors": list(self.ancestors(code)),
            "path": list(self.path(code)),
            "children": list(rec[R_CHILDREN]),
            "is_leaf": not rec[R_CHILDREN],
            "budgets": list(rec[R_BUDGETS]),
            "definition": rec[R_DEFINITION],
            "definition_basis": rec[R_DEFINITION_BASIS],
            "confidence": rec[R_CONFIDENCE],
            "note": rec[R_NOTE],
            "revision": rec[R_REVISION],
            "source": self.files[rec[R_FILE]]["path"],
        }


_STORES: dict[int, Store] = {}


def latest_year() -> int:
    years = available_years()
    if not years:
        raise DataError(f"no editions found in {data_dir()}")
    return years[-1]


def get_store(year: int | None = None) -> Store:
    """The store of one edition (default: the latest), loaded once per process."""
    if year is None:
        year = latest_year()
    store = _STORES.get(year)
    if store is None:
        if not isinstance(year, int) or isinstance(year, bool):
            raise UnknownYearError(year, available_years())
        store = _STORES[year] = Store(load_year(year))
    return store


def clear() -> None:
    """Forget loaded editions (tests use it after changing the data dir)."""
    _STORES.clear()


__all__ = [
    "Store",
    "get_store",
    "load_year",
    "compile_year",
    "available_years",
    "latest_year",
    "data_dir",
    "clear",
    "InvalidCodeError",
]
