"""Readers: files in, documents out.

One module per format; each declares its reader with
:func:`govclass.readers.registry.reader`.  :func:`read_document` (the registry
in :mod:`govclass.readers.registry`) finds the declarations and picks a reader
by the format asked for, else by content and extension.
"""

from govclass.errors import InputError
from govclass.readers.csv import read_csv
from govclass.readers.registry import decode, read_document

__all__ = ["InputError", "read_document", "read_csv", "decode", "FORMATS"]


def __getattr__(name: str):
    if name == "FORMATS":  # built from the declarations on first use (that imports every reader)
        from govclass.readers.registry import READERS

        return READERS.formats()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
