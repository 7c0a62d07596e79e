"""Reading YAML as a node tree, so every value keeps the line it came from.

Only PyYAML's safe composer is used: a `!!python/...` tag is reported as a problem,
never constructed. libyaml's C parser is used where it is installed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

from calfchart.catalog.errors import Problem

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_FLOAT = "tag:yaml.org,2002:float"
_DIGITS = re.compile(r"[-+]?[0-9]{1,9}")
_TRUE = frozenset({"true", "yes", "on"})
_FALSE = frozenset({"false", "no", "off"})
_PLAIN_TAGS = {
    _STR,
    _INT,
    _BOOL,
    _NULL,
    _FLOAT,
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


@dataclass
class Reader:
    """Collects the problems of one file while its nodes are read."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def problem(self, node: yaml.Node | None, message: str) -> None:
        self.problems.append(Problem(self.file, line_of(node) if node is not None else 0, message))

    # -- parsing -------------------------------------------------------------
    def compose(self, text: str) -> yaml.Node | None:
        try:
            loader = _Loader(text)
            try:
                node = loader.get_single_node()
            finally:
                loader.dispose()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else 0
            message = f"not valid YAML: {exc.problem or exc}"
            # The parser notices a mistake where it can no longer go on, often a line
            # or more below it: the start of what it was reading points back to it.
            start = exc.context_mark
            if exc.problem and exc.context and start is not None and start.line + 1 != line:
                message += f" ({exc.context} begun at line {start.line + 1})"
            self.problems.append(Problem(self.file, line, message))
            return None
        except yaml.reader.ReaderError as exc:
            # A control character (a NUL byte, say): PyYAML names only its offset.
            line = text[: exc.position].count("\n") + 1
            character = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "?"
            message = f"not valid YAML: the control character {character} is not allowed"
            self.problems.append(Problem(self.file, line, message))
            return None
        except yaml.YAMLError as exc:
            self.problems.append(Problem(self.file, 0, f"not valid YAML: {exc}"))
            return None
        if node is None:
            self.problems.append(Problem(self.file, 1, "the file is empty"))
            return None
        return node if self._plain(node) else None

    def _plain(self, node: yaml.Node) -> bool:
        """Whether the tree is plain YAML: no tags beyond the basic ones, and no aliases.

        An alias makes two places share one node: a value that contains itself never
        ends, and a few nested ones stand for billions of values ("billion laughs").
        Neither a data file nor a session needs them, so the file is refused.
        """
        for each, again in _walk(node):
            if again:
                self.problem(
                    each,
                    "this value is marked with &name and repeated with *name; anchors and "
                    "aliases are not allowed: write the value out",
                )
                return False
            if each.tag not in _PLAIN_TAGS:
                self.problem(each, f"tag '{each.tag}' is not allowed (plain YAML only)")
        return True

    # -- shapes --------------------------------------------------------------
    def mapping(
        self,
        node: yaml.Node,
        what: str,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
    ) -> dict[str, yaml.Node] | None:
        """The keys of a mapping; unknown, duplicate and missing keys are problems."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping of keys to values")
            return None
        found: dict[str, yaml.Node] = {}
        allowed = set(required) | set(optional)
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self.problem(key_node, f"{what}: keys must be plain words")
                continue
            if key in found:
                self.problem(
                    key_node, f"{what}: duplicate key '{key}' (first at line {line_of(found[key])})"
                )
                continue
            if key not in allowed:
                hint = _closest(key, allowed)
                self.problem(key_node, f"{what}: unknown key '{key}'{hint}")
                continue
            found[key] = value_node
        for key in required:
            if key not in found:
                self.problem(node, f"{what}: missing key '{key}'")
        return found

    def text(self, node: yaml.Node | None, what: str) -> str | None:
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag != _STR:
            self.problem(node, f"{what} must be text")
            return None
        value = str(node.value).strip()
        if not value:
            self.problem(node, f"{what} must not be empty")
            return None
        return " ".join(value.split()) if "\n" in value else value

    def integer(self, node: yaml.Node | None, what: str, low: int, high: int) -> int | None:
        if node is None:
            return None
        # YAML also reads 0x1e, 0o17, 1_000 and 1:30 as whole numbers, and a !!int tag
        # makes a number of anything: only plain digits are taken, and not too many.
        if (
            not isinstance(node, yaml.ScalarNode)
            or node.tag != _INT
            or not _DIGITS.fullmatch(node.value)
        ):
            self.problem(node, f"{what} must be a whole number written in digits")
            return None
        value = int(node.value)
        if not low <= value <= high:
            self.problem(node, f"{what} must lie between {low} and {high}, not {value}")
            return None
        return value

    def boolean(self, node: yaml.Node | None, what: str) -> bool | None:
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag != _BOOL:
            self.problem(node, f"{what} must be true or false")
            return None
        # A !!bool tag makes a yes or no of anything: only YAML's own words are taken.
        word = node.value.lower()
        if word not in _TRUE | _FALSE:
            self.problem(node, f"{what} must be true or false")
            return None
        return word in _TRUE

    def sequence(
        self, node: yaml.Node | None, what: str, allow_empty: bool = False
    ) -> list[yaml.Node]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{what} must be a list")
            return []
        if not node.value and not allow_empty:
            self.problem(node, f"{what} must not be empty")
        return list(node.value)

    def texts(
        self, node: yaml.Node | None, what: str, allow_empty: bool = False
    ) -> tuple[str, ...]:
        items = (self.text(item, f"{what} item") for item in self.sequence(node, what, allow_empty))
        return tuple(item for item in items if item is not None)

    def choice(self, node: yaml.Node | None, what: str, choices: tuple[str, ...]) -> str | None:
        value = self.text(node, what)
        if value is None:
            return None
        if value not in choices:
            self.problem(node, f"{what} must be one of {', '.join(choices)}, not '{value}'")
            return None
        return value

    def choices(
        self, node: yaml.Node | None, what: str, choices: tuple[str, ...]
    ) -> tuple[str, ...]:
        items = (self.choice(item, f"{what} item", choices) for item in self.sequence(node, what))
        return tuple(item for item in items if item is not None)

    def seconds_range(self, node: yaml.Node | None, what: str) -> tuple[int, int] | None:
        items = self.sequence(node, what)
        if node is None or not items:
            return None
        values = [self.integer(item, f"{what} item", 1, 3600) for item in items]
        if len(values) != 2:
            self.problem(node, f"{what} must be [shortest, longest] in seconds")
            return None
        low, high = values
        if low is None or high is None:
            return None
        if low > high:
            self.problem(node, f"{what}: the shortest ({low}) is longer than the longest ({high})")
            return None
        return (low, high)


def _walk(node: yaml.Node) -> Iterator[tuple[yaml.Node, bool]]:
    """Every node of a tree, each with whether it was met before (an alias)."""
    seen: set[int] = set()
    stack = [node]
    while stack:
        each = stack.pop()
        if id(each) in seen:
            yield each, True
            continue
        seen.add(id(each))
        yield each, False
        if isinstance(each, yaml.SequenceNode):
            stack.extend(each.value)
        elif isinstance(each, yaml.MappingNode):
            for key, value in each.value:
                stack.extend((key, value))


def _closest(key: str, allowed: set[str]) -> str:
    import difflib

    near = difflib.get_close_matches(key, sorted(allowed), n=1)
    return f" (did you mean '{near[0]}'?)" if near else ""
