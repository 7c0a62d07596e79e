"""Where each fact comes from."""

from __future__ import annotations

from dataclasses import dataclass

UNVERIFIED = "unverified"
"""The source id for facts from general knowledge not yet checked against a source."""


@dataclass(frozen=True)
class Source:
    id: str
    citation: str
    tier: str
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Sourced:
    """A list of facts that share their sources."""

    items: tuple[str, ...]
    sources: tuple[str, ...]
    disagreement: str | None = None
