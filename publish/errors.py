"""Errors an editor or designer can cause, reported as FILE:LINE: message.

Everything the user can get wrong is raised as InputError (exit 2); a page that
cannot be built from good input (text over the page, a font missing) is a
BuildError (exit 1); a fault of the machine (disk full, no permission) is an
EnvironmentFault (exit 3). None ever reaches the user as a traceback.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

# Never echo a control character to the terminal: ESC sequences recolour or rewrite
# the screen, U+202E reverses what the editor reads. Shown as <U+001B> instead.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def printable(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str
    col: int | None = None

    def __str__(self) -> str:
        where = _display_path(self.path)
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        return printable(f"{where}: {self.message}")


def _display_path(path: str) -> str:
    # Paths under the working directory are shown relative, as the editor typed them.
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return rel if not rel.startswith("..") else str(path)


class PublishError(Exception):
    exit_code = 1

    def __init__(self, problems: list[Problem] | Problem | str):
        items = [problems] if isinstance(problems, (Problem, str)) else problems
        self.problems = [p if isinstance(p, Problem) else Problem("", None, p) for p in items]
        super().__init__("\n".join(str(p) for p in self.problems))


class InputError(PublishError):
    """Bad content, layout or template: the user's file is wrong (exit 2)."""

    exit_code = 2


class BuildError(PublishError):
    """Good input that cannot be built as asked (exit 1)."""

    exit_code = 1


class EnvironmentFault(PublishError):
    """The machine, not the input: disk full, read-only or unwritable output,
    a file where a folder should be, permission denied (exit 3)."""

    exit_code = 3
