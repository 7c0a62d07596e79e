"""The command line as scripts and clinics use it (shared/spec/CLI.md)."""

from __future__ import annotations

import argparse
import gc
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from calfchart import __version__
from calfchart.cli import COMMANDS, main
from calfchart.domain.catalog import Catalog
from calfchart.domain.red_flags import SELF_TREATMENT_WITHHELD


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(args)
    except SystemExit as exc:  # argparse: usage errors and --help/--version
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_suggest_heel_puts_soleus_first_with_its_reason(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["suggest", "--zone", "heel_plantar", "--json"], capsys)
    assert code == 0
    result = json.loads(out)
    assert result["side"] == "right" and result["zones"] == ["heel_plantar"]
    first = result["suggestions"][0]
    assert first["muscle"] == "soleus" and first["trigger_point"] == "soleus-1"
    assert first["essential_matches"] == ["heel_plantar"]
    # Word for word the reason in CLI.md's example.
    assert first["why"] == "refers pain to the underside of the heel (essential zone)"
    scores = [s["score"] for s in result["suggestions"]]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)
    assert result["red_flags"] == []


def test_suggest_for_people_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["suggest", "--zone", "heel_plantar", "--side", "left"], capsys)
    assert code == 0
    assert out.startswith("Pain on the left leg: underside of heel at 5/10")
    assert " 1. Soleus (soleus-1)" in out
    assert max(len(line) for line in out.splitlines()) <= 90


def test_suggest_with_intensities_and_a_red_flag(
    capsys: pytest.CaptureFixture[str], catalog: Catalog
) -> None:
    question = catalog.red_flags["dvt"].questions[0].id
    code, out, _ = run(
        [
            "suggest",
            "--zone",
            "calf_lower_medial",
            "--intensity",
            "achilles=9",
            "--yes",
            question,
            "--json",
        ],
        capsys,
    )
    result = json.loads(out)
    assert code == 0 and result["intensities"] == {"calf_lower_medial": 5, "achilles": 9}
    assert [f["id"] for f in result["red_flags"]] == ["dvt"]
    assert result["self_treatment_withheld"] is True


def test_a_raised_red_flag_leads_the_plain_answer(
    capsys: pytest.CaptureFixture[str], catalog: Catalog
) -> None:
    fracture = catalog.red_flags["fracture"]
    code, out, _ = run(
        ["suggest", "--zone", "shin_lower", "--yes", fracture.questions[0].id], capsys
    )
    assert code == 0
    warning = " ".join(out.split("\n\n")[0].split())
    # The condition's name keeps its capital: "A broken bone", not "Possible A broken bone".
    assert warning.startswith(
        f"!! {fracture.urgency.advice} Your answers point to: A broken bone or a stress fracture."
    ), warning
    assert out.index("Pain on the right leg") > out.index("!!")
    # As the window's banner says it: the steps are not for now.
    assert SELF_TREATMENT_WITHHELD in " ".join(out.split())


def test_suggest_says_which_points_are_not_for_self_pressure(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["suggest", "--zone", "knee_posterior", "--json"], capsys)
    flags = {s["trigger_point"]: s["self_treatment"] for s in json.loads(out)["suggestions"]}
    assert code == 0
    assert not flags["gastrocnemius-3"] and not flags["popliteus-1"]
    assert flags["gastrocnemius-1"]
    code, out, _ = run(["suggest", "--zone", "knee_posterior", "--limit", "1"], capsys)
    assert "(gastrocnemius-3)" in out and "Not for self-pressure" in out


