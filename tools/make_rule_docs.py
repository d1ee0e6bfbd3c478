"""Write the rule table of docs/validation.md from the rule declarations.

    python tools/make_rule_docs.py          # rewrite the table in place
    python tools/make_rule_docs.py --check  # exit 1 when the docs differ

The table sits between the markers ``<!-- rules:begin -->`` and
``<!-- rules:end -->``; tests/test_architecture.py fails when it is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "validation.md"
BEGIN, END = "<!-- rules:begin (tools/make_rule_docs.py writes this table) -->\n", "<!-- rules:end -->\n"


def rendered(text: str) -> str:
    """``text`` (docs/validation.md) with the table between the markers made afresh."""
    import govclass.validation  # noqa: F401 - loads every module that declares rules
    from govclass.validation.registry import rule_table

    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[:start] + rule_table() + text[end:]


def main(argv: list[str]) -> int:
    text = DOC.read_text(encoding="utf-8")
    new = rendered(text)
    if "--check" in argv:
        if new != text:
            print(f"{DOC}: the rule table differs from the declarations; run tools/make_rule_docs.py",
                  file=sys.stderr)
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
