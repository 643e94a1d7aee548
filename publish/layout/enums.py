"""Closed sets of layout words (align, overflow, 避头尾 …): each an Enum whose members carry
the Chinese label that messages and the layout reference show."""

from __future__ import annotations

from enum import StrEnum


class _Labelled(StrEnum):
    """A closed set of YAML words; each member's label is its Chinese meaning (for messages)."""

    label: str

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


class Align(_Labelled):
    JUSTIFY = "justify", "两端对齐"
    LEFT = "left", "居左"
    CENTER = "center", "居中"
    RIGHT = "right", "居右"
    OUTSIDE = "outside", "单页居右、双页居左"  # folios


class Overflow(_Labelled):
    ERROR = "error", "超版即报错"
    CONTINUE = "continue", "转到下一版/页"


class Kinsoku(_Labelled):
    PUSH_IN = "push-in", "先挤进"
    PUSH_OUT = "push-out", "推出"


class Content(_Labelled):
    LEAD = "lead", "导语"


ALIGNS = tuple(Align)