def test_several_values_may_follow_one_option(capsys: pytest.CaptureFixture[str]) -> None:
    """CLI.md writes `--intensity ID=0..10 ...`: one option with several values reads as
    the option repeated."""
    _, repeated, _ = run(
        ["suggest", "--zone", "heel_plantar", "--zone", "achilles",
         "--intensity", "achilles=3", "--intensity", "calf_lower_medial=4", "--json"],
        capsys,
    )  # fmt: skip
    code, together, err = run(
        ["suggest", "--zone", "heel_plantar", "achilles",
         "--intensity", "achilles=3", "calf_lower_medial=4", "--json"],
        capsys,
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(together) == json.loads(repeated)
    assert json.loads(together)["intensities"] == {
        "heel_plantar": 5, "achilles": 3, "calf_lower_medial": 4
    }  # fmt: skip


def test_unknown_zone_gets_the_closest_ids(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["suggest", "--zone", "heel_plantr"], capsys)
    assert code == 1 and out == ""
    assert err.startswith("calfchart: unknown zone 'heel_plantr'; did you mean heel_plantar, ")


@pytest.mark.parametrize(
    ("wanted", "answer"),
    [
        # A zone's plain name, where no id is near it.
        ("back_of_knee", "did you mean knee_posterior"),
        ("back of the knee", "did you mean knee_posterior"),
        # Nothing near at all: where the ids are listed.
        ("xyzzy", "unknown zone 'xyzzy' (`calfchart zones` lists them)"),
    ],
)
def test_an_unknown_zone_is_answered_with_where_to_look(
    capsys: pytest.CaptureFixture[str], wanted: str, answer: str
) -> None:
    code, _, err = run(["suggest", "--zone", wanted], capsys)
    assert code == 1 and answer in err, err


@pytest.mark.parametrize(
    "bad", ["achilles", "achilles=eleven", "achilles=11", "achilles=1_0", "achilles=\u0667"]
)
def test_bad_intensity(capsys: pytest.CaptureFixture[str], bad: str) -> None:
    code, _, err = run(["suggest", "--intensity", bad], capsys)
    assert code == 1 and err.startswith("calfchart: --intensity")


def test_zones_lists_every_spec_zone(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["zones", "--json"], capsys)
    zones = {z["id"]: z for z in json.loads(out)}
    assert code == 0 and len(zones) == 37
    assert zones["heel_plantar"] == {
        "id": "heel_plantar",
        "name": "underside of heel",
        "term": "plantar heel",
        "views": ["plantar"],
    }
    code, out, _ = run(["zones"], capsys)
    assert re.search(
        r"^knee_posterior +back of knee +popliteal fossa +posterior, lateral, medial$", out, re.M
    )


def test_muscles_and_one_muscle_by_alias(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["muscles", "--json"], capsys)
    muscles = {m["id"]: m for m in json.loads(out)}
    assert code == 0 and muscles["gastrocnemius"]["trigger_points"] == [
        f"gastrocnemius-{n}" for n in range(1, 5)
    ]
    code, out, _ = run(["muscle", "fibularis longus", "--json"], capsys)
    card = json.loads(out)
    assert code == 0 and card["id"] == "peroneus_longus"
    assert card["trigger_points"][0]["essential_zones"]
    assert card["treatment"]["stretch"]["steps"] and card["cited_sources"]
    code, out, _ = run(["muscle", "popliteus"], capsys)
    assert code == 0 and "Not for self-pressure" in out
    # The acupressure point in the knee hollow is not offered for a muscle there.
    assert "BL40" not in out and "Acupressure" not in out


def test_unknown_muscle(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["muscle", "soleu"], capsys)
    assert code == 1 and "unknown muscle 'soleu'" in err and "soleus" in err


def test_validate_clean_and_damaged(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import shutil

    from calfchart.resources import data_folder

    code, out, _ = run(["validate"], capsys)
    assert code == 0 and "OK, 37 zones, 15 muscles" in out
    copy = tmp_path / "data"
    shutil.copytree(str(data_folder()), copy)
    soleus = copy / "muscles" / "soleus.yaml"
    lines = soleus.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if line.strip().startswith("prevalence:"))
    lines[n] = lines[n].replace("prevalence:", "prevalance:")
    soleus.write_text("".join(lines), encoding="utf-8")
    code, _, err = run(["validate", "--data-dir", str(copy)], capsys)
    assert code == 1
    assert f"muscles/soleus.yaml:{n + 1}: trigger point: unknown key 'prevalance'" in err
    assert err.rstrip().endswith("calfchart: 2 problems in the data folder")


def test_version_and_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--version"], capsys)[1].strip() == f"calfchart {__version__}"
    code, _, err = run(["suggest", "--zone", "achilles", "--limit", "-1"], capsys)
    assert code == 2 and "--limit: must be 1 or more" in err
    code, _, err = run(["suggest", "--side", "middle", "--zone", "achilles"], capsys)
    assert code == 2 and "invalid choice" in err


def test_errors_reach_the_user_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "zones.yaml").write_text("zones: [", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "calfchart",
            "suggest",
            "--zone",
            "achilles",
            "--data-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "zones.yaml:2: not valid YAML" in result.stderr


def test_no_display_is_a_plain_message(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    for variable in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(variable, raising=False)
    code, _, err = run([], capsys)
    assert code == 1 and "no display to open the window on" in err
    # Opening the window turns the garbage collector off until it is whole: a refusal
    # turns it back on.
    assert gc.isenabled()


def test_a_missing_session_file_is_refused_before_the_window(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run([str(tmp_path / "nowhere.yaml")], capsys)
    assert code == 1 and "nowhere.yaml: no such session file" in err
    code, _, err = run([str(tmp_path)], capsys)
    assert code == 1 and err == f"calfchart: {tmp_path}: a folder, not a session file\n"
    assert gc.isenabled()


def test_a_broken_session_file_is_refused_before_the_window(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """CLI.md: a malformed session file is exit 1, explained on standard error with its
    file and line; the window once opened on an empty chart with a dialog."""
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "calfchart: session\nversion: 1\nside: middle\npain: {calf: 3}\n", encoding="utf-8"
    )
    code, _, err = run([str(broken)], capsys)
    lines = err.splitlines()
    assert code == 1 and len(lines) == 2, err
    assert all(line.startswith(f"calfchart: {broken}:") for line in lines)
    assert ":3: " in lines[0] + lines[1] and ":4: " in lines[0] + lines[1]
    assert gc.isenabled()


@pytest.mark.parametrize("argv", [["zone"], ["sugest", "--zone", "heel_plantar"]])
def test_a_misspelt_command_is_a_usage_error_naming_the_commands(
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)  # no file of that name here
    code, _, err = run(argv, capsys)
    assert code == 2
    assert f"invalid choice: '{argv[0]}'" in err and "'zones'" in err and "'suggest'" in err


def test_the_help_lists_every_command_and_each_command_has_its_own(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["--help"], capsys)
    assert code == 0
    for command in COMMANDS:
        assert command in out
    code, out, _ = run(["suggest", "--help"], capsys)
    assert code == 0 and "usage: calfchart suggest" in out and "--limit N" in out


def test_a_known_command_builds_the_parser_of_that_command_alone(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[str] = []
    real_add_parser = argparse._SubParsersAction.add_parser

    def add_parser(self: Any, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        built.append(name)
        return real_add_parser(self, name, **kwargs)

    monkeypatch.setattr(argparse._SubParsersAction, "add_parser", add_parser)
    code, out, _ = run(["zones"], capsys)
    assert code == 0 and "heel_plantar" in out
    assert built == ["zones"]


def test_data_dir_may_come_before_the_command(
    capsys: pytest.CaptureFixture[str], pack: Path
) -> None:
    code, out, _ = run(["--data-dir", str(pack), "zones", "--json"], capsys)
    assert code == 0 and {z["id"] for z in json.loads(out)} == {
        "heel_plantar",
        "achilles",
        "calf_lower_medial",
    }


def test_red_flags_lists_the_question_ids(
    capsys: pytest.CaptureFixture[str], catalog: Catalog
) -> None:
    code, out, _ = run(["red-flags", "--json"], capsys)
    flags = {f["id"]: f for f in json.loads(out)}
    assert code == 0 and set(flags) == set(catalog.red_flags)
    assert {q["id"] for q in flags["dvt"]["questions"]} == {
        q.id for q in catalog.red_flags["dvt"].questions
    }
    code, out, _ = run(["red-flags"], capsys)
    assert "dvt (urgent)" in out and "dvt-calf-swollen:" in out


def test_a_question_prefix_lists_its_questions(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["suggest", "--zone", "achilles", "--yes", "dvt"], capsys)
    assert code == 1 and "did you mean dvt-cancer" in err and "calfchart red-flags" in err


def test_zero_pain_everywhere_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["suggest", "--intensity", "heel_plantar=0"], capsys)
    assert code == 0 and "Every marked zone is at 0/10" in out


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["suggest", "--zone", "calf"], "did you mean calf_upper_medial, calf_upper_lateral"),
        (
            ["suggest", "--zone", "heel_plantar", "--intensity", "heel_plantar=-1"],
            "must lie between 0 and 10",
        ),
        (["--data-dir", "", "zones"], "--data-dir needs a folder"),
        (["sheet", "--zone", "heel_plantar", "-o", ""], "-o needs the name of the PDF"),
    ],
)
def test_bad_input_gets_a_plain_reason(
    capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    code, _, err = run(argv, capsys)
    assert code == 1 and said in err and "Traceback" not in err


def test_a_binary_session_file_is_not_a_text_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    odd = tmp_path / "photo.yaml"
    odd.write_bytes(b"\x95\x00\xff\xd8")
    code, _, err = run(["sheet", "--session", str(odd), "-o", str(tmp_path / "s.pdf")], capsys)
    assert code == 1 and "not a text file" in err


def test_output_that_cannot_be_written_is_a_message_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(sys.stdout, "flush", full)
        code = main(["zones"])
    err = capsys.readouterr().err
    assert code == 1 and "No space left on device" in err


def test_suggest_without_a_zone_is_wrong_usage_as_for_the_sheet(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(["suggest"], capsys)
    assert code == 2 and err.startswith("usage: calfchart suggest") and "--zone" in err


def test_a_name_several_muscles_share_is_called_ambiguous(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The spec's alias "fibularis" names all three peroneal muscles: not "unknown"."""
    code, _, err = run(["muscle", "fibularis"], capsys)
    assert code == 1
    assert "'fibularis' could be more than one muscle:" in err
    for name in ("fibularis longus", "fibularis brevis", "fibularis tertius"):
        assert name in err


def test_a_muscle_name_of_several_words_needs_no_quotes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["muscle", "fibularis", "longus"], capsys)
    assert code == 0 and out.startswith("Peroneus longus")
