"""The byline of reporter copy: 报名, 记者 (one or several, names maybe padded), 通讯员, 整理."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .names import name_doubt

_MODIFIERS = re.compile(r"(?:全媒体|融媒体|首席|特约|见习|实习|驻\S+?)+$")
_DUTY = re.compile(r"[\s\u3000]*(采访整理|整理|采写|报道|综合报道|文/图|摄影|摄)$")
_DECOR = "■□◆◇●○▲△★☆※▶►【】[]"


@dataclass
class Byline:
    paper: str = ""
    reporters: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    note: str = ""
    source: str = ""  # 本报 / 本台 / 新华社: said before 记者 as printed
    odd: list[str] = field(default_factory=list)  # what could not be read as a name


def parse_byline(text: str) -> Byline:
    text = text.strip(_DECOR + " \u3000")
    text = re.sub(r"^[（(]?(?:文|文／图|文/图|图／文|图/文)[／/:：]", "", text).strip("（）() \u3000")
    by = Byline()
    m = _DUTY.search(text)
    if m:
        by.note, text = m.group(1), text[: m.start()]
    before, _, after = text.partition("通讯员")
    if "记者" in before:
        head, _, names = before.partition("记者")
        by.paper = _MODIFIERS.sub("", head.strip())
        by.reporters = _names(names, by.odd)
    elif before.strip():
        by.odd.append(before.strip())
    if after:
        by.correspondents = _names(after, by.odd)
    if by.paper in ("本报", "本台", "本刊") or by.paper.endswith("社"):
        # not this page's paper name: 本报 / 新华社 is printed as the copy said it
        by.source, by.paper = by.paper, ""
    return by


def _names(s: str, odd: list[str]) -> list[str]:
    tokens = [t for t in re.split(r"[\s\u3000\u00a0、，,]+", s) if t and t not in ("本报", "本台", "本刊")]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        # A two-character name is often padded to three with a 全角 space: 李　明.
        if len(t) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            out.append(t + tokens[i + 1])
            i += 2
            continue
        if name_doubt(t) and not 2 <= len(t) <= 4:
            odd.append(t)
        else:
            out.append(t)
        i += 1
    return out
