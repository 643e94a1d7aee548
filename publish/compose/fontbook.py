"""Font roles of a layout turned into typesetting runs.

A role (宋/黑/楷 …) is a list of faces in order of preference; each character is
set in the first installed face that has it. Every face is subset to exactly
the characters it sets. A character no face has is an error naming where it is.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..errors import InputError, Problem
from ..fonts.resolve import Face, debian_package, find_face
from ..fonts.subset import Subset, coverage, prefill, subset
from ..plan.nodes import Use
from ..sourcefile import first_line
from ..typeset.types import Run


class FontBook:
    def __init__(
        self,
        roles: dict[str, tuple[str, ...]],
        layout_path: str,
        fallbacks: dict[str, tuple[str, ...]] | None = None,
        cores: int | None = None,
    ):
        self.roles = roles
        self.cores = cores  # processes a cold glyph store is filled on (None: every core)
        # headline widths measured (headings.measure_text) and headlines broken
        # (headings.heading_lines): shared by every book of the same fonts
        self.widths, self.headings = _measured(roles, fallbacks or {})
        self.layout_path = layout_path
        self.fallbacks = fallbacks or {}
        # role -> (the font named, the face standing in): reported by build and preflight
        self.substituted: dict[str, tuple[str, str]] = {}
        self._faces: dict[str, list[Face]] = {}
        self._cov: dict[Face, frozenset[int]] = {}
        self._pick: dict[tuple[str, str], Face] = {}
        self.subsets: dict[Face, Subset] = {}

    def faces(self, role: str) -> list[Face]:
        """The role's font first, then the faces for characters it lacks. A font that is
        not installed is an error (exit 2): a 仿宋 body silently set in 楷 is a wrong
        page. Only a `fallback` the layout names may stand in."""
        if role not in self._faces:
            names = self.roles.get(role, ())
            primary = find_face(names[0]) if names else None
            rest = [f for f in (find_face(n) for n in names[1:]) if f]
            if primary is None:
                subs = [f for f in (find_face(n) for n in self.fallbacks.get(role, ())) if f]
                if not subs:
                    raise InputError(self._missing(role, names))
                self.substituted[role] = (names[0], subs[0].label)
                self._faces[role] = subs + [f for f in rest if f not in subs]
            else:
                self._faces[role] = [primary] + [f for f in rest if f != primary]
        return self._faces[role]

    def _missing(self, role: str, names: tuple[str, ...]) -> Problem:
        name = names[0] if names else "（未定义）"
        pkg = debian_package(name)
        how = f"请安装 Debian 软件包 {pkg}（运行 make 会自动安装），" if pkg else "请先安装这个字体，"
        return Problem(
            self.layout_path,
            first_line(self.layout_path, rf"\s+[\"']?{re.escape(role)}[\"']?\s*:"),
            f"字体角色“{role}”要用的字体“{name}”没有安装。{how}"
            f"或改版式这一行：换成已安装的字体（fc-list :lang=zh 可查看），"
            f'或写成 {role}: {{font: ["{name}"], fallback: ["替代字体"]}} 明确允许替代。',
        )

    def _coverage(self, face: Face) -> frozenset[int]:
        if face not in self._cov:
            self._cov[face] = coverage(face)
        return self._cov[face]

    def prepare(self, uses: tuple[Use, ...] | list[Use]) -> None:
        """Pick a face for every character of every use, then build the subsets."""
        self._prefill(uses)
        need: dict[Face, set[str]] = defaultdict(set)
        missing: dict[str, tuple[str, tuple]] = {}
        for use in uses:
            faces = self.faces(use.role)
            for ch in use.text:
                key = (use.role, ch)
                if key in self._pick:
                    continue
                if ch in "\n\t":
                    continue
                cp = ord(ch)
                for face in faces:
                    if cp in self._coverage(face) or ch == " ":
                        self._pick[key] = face
                        need[face].add(ch)
                        break
                else:
                    missing.setdefault(ch, (use.role, use.where))
        if missing:
            problems = []
            for ch, (role, (path, line)) in missing.items():
                problems.append(
                    Problem(
                        path,
                        # Text reaches the fonts after templates and paragraph joining, so its
                        # source line is approximate; the file says where to look.
                        first_line(path, ".*?" + re.escape(ch), line or 1) or line,
                        f"字符“{ch}”（U+{ord(ch):04X}）在“{role}”字体（{'、'.join(f.label for f in self.faces(role))}）中都没有，"
                        "印出来会是空白方框。请改用常用字形，或在版式中为该字体角色加一个含此字的后备字体。",
                    )
                )
            raise InputError(problems)
        for face, chars in need.items():
            # a face prepared before keeps what it had: one subset per face and page
            prev = self.subsets.get(face)
            self.subsets[face] = subset(face, chars | prev.advances.keys() if prev else chars)

    def _prefill(self, uses: tuple[Use, ...] | list[Use]) -> None:
        """Hand each role's first face the text it will most likely set, for prefill()."""
        texts: dict[Face, set[str]] = defaultdict(set)
        for use in uses:
            texts[self.faces(use.role)[0]].update(use.text)
        prefill([(face, chars - set("\n\t")) for face, chars in texts.items()], self.cores)

    def runs(self, text: str, role: str, size: float, bold: bool = False) -> list[Run]:
        """Text in one role, split where the face changes (fallback for rare characters)."""
        out: list[Run] = []
        cur_face, start = None, 0
        for i, ch in enumerate(text):
            face = self._pick.get((role, ch)) or self.faces(role)[0]
            if face is not cur_face:
                if cur_face is not None:
                    out.append(self._run(text[start:i], cur_face, size, bold))
                cur_face, start = face, i
        if cur_face is not None:
            out.append(self._run(text[start:], cur_face, size, bold))
        return out

    def _run(self, text: str, face: Face, size: float, bold: bool) -> Run:
        sub = self.subsets[face]
        return Run(text=text, font=sub.name, size=size, advance=sub.advance, bold=bold)

    def advance(self, role: str, ch: str) -> float:
        face = self._pick.get((role, ch)) or self.faces(role)[0]
        return self.subsets[face].advance(ch)

    def fonts_used(self) -> dict[str, Subset]:
        return {s.name: s for s in self.subsets.values()}


_MEASURED: dict[tuple, tuple[dict, dict]] = {}
MAX_MEASURED = 20_000  # entries of one font setup kept (a page adds a few thousand)


def _measured(roles: dict, fallbacks: dict) -> tuple[dict[tuple, float], dict[tuple, list | None]]:
    """The widths and breaks of headlines for one set of font roles. They depend on the
    text, size and measure and on the faces the roles name, never on one page, so a
    process that composes again (every save in `publish watch`, the meetings of a
    build of many) measures and breaks an unchanged headline once."""
    key = (
        tuple(sorted((k, tuple(v)) for k, v in roles.items())),
        tuple(sorted((k, tuple(v)) for k, v in fallbacks.items())),
    )
    got = _MEASURED.get(key)
    if got is None or len(got[0]) + len(got[1]) > MAX_MEASURED:
        if len(_MEASURED) >= 16:
            _MEASURED.clear()
        got = _MEASURED[key] = ({}, {})
    return got
