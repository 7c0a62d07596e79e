"""The treatment sheet: its content (Qt-free), the PDF it becomes, and the window's
print, preview and export actions."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader

from calfchart.controller import ChartController
from calfchart.domain.catalog import Catalog, UnknownIdError
from calfchart.domain.ranking import rank
from calfchart.domain.red_flags import Urgency
from calfchart.domain.sheet import (
    SHEET_TITLE,
    TreatmentSheet,
    build_sheet,
    day_label,
    sheet_from_controller,
    short_citation,
    trigger_points_for_muscles,
)
from calfchart.domain.zones import Side, View

if TYPE_CHECKING:
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QTextBlock

    from calfchart.qt.sheet_renderer import SheetDocument

RUNNER = {"heel_plantar": 7, "calf_lower_medial": 5, "achilles": 4}
DAY = dt.date(2026, 11, 25)
POPLITEAL = "popliteal artery"


def runner_sheet(catalog: Catalog, **changes: object) -> TreatmentSheet:
    arguments: dict[str, object] = {
        "side": Side.RIGHT,
        "pain": RUNNER,
        "name": "Sam Runner",
        "prepared_by": "Jo Physio, 555 0100",
        "date": DAY,
    }
    arguments.update(changes)
    return build_sheet(catalog, **arguments)  # type: ignore[arg-type]


def first_question(catalog: Catalog, flag: str) -> str:
    return catalog.red_flags[flag].questions[0].id


# -- the content, without Qt ---------------------------------------------------------------


def test_a_spot_says_where_its_pain_goes_but_not_what_it_leaves_unexplained(
    catalog: Catalog,
) -> None:
    """The window's reason also says which painful places a pattern misses, to explain
    the ranking; on the sheet every chosen point shows the places it covers."""
    suggestions = {
        s.trigger_point.id: s for s in rank(catalog.muscles.values(), RUNNER, catalog.zones)
    }
    whys = {
        spot.trigger_point_id: spot.why
        for section in runner_sheet(catalog).sections
        for spot in section.spots
    }
    assert "does not explain" in suggestions["gastrocnemius-1"].why
    assert (
        whys["gastrocnemius-1"]
        == "It sometimes refers pain to the lower inner calf (spillover zone)."
    )
    assert not any("does not explain" in why for why in whys.values())


def test_the_runner_gets_the_best_three_with_reasons_marks_and_doses(catalog: Catalog) -> None:
    sheet = runner_sheet(catalog)
    best = [s.trigger_point.id for s in rank(catalog.muscles.values(), RUNNER, catalog.zones)[:3]]
    spots = [spot.trigger_point_id for section in sheet.sections for spot in section.spots]
    assert spots == best
    assert sheet.sections[0].muscle_id == "soleus"
    assert [spot.number for s in sheet.sections for spot in s.spots] == [1, 2, 3]
    soleus = sheet.sections[0]
    assert soleus.spots[0].why.startswith("It refers pain to the Achilles tendon and underside")
    assert soleus.spots[0].landmark and soleus.figure_view in soleus.spots[0].views
    assert soleus.pressure is not None and soleus.pressure.dose.startswith("Hold 30 to 60 seconds")
    assert soleus.stretch is not None and soleus.stretch.steps
    assert soleus.avoid and soleus.mistaken_for and soleus.withheld is None
    # The fewest views that show every painful zone; the X marks ride on them.
    assert [p.view for p in sheet.drawings] == [View.POSTERIOR, View.PLANTAR]
    assert {m.trigger_point_id for p in sheet.drawings for m in p.marks} <= set(best)
    assert [p.intensity for p in sheet.pain] == [7, 5, 4]
    assert sheet.log.days[0] == DAY and len(sheet.log.days) == 14
    assert "Soleus: press" in sheet.log.exercises and "Soleus: stretch" in sheet.log.exercises
    assert not sheet.warnings and not sheet.self_treatment_withheld


def test_the_doctor_list_holds_every_red_flag_sign_by_urgency(catalog: Catalog) -> None:
    sheet = runner_sheet(catalog)
    printed = [sign for group in sheet.doctor.groups for sign in group.signs]
    assert sorted(printed) == sorted(s for f in catalog.red_flags.values() for s in f.signs)
    assert [g.urgency for g in sheet.doctor.groups] == sorted(
        {f.urgency for f in catalog.red_flags.values()}, key=lambda u: u.rank
    )
    assert sheet.doctor.intro == catalog.texts.doctor_intro
    assert sheet.doctor.contact is not None and "Jo Physio, 555 0100" in sheet.doctor.contact
    assert runner_sheet(catalog, prepared_by="").doctor.contact is None


def test_a_red_flag_from_the_answers_withholds_all_self_treatment(catalog: Catalog) -> None:
    sheet = runner_sheet(catalog, answers={first_question(catalog, "dvt"): True})
    assert [w.condition for w in sheet.warnings] == [catalog.red_flags["dvt"].condition]
    warning = sheet.warnings[0]
    assert warning.advice == Urgency.URGENT.advice and warning.because
    assert not warning.by_clinician
    assert sheet.self_treatment_withheld
    for section in sheet.sections:
        assert section.pressure is None and section.stretch is None
        assert not section.acupressure and section.figure_view is None
        assert all(spot.landmark is None for spot in section.spots)
        assert section.withheld and "See a doctor first" in section.withheld
    assert not any(panel.marks for panel in sheet.drawings)
    assert sheet.log.exercises == ()


def test_red_flags_by_hand_come_most_pressing_first(catalog: Catalog) -> None:
    sheet = runner_sheet(catalog, manual_red_flags=["dvt", "acute_compartment_syndrome"])
    assert [w.urgency for w in sheet.warnings] == [Urgency.EMERGENCY, Urgency.URGENT]
    assert all(w.by_clinician for w in sheet.warnings)


def test_popliteus_has_no_self_pressure_but_keeps_its_caution(catalog: Catalog) -> None:
    sheet = build_sheet(
        catalog, side=Side.LEFT, pain={"knee_posterior": 6}, trigger_points=["popliteus-1"]
    )
    (section,) = sheet.sections
    assert not section.self_treatment and section.pressure is None
    assert section.not_for_self_pressure and POPLITEAL in section.not_for_self_pressure
    assert any(POPLITEAL in c for c in section.cautions)
    assert section.stretch is not None  # stretching it is safe
    assert [m.press for p in sheet.drawings for m in p.marks] == [False]
    assert sheet.log.exercises == ("Popliteus: stretch",)


@pytest.mark.parametrize(
    ("pain", "muscles"),
    [
        ({"heel_plantar": 5}, "soleus"),
        ({"knee_posterior": 6, "knee_medial": 4}, ""),
        ({"sole_midfoot": 5, "foot_dorsum_medial": 4, "thigh_lateral": 3}, ""),
        ({"knee_posterior": 5}, "gastrocnemius soleus plantaris popliteus tibialis_posterior"),
    ],
)
def test_every_trigger_point_on_the_sheet_is_on_the_pain_drawing(
    catalog: Catalog, pain: dict[str, int], muscles: str
) -> None:
    """Seen: soleus for heel pain drawn on no view (only the sole was drawn), and
    plantaris and popliteus for knee pain left off (only the inner side was drawn)."""
    if muscles:
        sheet = chosen_muscles(catalog, Side.RIGHT, pain, muscles)
    else:
        sheet = build_sheet(catalog, side=Side.RIGHT, pain=pain, date=DAY)
    listed = {spot.trigger_point_id for section in sheet.sections for spot in section.spots}
    drawn = {mark.trigger_point_id for panel in sheet.drawings for mark in panel.marks}
    assert listed and listed <= drawn
    shown = {p.zone_id for panel in sheet.drawings for p in panel.pain}
    assert shown == set(pain)


def test_a_spot_not_to_be_pressed_keeps_its_muscles_technique(catalog: Catalog) -> None:
    sheet = build_sheet(
        catalog,
        side=Side.RIGHT,
        pain={"knee_posterior": 6, "calf_upper_medial": 4},
        trigger_points=["gastrocnemius-3", "gastrocnemius-1"],
    )
    (section,) = sheet.sections
    assert section.self_treatment and section.pressure is not None
    assert {s.trigger_point_id: s.press for s in section.spots} == {
        "gastrocnemius-3": False,
        "gastrocnemius-1": True,
    }
    marks = {m.trigger_point_id: m.press for p in sheet.drawings for m in p.marks}
    assert marks == {"gastrocnemius-3": False, "gastrocnemius-1": True}
    # The spot at the knee hollow says, in words and in its own place, not to press it:
    # the crossed circle in the key alone was once all the sheet said.
    from calfchart.domain.muscles import SPOT_NOT_PRESSED

    not_pressed = {s.trigger_point_id: s.not_pressed for s in section.spots}
    assert not_pressed == {"gastrocnemius-3": SPOT_NOT_PRESSED, "gastrocnemius-1": None}


def test_a_section_whose_spots_are_all_not_to_be_pressed_teaches_no_pressing(
    catalog: Catalog,
) -> None:
    from calfchart.domain.muscles import SPOT_NOT_PRESSED

    sheet = build_sheet(
        catalog, side=Side.RIGHT, pain={"knee_posterior": 6}, trigger_points=["gastrocnemius-3"]
    )
    (section,) = sheet.sections
    assert not section.self_treatment and section.pressure is None
    assert section.not_for_self_pressure == SPOT_NOT_PRESSED
    assert any("hollow behind the knee" in c for c in section.cautions)
    assert sheet.log.exercises == ("Gastrocnemius: stretch",)


def test_a_stretch_two_muscles_share_is_printed_and_logged_once(pack: Path) -> None:
    from calfchart.catalog import load_catalog
    from tests.packs import SOLEUS

    twin = SOLEUS.replace("id: soleus", "id: twin").replace("name: Soleus", "name: Twin")
    twin = twin.replace("soleus-1", "twin-1").replace("deep calf muscle", "twin muscle")
    (pack / "muscles" / "twin.yaml").write_text(twin, encoding="utf-8")
    small = load_catalog(pack)
    sheet = build_sheet(
        small, side=Side.RIGHT, pain={"heel_plantar": 6}, trigger_points=["soleus-1", "twin-1"]
    )
    soleus, other = sheet.sections
    assert soleus.stretch is not None
    assert other.stretch is None and other.stretch_as_in is soleus
    assert sheet.log.exercises == ("Soleus: press", "Soleus: stretch", "Twin: press")


def test_muscles_chosen_by_name_bring_the_points_that_fit_the_pain(catalog: Catalog) -> None:
    suggestions = rank(catalog.muscles.values(), RUNNER, catalog.zones)
    chosen = trigger_points_for_muscles(catalog, ["calf muscle", "soleus"], suggestions)
    fitting = [s.trigger_point.id for s in suggestions if s.muscle.id == "gastrocnemius"]
    assert list(chosen[: len(fitting)]) == fitting
    assert "soleus-1" in chosen
    # A muscle whose points explain none of the pain still comes with all of them.
    all_tibialis = trigger_points_for_muscles(catalog, ["tibialis_anterior"], suggestions)
    assert all_tibialis == tuple(
        tp.id for tp in catalog.muscles["tibialis_anterior"].trigger_points
    )
    with pytest.raises(UnknownIdError, match="soleus"):
        trigger_points_for_muscles(catalog, ["solius"], suggestions)


@pytest.mark.parametrize(
    ("changes", "kind"),
    [
        ({"pain": {"heel": 3}}, "zone"),
        ({"trigger_points": ["soleus-9"]}, "trigger point"),
        ({"manual_red_flags": ["dvtt"]}, "red flag"),
    ],
)
def test_unknown_ids_are_refused_with_the_closest(
    catalog: Catalog, changes: Mapping[str, object], kind: str
) -> None:
    with pytest.raises(UnknownIdError) as info:
        runner_sheet(catalog, **changes)
    assert info.value.kind == kind and info.value.closest


def test_a_clinician_may_choose_points_that_do_not_fit(catalog: Catalog) -> None:
    sheet = runner_sheet(catalog, trigger_points=["tibialis_anterior-1"])
    assert "does not cover" in sheet.sections[0].spots[0].why
    empty = build_sheet(catalog, side=Side.RIGHT, pain={}, trigger_points=["soleus-1"])
    assert "no painful area" in empty.sections[0].spots[0].why and not empty.drawings


def test_citations_are_the_main_sources_shortened(catalog: Catalog) -> None:
    sheet = runner_sheet(catalog)
    assert sheet.citations and all(c.tier in {"A", "B"} for c in sheet.citations)
    assert any(c.id == "ts-vol2" for c in sheet.citations)
    assert sheet.other_sources > 0
    assert short_citation("Doe J. A page (notes about everything on the page, at length).") == (
        "Doe J. A page."
    )
    assert short_citation("Richter P. Trigger Points (Thieme, 2009).") == (
        "Richter P. Trigger Points (Thieme, 2009)."
    )


def test_day_labels_are_english_whatever_the_locale() -> None:
    assert day_label(DAY) == "Wed 25 Nov"


def test_the_window_sheet_follows_the_controller(catalog: Catalog) -> None:
    controller = ChartController(catalog)
    for zone, level in RUNNER.items():
        controller.set_intensity(zone, level)
    controller.set_side(Side.LEFT)
    controller.set_details(name="Ana")
    controller.set_on_sheet(controller.sheet_trigger_points[1], False)
    sheet = sheet_from_controller(controller, "Dr Who")
    spots = tuple(spot.trigger_point_id for s in sheet.sections for spot in s.spots)
    assert spots == controller.sheet_trigger_points
    assert sheet.side is Side.LEFT and sheet.name == "Ana" and sheet.prepared_by == "Dr Who"
    assert not any(s.acupressure for s in sheet.sections)
    controller.set_acupressure_shown(True)
    assert sheet_from_controller(controller).sections[0].acupressure
    controller.set_answer(first_question(catalog, "dvt"), True)
    assert sheet_from_controller(controller).self_treatment_withheld
    controller.set_answer(first_question(catalog, "dvt"), False)
    # Charted today, printed today: one date. A session charted earlier is printed with
    # today's date (its log starts today) and says when the pain was charted.
    today = dt.date.today()
    assert sheet.date == today and sheet.charted is None
    controller.date = today - dt.timedelta(days=12)
    later = sheet_from_controller(controller)
    assert later.date == today and later.log.days[0] == today
    assert later.charted == today - dt.timedelta(days=12)


def test_a_minimal_pack_makes_a_sheet(pack: Path) -> None:
    from calfchart.catalog import load_catalog

    small = load_catalog(pack)
    sheet = build_sheet(small, side=Side.RIGHT, pain={"heel_plantar": 7})
    assert [s.muscle_id for s in sheet.sections] == ["soleus"]
    assert sheet.evidence == "The evidence is mixed."


# -- the PDF ------------------------------------------------------------------------------


def pdf_text(path: Path) -> list[str]:
    """Each page's text, with Qt's word-by-word placement normalised (QT-NOTES §3)."""
    return [
        " ".join(unicodedata.normalize("NFKC", page.extract_text() or "").split())
        for page in PdfReader(path).pages
    ]


@pytest.fixture
def runner_pdf(qapp: object, catalog: Catalog, tmp_path: Path) -> Path:
    from calfchart.qt.printing import PaperSize, export_pdf

    path = tmp_path / "runner.pdf"
    assert export_pdf(runner_sheet(catalog), path, PaperSize.A4) == 2
    return path


def test_a_long_name_gives_way_in_the_footer_to_the_leg_date_and_page(
    qapp: object, catalog: Catalog, tmp_path: Path
) -> None:
    """An 80-character name once ran the footer's date into "page 1 of 2"."""
    from calfchart.qt.printing import PaperSize, export_pdf

    name = "Alexandra Konstantinopoulou-Vanderbilt de la Fontaine, physiotherapy client 2026"
    path = tmp_path / "long.pdf"
    export_pdf(runner_sheet(catalog, name=name), path, PaperSize.A4)
    for page, text in enumerate(pdf_text(path), 1):
        assert "Alexandra Konstantinopoulou-Vanderbilt" in text
        assert f"..., right leg, 25 November 2026 page {page} of 2" in text  # NFKC: … is ...


