"""The command line: ``python -m govclass COMMAND ...``."""

from govclass.cli.main import main

__all__ = ["main"]
