"""The clinical catalog: every zone, muscle, point, red flag and source, by id."""

from __future__ import annotations

from collections.abc import Mapping

from calfchart.domain.acupressure import AcupressurePoint
from calfchart.domain.muscles import Muscle, MuscleGroup, TriggerPoint
from calfchart.domain.record import field, record
from calfchart.domain.red_flags import RedFlag, ScreeningQuestion
from calfchart.domain.sources import Source
from calfchart.domain.zones import View, Zone


@record
class Texts:
    disclaimer: str
    evidence: str
    doctor_intro: str
    sources: tuple[str, ...]


class UnknownIdError(KeyError):
    """An id that the catalog does not know, with the closest known ones."""

    def __init__(self, kind: str, wanted: str, closest: tuple[str, ...]) -> None:
        super().__init__(wanted)
        self.kind = kind
        self.wanted = wanted
        self.closest = closest

    def __str__(self) -> str:
        hint = f"; did you mean {', '.join(self.closest)}?" if self.closest else ""
        return f"unknown {self.kind} '{self.wanted}'{hint}"


class AmbiguousNameError(UnknownIdError):
    """A common name several muscles share ("fibularis"), with the names that tell them
    apart."""

    def __str__(self) -> str:
        return f"'{self.wanted}' could be more than one {self.kind}: {', '.join(self.closest)}"


def _normalise(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


@record
class Catalog:
    zones: Mapping[str, Zone]
    muscles: Mapping[str, Muscle]
    acupressure: Mapping[str, AcupressurePoint]
    red_flags: Mapping[str, RedFlag]
    sources: Mapping[str, Source]
    texts: Texts
    trigger_points: Mapping[str, TriggerPoint] = field(init=False)
    questions: Mapping[str, ScreeningQuestion] = field(init=False)
    _aliases: Mapping[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        tps = {tp.id: tp for m in self.muscles.values() for tp in m.trigger_points}
        questions = {q.id: q for f in self.red_flags.values() for q in f.questions}
        aliases: dict[str, str] = {}
        for muscle in self.muscles.values():
            for name in (muscle.id, muscle.name, *muscle.aliases):
                aliases.setdefault(_normalise(name), muscle.id)
            # "fibularis" is the newer name for "peroneus": accept both spellings.
            if muscle.id.startswith("peroneus_"):
                aliases.setdefault(
                    _normalise(muscle.id.replace("peroneus", "fibularis")), muscle.id
                )
        object.__setattr__(self, "trigger_points", tps)
        object.__setattr__(self, "questions", questions)
        object.__setattr__(self, "_aliases", aliases)

    # -- zones ------------------------------------------------------------
    def zone(self, zone_id: str) -> Zone:
        try:
            return self.zones[zone_id]
        except KeyError:
            near = self.closest(zone_id, self.zones) or self._zones_named_like(zone_id)
            raise UnknownIdError("zone", zone_id, near) from None

    def _zones_named_like(self, wanted: str) -> tuple[str, ...]:
        """The ids of up to three zones whose plain name or anatomical term is near
        `wanted`: `back_of_knee` finds knee_posterior, where no id is near it."""
        from difflib import get_close_matches  # only for an unknown id

        named: dict[str, str] = {}
        for zone in self.zones.values():
            for name in (zone.name, zone.list_name, zone.term):
                named.setdefault(_normalise(name), zone.id)
        near = get_close_matches(_normalise(wanted), list(named), n=6, cutoff=0.75)
        return tuple(dict.fromkeys(named[name] for name in near))[:3]

    def zones_in(self, view: View) -> tuple[Zone, ...]:
        return tuple(z for z in self.zones.values() if view in z.views)

    # -- muscles ----------------------------------------------------------
    def muscle(self, id_or_alias: str) -> Muscle:
        """A muscle by id, name or alias ("fibularis longus", "calf muscle")."""
        key = _normalise(id_or_alias)
        muscle_id = self._aliases.get(key)
        if muscle_id is None:
            # A word of several muscles' names ("fibularis" of the three peroneals).
            named: dict[str, str] = {}
            for alias, candidate in self._aliases.items():
                if key and key in alias.split() and candidate not in named:
                    named[candidate] = alias
            if len(named) > 1:
                raise AmbiguousNameError("muscle", id_or_alias, tuple(named.values()))
            raise UnknownIdError(
                "muscle", id_or_alias, self.closest(key, {**self._aliases, **self.muscles})
            )
        return self.muscles[muscle_id]

    def search_muscles(self, text: str) -> tuple[Muscle, ...]:
        """Muscles whose id, name or an alias contains the text, best match first."""
        key = _normalise(text)
        if not key:
            return tuple(self.muscles.values())
        exact = self._aliases.get(key)
        found: list[str] = [exact] if exact else []
        for alias, muscle_id in self._aliases.items():
            if key in alias and muscle_id not in found:
                found.append(muscle_id)
        if not found:
            from difflib import get_close_matches  # only for a misspelt name

            for alias in get_close_matches(key, list(self._aliases), n=5, cutoff=0.6):
                if self._aliases[alias] not in found:
                    found.append(self._aliases[alias])
        return tuple(self.muscles[m] for m in found)

    def muscles_by_group(self) -> tuple[tuple[MuscleGroup, tuple[Muscle, ...]], ...]:
        return tuple(
            (group, members)
            for group in MuscleGroup
            if (members := tuple(m for m in self.muscles.values() if m.group is group))
        )

    def offered_acupressure(self) -> tuple[str, ...]:
        """The acupressure points some muscle offers, in the catalog's order. A point no
        muscle offers (BL40, over the vessels behind the knee) is never shown on its own."""
        offered = {p for m in self.muscles.values() for p in m.treatment.acupressure}
        return tuple(p for p in self.acupressure if p in offered)

    def trigger_point(self, tp_id: str) -> TriggerPoint:
        try:
            return self.trigger_points[tp_id]
        except KeyError:
            raise UnknownIdError(
                "trigger point", tp_id, self.closest(tp_id, self.trigger_points)
            ) from None

    def red_flag(self, flag_id: str) -> RedFlag:
        try:
            return self.red_flags[flag_id]
        except KeyError:
            raise UnknownIdError(
                "red flag", flag_id, self.closest(flag_id, self.red_flags)
            ) from None

    @staticmethod
    def closest(wanted: str, known: Mapping[str, object]) -> tuple[str, ...]:
        """Up to three known ids near `wanted`: misspellings first, then ids that
        contain it (`calf` → the four calf zones' first three)."""
        from difflib import get_close_matches  # only for an unknown id

        near = get_close_matches(wanted, list(known), n=3, cutoff=0.5)
        word = wanted.strip().lower()
        if len(word) >= 3:
            near += [k for k in known if word in k and k not in near]
        return tuple(near[:3])
