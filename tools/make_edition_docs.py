"""Write docs/editions/<year>.md for every edition, from the data.

    python tools/make_edition_docs.py

tests/test_editions.py fails when a page is out of date with the data.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govclass.catalog.editions import edition_page, editions  # noqa: E402


def main() -> None:
    out = ROOT / "docs" / "editions"
    out.mkdir(parents=True, exist_ok=True)
    for year in editions():
        (out / f"{year}.md").write_text(edition_page(year), encoding="utf-8")
        print(f"docs/editions/{year}.md")


if __name__ == "__main__":
    main()
