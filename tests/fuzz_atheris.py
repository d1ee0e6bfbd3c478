"""Coverage-guided fuzzing of the readers and the validator with atheris.

    python tests/fuzz_atheris.py -runs=3000 -max_len=4096

The first byte of an input picks the format (and the file's extension), the
rest is the file.  Reading and validating may raise a GovclassError (the
input is bad: exit 2 on the command line); anything else is a crash that
atheris reports, with the input that caused it.  tests/test_hostile.py runs
a short session where atheris installs.
"""

from __future__ import annotations

import os
import sys
import tempfile

import atheris

with atheris.instrument_imports():
    from govclass.errors import GovclassError
    from govclass.readers import read_document
    from govclass.validation import validate

FORMATS = [(None, ".csv"), ("json", ".json"), ("yaml", ".yaml"), ("csv", ".csv"), ("text", ".txt"),
           ("markdown", ".md"), ("tsv", ".tsv"), ("xlsx", ".xlsx"), (None, ".json"), (None, ".yaml"), (None, ".txt")]
FOLDER = tempfile.mkdtemp(prefix="govclass-atheris-", dir=os.environ.get("GOVCLASS_FUZZ_TMP"))


def one_input(data: bytes) -> None:
    if not data:
        return
    fmt, ext = FORMATS[data[0] % len(FORMATS)]
    path = os.path.join(FOLDER, "doc" + ext)
    with open(path, "wb") as fh:
        fh.write(data[1:])
    try:
        validate(read_document(path, fmt=fmt))
    except GovclassError:
        pass


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
