"""Pain zones: areas of one leg's surface a person can point at."""

from __future__ import annotations

from enum import StrEnum

from calfchart.domain.record import field, record


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
    list_name: str = field(init=False, repr=False)
    """The plain name as it reads in a list: "front of knee (kneecap)". Some names hold
    a comma ("front of knee, kneecap"), which in a list of names would read as two."""
    phrase: str = field(init=False, repr=False)
    """The name as a sentence says it: "refers pain to the ball of the foot"."""

    def __post_init__(self) -> None:
        # Made once, not on every reason of every ranking: a click ranks anew.
        head, comma, rest = self.name.partition(", ")
        list_name = f"{head} ({rest})" if comma else self.name
        object.__setattr__(self, "list_name", list_name)
        object.__setattr__(self, "phrase", self.in_a_sentence or f"the {list_name}")
