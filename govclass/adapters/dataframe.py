"""Budget lines in a DataFrame: validate them, and the catalog as a DataFrame.

    >>> import pandas as pd
    >>> from govclass import frame
    >>> df = pd.DataFrame({"code": [201, 20101, 2010101], "name": ["一般公共服务支出", "人大事务", "行政运行"],
    ...                    "amount": ["10.00", "10.00", "9.00"]})
    >>> found = frame.validate(df, amounts=["amount"], year=2024)
    >>> found[["rule", "code", "expected", "actual"]].to_dict("records")
    [{'rule': 'rollup-mismatch', 'code': '20101', 'expected': '9.00', 'actual': '10.00'}]

The optional extra ``frame`` (pandas and pyarrow) is needed; the core of
govclass does not import this module.  A DataFrame is validated exactly as
the CSV file ``df.to_csv(index=False)`` would be (the same reader builds the
document from the columns, govclass.readers.columns_document), so the
findings are the CSV path's, row for row: ``source_line`` is the line the row
has in that CSV file, i.e. its position in the frame plus 2.

How cells become the printed text the validator reads:

* codes: strings as they are; integers (pandas' default int64, numpy
  integers, Python ints) as their digits; a float only when it is a whole
  number (2010101.0), and a float with a fraction is refused (ValueError).
  A missing value is a line with no code (the 合计 line, or an uncoded line).
  An integer column cannot carry a 2-digit 款 printed with a leading zero
  ("01"): give such codes as strings.
* amounts: strings as printed (their decimals set the rounding tolerance);
  integers and Decimals as their digits; floats by their shortest repr
  (1234.5, never 1.2345e3), so a float column shows the decimals the float
  keeps, not those the source printed.  NaN, None and pd.NA are blanks.
"""

from __future__ import annotations

import math
import numbers
import sys
from collections.abc import Iterable, Sequence
from decimal import Decimal

from govclass.readers.csv import columns_document
from govclass.speedups.twins import padded as _padded
from govclass.validation import Finding, Report
from govclass.validation import validate as _validate

__all__ = ["validate", "report", "findings_frame", "indexed_findings", "codes", "FINDING_COLUMNS"]

#: The columns of the findings DataFrame: the keys of a finding in the JSON report.
FINDING_COLUMNS = ("rule", "severity", "table", "message", "message_zh", "line", "source_line", "code", "name",
                   "column", "expected", "actual", "difference", "tolerance", "suggestions", "blank")


def _pandas():
    try:
        import pandas
    except ImportError:  # pragma: no cover - the extra is not installed
        raise ImportError("govclass.frame needs pandas: pip install 'govclass[frame]'") from None
    return pandas


def _is_missing(v: object) -> bool:
    if v is None:
        return True
    if v.__class__ is float or isinstance(v, float):
        return v != v  # NaN
    # pd.NA, pd.NaT: only a value from pandas is one, and then pandas is loaded (JSON Lines do not load it)
    pd = sys.modules.get("pandas")
    return pd is not None and (v is pd.NA or v is pd.NaT)


def code_text(v: object, column: str, row: int) -> str:
    if _is_missing(v):
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        raise ValueError(f"column {column!r}, row {row}: {v!r} is not a code")
    if isinstance(v, numbers.Integral):
        return str(int(v))
    if isinstance(v, (numbers.Real, Decimal)):
        if isinstance(v, float) or not isinstance(v, Decimal):
            v = float(v)
            if not math.isfinite(v) or not v.is_integer():
                raise ValueError(f"column {column!r}, row {row}: {v!r} is a number with a fraction, not a code")
            return str(int(v))
        if not v.is_finite() or v != v.to_integral_value():
            raise ValueError(f"column {column!r}, row {row}: {v} is a number with a fraction, not a code")
        return str(int(v))
    raise ValueError(f"column {column!r}, row {row}: {v!r} ({type(v).__name__}) is not a code")


def amount_text(v: object) -> str:
    if _is_missing(v):
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return str(v)  # not a number: the validator reports it (invalid-amount)
    if isinstance(v, numbers.Integral):
        return str(int(v))
    if isinstance(v, Decimal):
        return format(v, "f") if v.is_finite() else str(v)
    if isinstance(v, numbers.Real):
        text = repr(float(v))
        if "e" in text and math.isfinite(float(v)):
            text = format(Decimal(text), "f")
        return text
    return str(v)


def name_text(v: object) -> str:
    return "" if _is_missing(v) else str(v)


