"""Small domain objects built in code, for tests of the ranking and screening logic."""

from __future__ import annotations

from calfchart.domain.muscles import (
    Depth,
    Location,
    Muscle,
    MuscleGroup,
    PressureTechnique,
    Prevalence,
    ReferralPattern,
    Stretch,
    Treatment,
    TriggerPoint,
)
from calfchart.domain.sources import Sourced
from calfchart.domain.zones import View, Zone


def zones_named(*ids: str) -> dict[str, Zone]:
    return {z: Zone(z, z.replace("_", " "), z, (View.POSTERIOR,)) for z in ids}


def muscle_with(
    muscle_id: str, pattern: ReferralPattern, prevalence: Prevalence = Prevalence.COMMON
) -> Muscle:
    tp = TriggerPoint(
        id=f"{muscle_id}-1",
        muscle_id=muscle_id,
        label="test point",
        prevalence=prevalence,
        views=(View.POSTERIOR,),
        location=Location("here", "here"),
        referral=pattern,
        symptoms=(),
        sources=("ts-vol2",),
    )
    treatment = Treatment(
        pressure=PressureTechnique(
            True, "here", ("ball",), "sit", "firm", (30, 60), "3", "daily", ("x",)
        ),
        stretch=Stretch("stretch", ("bend",), (30, 30), "3", "daily", ("x",)),
        acupressure=(),
        acupressure_sources=("x",),
        perpetuating_factors=Sourced(("shoes",), ("x",)),
        mistaken_for=Sourced(("other",), ("x",)),
    )
    return Muscle(
        id=muscle_id,
        name=muscle_id.title(),
        aliases=(),
        group=MuscleGroup.CALF,
        depth=Depth.SUPERFICIAL,
        views=(View.POSTERIOR,),
        action="moves",
        sources=("x",),
        trigger_points=(tp,),
        treatment=treatment,
    )
