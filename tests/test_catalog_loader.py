"""The loader on a small pack, broken one way at a time: each problem names FILE:LINE."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

import pytest

from calfchart.catalog import CatalogError, load_catalog


def _edit(pack: Path, name: str, old: str, new: str) -> None:
    target = pack / name
    text = target.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(pack: Path) -> list[str]:
    with pytest.raises(CatalogError) as caught:
        load_catalog(pack)
    return [str(p) for p in caught.value.problems]


def _line_of(pack: Path, name: str, needle: str) -> int:
    lines = (pack / name).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def test_the_minimal_pack_loads(pack: Path) -> None:
    catalog = load_catalog(pack)
    assert set(catalog.muscles) == {"soleus"}
    assert catalog.trigger_point("soleus-1").referral.essential == {"heel_plantar", "achilles"}


def test_unknown_key_is_named_with_file_and_line(pack: Path) -> None:
    _edit(pack, "muscles/soleus.yaml", "action:", "actoin: x\naction:")
    line = _line_of(pack, "muscles/soleus.yaml", "actoin")
    assert _problems(pack) == [
        f"muscles/soleus.yaml:{line}: muscle: unknown key 'actoin' (did you mean 'action'?)"
    ]


def test_missing_field(pack: Path) -> None:
    _edit(pack, "muscles/soleus.yaml", "    prevalence: common\n", "")
    (problem,) = _problems(pack)
    assert problem.startswith("muscles/soleus.yaml:")
    assert "missing key 'prevalence'" in problem


def test_a_zone_says_in_a_sentence_what_its_data_gives_or_the_and_its_name(pack: Path) -> None:
    name = "    name: underside of heel\n"
    _edit(pack, "zones.yaml", name, name + "    in_a_sentence: the underside of the heel\n")
    zones = load_catalog(pack).zones
    assert zones["heel_plantar"].phrase == "the underside of the heel"
    assert zones["calf_lower_medial"].phrase == "the lower inner calf"


def test_an_empty_sentence_form_of_a_zone_is_named_with_file_and_line(pack: Path) -> None:
    name = "    name: underside of heel\n"
    _edit(pack, "zones.yaml", name, name + "    in_a_sentence: ''\n")
    line = _line_of(pack, "zones.yaml", "in_a_sentence")
    assert _problems(pack) == [f"zones.yaml:{line}: in_a_sentence must not be empty"]


def test_wrong_type_norway_problem(pack: Path) -> None:
    # YAML 1.1 reads a bare `no` as false: a zone name must be text.
    _edit(pack, "zones.yaml", "name: Achilles tendon", "name: no")
    line = _line_of(pack, "zones.yaml", "name: no")
    assert _problems(pack) == [f"zones.yaml:{line}: zone name must be text"]


def test_hold_range_must_be_two_ordered_numbers(pack: Path) -> None:
    _edit(pack, "muscles/soleus.yaml", "hold_seconds: [30, 60]", "hold_seconds: [60, 30]")
    (problem,) = _problems(pack)
    assert "shortest (60) is longer than the longest (30)" in problem


def test_unknown_zone_reference_suggests_the_closest(pack: Path) -> None:
    _edit(
        pack,
        "muscles/soleus.yaml",
        "essential: [heel_plantar, achilles]",
        "essential: [heel_plantr, achilles]",
    )
    line = _line_of(pack, "muscles/soleus.yaml", "heel_plantr")
    assert _problems(pack) == [
        f"muscles/soleus.yaml:{line}: unknown zone 'heel_plantr' (did you mean 'heel_plantar'?)"
    ]


def test_unknown_source_and_unknown_acupressure_point(pack: Path) -> None:
    _edit(pack, "muscles/soleus.yaml", "points: [BL57]", "points: [BL99]")
    _edit(pack, "texts.yaml", "sources: [ts-vol2]", "sources: [ts-vol3]")
    problems = _problems(pack)
    assert any(
        "muscles/soleus.yaml" in p and "unknown acupressure point 'BL99'" in p for p in problems
    )
    assert any(p.startswith("texts.yaml:4:") and "unknown source 'ts-vol3'" in p for p in problems)


def test_an_acupressure_point_may_say_where_its_sources_differ(pack: Path) -> None:
    _edit(
        pack,
        "acupressure.yaml",
        "    sources: [ts-vol2]\n",
        "    disagreement: The classics avoid it in pregnancy; the WHO text does not.\n"
        "    sources: [ts-vol2]\n",
    )
    point = load_catalog(pack).acupressure["BL57"]
    assert point.disagreement == "The classics avoid it in pregnancy; the WHO text does not."


def test_a_muscle_may_have_no_acupressure_points(pack: Path) -> None:
    # As behind the knee, where every point lies over the artery, vein and nerve.
    _edit(
        pack,
        "muscles/soleus.yaml",
        "  acupressure:\n    points: [BL57]\n    sources: [ts-vol2]\n",
        "",
    )
    catalog = load_catalog(pack)
    assert catalog.muscles["soleus"].treatment.acupressure == ()


def test_a_trigger_point_may_be_marked_not_to_be_pressed(pack: Path) -> None:
    soleus = load_catalog(pack).muscles["soleus"]
    assert soleus.may_press(soleus.trigger_points[0])
    _edit(
        pack,
        "muscles/soleus.yaml",
        "    prevalence: common\n",
        "    prevalence: common\n    self_pressure: false\n",
    )
    soleus = load_catalog(pack).muscles["soleus"]
    assert not soleus.trigger_points[0].self_pressure
    assert not soleus.may_press(soleus.trigger_points[0])
    _edit(pack, "muscles/soleus.yaml", "self_pressure: false", "self_pressure: maybe")
    assert any("self_pressure must be true or false" in p for p in _problems(pack))


def test_unknown_muscle_group_and_view(pack: Path) -> None:
    _edit(pack, "muscles/soleus.yaml", "group: calf", "group: thigh")
    _edit(pack, "zones.yaml", "views: [plantar]", "views: [plantar, dorsal]")
    problems = _problems(pack)
    assert any("group must be one of calf" in p for p in problems)
    assert any(p.startswith("zones.yaml:5:") and "not 'dorsal'" in p for p in problems)


def test_duplicate_ids_name_the_first_place(pack: Path) -> None:
    (pack / "sources" / "more.yaml").write_text(
        "sources:\n  - id: ts-vol2\n    citation: Again.\n    tier: B\n", encoding="utf-8"
    )
    assert _problems(pack) == [
        "sources/more.yaml:2: duplicate source id 'ts-vol2' "
        "(first defined at sources/general.yaml:2)"
    ]


def test_duplicate_key_in_a_mapping(pack: Path) -> None:
    _edit(pack, "texts.yaml", "evidence:", "disclaimer: Twice.\nevidence:")
    assert _problems(pack) == ["texts.yaml:2: texts: duplicate key 'disclaimer' (first at line 1)"]


def test_python_tags_are_refused_never_executed(pack: Path, tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    _edit(
        pack,
        "texts.yaml",
        "disclaimer: Information only.",
        f"disclaimer: !!python/object/apply:os.system ['touch {marker}']",
    )
    problems = _problems(pack)
    assert any(
        "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed" in p
        for p in problems
    )
    assert not marker.exists()


def test_syntax_error_has_a_line(pack: Path) -> None:
    _edit(pack, "red_flags.yaml", "    urgency: urgent", "    urgency: [urgent")
    (problem,) = _problems(pack)
    assert problem.startswith("red_flags.yaml:") and "not valid YAML" in problem


def test_syntax_error_points_back_to_where_the_unclosed_part_began(pack: Path) -> None:
    # The parser stops a line below the mistake; the message names both lines.
    _edit(pack, "muscles/soleus.yaml", "hold_seconds: [30, 60]", "hold_seconds: [30, 60")
    begun = _line_of(pack, "muscles/soleus.yaml", "hold_seconds: [30, 60")
    (problem,) = _problems(pack)
    assert problem.startswith("muscles/soleus.yaml:") and "not valid YAML" in problem
    assert problem.endswith(f"(while parsing a flow sequence begun at line {begun})")


@pytest.mark.parametrize("number", ["0x1e", "0o36", "0:30", "!!int thirty", "1" * 5000])
def test_a_whole_number_must_be_written_in_digits(pack: Path, number: str) -> None:
    # YAML reads all of these as whole numbers; Python's int() reads none of them (or
    # refuses one of 5,000 digits): each is a problem with its line, never a traceback.
    _edit(pack, "muscles/soleus.yaml", "hold_seconds: [30, 60]", f"hold_seconds: [{number}, 60]")
    line = _line_of(pack, "muscles/soleus.yaml", "hold_seconds:")
    (problem,) = _problems(pack)
    assert problem.startswith(f"muscles/soleus.yaml:{line}: ")
    assert problem.endswith("must be a whole number written in digits")


def test_a_tagged_yes_or_no_must_be_one(pack: Path) -> None:
    # `!!bool maybe` once came out as true.
    _edit(pack, "muscles/soleus.yaml", "self_treatment: true", "self_treatment: !!bool maybe")
    line = _line_of(pack, "muscles/soleus.yaml", "self_treatment:")
    assert _problems(pack) == [f"muscles/soleus.yaml:{line}: self_treatment must be true or false"]
    _edit(pack, "muscles/soleus.yaml", "!!bool maybe", "!!bool No")
    pressure = load_catalog(pack).muscles["soleus"].treatment.pressure
    assert pressure is not None and not pressure.self_treatment


def test_a_file_not_in_utf8_is_named_with_the_line(pack: Path) -> None:
    target = pack / "muscles/soleus.yaml"
    lines = target.read_bytes().splitlines(keepends=True)
    lines[3] = lines[3].rstrip(b"\n") + b" # caf\xe9\n"
    target.write_bytes(b"".join(lines))
    assert _problems(pack) == [
        "muscles/soleus.yaml:4: byte 0xe9 is not UTF-8 text: save the file as UTF-8"
    ]


def test_trigger_point_id_must_belong_to_its_muscle_and_views_to_the_muscle(pack: Path) -> None:
    _edit(pack, "muscles/soleus.yaml", "id: soleus-1", "id: gastrocnemius-1")
    _edit(pack, "muscles/soleus.yaml", "    views: [posterior]\n", "    views: [anterior]\n")
    problems = _problems(pack)
    assert any("must start with 'soleus-'" in p for p in problems)
    assert any("view 'anterior' is not one of the muscle's views" in p for p in problems)


def test_zone_both_essential_and_spillover(pack: Path) -> None:
    _edit(pack, "muscles/soleus.yaml", "spillover: [calf_lower_medial]", "spillover: [achilles]")
    (problem,) = _problems(pack)
    assert "zone 'achilles' is both essential and spillover" in problem


def test_muscle_file_name_must_match_its_id(pack: Path) -> None:
    (pack / "muscles" / "soleus.yaml").rename(pack / "muscles" / "solius.yaml")
    (problem,) = _problems(pack)
    assert (
        problem
        == "muscles/solius.yaml:1: muscle id 'soleus' does not match the file name 'solius.yaml'"
    )


def test_red_flag_rule_points_needs_a_threshold(pack: Path) -> None:
    _edit(pack, "red_flags.yaml", "    threshold: 1\n", "")
    (problem,) = _problems(pack)
    assert "rule 'points' needs a threshold" in problem


def test_missing_file_and_empty_file(pack: Path) -> None:
    (pack / "acupressure.yaml").unlink()
    (pack / "texts.yaml").write_text("", encoding="utf-8")
    problems = _problems(pack)
    assert "acupressure.yaml: file is missing" in problems
    assert "texts.yaml:1: the file is empty" in problems


def test_every_problem_is_reported_at_once(pack: Path) -> None:
    _edit(pack, "zones.yaml", "term: plantar heel", "term: ''")
    _edit(pack, "muscles/soleus.yaml", "depth: superficial", "depth: shallow")
    _edit(pack, "red_flags.yaml", "urgency: urgent", "urgency: whenever")
    assert len(_problems(pack)) == 3


def test_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="is not a folder"):
        load_catalog(tmp_path / "nowhere")


def test_a_broken_zones_file_is_not_buried_under_unknown_zones(pack: Path) -> None:
    _edit(pack, "zones.yaml", "  - id: achilles", "  - id: [achilles")
    (problem,) = _problems(pack)
    assert problem.startswith("zones.yaml:") and "not valid YAML" in problem


def test_a_misspelt_zones_key_is_not_buried_under_unknown_zones(pack: Path) -> None:
    _edit(pack, "zones.yaml", "zones:", "zonez:")
    problems = _problems(pack)
    assert not any("unknown zone" in p for p in problems), problems
    assert any(p.startswith("zones.yaml:1:") and "zonez" in p for p in problems), problems


def test_a_muscle_file_named_yml_is_not_skipped_in_silence(pack: Path) -> None:
    (pack / "muscles" / "soleus.yaml").rename(pack / "muscles" / "soleus.yml")
    problems = _problems(pack)
    assert "muscles/soleus.yml: not read: data files end in .yaml" in problems


def test_a_folder_that_cannot_be_read_is_named(pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The permission itself cannot be taken away from root: the refusal is made here.
    listing = Path.iterdir
    denied = pack / "muscles"

    def iterdir(self: Path) -> Iterator[Path]:
        if self == denied:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return listing(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    problems = _problems(pack)
    assert "muscles: cannot be read: Permission denied" in problems
    assert not any("no muscle files" in p for p in problems), problems


def test_aliases_are_refused_before_they_can_loop_or_explode(pack: Path) -> None:
    """A value that contains itself, or a few nested aliases standing for billions of
    values ("billion laughs"), must be refused at once, not followed for ever."""
    _edit(pack, "texts.yaml", "disclaimer: Information only.", "disclaimer: &a [*a]")
    (problem,) = [p for p in _problems(pack) if "alias" in p]
    assert problem.startswith("texts.yaml:1: ") and "aliases are not allowed" in problem
