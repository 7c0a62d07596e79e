"""Every shipped data file loads, and holds what the spec and the sources promise."""

from __future__ import annotations

import re
from pathlib import Path

from calfchart.domain.catalog import Catalog
from calfchart.domain.muscles import Prevalence
from calfchart.domain.sources import UNVERIFIED

SPEC = Path(__file__).resolve().parents[1] / "docs" / "anatomy-ids.md"
SPEC_ZONES = [
    "sacroiliac",
    "buttock",
    "hip_lateral",
    "thigh_posterior",
    "thigh_lateral",
    "thigh_anterior",
    "thigh_medial",
    "knee_posterior",
    "knee_anterior",
    "knee_lateral",
    "knee_medial",
    "calf_upper_medial",
    "calf_upper_lateral",
    "calf_lower_medial",
    "calf_lower_lateral",
    "shin_upper",
    "shin_lower",
    "leg_lateral_upper",
    "leg_lateral_lower",
    "leg_medial",
    "achilles",
    "ankle_anterior",
    "malleolus_lateral",
    "malleolus_medial",
    "heel_posterior",
    "heel_lateral",
    "heel_plantar",
    "arch_medial",
    "foot_lateral",
    "foot_dorsum_medial",
    "foot_dorsum_lateral",
    "sole_midfoot",
    "sole_forefoot",
    "big_toe_dorsal",
    "big_toe_plantar",
    "toes_dorsal",
    "toes_plantar",
]
SPEC_MUSCLES = [
    "gastrocnemius",
    "soleus",
    "tibialis_anterior",
    "tibialis_posterior",
    "peroneus_longus",
    "peroneus_brevis",
    "peroneus_tertius",
    "popliteus",
    "gluteus_minimus",
    "piriformis",
    "plantaris",
    "extensor_digitorum_longus",
    "extensor_hallucis_longus",
    "flexor_digitorum_longus",
    "flexor_hallucis_longus",
]
ACUPOINTS = ["BL40", "BL56", "BL57", "BL60", "KI3", "GB34", "GB39", "ST36", "SP6"]


def test_every_spec_id_exists(catalog: Catalog) -> None:
    assert sorted(catalog.zones) == sorted(SPEC_ZONES)
    assert sorted(catalog.muscles) == sorted(SPEC_MUSCLES)
    assert sorted(catalog.acupressure) == sorted(ACUPOINTS)
    assert len(catalog.red_flags) == 11


def test_trigger_points_match_the_drawing_contract(catalog: Catalog) -> None:
    rows = re.findall(
        r"^\| ([a-z_]+-\d) \| [^|]+ \| (\w+) \| ([a-z, ]+) \|$", SPEC.read_text(), re.M
    )
    assert rows
    expected = {tp: (prev, tuple(v.strip() for v in views.split(","))) for tp, prev, views in rows}
    actual = {
        tp.id: (tp.prevalence.value, tuple(v.value for v in tp.views))
        for tp in catalog.trigger_points.values()
    }
    assert actual == expected


def test_travell_and_simons_counts(catalog: Catalog) -> None:
    def count(muscle: str) -> int:
        return len(catalog.muscles[muscle].trigger_points)

    assert count("gastrocnemius") == 4
    assert count("soleus") == 3
    assert catalog.trigger_point("soleus-3").prevalence is Prevalence.RARE
    assert count("gluteus_minimus") == 2


def test_no_self_pressure_into_the_back_of_the_knee(catalog: Catalog) -> None:
    for muscle_id in ("popliteus", "plantaris"):
        treatment = catalog.muscles[muscle_id].treatment
        assert not treatment.pressure.self_treatment
        assert treatment.cautions is not None
        cautions = " ".join(treatment.cautions.items).lower()
        assert "knee" in cautions and (
            "artery" in cautions or "vessel" in cautions or "nerve" in cautions
        )


def test_stretches_knee_straight_for_gastrocnemius_bent_for_soleus(catalog: Catalog) -> None:
    gastrocnemius = " ".join(catalog.muscles["gastrocnemius"].treatment.stretch.steps).lower()
    soleus = " ".join(catalog.muscles["soleus"].treatment.stretch.steps).lower()
    assert "straight" in gastrocnemius
    assert "bend" in soleus or "bent" in soleus


def test_every_block_names_its_sources_and_every_muscle_has_cautions(catalog: Catalog) -> None:
    for muscle in catalog.muscles.values():
        t = muscle.treatment
        assert t.cautions is not None, muscle.id
        for sources in (
            muscle.sources,
            t.pressure.sources,
            t.stretch.sources,
            t.perpetuating_factors.sources,
            t.mistaken_for.sources,
            *(tp.sources for tp in muscle.trigger_points),
        ):
            assert sources and all(s in catalog.sources for s in sources), muscle.id


