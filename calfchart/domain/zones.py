"""Pain zones: areas of one leg's surface a person can point at."""

from __future__ import annotations

from enum import StrEnum

from calfchart.domain.record import record


class View(StrEnum):
    """The drawings of the leg."""

    POSTERIOR = "posterior"
    ANTERIOR = "anterior"
    LATERAL = "lateral"
    MEDIAL = "medial"
    PLANTAR = "plantar"

    @property
    def label(self) -> str:
        return _VIEW_TITLES[self]


_VIEW_TITLES = {
    View.POSTERIOR: "Back",
    View.ANTERIOR: "Front",
    View.LATERAL: "Outer side",
    View.MEDIAL: "Inner side",
    View.PLANTAR: "Sole",
}


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


@record
class Zone:
    id: str
    name: str
    """Plain words, for a person."""
    term: str
    """The anatomical term."""
    views: tuple[View, ...]
    in_a_sentence: str = ""
    """The name with its articles, as it reads inside a sentence ("the underside of the
    heel"), for a name that "the" alone does not make read well; "" for the others."""

    @property
    def phrase(self) -> str:
        """The name as a sentence says it: "refers pain to the ball of the foot"."""
        return self.in_a_sentence or f"the {self.list_name}"

    @property
    def list_name(self) -> str:
        """The plain name as it reads in a list: "front of knee (kneecap)".

        Some names hold a comma ("front of knee, kneecap"), which in a list of names
        would read as two zones.
        """
        head, comma, rest = self.name.partition(", ")
        return f"{head} ({rest})" if comma else self.name
