"""The content model of one 发言摘登 (speech-excerpt) bulletin.

Loaders build it, renderers read it; it knows nothing of files or layouts.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Source:
    """Where a piece of content came from, for messages that point at it."""
    path: str
    line: int


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Paragraph:
    spans: tuple[Span, ...]
    source: Source

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class Speaker:
    key: str                  # file stem, as listed in the meeting's speaker order
    headline: str             # 小标题: two (or three) phrases separated by a space
    position: str             # 职务
    name: str                 # 姓名
    paragraphs: tuple[Paragraph, ...]
    source: Source
    portrait: Path | None = None
    portrait_source: Source | None = None

    @property
    def headline_phrases(self) -> list[str]:
        return self.headline.split()


@dataclass(frozen=True)
class Publication:
    paper: str                # 报名
    date: _dt.date            # 出版日期
    page_number: int          # 版次
    page_name: str            # 版名
    editor: str = ""          # 责任编辑
    designer: str = ""        # 美编
    proofreader: str = ""     # 校对


@dataclass(frozen=True)
class Byline:
    reporters: tuple[str, ...] = ()       # 记者
    correspondents: tuple[str, ...] = ()  # 通讯员


@dataclass(frozen=True)
class Bulletin:
    """Fields of an A4 工作简报 (GB/T 9704 manner); optional in the meeting file."""
    name: str = ""            # 简报名称, e.g. 工作简报
    issue: str = ""           # 期号, e.g. 第 3 期
    issuer: str = ""          # 编发单位
    distribution: tuple[tuple[str, str], ...] = ()   # 版记: (报/送/发, 单位)


@dataclass(frozen=True)
class Meeting:
    key: str                  # folder name; names the outputs
    publication: Publication
    title: str                # 主题
    subtitle: str             # 副题 (without the leading ——)
    byline: Byline
    lead: tuple[Paragraph, ...]
    speakers: tuple[Speaker, ...]
    source: Source
    kicker: str = ""          # 引题
    bulletin: Bulletin = field(default_factory=Bulletin)

    def all_text(self) -> list[str]:
        """Every piece of content text, in reading order (for the nothing-lost checks)."""
        out = [t for t in (self.kicker, self.title, self.subtitle) if t]
        out += [p.text for p in self.lead]
        for s in self.speakers:
            out += [s.headline, s.position, s.name]
            out += [p.text for p in s.paragraphs]
        return out
