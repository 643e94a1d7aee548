"""The Plan: one meeting in one layout, as the page prints it (nodes.py)."""

from __future__ import annotations

from dataclasses import dataclass

from .fields import FieldText, PageNumbers
from .nodes import BodyNode, FooterItem, HeaderItem, Metadata, Para, SpeakerGroup, Use


@dataclass(frozen=True)
class Plan:
    key: str  # the meeting's folder name: names outputs and reports
    page_number: int  # 版次 of the first page: 转版 labels count from it
    header: tuple[HeaderItem, ...]  # the header zone of page 1, in layout order (empty items kept:
    #                                 fit.repeat_header counts them)
    body: tuple[BodyNode, ...]  # the column flow in reading order, 版记 last
    footer: tuple[FooterItem, ...]  # folio lines of every page
    continued_to: FieldText  # 下转 at the foot of a page's last column (empty: none)
    continued_from: FieldText  # 上接 above a continued page's first column
    meta: Metadata
    uses: tuple[Use, ...]  # every character each font role sets
    names: tuple[str, ...]  # speakers' names, longest first: a heading never breaks inside one
    lead_in_header: bool  # the 导语 is a header item (content: lead), not in the columns
    # The content as its files say it (record.py, JSON): an editable output carries it so
    # that it imports back to the same files.
    content_record: str = ""

    @property
    def groups(self) -> tuple[SpeakerGroup, ...]:
        """Every speaker in order (a group that prints nothing included: it owns its paragraphs)."""
        return tuple(n for n in self.body if isinstance(n, SpeakerGroup))

    @property
    def paragraphs(self) -> tuple[Para, ...]:
        """The paragraphs of the column flow: the lead when it flows with the text, every speech."""
        return tuple(n for n in self.body if isinstance(n, Para))

    def numbers(self, index: int, count: int) -> PageNumbers:
        """Field values on page `index` (0-based) of `count`: folios count 1, 2 …; 转版
        labels name the 版次 (the publication's page number on the first page)."""
        number = self.page_number + index
        return PageNumbers(page=index + 1, pages=count, next=number + 1, prev=number - 1)
