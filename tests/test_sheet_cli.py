"""`calfchart sheet`: the treatment sheet from the command line, and its errors."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from calfchart.cli import main
from calfchart.domain.catalog import Catalog
from calfchart.domain.session import Session
from calfchart.domain.sheet import day_label, long_date
from calfchart.domain.zones import Side

RUNNER = [
    "--zone", "heel_plantar", "--intensity", "heel_plantar=7",
    "--intensity", "calf_lower_medial=5", "--intensity", "achilles=4",
]  # fmt: skip


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(["sheet", *args])
    except SystemExit as exc:  # argparse's own usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def text_of(path: Path) -> str:
    pages = PdfReader(path).pages
    return " ".join(
        " ".join(unicodedata.normalize("NFKC", p.extract_text() or "").split()) for p in pages
    )


@pytest.fixture(autouse=True)
def _qt(qapp: object) -> None:
    """The command makes its own QGuiApplication when run alone; in tests pytest-qt's
    application is already there and is used."""


def test_the_runner_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "sheet.pdf"
    code, out, err = run(
        [*RUNNER, "--name", "Sam Runner", "--page-size", "a4", "-o", str(target)], capsys
    )
    assert (code, err) == (0, "")
    assert out.strip() == f"wrote {target} (2 pages, A4)"
    reader = PdfReader(target)
    assert len(reader.pages) == 2 and round(float(reader.pages[0].mediabox.height)) == 842
    text = text_of(target)
    assert "Sam Runner" in text and "Leg: right" in text and "Soleus" in text
    assert "Hold 30 to 60 seconds" in text


def test_letter_left_leg_and_a_chosen_muscle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "knee.pdf"
    code, out, _ = run(
        ["--zone", "knee_posterior", "--side", "left", "--muscle", "popliteus",
         "--prepared-by", "Jo Physio, 555 0100", "--page-size", "letter", "-o", str(target)],
        capsys,
    )  # fmt: skip
    assert code == 0 and "US Letter" in out
    assert round(float(PdfReader(target).pages[0].mediabox.width)) == 612
    text = text_of(target)
    assert "Leg: left" in text and "Popliteus" in text and "Jo Physio, 555 0100" in text
    assert "Do not press this spot yourself" in text and "popliteal artery" in text
    assert "Gastrocnemius" not in text  # only the chosen muscle


def test_a_red_flag_by_hand_leads_the_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], catalog: Catalog
) -> None:
    target = tmp_path / "flag.pdf"
    code, _, _ = run([*RUNNER, "--red-flag", "achilles_rupture", "-o", str(target)], capsys)
    assert code == 0
    first_page = text_of(target)
    assert first_page.startswith("Urgent: see a doctor today.")
    assert "It may be: Achilles tendon rupture" in first_page
    assert "How hard:" not in first_page and "Dose:" not in first_page


def test_the_session_gives_the_case_and_the_command_line_adds_to_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], catalog: Catalog
) -> None:
    session = Session(
        side=Side.LEFT,
        pain={"heel_plantar": 7, "achilles": 4},
        answers={},
        name="Ana",
        sheet_trigger_points=("gastrocnemius-1",),
        date=dt.date(2026, 11, 25),
    )
    saved = tmp_path / "ana.calfchart.yaml"
    saved.write_text(session.to_yaml(), encoding="utf-8")
    target = tmp_path / "ana.pdf"
    code, _, _ = run(["--session", str(saved), "-o", str(target)], capsys)
    assert code == 0
    text = text_of(target)
    assert "Name: Ana" in text and "Leg: left" in text
    # Printed today from a session charted earlier: both days said, and the log starts
    # today, not in the past.
    today = dt.date.today()
    assert f"Date: {long_date(today)}" in text and "Pain charted: 25 November 2026" in text
    assert day_label(today) in text and day_label(dt.date(2026, 11, 25)) not in text
    assert "Gastrocnemius" in text and "1. Soleus" not in text  # the session's choice
    code, _, _ = run(
        ["--session", str(saved), "--name", "Ana B", "--side", "right", "-o", str(target)], capsys
    )
    assert code == 0
    assert "Name: Ana B" in text_of(target) and "Leg: right" in text_of(target)


def test_an_answer_in_the_session_withholds_self_treatment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], catalog: Catalog
) -> None:
    question = catalog.red_flags["dvt"].questions[0].id
    saved = tmp_path / "s.yaml"
    saved.write_text(
        Session(pain={"calf_lower_medial": 6}, answers={question: True}).to_yaml(), "utf-8"
    )
    target = tmp_path / "s.pdf"
    assert run(["--session", str(saved), "-o", str(target)], capsys)[0] == 0
    text = text_of(target)
    assert text.startswith("Urgent: see a doctor today.") and "See a doctor first" in text
    assert "How to press" not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--zone", "heel_plantr"], "unknown zone 'heel_plantr'; did you mean heel_plantar"),
        (["--zone", "heel_plantar", "--muscle", "solius"], "unknown muscle 'solius'"),
        (["--zone", "heel_plantar", "--red-flag", "dvtt"], "did you mean dvt"),
        (["--intensity", "achilles=12"], "must lie between 0 and 10"),
    ],
)
def test_unknown_ids_and_bad_values_are_explained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run([*args, "-o", str(tmp_path / "x.pdf")], capsys)
    assert code == 1 and out == ""
    assert err.startswith("calfchart: ") and message in err and len(err.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_targets_that_cannot_be_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    old = tmp_path / "old.pdf"
    old.write_bytes(b"the old sheet")
    for target, reason in (
        (tmp_path / "missing" / "x.pdf", "No such file or directory"),
        (folder, "a folder, not a file"),
    ):
        code, out, err = run([*RUNNER, "-o", str(target)], capsys)
        assert code == 1 and out == ""
        assert err == f"calfchart: cannot write {target}: {reason}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder", "old.pdf"]
    assert not any(folder.iterdir()) and old.read_bytes() == b"the old sheet"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere"
)
def test_a_folder_without_permission(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err = run([*RUNNER, "-o", str(locked / "x.pdf")], capsys)
    finally:
        locked.chmod(0o700)
    assert code == 1 and "Permission denied" in err and not any(locked.iterdir())


def test_broken_and_missing_sessions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("calfchart: session\nversion: 1\nside: right\npain: {calf: 3}\n", "utf-8")
    code, _, err = run(["--session", str(broken), "-o", str(tmp_path / "x.pdf")], capsys)
    assert code == 1 and err == (
        f"calfchart: {broken}:4: unknown zone 'calf' "
        "(did you mean calf_upper_medial, calf_upper_lateral, calf_lower_medial?)\n"
    )
    missing = tmp_path / "missing.yaml"
    code, _, err = run(["--session", str(missing), "-o", str(tmp_path / "x.pdf")], capsys)
    assert code == 1
    assert err == f"calfchart: cannot read the session {missing}: No such file or directory\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yaml"]


def test_sessions_that_are_not_small_plain_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    code, _, err = run(["--session", str(tmp_path), "-o", str(out)], capsys)
    assert code == 1
    assert err == f"calfchart: cannot read the session {tmp_path}: a folder, not a file\n"
    if hasattr(os, "mkfifo"):
        pipe = tmp_path / "pipe.yaml"
        os.mkfifo(pipe)  # no writer: reading it would wait for ever
        code, _, err = run(["--session", str(pipe), "-o", str(out)], capsys)
        assert code == 1 and err.endswith(": not a file (a device, pipe or socket)\n")
    unknown = ", ".join(f"nowhere_{n}: 3" for n in range(300))
    many = tmp_path / "many.yaml"
    many.write_text(f"calfchart: session\nversion: 1\nside: right\npain: {{{unknown}}}\n")
    code, _, err = run(["--session", str(many), "-o", str(out)], capsys)
    assert code == 1 and len(err.splitlines()) == 21 and "and 280 more problems" in err
    assert not out.exists()


def test_an_output_name_ending_in_a_slash_is_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Path() drops the slash: this once wrote a PDF named "newdir".
    target = f"{tmp_path / 'newdir'}/"
    code, _, err = run([*RUNNER, "-o", target], capsys)
    assert code == 1 and err == f"calfchart: -o {target} names a folder: give the PDF file's name\n"
    assert not any(tmp_path.iterdir())


def test_the_session_file_is_never_written_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = tmp_path / "visit.yaml"
    text = "calfchart: session\nversion: 1\nside: right\npain: {achilles: 3}\n"
    session.write_text(text, encoding="utf-8")
    code, _, err = run(["--session", str(session), "-o", str(session)], capsys)
    assert code == 1
    assert err == f"calfchart: -o {session} is the session file itself: give the PDF another name\n"
    assert session.read_text(encoding="utf-8") == text


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="needs /dev/stdout")
def test_the_sheet_can_be_written_to_standard_output(tmp_path: Path) -> None:
    # Written into, not renamed over (as root that once put a plain file in /dev), and
    # the report goes to standard error, not into the PDF.
    target = tmp_path / "piped.pdf"
    with target.open("wb") as out:
        done = subprocess.run(
            [sys.executable, "-m", "calfchart", "sheet", *RUNNER, "-o", "/dev/stdout"],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("wrote /dev/stdout (2 pages")
    assert target.read_bytes().rstrip().endswith(b"%%EOF")
    assert len(PdfReader(target).pages) == 2


def test_no_zone_and_no_session_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["-o", str(tmp_path / "x.pdf")], capsys)
    assert code == 2 and err.startswith("usage: calfchart sheet") and "--zone" in err


def test_the_whole_command_runs_without_a_display(tmp_path: Path) -> None:
    """As a clinic's script runs it: a new process, no DISPLAY, no QT_QPA_PLATFORM."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    target = tmp_path / "sheet.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "calfchart", "sheet", *RUNNER, "-o", str(target)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"wrote {target} (2 pages")
    assert len(PdfReader(target).pages) == 2


