"""The ranking on hand-made patterns, and on the cases the sources give."""

from __future__ import annotations

import pytest

from calfchart.domain.catalog import Catalog
from calfchart.domain.muscles import Prevalence, ReferralPattern
from calfchart.domain.ranking import Suggestion, best_for_sheet, rank
from tests.factories import muscle_with, zones_named


def _ids(suggestions: tuple[Suggestion, ...]) -> list[str]:
    return [s.trigger_point.id for s in suggestions]


def test_essential_match_beats_spillover_match() -> None:
    heel = muscle_with("heelish", ReferralPattern(frozenset({"heel"}), frozenset({"calf"})))
    calfish = muscle_with("calfish", ReferralPattern(frozenset({"calf"}), frozenset({"heel"})))
    result = rank([calfish, heel], {"heel": 5}, zones_named("heel", "calf"))
    assert _ids(result) == ["heelish-1", "calfish-1"]
    assert result[0].essential_matches == ("heel",) and result[1].spillover_matches == ("heel",)
    assert "essential zone" in result[0].why and "spillover zone" in result[1].why


def test_pattern_covering_more_of_the_pain_wins() -> None:
    both = muscle_with("both", ReferralPattern(frozenset({"heel", "calf"}), frozenset()))
    one = muscle_with("one", ReferralPattern(frozenset({"heel"}), frozenset()))
    result = rank([one, both], {"heel": 5, "calf": 5}, zones_named("heel", "calf"))
    assert _ids(result) == ["both-1", "one-1"]
    assert result[1].why.endswith("does not explain the calf")


def test_intensity_weights_the_pain() -> None:
    heel = muscle_with("heelish", ReferralPattern(frozenset({"heel"}), frozenset()))
    calf = muscle_with("calfish", ReferralPattern(frozenset({"calf"}), frozenset()))
    zones = zones_named("heel", "calf")
    assert _ids(rank([heel, calf], {"heel": 2, "calf": 8}, zones))[0] == "calfish-1"
    assert _ids(rank([heel, calf], {"heel": 8, "calf": 2}, zones))[0] == "heelish-1"


def test_a_much_larger_pattern_counts_a_little_less() -> None:
    focused = muscle_with("focused", ReferralPattern(frozenset({"heel"}), frozenset()))
    sprawling = muscle_with(
        "sprawling", ReferralPattern(frozenset({"heel", "a", "b", "c"}), frozenset({"d", "e"}))
    )
    result = rank([sprawling, focused], {"heel": 5}, zones_named("heel", "a", "b", "c", "d", "e"))
    assert _ids(result) == ["focused-1", "sprawling-1"]
    # ...but only a little: both explain all of the pain.
    assert result[1].score > 0.8 * result[0].score


def test_prevalence_breaks_near_ties_only() -> None:
    pattern = ReferralPattern(frozenset({"heel"}), frozenset())
    rare = muscle_with("aaa", pattern, prevalence=Prevalence.RARE)
    common = muscle_with("zzz", pattern, prevalence=Prevalence.COMMON)
    assert _ids(rank([rare, common], {"heel": 5}, zones_named("heel")))[0] == "zzz-1"
    # A rare trigger point that explains the pain still beats a common one that does not fully.
    rare_full = muscle_with(
        "rare", ReferralPattern(frozenset({"heel", "calf"}), frozenset()), Prevalence.RARE
    )
    result = rank([common, rare_full], {"heel": 5, "calf": 5}, zones_named("heel", "calf"))
    assert _ids(result)[0] == "rare-1"


def test_no_pain_no_suggestions_and_zero_intensity_does_not_count() -> None:
    heel = muscle_with("heelish", ReferralPattern(frozenset({"heel"}), frozenset()))
    assert rank([heel], {}, zones_named("heel")) == ()
    assert rank([heel], {"heel": 0}, zones_named("heel")) == ()


def test_scores_lie_in_0_1_and_order_is_deterministic() -> None:
    pattern = ReferralPattern(frozenset({"heel"}), frozenset())
    muscles = [muscle_with(name, pattern) for name in ("c", "a", "b")]
    result = rank(muscles, {"heel": 10}, zones_named("heel"))
    assert _ids(result) == ["a-1", "b-1", "c-1"]
    assert all(0 <= s.score <= 1 for s in result)


# -- the shipped catalog: Catalog, on cases from the sources ---------------------------------