def test_the_runner_pdf_has_two_pages_with_everything_on_them(
    runner_pdf: Path, catalog: Catalog
) -> None:
    pages = pdf_text(runner_pdf)
    assert len(pages) == 2
    text = " ".join(pages)
    for expected in (
        "Sam Runner",
        "Leg: right",
        "25 November 2026",
        "Prepared by: Jo Physio, 555 0100",
        "Soleus",
        "Tibialis posterior",
        "Hold 30 to 60 seconds. 3 to 5 holds on each tender spot.",
        "How hard:",
        "Stretch: Bent-knee calf stretch at a wall",
        catalog.texts.doctor_intro,
        Urgency.EMERGENCY.advice,
        "Two-week log",
        "What keeps it going:",
        "Can be mistaken for:",
        "Travell JG, Simons DG",
    ):
        assert expected in text, expected
    assert "page 1 of 2" in pages[0] and "page 2 of 2" in pages[1]
    reader = PdfReader(runner_pdf)
    assert reader.metadata is not None and reader.metadata.title == SHEET_TITLE
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    # Words reach the PDF's text as written: no ligature ("ﬂat"), which search, copy
    # and screen readers take for another character.
    raw = "".join(page.extract_text() or "" for page in reader.pages)
    assert "flat" in raw and not any("\ufb00" <= c <= "\ufb06" for c in raw)


