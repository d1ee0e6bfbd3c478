"""Readers: files in, documents out.

:func:`read_document` (the registry in :mod:`govclass.readers.registry`)
picks a reader by content and extension; one module per format.
"""

from govclass.errors import InputError
from govclass.readers.csv import read_csv
from govclass.readers.registry import FORMATS, decode, read_document

__all__ = ["InputError", "read_document", "read_csv", "decode", "FORMATS"]