def _column(data: object, column: str) -> list:
    """The values of one column of a pandas DataFrame or an Arrow table, as Python objects."""
    try:
        return data[column].tolist()  # pandas
    except AttributeError:
        pass
    except KeyError:
        raise ValueError(f"no column {column!r}") from None
    try:
        return data.column(column).to_pylist()  # pyarrow.Table
    except KeyError:
        raise ValueError(f"no column {column!r}") from None


def _int_column(data: object, column: str) -> list[str] | None:
    """A pandas integer column without missing values, as text in one pass."""
    if not hasattr(data, "loc"):  # not pandas
        return None
    series = data[column]
    if series.dtype.kind in "iu" and not series.hasnans:
        return list(map(str, series.tolist()))  # Python's str of each int: a third faster than numpy's astype(str)
    return None


def _float_column(data: object, column: str) -> list[str] | None:
    """A pandas float column as text in one pass: each float's repr (the shortest digits that read
    back as it); the cells it writes otherwise (NaN, infinities, exponents) go through amount_text."""
    if not hasattr(data, "loc"):
        return None
    series = data[column]
    if series.dtype.kind != "f":
        return None
    import numpy as np

    # pandas' nullable Float64 holds pd.NA, not NaN: as NaN here, a blank like any NaN
    array = series.to_numpy(dtype=getattr(series.dtype, "numpy_dtype", series.dtype), na_value=np.nan)
    values = array.tolist()
    if array.dtype.itemsize == 8:  # Python's repr of a float64: numpy's astype(str), in half its time
        texts = list(map(float.__repr__, values))
        odd = _not_plain_decimals(array).tolist()
    else:  # a float32's shortest digits are its own, not those of the float64 tolist() gives
        texts = array.astype(str).tolist()
        odd = [i for i, t in enumerate(texts) if "e" in t or "n" in t]
    for i in odd:  # 1e+16, 1e-05, nan, inf
        texts[i] = amount_text(values[i])
    return texts


#: the magnitudes from which, and below which, Python writes a float in exponent form (repr: 1e+16, 1e-05)
_EXPONENT_FROM, _EXPONENT_BELOW = 1e16, 1e-4


def _not_plain_decimals(values):
    """The positions of the float64s whose repr is not plain decimal digits: NaN, the infinities, and
    those written with an exponent (:data:`_EXPONENT_FROM` is the least float repr writes so, the float
    :data:`_EXPONENT_BELOW` the least it writes plainly: a comparison tells the form), found in one numpy pass
    (a scan of every repr for "e" or "n" took a sixth of a frame's validation, issue 27)."""
    import numpy as np  # pandas' own dependency

    size = np.abs(values)
    with np.errstate(invalid="ignore"):
        odd = ~np.isfinite(size) | (size >= _EXPONENT_FROM) | ((size < _EXPONENT_BELOW) & (size != 0))
    return np.flatnonzero(odd)


def _text_column(data: object, column: str) -> list[str] | None:
    """A pandas column of strings with no missing value, as it is."""
    if not hasattr(data, "loc"):
        return None
    series = data[column]
    if series.dtype.kind not in "OT" and str(series.dtype) not in ("string", "str"):
        return None
    values = series.tolist()
    if set(map(type, values)) <= {str}:  # every cell a str (the types collected in C: a third of the time)
        return values
    return None


def _columns_of(data: object) -> list[str]:
    names = getattr(data, "column_names", None)  # pyarrow.Table
    if names is None:
        names = list(data.columns)  # type: ignore[attr-defined]
    return [str(c) for c in names]


def report(data: object, *, code: str = "code", name: str = "name", amounts: Sequence[str] | None = None,
           table: str | None = None, year: int | None = None, classification: str | None = None,
           unit: str | None = None, tolerance: Decimal | str | None = None, skip: Iterable[str] = (),
           where: str = "frame", first_line: int = 2) -> Report:
    """The :class:`~govclass.validate.Report` of a DataFrame's budget lines
    (see :func:`validate`); ``first_line``: the source line of its first row
    (2, the line after the header of ``df.to_csv(index=False)``; govclass.dask
    gives each partition its place in the whole frame)."""
    available = _columns_of(data)
    if amounts is None:
        amounts = [c for c in available if c not in (code, name, table)]
    amounts = list(amounts)
    if not amounts:
        raise ValueError("no amount column: pass amounts=[...]")
    for c in [code, name, *amounts, *([table] if table else [])]:
        if c not in available:
            raise ValueError(f"no column {c!r}; the frame has {', '.join(available)}")
    cols: list[list[str]] = []
    header: list[str] = []
    if table:
        header.append("table")
        cols.append(_text_column(data, table) or list(map(name_text, _column(data, table))))
    header += ["code", "name", *amounts]
    codes = _int_column(data, code)
    if codes is None:
        codes = [code_text(v, code, i) for i, v in enumerate(_column(data, code))]
    cols.append(codes)
    cols.append(_text_column(data, name) or list(map(name_text, _column(data, name))))
    for c in amounts:
        figures = _int_column(data, c)
        if figures is None:
            figures = _float_column(data, c)
        if figures is None:
            figures = _text_column(data, c)
        cols.append(figures if figures is not None else list(map(amount_text, _column(data, c))))
    n = len(codes)
    if not n:
        raise ValueError("the frame has no lines")
    from govclass.speedups.gc import paused

    with paused():
        doc = columns_document(header, cols, range(first_line, first_line + n), list(map(_padded, cols)), where,
                               classification, unit, year)
    return _validate(doc, year, tolerance=tolerance, skip=skip)