def test_letter_paper_is_honoured(qapp: object, catalog: Catalog, tmp_path: Path) -> None:
    from calfchart.qt.printing import PaperSize, export_pdf

    path = tmp_path / "letter.pdf"
    export_pdf(runner_sheet(catalog), path, PaperSize.LETTER)
    box = PdfReader(path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_the_red_flag_sheet_leads_with_the_warning_and_teaches_no_massage(
    qapp: object, catalog: Catalog, tmp_path: Path
) -> None:
    from calfchart.qt.printing import export_pdf

    path = tmp_path / "flag.pdf"
    sheet = runner_sheet(
        catalog, answers={first_question(catalog, "acute_compartment_syndrome"): True}
    )
    export_pdf(sheet, path)
    pages = pdf_text(path)
    assert pages[0].startswith(Urgency.EMERGENCY.advice)
    text = " ".join(pages)
    assert "It may be: Acute compartment syndrome" in text
    assert "See a doctor first" in text
    for massage in ("How to press", "How hard:", "Dose:", "Find it:", "Hold 30 to", "Stretch:"):
        assert massage not in text, massage
    assert "X1" not in text  # no "press here" marks either
    # Nor does a source's summary of a technique read like one among the main sources.
    assert "press to the barrier" not in text and "Simons DG. Trigger-point" in text


@pytest.mark.parametrize(
    ("pain", "says"),
    [
        ({"heel_plantar": 0}, "None: no place is marked as hurting"),
        ({"knee_anterior": 6}, "None: no trigger point calfchart knows refers pain"),
    ],
)
def test_a_sheet_with_nothing_to_treat_says_why_and_asks_no_doctor_visit(
    qapp: object, catalog: Catalog, tmp_path: Path, pain: dict[str, int], says: str
) -> None:
    """Seen with every zone at 0: a sheet with no word on trigger points, and a log that
    said "Take it to the doctor." (the red-flag diary's words) with no warning raised."""
    from calfchart.qt.printing import export_pdf

    sheet = build_sheet(catalog, side=Side.RIGHT, pain=pain, date=DAY)
    assert not sheet.sections and not sheet.warnings
    path = tmp_path / "nothing.pdf"
    export_pdf(sheet, path)
    text = " ".join(pdf_text(path))
    assert "Trigger points to treat " + says in text
    assert "Two-week log" in text and "Take it to the doctor" not in text
    if sheet.other_sources == 1:
        assert "1 more source;" in text


def test_the_popliteal_caution_is_printed(qapp: object, catalog: Catalog, tmp_path: Path) -> None:
    from calfchart.qt.printing import export_pdf

    path = tmp_path / "knee.pdf"
    sheet = build_sheet(
        catalog, side=Side.LEFT, pain={"knee_posterior": 6}, trigger_points=["popliteus-1"]
    )
    export_pdf(sheet, path)
    text = " ".join(pdf_text(path))
    assert "Do not press this spot yourself" in text
    assert "The popliteal artery and vein and the tibial nerve" in text
    assert "How hard:" not in text


def test_a_spot_not_to_be_pressed_says_so_beside_it_on_paper(
    qapp: object, catalog: Catalog, tmp_path: Path
) -> None:
    from calfchart.qt.printing import PaperSize, export_pdf

    sheet = build_sheet(
        catalog,
        side=Side.RIGHT,
        pain={"knee_posterior": 6, "calf_upper_medial": 4},
        trigger_points=["gastrocnemius-1", "gastrocnemius-3"],
    )
    path = tmp_path / "mixed.pdf"
    export_pdf(sheet, path, PaperSize.A4)
    text = " ".join(pdf_text(path))
    knee_hollow = text.index("Behind the knee, inner side")
    warning = text.index("Do not press this spot yourself.", knee_hollow)
    assert warning < text.index("How to press the spots marked X")
    assert "Where it lies:" in text[knee_hollow:warning]


def test_figures_never_cross_a_page_edge(qapp: object, catalog: Catalog) -> None:
    from PySide6.QtCore import QSizeF

    from calfchart.qt.sheet_renderer import SheetDocument

    for sheet in (
        runner_sheet(catalog),
        runner_sheet(catalog, acupressure=True),
        build_sheet(
            catalog,
            side=Side.LEFT,
            pain={"knee_posterior": 6, "calf_upper_medial": 0},
            trigger_points=["popliteus-1", "gastrocnemius-1", "plantaris-1", "soleus-2"],
        ),
    ):
        layout = SheetDocument(sheet, QSizeF(515, 760))
        height = layout.body.height()
        for placed in layout._placed:
            rect = layout.figure_rect(placed)
            assert int(rect.top() // height) == int((rect.bottom() - 0.01) // height)


def printable_area(paper: str) -> QSizeF:
    """The printable area export_pdf gives the sheet on `paper` ("a4" or "letter")."""
    from PySide6.QtGui import QPageLayout

    from calfchart.qt.printing import PaperSize, page_layout

    return page_layout(PaperSize(paper)).paintRect(QPageLayout.Unit.Point).size()


def lines_on_pages(layout: SheetDocument) -> list[tuple[QTextBlock, int, float, float]]:
    """Every laid-out line of text (figures' placeholders and empty blocks left out):
    its block, its number in the block, and where it starts and ends on the long strip
    of pages that `paint_page` cuts into pages."""
    figures = {placed.block.blockNumber() for placed in layout._placed}
    lines = []
    block = layout.document.begin()
    while block.isValid():
        if block.text().strip() and block.blockNumber() not in figures:
            for n, (top, bottom) in enumerate(layout.line_spans(block)):
                lines.append((block, n, top, bottom))
        block = block.next()
    return lines


def chosen_muscles(catalog: Catalog, side: Side, pain: Mapping[str, int], muscles: str,
                   acupressure: bool = False) -> TreatmentSheet:  # fmt: skip
    """A sheet for muscles chosen by name, as `calfchart sheet --muscle` makes it."""
    chosen = trigger_points_for_muscles(
        catalog, muscles.split(), rank(catalog.muscles.values(), pain, catalog.zones)
    )
    return build_sheet(
        catalog, side=side, pain=pain, trigger_points=chosen, acupressure=acupressure, date=DAY
    )


def long_sheets(catalog: Catalog) -> list[tuple[str, TreatmentSheet]]:
    """Two long sheets, on A4 and Letter, that once showed faults of page breaking."""
    return [
        ("a4", chosen_muscles(
            catalog, Side.RIGHT, dict.fromkeys(("malleolus_medial", "heel_plantar",
                                                 "foot_dorsum_lateral"), 5),
            "gastrocnemius gluteus_minimus peroneus_longus flexor_digitorum_longus "
            "tibialis_anterior tibialis_posterior soleus peroneus_tertius plantaris "
            "peroneus_brevis flexor_hallucis_longus piriformis popliteus",
        )),
        ("letter", chosen_muscles(
            catalog, Side.RIGHT, dict.fromkeys(("big_toe_plantar", "shin_lower", "achilles"), 5),
            "peroneus_longus tibialis_posterior extensor_hallucis_longus "
            "flexor_digitorum_longus gluteus_minimus peroneus_brevis popliteus "
            "extensor_digitorum_longus tibialis_anterior peroneus_tertius soleus",
            acupressure=True,
        )),
    ]  # fmt: skip


def test_no_line_of_text_is_cut_by_a_page_edge(qapp: object, catalog: Catalog) -> None:
    """Long sheets that once printed a line half at the foot of one page and half at
    the top of the next (and twice in the PDF's text): Qt's page height off its 64ths
    of a point, and the paragraph after a section's table left astride the edge."""
    from calfchart.qt.sheet_renderer import SheetDocument

    cases = long_sheets(catalog)
    for paper, sheet in cases:
        layout = SheetDocument(sheet, printable_area(paper))
        height = layout.body.height()
        cut = [
            (paper, int(top // height), block.text()[:40])
            for block, _, top, bottom in lines_on_pages(layout)
            if int(top // height) != int((bottom - 0.01) // height)
        ]
        assert not cut


def test_no_paragraph_leaves_a_line_alone_at_a_page_edge(qapp: object, catalog: Catalog) -> None:
    """A paragraph a page edge splits keeps two lines or more on each page: a line
    alone at a page's foot or top reads as a stray (one sheet in five had one)."""
    from calfchart.qt.sheet_renderer import WIDOW_LINES, SheetDocument

    for paper, sheet in long_sheets(catalog):
        layout = SheetDocument(sheet, printable_area(paper))
        height = layout.body.height()
        pages: dict[int, list[int]] = {}
        for block, _, top, _ in lines_on_pages(layout):
            pages.setdefault(block.blockNumber(), []).append(int(top // height))
        split = [on for on in pages.values() if on[0] != on[-1]]
        assert split  # the sheets do split paragraphs
        lone = [on for on in split if min(on.count(on[0]), on.count(on[-1])) < WIDOW_LINES]
        assert not lone, (paper, lone)


def test_the_pdf_text_of_a_page_holds_only_what_is_printed_on_it(
    qapp: object, catalog: Catalog, tmp_path: Path
) -> None:
    """A paragraph that goes on over a page edge used to write its last line on the
    first page into the second page's text as well, above the printed area (cut away on
    paper): copied, searched or read aloud from the PDF, that line came twice."""
    from PySide6.QtGui import QPageLayout

    from calfchart.qt.printing import PaperSize, export_pdf, page_layout
    from calfchart.qt.sheet_renderer import RUNNING_HEAD_RISE

    sheet = chosen_muscles(
        catalog, Side.RIGHT, dict.fromkeys(("knee_posterior", "calf_upper_lateral"), 5),
        "gastrocnemius soleus plantaris popliteus tibialis_posterior peroneus_longus",
    )  # fmt: skip
    path = tmp_path / "long.pdf"
    export_pdf(sheet, path, PaperSize.A4)
    printed = page_layout(PaperSize.A4).paintRect(QPageLayout.Unit.Point)
    height = page_layout(PaperSize.A4).fullRect(QPageLayout.Unit.Point).height()
    outside: list[tuple[int, str]] = []
    running_heads: dict[int, list[str]] = {}

    def where(number: int, text: str, cm: list[float], tm: list[float], *_: object) -> None:
        # The baseline, from the top of the page (a PDF counts up from the foot).
        baseline = height - (tm[4] * cm[1] + tm[5] * cm[3] + cm[5])
        if not text.strip() or printed.top() < baseline <= printed.bottom():
            return
        # Only the running head may stand outside: in the top margin, near the text.
        if printed.top() - RUNNING_HEAD_RISE < baseline <= printed.top():
            running_heads.setdefault(number, []).append(text)
        else:
            outside.append((number, " ".join(text.split())))

    pages = PdfReader(path).pages
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        page.extract_text(visitor_text=partial(where, number))
    assert not outside
    assert running_heads, "a sheet this long goes on with a section from page to page"
    for number, words in running_heads.items():
        assert number > 1
        assert re.fullmatch(
            rf".+, continued from page {number - 1}", " ".join("".join(words).split())
        )


def section_titles(sheet: TreatmentSheet) -> list[str]:
    """The sheet's section headings, in print order."""
    treat = "What the chart suggests" if sheet.warnings else "Trigger points to treat"
    muscles = [f"{section.number}. {section.muscle_name}" for section in sheet.sections]
    return [treat, *muscles, "Two-week log", "About this sheet"]


@pytest.mark.parametrize("case", ["shin", "long"])
def test_a_page_that_goes_on_with_a_section_names_it_at_its_top(
    qapp: object, catalog: Catalog, tmp_path: Path, case: str
) -> None:
    """A muscle's "How to press" at the top of page 2 said nothing of which muscle it was
    for: the page now names the section it goes on with, and only then."""
    from calfchart.qt.printing import PaperSize, export_pdf

    pain = {"shin_lower": 5, "ankle_anterior": 5}
    sheet = runner_sheet(catalog, pain=pain) if case == "shin" else long_sheets(catalog)[0][1]
    path = tmp_path / f"{case}.pdf"
    export_pdf(sheet, path, PaperSize.A4)
    pages = pdf_text(path)
    titles = section_titles(sheet)
    assert len(pages) >= 2
    assert "continued from page" not in pages[0]
    heads = 0
    for number in range(2, len(pages) + 1):
        # The section under way at the foot of the page before: the last title printed.
        before = " ".join(pages[: number - 1])
        found, at = [], 0
        for title in titles:
            where = before.find(title, at)
            if where >= 0:
                found.append(title)
                at = where + len(title)
        text = pages[number - 1]
        head = f"{found[-1]}, continued from page {number - 1}"
        next_title = titles[titles.index(found[-1]) + 1 :][:1]
        if next_title and text.startswith(next_title[0]):
            assert "continued from page" not in text  # a page that starts a section
        else:
            assert text.startswith(head), (number, text[:120])
            heads += 1
    assert heads, "each of these sheets breaks a section across a page edge"


def test_no_running_head_where_the_top_margin_has_no_room_for_it(
    qapp: object, catalog: Catalog, tmp_path: Path
) -> None:
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    from calfchart.qt.sheet_renderer import RUNNING_HEAD_MARGIN, paint_sheet

    path = tmp_path / "tight.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    # Margins set by hand in the page setup: too little room above the text.
    top = RUNNING_HEAD_MARGIN - 2
    writer.setPageMargins(QMarginsF(36, top, 36, 28), QPageLayout.Unit.Point)
    pages = paint_sheet(writer, long_sheets(catalog)[0][1])
    del writer  # finishes the file
    assert pages >= 3
    assert not any("continued from page" in text for text in pdf_text(path))


def headings_left_alone(layout: SheetDocument) -> list[str]:
    """The headings (every level, and "Caution:") whose text starts on a later page than
    the heading ends: the next block of text or figure after it, in its column or not
    (a section's title is followed by its table, "Where it hurts" by its drawing)."""
    height = layout.body.height()
    figures = {placed.block.blockNumber(): placed for placed in layout._placed}

    def page_of_start(block: QTextBlock) -> int | None:
        """The page of the block's first line (a figure's top), or None for no text."""
        placed = figures.get(block.blockNumber())
        if placed is not None:
            return int(layout.figure_rect(placed).top() // height)
        spans = layout.line_spans(block) if block.text().strip() else []
        return int((spans[0][0] + spans[0][1]) / 2 // height) if spans else None

    alone = []
    block = layout.document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() or block.text() == "Caution:":
            top, bottom = layout.line_spans(block)[-1]
            text, page = block.next(), None
            while text.isValid() and (page := page_of_start(text)) is None:
                text = text.next()
            if page is not None and page != int((top + bottom) / 2 // height):
                alone.append(f"h{block.blockFormat().headingLevel()} {block.text()!r}")
        block = block.next()
    return alone


# Sheets where a heading was left at the foot of a page, its text on the next one, and
# others as varied: red flags (whose sections have no tables), acupressure, 1 to 15
# muscles. Each: (side, pain, muscles chosen by name or "" for the best three, red flags
# raised by hand, acupressure).
HEADING_CASES: dict[str, tuple[Side, dict[str, int], str, tuple[str, ...], bool]] = {
    # "Do not press this spot yourself" in the plantaris section, at the foot of page 1.
    "knee": (Side.LEFT, {"knee_posterior": 5}, "", (), False),
    # "How to press" at the foot of page 1 on Letter.
    "buttock": (Side.LEFT, dict.fromkeys(("buttock", "thigh_posterior", "calf_upper_lateral",
                                          "calf_lower_lateral"), 5), "", (), False),
    # Every zone marked: "Trigger points to treat" was left at the foot of page 1, its
    # first section gone whole to page 2.
    "everywhere": (Side.RIGHT, {}, "", (), False),
    # QA: "What the chart suggests, once a doctor has checked the warning" last on page 1
    # (A4), its first section's title moved to page 2 by its own rule.
    "three red flags": (Side.RIGHT, dict.fromkeys(RUNNER, 5), "",
                        ("cauda_equina", "dvt", "nerve_root"), True),
    # "Where it hurts" last on page 1, its drawing moved to page 2.
    "five red flags": (Side.RIGHT, dict.fromkeys(("hip_lateral", "big_toe_plantar",
                                                  "heel_posterior", "heel_lateral"), 5), "",
                       ("exertional_compartment_syndrome", "acute_compartment_syndrome",
                        "nerve_root", "fracture", "cauda_equina"), True),
    "five red flags, knee": (Side.RIGHT, {"knee_anterior": 5}, "",
                             ("acute_compartment_syndrome", "cauda_equina", "cellulitis",
                              "bakers_cyst_rupture", "exertional_compartment_syndrome"), True),
    "three red flags, five muscles": (
        Side.RIGHT, dict.fromkeys(("ankle_anterior", "hip_lateral", "arch_medial"), 5),
        "peroneus_longus peroneus_tertius plantaris flexor_digitorum_longus gastrocnemius",
        ("exertional_compartment_syndrome", "arterial_claudication", "nerve_root"), False),
    "three red flags, fourteen muscles": (
        Side.RIGHT, dict.fromkeys(("malleolus_medial", "buttock", "foot_dorsum_lateral",
                                   "calf_upper_lateral"), 5),
        "plantaris extensor_hallucis_longus peroneus_brevis popliteus flexor_hallucis_longus "
        "peroneus_longus flexor_digitorum_longus soleus piriformis gluteus_minimus "
        "peroneus_tertius extensor_digitorum_longus gastrocnemius tibialis_anterior",
        ("dvt", "acute_limb_ischaemia", "nerve_root"), False),
    "popliteus": (Side.LEFT, {"knee_posterior": 5}, "popliteus", (), False),
    "gastrocnemius, acupressure": (Side.RIGHT, {"calf_upper_medial": 5}, "gastrocnemius", (),
                                   True),
    "six muscles": (Side.RIGHT, dict.fromkeys(("knee_posterior", "calf_upper_lateral"), 5),
                    "gastrocnemius soleus plantaris popliteus tibialis_posterior "
                    "peroneus_longus", (), True),
}  # fmt: skip


@pytest.mark.parametrize("case", HEADING_CASES)
def test_a_heading_is_never_left_alone_at_the_foot_of_a_page(
    qapp: object, catalog: Catalog, case: str
) -> None:
    """A heading of any level, or "Caution:", ends its page with its text on the next
    one neither by its own rule (a heading too near the foot) nor by a move of what
    follows it: a section's title, or a drawing, gone to the next page."""
    from calfchart.qt.sheet_renderer import SheetDocument

    side, pain, muscles, flags, acupressure = HEADING_CASES[case]
    if case == "everywhere":
        pain = {zone: n % 10 + 1 for n, zone in enumerate(catalog.zones)}
    chosen = (
        trigger_points_for_muscles(
            catalog, muscles.split(), rank(catalog.muscles.values(), pain, catalog.zones)
        )
        if muscles
        else ()
    )
    sheet = build_sheet(catalog, side=side, pain=pain, trigger_points=chosen,
                        manual_red_flags=flags, acupressure=acupressure, date=DAY)  # fmt: skip
    for paper in ("a4", "letter"):
        layout = SheetDocument(sheet, printable_area(paper))
        assert not headings_left_alone(layout), paper


# The cases QA printed: a runner, and pain from the buttock down the outer calf.
TYPICAL = {
    "runner": (Side.RIGHT, {**RUNNER, "calf_lower_lateral": 5}),
    "buttock": (Side.LEFT, dict.fromkeys(
        ("buttock", "thigh_posterior", "calf_upper_lateral", "calf_lower_lateral"), 5
    )),
}  # fmt: skip
CROWDED = {
    **TYPICAL,
    "ankle": (Side.RIGHT, dict.fromkeys(
        ("heel_plantar", "malleolus_lateral", "malleolus_medial", "achilles", "shin_lower",
         "buttock"), 5
    )),
    "knee": (Side.RIGHT, {"knee_posterior": 5}),
    "shin": (Side.LEFT, {"shin_upper": 5, "shin_lower": 5}),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(TYPICAL))
def test_a_typical_sheet_is_two_pages_on_a4_and_on_letter(
    qapp: object, catalog: Catalog, tmp_path: Path, case: str
) -> None:
    from calfchart.qt.printing import PaperSize, export_pdf

    side, pain = TYPICAL[case]
    sheet = build_sheet(catalog, side=side, pain=pain, name="Sam Runner", date=DAY)
    for paper in PaperSize:
        path = tmp_path / f"{case}-{paper.value}.pdf"
        assert export_pdf(sheet, path, paper) == 2, paper
        pages = pdf_text(path)
        assert "Main sources." in pages[1] and "Two-week log" in pages[1]


@pytest.mark.parametrize("case", sorted(CROWDED))
def test_each_column_of_a_muscle_is_laid_out_at_the_width_it_was_measured_at(
    qapp: object, catalog: Catalog, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    """A section's columns are split, and its notes put beside or under the stretch,
    by measuring them. The stretch column was once measured a point wider than it was
    laid out: a line that wrapped only there made the buttock case's first section two
    lines taller than measured, and the sheet ran on to a third page on Letter."""
    from calfchart.qt.sheet_renderer import DENSITIES, _px, _SheetHtml

    measured: dict[str, set[str]] = {}
    height = _SheetHtml._height

    def recording(writer: _SheetHtml, html: str, width: float) -> float:
        measured.setdefault(html, set()).add(_px(width))
        return height(writer, html, width)

    monkeypatch.setattr(_SheetHtml, "_height", recording)
    side, pain = CROWDED[case]
    sheet = build_sheet(catalog, side=side, pain=pain, date=DAY)
    for density in DENSITIES:
        html = _SheetHtml(sheet, printable_area("letter").width(), density).html()
        # A section's table ends with the stretch column, and the notes when beside it.
        last_columns = re.findall(r"<td width='([\d.]+)'>((?:(?!<td).)*?)</td></tr></table>", html)
        columns = [(width, body) for width, body in last_columns if body in measured]
        assert len(columns) == len(sheet.sections), density
        for width, body in columns:
            assert width in measured[body], density


def test_a_last_page_of_a_few_lines_is_saved_by_a_tighter_setting(
    qapp: object, catalog: Catalog
) -> None:
    """An emergency withholds the diary: on Letter this sheet ran on to a second page
    of five lines of sources. Set tighter, it fits on one, whole: no heading left
    alone, nothing past the page's foot."""
    from calfchart.qt.sheet_renderer import DENSITIES, SheetDocument

    sheet = build_sheet(
        catalog, side=Side.RIGHT, pain=dict.fromkeys(("heel_lateral", "big_toe_plantar",
                                                      "foot_lateral"), 5),
        trigger_points=["peroneus_longus-1"], manual_red_flags=["acute_compartment_syndrome"],
        date=DAY,
    )  # fmt: skip
    layout = SheetDocument(sheet, printable_area("letter"))
    assert SheetDocument(sheet, printable_area("letter"), DENSITIES[0]).page_count == 2
    assert layout.page_count == 1
    assert layout.density == DENSITIES[1]
    assert not headings_left_alone(layout)
    height = layout.body.height()
    assert all(bottom <= height for _, _, _, bottom in lines_on_pages(layout))


def test_a_short_last_page_stays_only_when_no_setting_saves_it(
    qapp: object, catalog: Catalog
) -> None:
    """One-muscle sheets end on a page holding "About this sheet", or the tail of its
    sources, at every density (page 1 is full: the warning signs beside the drawing,
    the section, the diary). A tighter setting is worth it only for a page saved: none
    is, so the usual one stays."""
    from calfchart.qt.sheet_renderer import DENSITIES, SheetDocument

    for muscle, zone in (("peroneus_tertius", "foot_dorsum_lateral"),
                         ("gastrocnemius", "calf_upper_medial")):  # fmt: skip
        sheet = chosen_muscles(catalog, Side.RIGHT, {zone: 5}, muscle)
        layout = SheetDocument(sheet, printable_area("a4"))
        height = layout.body.height()
        last = max(bottom for _, _, _, bottom in lines_on_pages(layout))
        if last - (layout.page_count - 1) * height < height / 5:
            tighter = [SheetDocument(sheet, printable_area("a4"), d) for d in DENSITIES[1:]]
            assert min(t.page_count for t in tighter) == layout.page_count, muscle
            assert layout.density == DENSITIES[0], muscle


@pytest.mark.parametrize("width", [219.0, 160.0])
def test_the_pain_drawing_captions_are_whole_and_apart(
    qapp: object, catalog: Catalog, width: float
) -> None:
    from calfchart.qt.sheet_renderer import pain_layout, text_width

    for side, pain in CROWDED.values():
        layout = pain_layout(build_sheet(catalog, side=side, pain=pain), width)
        assert layout is not None
        captions = [panel.caption_rect for panel in layout.panels]
        for panel in layout.panels:
            caption = panel.caption_rect
            assert " ".join(panel.caption) == f"{panel.panel.view.label}, {side.value} leg"
            widest = max(text_width(line, layout.caption_size, bold=True) for line in panel.caption)
            assert caption.width() >= widest - 0.01
            assert panel.box.left() <= caption.left() and caption.right() <= panel.box.right()
            assert caption.top() >= panel.box.bottom() and caption.bottom() <= layout.height
            assert not any(caption.intersects(other) for other in captions if other is not caption)
        assert layout.panels[-1].box.right() <= max(width, layout.width)


def test_marks_and_numbers_on_the_pain_drawing_never_cover_each_other(
    qapp: object, catalog: Catalog
) -> None:
    from calfchart.qt.sheet_renderer import pain_layout

    for name, (side, pain) in CROWDED.items():
        sheet = build_sheet(catalog, side=side, pain=pain)
        for height in (185.0, 165.0):
            layout = pain_layout(sheet, 219.0, height)
            assert layout is not None
            for panel in layout.panels:
                anchors = panel.drawing.anchors
                for mark in panel.marks:  # on its trigger point, and whole
                    spot = next(m for m in panel.panel.marks if str(m.number) == mark.text)
                    at = panel.transform.map(anchors[f"trp-{spot.trigger_point_id}"])
                    assert (mark.centre - at).manhattanLength() < 1e-6
                    assert panel.box.contains(mark.rect), (name, mark)
                for n, mark in enumerate(panel.marks):  # two marks never touch
                    assert not [m for m in panel.marks[n + 1 :] if m.rect.intersects(mark.rect)]
                texts = sorted(n.text for n in panel.numbers if n.kind == "intensity")
                assert texts == sorted(str(p.intensity) for p in panel.panel.pain)
                assert sorted(n.text for n in panel.numbers if n.kind == "number") == sorted(
                    m.text for m in panel.marks
                )
                for number in panel.numbers:
                    assert panel.box.contains(number.rect), (name, number)
                    others = [*panel.marks, *(n for n in panel.numbers if n is not number)]
                    hit = [o for o in others if number.rect.intersects(o.rect)]
                    assert not hit, (name, height, number, hit)


def test_a_failed_export_leaves_the_old_file_and_no_temporary(
    qapp: object, catalog: Catalog, tmp_path: Path
) -> None:
    from calfchart.qt.printing import export_pdf

    with pytest.raises(OSError):
        export_pdf(runner_sheet(catalog), tmp_path / "missing" / "x.pdf")
    folder = tmp_path / "a-folder.pdf"
    folder.mkdir()
    with pytest.raises(IsADirectoryError):
        export_pdf(runner_sheet(catalog), folder)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder.pdf"]
    assert not any(folder.iterdir())


def test_page_size_follows_the_locale(monkeypatch: pytest.MonkeyPatch, qapp: object) -> None:
    from PySide6.QtCore import QLocale

    from calfchart.qt import printing

    class FakeLocale:
        MeasurementSystem = QLocale.MeasurementSystem

        def __init__(self, system: QLocale.MeasurementSystem) -> None:
            self._system = system

        def measurementSystem(self) -> QLocale.MeasurementSystem:
            return self._system

    for system, paper in (
        (QLocale.MeasurementSystem.ImperialUSSystem, printing.PaperSize.LETTER),
        (QLocale.MeasurementSystem.MetricSystem, printing.PaperSize.A4),
        (QLocale.MeasurementSystem.ImperialUKSystem, printing.PaperSize.A4),
    ):
        monkeypatch.setattr(
            printing.QLocale, "system", staticmethod(lambda s=system: FakeLocale(s))
        )
        assert printing.default_page_size() is paper


# -- the window's actions ------------------------------------------------------------------


@pytest.fixture
def controller(catalog: Catalog) -> ChartController:
    controller = ChartController(catalog)
    for zone, level in RUNNER.items():
        controller.set_intensity(zone, level)
    controller.set_details(name="Sam Runner")
    return controller


def test_export_writes_the_pdf_chosen_in_the_dialog(
    qtbot: object, controller: ChartController, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QWidget

    from calfchart.qt import printing

    asked: list[Path] = []

    def ask(
        parent: QWidget, suggested: Path, paper: printing.PaperSize
    ) -> tuple[Path, printing.PaperSize]:
        asked.append(suggested)
        return tmp_path / "sheet.pdf", printing.PaperSize.LETTER

    monkeypatch.setattr(printing, "ask_pdf_path", ask)
    window = QWidget()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    written = printing.export_sheet_pdf(window, controller, folder=tmp_path)
    assert written == tmp_path / "sheet.pdf"
    assert asked[0].parent == tmp_path and asked[0].name.startswith("treatment-sheet-sam-runner-")
    reader = PdfReader(written)
    assert len(reader.pages) == 2 and round(float(reader.pages[0].mediabox.width)) == 612
    assert "Sam Runner" in pdf_text(written)[0]


def test_export_cancelled_or_failed_writes_nothing(
    qtbot: object, controller: ChartController, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QWidget

    from calfchart.qt import printing

    window = QWidget()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    monkeypatch.setattr(printing, "ask_pdf_path", lambda *a: None)
    assert printing.export_sheet_pdf(window, controller) is None
    errors: list[str] = []
    monkeypatch.setattr(
        printing, "ask_pdf_path", lambda *a: (tmp_path / "gone" / "x.pdf", printing.PaperSize.A4)
    )
    monkeypatch.setattr(printing.dialogs, "show_error", lambda *a: errors.append(a[2]))
    assert printing.export_sheet_pdf(window, controller) is None
    assert errors and "gone" in errors[0]
    assert list(tmp_path.iterdir()) == []


def test_preview_paints_the_pages(qtbot: object, controller: ChartController) -> None:
    from PySide6.QtWidgets import QApplication

    from calfchart.qt.printing import SheetPreviewDialog

    dialog = SheetPreviewDialog(sheet_from_controller(controller))
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.show()  # not exec(): offscreen, show() and one turn of events paint it
    QApplication.processEvents()
    assert dialog.pages_painted == 2


def test_the_preview_opens_nearly_as_tall_as_the_window(qtbot: object, catalog: Catalog) -> None:
    from PySide6.QtWidgets import QWidget

    from calfchart.qt.printing import SheetPreviewDialog

    window = QWidget()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.resize(1280, 800)
    dialog = SheetPreviewDialog(runner_sheet(catalog), window)
    assert dialog.height() >= 0.9 * window.height() and dialog.width() >= 700


def test_print_paints_onto_the_printer_the_dialog_returns(
    qtbot: object, controller: ChartController, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QWidget

    from calfchart.qt import printing

    target = tmp_path / "printed.pdf"

    def ask(parent: QWidget, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    monkeypatch.setattr(printing, "ask_print", ask)
    window = QWidget()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    assert printing.print_sheet(window, controller) == 2
    assert len(PdfReader(target).pages) == 2
    monkeypatch.setattr(printing, "ask_print", lambda *a: False)
    assert printing.print_sheet(window, controller) is None


def test_acupressure_points_shared_by_muscles_are_described_once(catalog: Catalog) -> None:
    sheet = runner_sheet(catalog, trigger_points=["soleus-1", "gastrocnemius-1"], acupressure=True)
    soleus, gastrocnemius = sheet.sections
    first = {a.id for a in soleus.acupressure}
    assert first == set(catalog.muscles["soleus"].treatment.acupressure)
    assert not first & {a.id for a in gastrocnemius.acupressure}
    shared = set(catalog.muscles["gastrocnemius"].treatment.acupressure) & first
    assert {a.id for a in gastrocnemius.acupressure_above} == shared


def test_a_long_prepared_by_never_wraps_inside_the_phone_number(
    qapp: object, catalog: Catalog, tmp_path: Path
) -> None:
    from calfchart.qt.printing import export_pdf

    path = tmp_path / "long.pdf"
    clinic = "Dr Jo Physiotherapist, Riverside Sports Injury Clinic, +44 20 7946 0958"
    export_pdf(runner_sheet(catalog, prepared_by=clinic), path)
    lines = (PdfReader(path).pages[0].extract_text() or "").splitlines()
    holding = [line for line in lines if "+44" in line]
    assert holding, "the phone number is on the sheet"
    assert all("0958" in line for line in holding), holding


def test_acupressure_points_are_drawn_with_their_codes_clear_of_the_marks(
    qapp: object, catalog: Catalog
) -> None:
    from PySide6.QtCore import QRectF

    from calfchart.qt.drawing import load_drawing
    from calfchart.qt.sheet_renderer import spot_layout

    box = QRectF(0, 0, 90, 160)
    with_points = runner_sheet(catalog, acupressure=True)
    drawn: set[str] = set()
    for section in with_points.sections:
        layout = spot_layout(with_points, section, box)
        assert layout is not None
        dots = [m for m in layout.marks if m.kind == "acupressure"]
        for dot in dots:  # on its point of the drawing
            at = layout.transform.map(layout.drawing.anchors[f"acu-{dot.text}"])
            assert (dot.centre - at).manhattanLength() < 1e-6
        codes = sorted(n.text for n in layout.numbers if n.kind == "code")
        assert codes == sorted(d.text for d in dots)
        for number in layout.numbers:
            assert box.contains(number.rect), (section.muscle_id, number)
            others = [*layout.marks, *(n for n in layout.numbers if n is not number)]
            assert not [o for o in others if number.rect.intersects(o.rect)], number
        drawn |= set(codes)
    soleus = with_points.sections[0]
    assert soleus.muscle_id == "soleus"
    described = {a.id for a in soleus.acupressure}
    on_back = {p for p in described if f"acu-{p}" in load_drawing("posterior").anchors}
    assert on_back and on_back <= drawn

    without = runner_sheet(catalog)
    for section in without.sections:
        layout = spot_layout(without, section, box)
        assert layout is not None
        assert not [m for m in layout.marks if m.kind == "acupressure"]


def test_acupressure_points_off_the_section_drawing_get_a_drawing_of_their_view(
    qapp: object, catalog: Catalog
) -> None:
    from PySide6.QtCore import QRectF

    from calfchart.qt.sheet_renderer import points_elsewhere, points_layout, spot_layout

    for side in Side:
        sheet = runner_sheet(catalog, acupressure=True, side=side)
        drawn: dict[str, View] = {}
        for section in sheet.sections:
            spots = spot_layout(sheet, section, QRectF(0, 0, 90, 160))
            assert spots is not None
            on_figure = {m.text for m in spots.marks if m.kind == "acupressure"}
            box = QRectF(0, 0, 80, 84)
            for view, codes in points_elsewhere(section).items():
                assert not set(codes) & on_figure
                layout = points_layout(sheet, view, codes, box)
                assert layout.caption == f"{view.label}, {side.value} leg"
                dots = [m for m in layout.marks if m.kind == "acupressure"]
                assert sorted(d.text for d in dots) == sorted(codes)
                for dot in dots:
                    at = layout.transform.map(layout.drawing.anchors[f"acu-{dot.text}"])
                    assert (dot.centre - at).manhattanLength() < 1e-6
                    assert box.contains(dot.centre)
                for number in layout.numbers:
                    assert box.contains(number.rect), number
                    others = [*layout.marks, *(n for n in layout.numbers if n is not number)]
                    assert not [o for o in others if number.rect.intersects(o.rect)], number
                drawn |= dict.fromkeys(codes, view)
            named = {a.id for a in (*section.acupressure, *section.acupressure_above)}
            elsewhere = {c for codes in points_elsewhere(section).values() for c in codes}
            assert named <= on_figure | elsewhere, section.muscle_id
        # Soleus is drawn from the back: its inner-ankle point on an inner side of its
        # own; tibialis posterior from the inner side: its calf point on a back view.
        assert drawn == {"KI3": View.MEDIAL, "BL56": View.POSTERIOR}


def test_x_marks_shrink_to_keep_clear_of_acupressure_dots(qapp: object, catalog: Catalog) -> None:
    from PySide6.QtCore import QRectF

    from calfchart.qt.sheet_renderer import MARK_LEAST, spot_layout

    pain = dict.fromkeys(("leg_lateral_upper", "leg_lateral_lower", "malleolus_lateral"), 5)
    sheet = build_sheet(catalog, side=Side.RIGHT, pain=pain, acupressure=True)
    for section in sheet.sections:
        layout = spot_layout(sheet, section, QRectF(0, 0, 80, 118))
        assert layout is not None
        dots = [m for m in layout.marks if m.kind == "acupressure"]
        for mark in (m for m in layout.marks if m.kind != "acupressure"):
            touching = [d.text for d in dots if mark.rect.intersects(d.rect)]
            # Only a dot right on the trigger point may still touch the smallest X.
            assert not touching or mark.size == MARK_LEAST, (section.muscle_id, touching)


def test_the_legend_and_drawings_of_acupressure_points_come_only_with_them(
    qapp: object, catalog: Catalog, tmp_path: Path
) -> None:
    from calfchart.qt.printing import export_pdf

    drawings = {}
    for acupressure in (False, True):
        path = tmp_path / f"acupressure-{acupressure}.pdf"
        export_pdf(runner_sheet(catalog, acupressure=acupressure), path)
        pages = pdf_text(path)
        assert ("An acupressure point;" in pages[0]) is acupressure
        captions = re.findall(
            r"(?:Back|Front|Outer side|Inner side|Sole), right leg", " ".join(pages)
        )
        drawings[acupressure] = len(captions)
    # A point no section drawing shows (soleus' KI3, tibialis posterior's BL56) has a
    # small drawing of its own view.
    assert drawings[True] > drawings[False]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_table_fits_across_the_page(qapp: object, catalog: Catalog, paper: str) -> None:
    """The two-week log, the warning boxes and the layout tables: none wider than the
    page's printable width, or their right edge is cut off."""
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QTextTable

    from calfchart.qt.printing import PaperSize
    from calfchart.qt.sheet_renderer import PAGE_MARGINS_MM, SheetDocument

    margins = (PAGE_MARGINS_MM.left() + PAGE_MARGINS_MM.right()) * 72 / 25.4
    width = {"a4": 595.3, "letter": 612.0}[PaperSize(paper).value] - margins
    # A flag booked for soon keeps the diary, with its rows for a withheld treatment.
    flag = first_question(catalog, "exertional_compartment_syndrome")
    for sheet in (runner_sheet(catalog), runner_sheet(catalog, answers={flag: True})):
        layout = SheetDocument(sheet, QSizeF(width, 720))
        document = layout.document
        tables = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
        assert len(tables) > 3
        for table in tables:
            # Its width is what shows, rules included: Qt reports the frame's left
            # inside the rules, so right() overstates it.
            shown = document.documentLayout().frameBoundingRect(table).width()
            assert shown <= layout.body.width() + 0.5, (paper, shown, layout.body.width())


def test_no_two_week_diary_when_a_doctor_is_needed_today_or_now(
    qapp: object, catalog: Catalog
) -> None:
    """'Call an ambulance now' or 'see a doctor today' beside a fortnight's pain diary
    said two things at once; beside 'book an appointment soon' the diary is what to
    take to the doctor."""
    from calfchart.qt.sheet_renderer import SheetDocument

    emergency = runner_sheet(catalog, manual_red_flags=("acute_compartment_syndrome",))
    urgent = runner_sheet(catalog, manual_red_flags=("dvt",))
    soon = runner_sheet(catalog, manual_red_flags=("exertional_compartment_syndrome",))
    assert [w.urgency for w in soon.warnings] == [Urgency.SOON]
    assert emergency.log.days == () and urgent.log.days == ()
    assert len(soon.log.days) == 14
    page = printable_area("a4")
    for pressing in (emergency, urgent):
        text = SheetDocument(pressing, page).document.toPlainText()
        assert "Two-week log" not in text
        assert pressing.warnings[0].urgency.advice in text
    text = SheetDocument(soon, page).document.toPlainText()
    assert "Two-week log" in text and "Take it to the doctor." in text


def test_a_trigger_point_s_number_sits_on_a_round_plate_unlike_a_pain_number(
    qapp: object,
) -> None:
    """On the overview both were white rounded boxes, so "2 ✕ ✕ 3" beside a pain "3"
    read as intensities."""
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from calfchart.qt.sheet_renderer import _draw_badge

    def near_corner(round_plate: bool) -> QColor:
        image = QImage(100, 100, QImage.Format.Format_RGB32)
        image.fill(QColor("#808080"))
        with QPainter(image) as painter:
            _draw_badge(painter, QRectF(10, 10, 80, 80), "", 60.0, round_plate)
        return image.pixelColor(QPointF(18, 18).toPoint())

    assert near_corner(False) == QColor("#ffffff")  # inside the rounded box
    assert near_corner(True) == QColor("#808080")  # outside the round plate
