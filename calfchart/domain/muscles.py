"""Muscles, their trigger points, referral patterns and treatment."""

from __future__ import annotations

from enum import StrEnum

from calfchart.domain.record import record
from calfchart.domain.sources import Sourced
from calfchart.domain.zones import View


def seconds_text(seconds: tuple[int, int]) -> str:
    """A hold time in words: "30 seconds", "30 to 60 seconds"."""
    low, high = seconds
    return f"{low} seconds" if low == high else f"{low} to {high} seconds"


class Prevalence(StrEnum):
    COMMON = "common"
    OCCASIONAL = "occasional"
    RARE = "rare"


class MuscleGroup(StrEnum):
    CALF = "calf"
    FRONT_OF_LEG = "front_of_leg"
    OUTER_LEG = "outer_leg"
    DEEP_CALF = "deep_calf"
    HIP = "hip"

    @property
    def label(self) -> str:
        return _GROUP_TITLES[self]


_GROUP_TITLES = {
    MuscleGroup.CALF: "Calf",
    MuscleGroup.FRONT_OF_LEG: "Front of the leg",
    MuscleGroup.OUTER_LEG: "Outer leg",
    MuscleGroup.DEEP_CALF: "Deep calf",
    MuscleGroup.HIP: "Hip and buttock",
}


class Depth(StrEnum):
    SUPERFICIAL = "superficial"
    DEEP = "deep"


@record
class ReferralPattern:
    """Where a trigger point sends pain, after Travell & Simons.

    The essential zone is where nearly everyone with the trigger point feels it
    (drawn solid); the spillover zone is where some people also feel it (hatched).
    """

    essential: frozenset[str]
    spillover: frozenset[str]

    @property
    def zones(self) -> frozenset[str]:
        return self.essential | self.spillover


@record
class Location:
    landmark: str
    """How a person finds it with a finger."""
    anatomical: str


@record
class TriggerPoint:
    id: str
    muscle_id: str
    label: str
    prevalence: Prevalence
    views: tuple[View, ...]
    location: Location
    referral: ReferralPattern
    symptoms: tuple[str, ...]
    sources: tuple[str, ...]
    disagreement: str | None = None
    self_pressure: bool = True
    """False for a spot nobody should press on their own even where the muscle's other
    spots may be pressed (gastrocnemius at the edge of the knee hollow)."""


@record
class PressureTechnique:
    """Ischemic-pressure self-massage (trigger-point pressure release)."""

    self_treatment: bool
    where: str
    tools: tuple[str, ...]
    position: str
    pressure: str
    hold_seconds: tuple[int, int]
    repetitions: str
    frequency: str
    sources: tuple[str, ...]
    disagreement: str | None = None

    @property
    def hold_text(self) -> str:
        return seconds_text(self.hold_seconds)


@record
class Stretch:
    name: str
    steps: tuple[str, ...]
    hold_seconds: tuple[int, int]
    repetitions: str
    frequency: str
    sources: tuple[str, ...]
    disagreement: str | None = None

    @property
    def hold_text(self) -> str:
        return seconds_text(self.hold_seconds)


@record
class Treatment:
    pressure: PressureTechnique
    stretch: Stretch
    acupressure: tuple[str, ...]
    acupressure_sources: tuple[str, ...]
    perpetuating_factors: Sourced
    mistaken_for: Sourced
    cautions: Sourced | None = None


SPOT_NOT_PRESSED = "Leave it to a trained practitioner. You can still do the stretch."
"""For a trigger point not to be pressed whose muscle may be pressed elsewhere."""


@record
class Muscle:
    id: str
    name: str
    aliases: tuple[str, ...]
    group: MuscleGroup
    depth: Depth
    views: tuple[View, ...]
    action: str
    sources: tuple[str, ...]
    trigger_points: tuple[TriggerPoint, ...]
    treatment: Treatment

    @property
    def is_deep(self) -> bool:
        return self.depth is Depth.DEEP

    @property
    def not_for_pressing(self) -> str:
        """What to tell a person of a spot of this muscle they should not press: why
        the muscle is not for self-treatment, or to leave that one spot alone."""
        if not self.treatment.pressure.self_treatment:
            return self.treatment.pressure.where
        return SPOT_NOT_PRESSED

    def point_name(self, tp: TriggerPoint) -> str:
        """Which of the muscle's trigger points `tp` is, in words for a person (the id,
        "soleus-1", is for other programs)."""
        if len(self.trigger_points) == 1:
            return "Trigger point"
        number = self.trigger_points.index(tp) + 1
        return f"Trigger point {number} of {len(self.trigger_points)}"

    def may_press(self, tp: TriggerPoint) -> bool:
        """Whether a person may press this trigger point of the muscle on their own."""
        return self.treatment.pressure.self_treatment and tp.self_pressure
