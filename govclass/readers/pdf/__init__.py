"""The PDF reader, in stages (see :mod:`govclass.readers.pdf.reader`): pages, grids, alignment,
layout, build, census."""

from govclass.readers.pdf.reader import read_pdf

__all__ = ["read_pdf"]
