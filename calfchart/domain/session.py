"""A session: one person's pain map, screening answers and notes, as saved to a file.

The file is plain YAML (the safe subset) so that a clinician can read it:

    calfchart: session
    version: 1
    date: '2026-11-25'
    side: right
    name: Sam
    pain: {heel_plantar: 7, calf_lower_medial: 4}
    answers: {dvt-calf-swollen: false}
    sheet_trigger_points: [soleus-1]
    notes: Worse after long runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from calfchart.catalog.errors import Problem
from calfchart.domain.catalog import Catalog
from calfchart.domain.record import field, record
from calfchart.domain.zones import Side

FORMAT_MARK = "session"
FORMAT_VERSION = 1
LARGEST_FILE = 1024 * 1024
"""Bytes. A session is a few kilobytes, notes and all; a file far larger is not one."""
PROBLEMS_LISTED = 20
"""A file that is not a session at all can have thousands of problems: the first few say why."""


class SessionError(Exception):
    """A session file that cannot be opened, with the reasons."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def listing(self) -> str:
        """The problems, a line each, the first PROBLEMS_LISTED of them."""
        shown = [str(p) for p in self.problems[:PROBLEMS_LISTED]]
        more = len(self.problems) - len(shown)
        if more > 0:
            shown.append(f"... and {more} more {'problem' if more == 1 else 'problems'}")
        return "\n".join(shown)


@record
class Session:
    side: Side = Side.RIGHT
    pain: Mapping[str, int] = field(default_factory=dict)
    answers: Mapping[str, bool] = field(default_factory=dict)
    name: str = ""
    notes: str = ""
    sheet_trigger_points: tuple[str, ...] = ()
    date: dt.date = field(default_factory=dt.date.today)

    def to_yaml(self) -> str:
        document: dict[str, object] = {
            "calfchart": FORMAT_MARK,
            "version": FORMAT_VERSION,
            "date": self.date.isoformat(),
            "side": self.side.value,
            "name": self.name,
            "pain": dict(self.pain),
            "answers": dict(self.answers),
            "sheet_trigger_points": list(self.sheet_trigger_points),
            "notes": self.notes,
        }
        import yaml  # loaded when a session is saved, not at start-up

        return yaml.safe_dump(
            document, sort_keys=False, allow_unicode=True, default_flow_style=False
        )


def parse_session(text: str, catalog: Catalog, file: str = "session") -> Session:
    """Read a session file's text, checking every id against the catalog.

    Raises SessionError with every reason the file cannot be used.
    """
    # The YAML reader loads only when a file is opened: the window starts without it.
    from calfchart.domain.session_file import read_session

    return read_session(text, catalog, file)
