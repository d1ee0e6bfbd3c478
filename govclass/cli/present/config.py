"""The defaults of ``validate`` (and ``annotate``) from a configuration file, as ruff reads its own:
``govclass.toml``, or the ``[tool.govclass]`` table of ``pyproject.toml``, in the working folder or
the nearest folder above it (``govclass.toml`` first where a folder has both).  An option given on
the command line wins over the file; ``--config FILE`` names the file, ``--no-config`` reads none.

```toml
[tool.govclass]            # pyproject.toml; in govclass.toml the same keys, without the heading
select = ["sums", "codes"] # rule ids or families (govclass rules), as --select
ignore = ["name-variant"]  # as --ignore
show-unchecked = false     # list insufficient-data findings one by one
statistics = false         # a count per rule only
exit-zero = false          # exit 0 even with errors or an incomplete reading
format = "text"            # text | json | jsonl | csv | html
lang = "both"              # zh | en | both
unit = "万元"               # CSV: the amounts' unit
classification = "functional"
year = 2026                # the edition
jobs = 2
include = ["*.pdf"]        # a folder run: the files to read (globs on the file name)
exclude = ["draft-*"]
time-limit = 120
tolerance = "0.01"
```

A key the file does not know, or a value of the wrong type, is a usage error (exit 2): a setting
that is silently ignored would check less than its author thinks.
"""

from __future__ import annotations

import os

from govclass.errors import InputError

__all__ = ["KEYS", "find_config", "load_config"]

#: every key, with the type its value must have (a list of str is written as a TOML array)
KEYS: dict[str, type | tuple[type, ...]] = {
    "select": list, "ignore": list, "show-unchecked": bool, "statistics": bool, "exit-zero": bool,
    "format": str, "lang": str, "unit": str, "classification": str, "year": int, "jobs": int,
    "include": list, "exclude": list, "time-limit": (int, float), "tolerance": (str, int, float),
}
#: the values a key may take, where only some are meaningful
CHOICES = {"format": ("text", "json", "jsonl", "csv", "html"), "lang": ("zh", "en", "both"),
           "unit": ("元", "万元", "亿元"), "classification": ("functional", "economic")}
#: the files looked for in each folder, first found first
NAMES = ("govclass.toml", "pyproject.toml")


def find_config(start: str | None = None) -> str | None:
    """The configuration file that applies in ``start`` (default: the working folder): the first of
    :data:`NAMES` in it or the nearest folder above it (a pyproject.toml counts only with a
    ``[tool.govclass]`` table)."""
    folder = os.path.abspath(start or os.getcwd())
    while True:
        for name in NAMES:
            path = os.path.join(folder, name)
            if os.path.isfile(path) and (name != "pyproject.toml" or _has_table(path)):
                return path
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_table(path: str) -> bool:
    return _read(path).get("tool", {}).get("govclass") is not None


def _read(path: str) -> dict:
    import tomllib

    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not a TOML file: {exc}") from None


def load_config(path: str) -> dict:
    """The settings of ``path`` (govclass.toml, or the [tool.govclass] table of a pyproject.toml), keys
    as written; InputError (exit 2) for an unknown key or a value of the wrong type."""
    data = _read(path)
    if os.path.basename(path) == "pyproject.toml" or "tool" in data and "govclass" in data.get("tool", {}):
        data = data.get("tool", {}).get("govclass", {})
    if not isinstance(data, dict):
        raise InputError(f"{path}: [tool.govclass] is not a table")
    for key, value in data.items():
        if key not in KEYS:
            raise InputError(f"{path}: unknown setting {key!r}; settings: {', '.join(KEYS)}")
        wanted = KEYS[key]
        if isinstance(value, bool) and wanted is not bool:
            wanted_ok = False
        else:
            wanted_ok = isinstance(value, wanted)
        if not wanted_ok or (isinstance(value, list) and not all(isinstance(v, str) for v in value)):
            raise InputError(f"{path}: {key} = {value!r}: expected {_type_name(KEYS[key])}")
        if key in CHOICES and value not in CHOICES[key]:
            raise InputError(f"{path}: {key} = {value!r}: one of {', '.join(CHOICES[key])}")
    return data


def _type_name(wanted) -> str:
    names = {list: "a list of strings", bool: "true or false", str: "a string", int: "a whole number",
             float: "a number"}
    if isinstance(wanted, tuple):
        return " or ".join(names[w] for w in wanted)
    return names[wanted]