def test_acupressure_points_on_request(tmp_path: Path) -> None:
    target = tmp_path / "acu.pdf"
    assert main(["sheet", "--zone", "heel_plantar", "--acupressure", "-o", str(target)]) == 0
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(target).pages).split())
    assert "BL57" in text
    plain = tmp_path / "plain.pdf"
    assert main(["sheet", "--zone", "heel_plantar", "-o", str(plain)]) == 0
    plain_text = " ".join(" ".join(p.extract_text() for p in PdfReader(plain).pages).split())
    assert "BL57" not in plain_text


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_an_acupressure_point_s_caution_stays_on_the_page_that_names_the_point(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], paper: str
) -> None:
    """Seen on Letter: page 2 began "minutes. If you are pregnant, leave this point
    alone", the point's name left at the foot of page 1."""
    target = tmp_path / "acu.pdf"
    args = [*RUNNER, "--acupressure", "--name", "Sam Runner", "--page-size", paper]
    code, _, err = run([*args, "-o", str(target)], capsys)
    assert code == 0, err
    point = re.compile(r"\b(?:BL|SP|KI|ST|GB|LR)\d+ [A-Z][a-z]+:")
    cautions = 0
    for number, page in enumerate(PdfReader(target).pages, start=1):
        text = " ".join(unicodedata.normalize("NFKC", page.extract_text() or "").split())
        for caution in re.finditer("If you are pregnant", text):
            cautions += 1
            # The nearest point named before it, with nothing of another part between.
            names = list(point.finditer(text, 0, caution.start()))
            assert names, (number, text[: caution.start() + 40])
            between = text[names[-1].end() : caution.start()]
            assert not re.search("keeps it going|mistaken for|continued", between), between
    assert cautions > 0
