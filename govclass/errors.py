"""Exceptions raised by govclass.  Import-light: used on the CLI's cold path."""

from __future__ import annotations

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~15 ms cold
if TYPE_CHECKING:  # pragma: no cover
    from govclass.model import Suggestion

__all__ = [
    "GovclassError",
    "InvalidCodeError",
    "UnknownCodeError",
    "DataError",
    "UnknownYearError",
    "InvalidArgumentError",
    "InputError",
    "NoBudgetError",
    "DocumentError",
    "RuleIdError",
    "RelationError",
]


class GovclassError(Exception):
    """Base class of every error govclass raises on purpose."""


class InvalidCodeError(GovclassError, ValueError):
    """The value cannot be a classification code at all (letters, empty, …)."""

    def __init__(self, value: object, reason: str) -> None:
        self.value = value
        self.reason = reason
        super().__init__(f"invalid code {value!r}: {reason}")


class UnknownCodeError(GovclassError, LookupError):
    """A well-formed code that the requested edition does not contain.

    ``suggestions`` holds the nearest legal codes and the codes whose name
    matches the printed name, best first.
    """

    def __init__(
        self,
        code: str,
        year: int,
        suggestions: tuple["Suggestion", ...] = (),
        message: str | None = None,
    ) -> None:
        self.code = code
        self.year = year
        self.suggestions = suggestions
        text = message or f"code {code} is not in the {year} edition"
        if suggestions:
            text += "; did you mean " + ", ".join(f"{s.code} {s.name}" for s in suggestions[:5]) + "?"
        super().__init__(text)

    def __str__(self) -> str:  # LookupError would quote the message
        return str(self.args[0])


class RetiredCodeError(UnknownCodeError):
    """The code is not in the requested edition but is in others: retired (with
    ``successors``), not yet created, or absent from that one edition.
    ``status`` is a :class:`govclass.catalog.editions.CodeStatus`."""

    def __init__(self, status: "object", suggestions: tuple["Suggestion", ...] = ()) -> None:
        self.status = status
        super().__init__(status.code, status.year, suggestions, status.message())  # type: ignore[attr-defined]

    @property
    def state(self) -> str:
        return self.status.state  # type: ignore[attr-defined]

    @property
    def valid_from(self) -> int | None:
        return self.status.valid_from  # type: ignore[attr-defined]

    @property
    def valid_to(self) -> int | None:
        return self.status.valid_to  # type: ignore[attr-defined]

    @property
    def successors(self) -> tuple[str, ...]:
        return self.status.successors  # type: ignore[attr-defined]


class UnknownYearError(GovclassError, LookupError):
    """No edition of the classification is available for that year."""

    def __init__(self, year: object, available: tuple[int, ...]) -> None:
        self.year = year
        self.available = available
        super().__init__(
            f"no edition for year {year!r}; available: {', '.join(map(str, available)) or 'none'}"
        )

    def __str__(self) -> str:
        return str(self.args[0])


class InvalidArgumentError(GovclassError, TypeError, ValueError):
    """An argument of the wrong type or out of range: a name that is not a
    str, a limit that is not a whole number, a filter that is no
    classification, level or budget.  A ``TypeError`` and a ``ValueError``
    too, so that code written for the built-in errors still catches it."""


class DataError(GovclassError):
    """The data files themselves are malformed (raised while compiling them)."""


class InputError(GovclassError):
    """The input cannot be read as a budget document."""


class NoBudgetError(InputError):
    """The file holds no budget table at all (a README, a note): named on the command line it is an
    unreadable input (exit 2); found by walking a folder it is skipped with a note."""


class DocumentError(GovclassError, ValueError):
    """The document is not of the expected shape (reported before any rule runs)."""


class RuleIdError(GovclassError, ValueError):
    """``skip`` or ``only`` names a rule id or check group that does not exist."""


class RelationError(GovclassError, ValueError):
    """A column relation given by the caller cannot be read, or fits no table."""
