"""Where each fact comes from."""

from __future__ import annotations

from calfchart.domain.record import record

UNVERIFIED = "unverified"
"""The source id for facts from general knowledge not yet checked against a source."""


@record
class Source:
    id: str
    citation: str
    tier: str
    url: str | None = None
    note: str | None = None


@record
class Sourced:
    """A list of facts that share their sources."""

    items: tuple[str, ...]
    sources: tuple[str, ...]
    disagreement: str | None = None