def test_the_seed_articles_activating_factors_are_carried(catalog: Catalog) -> None:
    for muscle_id in ("gastrocnemius", "soleus"):
        block = catalog.muscles[muscle_id].treatment.perpetuating_factors
        assert "seed-article" in block.sources
        text = " ".join(block.items).lower()
        assert "heel" in text
        assert "exercise" in text or "running" in text


def test_disagreements_are_said(catalog: Catalog) -> None:
    soleus = catalog.muscles["soleus"]
    texts = [tp.disagreement for tp in soleus.trigger_points] + [
        soleus.treatment.mistaken_for.disagreement
    ]
    assert any(texts)
    assert catalog.red_flags["dvt"].disagreement


def test_acupressure_cautions_say_what_to_do_and_leave_provenance_to_the_sources_note(
    catalog: Catalog,
) -> None:
    """The sheet prints a point's cautions for the patient: "we have not checked this
    against a source" there worried and confused; it belongs where sources are listed."""
    for point in catalog.acupressure.values():
        for caution in point.cautions:
            assert not re.search(r"\bsources?\b|checked|recollection|WHO", caution), caution
    for point_id in ("BL60", "SP6"):
        point = catalog.acupressure[point_id]
        assert any("pregnant" in c for c in point.cautions)
        assert point.disagreement and "not checked" in point.disagreement


def test_unverified_source_is_marked_as_such(catalog: Catalog) -> None:
    assert catalog.sources[UNVERIFIED].tier == "D"


def test_aliases_people_type(catalog: Catalog) -> None:
    assert catalog.muscle("calf muscle").id == "gastrocnemius"
    assert catalog.muscle("shin muscle").id == "tibialis_anterior"
    assert catalog.muscle("Fibularis Brevis").id == "peroneus_brevis"
    assert catalog.muscle("fibularis_tertius").id == "peroneus_tertius"
    assert {m.id for m in catalog.search_muscles("fibularis")} == {
        "peroneus_longus",
        "peroneus_brevis",
        "peroneus_tertius",
    }


def test_the_evidence_note_is_honest(catalog: Catalog) -> None:
    assert "PMC9434898" in catalog.texts.evidence or "pmc9434898" in catalog.texts.sources
    assert "pain" in catalog.texts.evidence.lower()


_ACTION = re.compile(
    r"\b(see a doctor|go to the emergency|call an ambulance|book an appointment)", re.I
)
_ESCALATION = re.compile(r"\b(call an ambulance|emergency department now)", re.I)


def test_each_red_flag_says_what_to_do_before_it_explains(catalog: Catalog) -> None:
    """The banner shows the first lines of a message and scrolls the rest: what to do,
    and when to call an ambulance, come before the background."""
    for flag in catalog.red_flags.values():
        sentences = re.split(r"(?<=[.!?])\s+", flag.message)
        acting = [n for n, s in enumerate(sentences) if _ACTION.search(s)]
        assert acting and acting[0] <= 1, (flag.id, sentences[:2])
        escalating = [n for n, s in enumerate(sentences) if _ESCALATION.search(s)]
        if escalating:
            assert escalating[0] <= 2, (flag.id, sentences[escalating[0]])


def test_nothing_directs_self_pressure_into_the_knee_hollow(catalog: Catalog) -> None:
    """Its artery, vein and nerve lie under popliteus, plantaris, the gastrocnemius
    heads where they leave the thighbone, and the acupressure point BL40."""
    at_the_knee = {"popliteus-1", "plantaris-1", "gastrocnemius-3", "gastrocnemius-4"}
    for muscle in catalog.muscles.values():
        assert "BL40" not in muscle.treatment.acupressure, muscle.id
        for tp in muscle.trigger_points:
            if tp.id in at_the_knee:
                assert not muscle.may_press(tp), tp.id
    assert "Do not press it yourself" in catalog.acupressure["BL40"].how


def test_a_stretch_named_alike_is_written_alike(catalog: Catalog) -> None:
    """The sheet prints a stretch two muscles share once ("the same stretch as for...");
    seen: the straight-knee calf stretch for gastrocnemius and plantaris, and the towel
    stretch for the two peroneal muscles, printed twice under one title, a phrase apart."""
    by_name: dict[str, list[tuple[str, object]]] = {}
    for muscle in catalog.muscles.values():
        s = muscle.treatment.stretch
        written = (s.steps, s.hold_seconds, s.repetitions, s.frequency)
        by_name.setdefault(s.name, []).append((muscle.id, written))
    for name, muscles in by_name.items():
        assert len({written for _, written in muscles}) == 1, (name, [m for m, _ in muscles])
