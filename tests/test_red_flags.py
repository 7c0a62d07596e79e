"""Red-flag screening: answers in, flags with urgency out."""

from __future__ import annotations

from calfchart.domain.catalog import Catalog
from calfchart.domain.red_flags import Urgency, screen, withholds_self_treatment


def test_no_answers_no_flags(catalog: Catalog) -> None:
    assert screen(catalog.red_flags.values(), {}) == ()


def test_every_spec_red_flag_exists_with_its_urgency(catalog: Catalog) -> None:
    expected = {
        "dvt": Urgency.URGENT,
        "acute_compartment_syndrome": Urgency.EMERGENCY,
        "acute_limb_ischaemia": Urgency.EMERGENCY,
        "achilles_rupture": Urgency.URGENT,
        "cellulitis": Urgency.URGENT,
        "fracture": Urgency.URGENT,
        "cauda_equina": Urgency.EMERGENCY,
        "bakers_cyst_rupture": Urgency.URGENT,
        "exertional_compartment_syndrome": Urgency.SOON,
        "arterial_claudication": Urgency.SOON,
        "nerve_root": Urgency.SOON,
    }
    assert {f: catalog.red_flags[f].urgency for f in expected} == expected


def test_any_single_wells_criterion_raises_dvt(catalog: Catalog) -> None:
    dvt = catalog.red_flags["dvt"]
    assert len(dvt.questions) >= 8, "the Wells criteria, as yes/no questions"
    for question in dvt.questions:
        if question.points <= 0:
            continue
        raised = screen(catalog.red_flags.values(), {question.id: True})
        assert "dvt" in [r.red_flag.id for r in raised]
        (flag,) = [r for r in raised if r.red_flag.id == "dvt"]
        assert flag.because == (question,) and flag.score == question.points


def test_no_answers_yes_means_no_flag(catalog: Catalog) -> None:
    answers = dict.fromkeys(catalog.questions, False)
    assert screen(catalog.red_flags.values(), answers) == ()


def test_flags_come_most_pressing_first(catalog: Catalog) -> None:
    answers = {
        catalog.red_flags["nerve_root"].questions[0].id: True,
        catalog.red_flags["cauda_equina"].questions[0].id: True,
        catalog.red_flags["dvt"].questions[0].id: True,
    }
    raised = screen(catalog.red_flags.values(), answers)
    urgencies = [r.urgency for r in raised]
    assert urgencies[0] is Urgency.EMERGENCY
    assert urgencies == sorted(urgencies, key=lambda u: u.rank)
    assert withholds_self_treatment(raised)


def test_a_clinician_can_raise_a_flag_by_hand(catalog: Catalog) -> None:
    (raised,) = screen(catalog.red_flags.values(), {}, manual=["achilles_rupture"])
    assert raised.red_flag.id == "achilles_rupture" and raised.manual and raised.because == ()


def test_every_red_flag_has_plain_signs_and_a_message(catalog: Catalog) -> None:
    for flag in catalog.red_flags.values():
        assert flag.signs and flag.message and flag.questions and flag.sources
        assert (
            "doctor" in (flag.message + " ".join(flag.signs)).lower()
            or flag.urgency is Urgency.EMERGENCY
        )