def findings_frame(findings: Iterable[Finding]):
    """Findings as a pandas DataFrame, one row per finding, the columns of the JSON report."""
    pd = _pandas()
    rows = [f.to_dict() for f in findings]
    df = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    for c in ("line", "source_line"):
        df[c] = df[c].astype("Int64")
    return df


def validate(data: object, *, code: str = "code", name: str = "name", amounts: Sequence[str] | None = None,
             table: str | None = None, year: int | None = None, classification: str | None = None,
             unit: str | None = None, tolerance: Decimal | str | None = None, skip: Iterable[str] = ()):
    """Validate the budget lines of ``data`` (a pandas DataFrame or a pyarrow
    Table) and return the findings as a DataFrame (:data:`FINDING_COLUMNS`).

    ``code`` and ``name`` name the code and name columns, ``amounts`` the
    amount columns (default: every other column), ``table`` the column naming
    each line's table (default: one table).  ``year``, ``classification``,
    ``unit``, ``tolerance`` and ``skip`` are those of the CSV path.  The
    report's edition, table and line counts and ``ok`` are in ``.attrs``."""
    rep = report(data, code=code, name=name, amounts=amounts, table=table, year=year,
                 classification=classification, unit=unit, tolerance=tolerance, skip=skip)
    df = indexed_findings(data, rep.findings)
    df.attrs.update(edition=rep.edition, tables=rep.tables, lines=rep.lines, ok=rep.ok, verdict=rep.verdict)
    return df


def indexed_findings(data: object, findings: Sequence[Finding], first_line: int = 2):
    """The findings frame (:func:`findings_frame`) with a first column ``index``: each finding's row as
    the frame's own index names it (``df.loc[found["index"]]`` gives the rows found; issue 25), from its
    source line (the row's position + ``first_line``, as in ``df.to_csv(index=False)``); None for a
    finding said of a table as a whole.  A pyarrow Table has no index: its row's position."""
    df = findings_frame(findings)
    df.insert(0, "index", pd_object(_index_labels(data, findings, first_line)))
    return df


def pd_object(values: list):
    """A list as a pandas column of objects (index labels of any type, None kept as None)."""
    return _pandas().Series(values, dtype=object)


def _index_labels(data: object, findings: Sequence[Finding], first_line: int) -> list:
    labels = getattr(data, "index", None)
    n = getattr(data, "num_rows", None) if labels is None else len(labels)
    out = []
    for f in findings:
        row = None if f.source_line is None else f.source_line - first_line
        if row is None or n is None or not 0 <= row < n:
            out.append(None)
        else:
            out.append(row if labels is None else labels[row])
    return out


def codes(year: int | None = None, classification: str | None = None):
    """The catalog of edition ``year`` (default: the latest) as a DataFrame,
    one row per code in code order: ``code``, ``name``, ``level`` (类/款/项),
    ``classification``, ``parent`` (None for a 类), ``path`` (the names from
    the 类 down, joined by " / "), ``confidence``.  Codes are strings, for
    joins with a frame's codes (``df["code"].astype(str)``)."""
    pd = _pandas()
    from govclass.catalog import get_catalog

    cat = get_catalog(year)
    rows = [(c.code, c.name, str(c.level), str(c.classification), c.parent, " / ".join(c.path), str(c.confidence))
            for c in cat.codes(classification=classification)]
    df = pd.DataFrame(rows, columns=["code", "name", "level", "classification", "parent", "path", "confidence"])
    df.attrs["edition"] = cat.year
    return df