def test_heel_pain_ranks_soleus_first(catalog: Catalog) -> None:
    result = rank(catalog.muscles.values(), {"heel_plantar": 5}, catalog.zones)
    assert result[0].muscle.id == "soleus"
    assert result[0].why == "refers pain to the underside of the heel (essential zone)"


def test_front_of_ankle_ranks_tibialis_anterior_first(catalog: Catalog) -> None:
    result = rank(catalog.muscles.values(), {"ankle_anterior": 5}, catalog.zones)
    assert result[0].muscle.id == "tibialis_anterior"


def test_back_of_knee_brings_gastrocnemius_popliteus_plantaris(catalog: Catalog) -> None:
    result = rank(catalog.muscles.values(), {"knee_posterior": 5}, catalog.zones)
    top = {s.muscle.id for s in result[:5]}
    assert {"gastrocnemius", "popliteus", "plantaris"} <= top


@pytest.mark.parametrize(
    "zone", ["big_toe_dorsal", "malleolus_lateral", "sacroiliac", "big_toe_plantar"]
)
def test_classic_patterns(catalog: Catalog, zone: str) -> None:
    expected = {
        "big_toe_dorsal": {"tibialis_anterior", "extensor_hallucis_longus"},
        "malleolus_lateral": {"peroneus_longus", "peroneus_brevis", "peroneus_tertius"},
        "sacroiliac": {"piriformis", "soleus"},
        "big_toe_plantar": {"flexor_hallucis_longus"},
    }[zone]
    result = rank(catalog.muscles.values(), {zone: 5}, catalog.zones)
    assert result[0].muscle.id in expected


def test_the_sheet_explains_the_best_three_muscles_not_three_points_of_one(
    catalog: Catalog,
) -> None:
    result = rank(catalog.muscles.values(), {"knee_posterior": 5}, catalog.zones)
    assert [s.muscle.id for s in result[:2]] == ["gastrocnemius", "gastrocnemius"]
    chosen = best_for_sheet(result)
    assert [catalog.trigger_point(t).muscle_id for t in chosen] == [
        "gastrocnemius",
        "plantaris",
        "popliteus",
    ]


def test_a_long_list_of_what_a_pattern_does_not_explain_names_the_worst_and_counts_the_rest() -> (
    None
):
    """With every zone marked, each reason once listed some 25 zones."""
    names = [f"zone{n}" for n in range(8)]
    heel = muscle_with("heelish", ReferralPattern(frozenset({"zone0"}), frozenset()))
    pain = dict.fromkeys(names, 3) | {"zone5": 9, "zone6": 7}
    (result,) = rank([heel], pain, zones_named(*names))
    assert result.why.endswith("does not explain the zone5, zone6, zone1 and 4 other painful zones")
    few = rank([heel], {"zone0": 3, "zone1": 3, "zone2": 3}, zones_named(*names))
    assert few[0].why.endswith("does not explain the zone1 and zone2")


def test_a_reason_names_zones_as_a_sentence_says_them_sharing_the_first_article(
    catalog: Catalog,
) -> None:
    """The spec's names are labels ("underside of heel", "ball of foot"); in a sentence
    they take their articles, and a list shares its first one."""
    pain = {"heel_plantar": 5, "sole_forefoot": 5}
    (tibialis_posterior,) = [
        s for s in rank(catalog.muscles.values(), pain, catalog.zones)
        if s.muscle.id == "tibialis_posterior"
    ]  # fmt: skip
    assert tibialis_posterior.why == (
        "sometimes refers pain to the underside of the heel and ball of the foot "
        "(spillover zone); a less common trigger point"
    )
    ranked = rank(catalog.muscles.values(), {"heel_plantar": 5, "buttock": 5}, catalog.zones)
    (soleus,) = [s for s in ranked if s.trigger_point.id == "soleus-1"]
    assert soleus.why == (
        "refers pain to the underside of the heel (essential zone); does not explain the buttock"
    )


def test_a_zone_named_with_a_bracket_takes_its_kind_inside_it(catalog: Catalog) -> None:
    """Seen for the low back: "the low back (over the pelvis joint) (essential zone)"."""
    (first, *_) = rank(catalog.muscles.values(), {"sacroiliac": 5}, catalog.zones)
    assert "(over the pelvis joint; essential zone)" in first.why
    assert ") (" not in first.why
