"""Conditions in which leg pain needs a doctor, not massage, and their screening."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum

from calfchart.domain.record import record


class Urgency(StrEnum):
    EMERGENCY = "emergency"
    URGENT = "urgent"
    SOON = "soon"

    @property
    def rank(self) -> int:
        """Lower is more pressing."""
        return _URGENCY_RANK[self]

    @property
    def advice(self) -> str:
        return _URGENCY_ADVICE[self]


_URGENCY_RANK = {Urgency.EMERGENCY: 0, Urgency.URGENT: 1, Urgency.SOON: 2}
_URGENCY_ADVICE = {
    Urgency.EMERGENCY: "Emergency: call an ambulance or go to the emergency department now.",
    Urgency.URGENT: "Urgent: see a doctor today.",
    Urgency.SOON: "Book an appointment with a doctor soon.",
}

SELF_TREATMENT_WITHHELD = (
    "Self-massage, stretching and acupressure are withheld until a doctor has seen you."
)
"""Said wherever a raised red flag withholds the self-treatment (the window's banner, the
command line's answer)."""


class Rule(StrEnum):
    ANY = "any"
    """One yes raises the flag."""
    POINTS = "points"
    """The points of the yes answers add up; the flag stands at the threshold."""


@record
class ScreeningQuestion:
    id: str
    red_flag_id: str
    text: str
    points: int = 1


@record
class RedFlag:
    id: str
    condition: str
    urgency: Urgency
    message: str
    signs: tuple[str, ...]
    rule: Rule
    threshold: int
    zones: frozenset[str]
    questions: tuple[ScreeningQuestion, ...]
    sources: tuple[str, ...]
    disagreement: str | None = None

    def score(self, answers: Mapping[str, bool]) -> int:
        return sum(q.points for q in self.questions if answers.get(q.id, False))

    def is_raised_by(self, answers: Mapping[str, bool]) -> bool:
        if self.rule is Rule.ANY:
            return any(answers.get(q.id, False) for q in self.questions)
        return self.score(answers) >= self.threshold


@record
class RaisedFlag:
    """A red flag that the answers point to, with the answers that raised it."""

    red_flag: RedFlag
    score: int
    because: tuple[ScreeningQuestion, ...]
    manual: bool = False
    """Raised by hand (a clinician's `--red-flag`), not by answers."""

    @property
    def urgency(self) -> Urgency:
        return self.red_flag.urgency


def screen(
    red_flags: Iterable[RedFlag],
    answers: Mapping[str, bool],
    manual: Iterable[str] = (),
) -> tuple[RaisedFlag, ...]:
    """The red flags the answers raise, most pressing first.

    `manual` names red flags raised by hand, whatever the answers.
    """
    manual_ids = set(manual)
    raised: list[RaisedFlag] = []
    for flag in red_flags:
        by_answers = flag.is_raised_by(answers)
        if by_answers or flag.id in manual_ids:
            because = tuple(q for q in flag.questions if answers.get(q.id, False))
            raised.append(RaisedFlag(flag, flag.score(answers), because, manual=not by_answers))
    # Stable sort keeps the catalog's order inside one urgency.
    raised.sort(key=lambda r: r.urgency.rank)
    return tuple(raised)


def withholds_self_treatment(raised: Iterable[RaisedFlag]) -> bool:
    """Whether the self-massage instructions must be withheld.

    Any standing red flag withholds them: pressing on a clot, a torn tendon or a
    swollen compartment can do harm, so the person sees a doctor first.
    """
    return any(True for _ in raised)
