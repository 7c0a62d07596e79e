"""Acupressure points near the trigger points (WHO 2008 standard locations)."""

from __future__ import annotations

from dataclasses import dataclass

from calfchart.domain.zones import View


@dataclass(frozen=True)
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
