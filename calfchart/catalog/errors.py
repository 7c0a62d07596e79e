"""The one error type of the catalog loader."""

from __future__ import annotations

from calfchart.domain.record import record


@record
class Problem:
    """One thing wrong with a data file, at a line (1-based; 0 when unknown)."""

    file: str
    line: int
    message: str

    def __lt__(self, other: Problem) -> bool:
        """By file, then line, then text: the order they are reported in."""
        return (self.file, self.line, self.message) < (other.file, other.line, other.message)

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.line}: {self.message}"
            if self.line
            else f"{self.file}: {self.message}"
        )


class CatalogError(Exception):
    """A data folder that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
