"""Which trigger points can cause this pain, best first, each with the reason.

The score of a trigger point for a pain map (zones with intensities 0-10) is

    score = coverage x (0.85 + 0.15 x focus) x prevalence

- coverage (0..1): the share of the pain, weighted by intensity, that the referral
  pattern explains. A painful zone in the essential zone counts fully, one in the
  spillover zone counts half (SPILLOVER_WEIGHT): spillover is felt by only some people.
- focus (0..1): the share of the pattern that hurts (essential zones count twice a
  spillover zone). A pattern that covers much more than what hurts explains the pain
  a little less well, so it loses up to 15 %.
- prevalence: 1.0 for a common trigger point, 0.95 occasional, 0.9 rare, so that how
  common a trigger point is breaks near ties without overturning a clear match.

A trigger point whose pattern touches none of the painful zones is not suggested.
Ties are broken by prevalence, then by id, so the order is always the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from calfchart.domain.muscles import Muscle, Prevalence, TriggerPoint
from calfchart.domain.record import record
from calfchart.domain.zones import Zone

DEFAULT_INTENSITY = 5
MAX_INTENSITY = 10
SPILLOVER_WEIGHT = 0.5
FOCUS_SHARE = 0.15
PREVALENCE_FACTOR = {
    Prevalence.COMMON: 1.0,
    Prevalence.OCCASIONAL: 0.95,
    Prevalence.RARE: 0.9,
}
_PREVALENCE_ORDER = {Prevalence.COMMON: 0, Prevalence.OCCASIONAL: 1, Prevalence.RARE: 2}


@record
class Suggestion:
    muscle: Muscle
    trigger_point: TriggerPoint
    score: float
    essential_matches: tuple[str, ...]
    spillover_matches: tuple[str, ...]
    coverage: float
    focus: float
    why: str


OTHER_CAUSES = (
    "Pain there can have other causes, such as a joint, a tendon or a nerve: if it lasts "
    "or gets worse, have it examined."
)
"""What to say of pain no trigger point in the catalog explains (the window, the sheet)."""

UNEXPLAINED_NAMED = 4
"""A reason names up to this many painful zones its pattern does not explain; beyond,
the first few (the most painful) and how many more."""


def _zone_list(ids: Iterable[str], zones: Mapping[str, Zone], most: int | None = None) -> str:
    """The zones' names joined in words, as a sentence says them; past `most`, the
    first few and how many more. The names share the first one's article: "the
    buttock, upper outer calf and back of the thigh"."""
    ids = list(ids)
    named = ids if most is None or len(ids) <= most else ids[: most - 1]
    phrases = [zones[z].phrase if z in zones else f"the {z.replace('_', ' ')}" for z in named]
    names = phrases[:1] + [phrase.removeprefix("the ") for phrase in phrases[1:]]
    if len(named) < len(ids):
        return f"{', '.join(names)} and {len(ids) - len(named)} other painful zones"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _labelled(names: str, kind: str) -> str:
    """`names` with the kind of zone they are in brackets: inside a bracket that closes
    them ("low back (over the pelvis joint; essential zone)"), not a second one."""
    if names.endswith(")"):
        return f"{names[:-1]}; {kind} zone)"
    return f"{names} ({kind} zone)"


def explain(
    essential: tuple[str, ...],
    spillover: tuple[str, ...],
    unexplained: tuple[str, ...],
    prevalence: Prevalence,
    zones: Mapping[str, Zone],
) -> str:
    """The reason for a suggestion, in words a person understands."""
    parts: list[str] = []
    if essential:
        parts.append(f"refers pain to {_labelled(_zone_list(essential, zones), 'essential')}")
    if spillover:
        verb = "and sometimes to" if essential else "sometimes refers pain to"
        parts.append(f"{verb} {_labelled(_zone_list(spillover, zones), 'spillover')}")
    text = " ".join(parts)
    if unexplained:
        # With much of the leg marked, every reason would list most of it again.
        text += f"; does not explain {_zone_list(unexplained, zones, UNEXPLAINED_NAMED)}"
    if prevalence is Prevalence.RARE:
        text += "; a rare trigger point"
    elif prevalence is Prevalence.OCCASIONAL:
        text += "; a less common trigger point"
    return text


def rank(
    muscles: Iterable[Muscle],
    pain: Mapping[str, int],
    zones: Mapping[str, Zone],
    limit: int | None = None,
) -> tuple[Suggestion, ...]:
    """Rank trigger points by how well their referral patterns explain the pain.

    `pain` maps zone ids to intensities 0-10; a zone at 0 is marked but does not hurt.
    """
    weights = {z: max(0, min(MAX_INTENSITY, i)) / MAX_INTENSITY for z, i in pain.items()}
    total = sum(weights.values())
    hurting = {z for z, w in weights.items() if w > 0}
    if total <= 0:
        return ()
    found: list[Suggestion] = []
    for muscle in muscles:
        for tp in muscle.trigger_points:
            pattern = tp.referral
            essential = tuple(sorted(hurting & pattern.essential))
            spillover = tuple(sorted((hurting & pattern.spillover) - pattern.essential))
            if not essential and not spillover:
                continue
            explained = sum(weights[z] for z in essential) + SPILLOVER_WEIGHT * sum(
                weights[z] for z in spillover
            )
            coverage = explained / total
            size = len(pattern.essential) + SPILLOVER_WEIGHT * len(
                pattern.spillover - pattern.essential
            )
            focus = (len(essential) + SPILLOVER_WEIGHT * len(spillover)) / size
            score = (
                coverage
                * (1 - FOCUS_SHARE + FOCUS_SHARE * focus)
                * PREVALENCE_FACTOR[tp.prevalence]
            )
            # The worst first: a long list names only the first few.
            unexplained = tuple(
                sorted(hurting - set(essential) - set(spillover), key=lambda z: (-weights[z], z))
            )
            found.append(
                Suggestion(
                    muscle=muscle,
                    trigger_point=tp,
                    score=round(score, 4),
                    essential_matches=essential,
                    spillover_matches=spillover,
                    coverage=coverage,
                    focus=focus,
                    why=explain(essential, spillover, unexplained, tp.prevalence, zones),
                )
            )
    found.sort(
        key=lambda s: (-s.score, _PREVALENCE_ORDER[s.trigger_point.prevalence], s.trigger_point.id)
    )
    return tuple(found[:limit] if limit is not None else found)


SHEET_DEFAULT_COUNT = 3
"""How many trigger points a treatment sheet explains unless the user chooses."""


def best_for_sheet(
    suggestions: tuple[Suggestion, ...], count: int = SHEET_DEFAULT_COUNT
) -> tuple[str, ...]:
    """The trigger points a sheet explains by default: the best of each of the best muscles.

    Muscles, not trigger points, because each muscle is treated once: two points of
    one muscle would crowd out another muscle that may be the cause (back-of-knee
    pain ranks two gastrocnemius points first, then plantaris and popliteus, tied).
    """
    chosen: list[str] = []
    muscles: set[str] = set()
    for suggestion in suggestions:
        if suggestion.muscle.id not in muscles:
            muscles.add(suggestion.muscle.id)
            chosen.append(suggestion.trigger_point.id)
        if len(chosen) == count:
            break
    return tuple(chosen)
