"""Acupressure points near the trigger points (WHO 2008 standard locations)."""

from __future__ import annotations

from calfchart.domain.record import record
from calfchart.domain.zones import View


@record
class AcupressurePoint:
    id: str
    name: str
    location: str
    """In plain words."""
    who_location: str
    views: tuple[View, ...]
    how: str
    cautions: tuple[str, ...]
    sources: tuple[str, ...]
    chinese: str | None = None
    disagreement: str | None = None
    """Where the sources differ or a caution rests on no checked source: said where
    sources are listed (the window's cards, `calfchart muscle` and its JSON), not in the
    caution a patient reads on paper."""
