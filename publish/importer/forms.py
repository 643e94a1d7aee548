"""The three ways reporter copy names its speakers (see recognise.py), each read into
groups: a speaker's name line, 小标题, 专题小标题 and body lines, and where the lead ends."""

from __future__ import annotations

import re

from .article import Refusal
from .shapes import Who, note_end

# Ornaments and spaces copy puts around headings (■ 小标题); stripped from a heading's text.
DECOR = "■□◆◇●○▲△★☆※▶►◎◉·•、 \u3000"
_LEAD_END = re.compile(r"(如下|摘登|摘编|发言)[。：:]$|编[\s\u3000]*者$")


def line_form(kinds, rest, rec):
    marks = [i for i, (k, _) in enumerate(kinds) if k == "who"]
    is_head = lambda j: 0 <= j < len(kinds) and kinds[j][0] == "head"  # noqa: E731
    closed = sum(1 for i in marks if kinds[i][1].mark)
    before = sum(1 for i in marks if is_head(i - 1))
    after = sum(1 for i in marks if is_head(i + 1))
    first = closed * 2 > len(marks) or after > before  # speaker line above its 小标题
    starts, groups, claimed = [], [], set(marks)
    for i in marks:
        h = i + 1 if first else i - 1
        h = h if is_head(h) and h not in claimed else None
        claimed |= {h} if h is not None else set()
        sec = i - 1 if first else (h - 1 if h is not None else i - 1)
        sec = sec if is_head(sec) and sec not in claimed and (first or h is not None) else None
        claimed |= {sec} if sec is not None else set()
        top = min(x for x in (i, h, sec) if x is not None)
        starts.append(top)
        groups.append(
            dict(
                who=kinds[i][1],
                at=rest[i],
                headline=rest[h] if h is not None else None,
                section=rest[sec].text.strip(DECOR) if sec is not None else "",
                body_from=max(i, h or 0) + 1,
                attribution="line" if h is not None else "before",
            )
        )
        rec.decisions.append(
            (
                rest[i].line,
                f"“{rest[i].text}”当作发言人（{who_label(kinds[i][1])}）"
                + (f"，第 {rest[h].line} 行为其小标题。" if h is not None else "，没有小标题。"),
            )
        )
    for k, g in enumerate(groups):
        end = starts[k + 1] if k + 1 < len(starts) else len(rest)
        g["body"] = list(zip(rest[g["body_from"] : end], kinds[g["body_from"] : end]))
    return starts[0], groups


def after_form(kinds, rest, rec):
    attrs = [i for i, (k, _) in enumerate(kinds) if k == "attr"]
    lead_end = _lead_end(kinds, rest, attrs[0], rec)
    groups, start = [], lead_end
    for a in attrs:
        j, heads = start, []
        while j < a and kinds[j][0] == "head" and len(heads) < 2:
            heads.append(j)
            j += 1
        body_end = a
        groups.append(
            dict(
                who=kinds[a][1],
                at=rest[a],
                headline=rest[heads[-1]] if heads else None,
                section=rest[heads[0]].text.strip(DECOR) if len(heads) == 2 else "",
                attribution="after",
                body=list(zip(rest[j:body_end], kinds[j:body_end])),
            )
        )
        rec.decisions.append((rest[a].line, f"“{rest[a].text}”当作上面正文的署名（{who_label(kinds[a][1])}）。"))
        start = a + 1
        while start < len(rest) and kinds[start][0] in ("credit", "closing"):
            groups[-1]["body"].append((rest[start], kinds[start]))
            start += 1
    tail = [r for r, (k, _) in zip(rest[start:], kinds[start:]) if k not in ("credit", "closing")]
    if tail:
        raise Refusal(
            tail[0].line,
            f"第 {tail[0].line} 行起还有 {len(tail)} 行在最后一个“——姓名”署名之后，不知道属于哪位发言人，"
            "没有导入。请给这段文字补上署名，或删去后再导入。",
        )
    groups[-1]["body"] += list(zip(rest[start:], kinds[start:]))
    return lead_end, groups


def _lead_end(kinds, rest, first_attr, rec) -> int:
    """Where the first speaker's text begins when only a signature after it names the speaker."""
    heads = [j for j in range(first_attr) if kinds[j][0] == "head"]
    if heads:
        return heads[0]
    ends = [j for j in range(first_attr) if _LEAD_END.search(rest[j].text) or note_end(rest[j].text)]
    if ends:
        return ends[-1] + 1
    rec.flags.append(
        (
            rest[0].line if rest else None,
            "没有找到导语的结尾（如“……摘登如下。”）或小标题，第一位发言人之前的文字都当作了他的正文。请核对导语。",
        )
    )
    return 0


def inline_form(kinds, rest, rec):
    first = next(i for i, (k, _) in enumerate(kinds) if k == "inline")
    lead_end = first
    while lead_end > 0 and kinds[lead_end - 1][0] == "head":
        lead_end -= 1
    groups, section = [], ""
    for j in range(lead_end, len(rest)):
        k, v = kinds[j]
        nxt = kinds[j + 1][0] if j + 1 < len(kinds) else ""
        if k == "inline":
            who, off = v
            groups.append(
                dict(
                    who=who,
                    at=rest[j],
                    headline=None,
                    section=section,
                    attribution="inline",
                    first_at=off,
                    body=[(rest[j], kinds[j])],
                )
            )
            rec.decisions.append((rest[j].line, f"段首“{rest[j].text[:off]}”当作发言人（{who_label(who)}）。"))
        elif k == "head" and nxt in ("inline", "head"):
            section = rest[j].text.strip(DECOR)
            rec.decisions.append((rest[j].line, f"“{rest[j].text}”当作专题小标题（section），管下面的发言人。"))
        elif groups:
            groups[-1]["body"].append((rest[j], kinds[j]))
        else:
            raise Refusal(
                rest[j].line, f"专题小标题之后、第一位发言人之前有一段“{rest[j].text[:16]}…”，不知道属于谁，没有导入。"
            )
    return lead_end, groups


def who_label(w: Who) -> str:
    return "，".join(
        x
        for x in (
            f"职务“{w.position}”" if w.position else "",
            f"姓名“{w.name}”",
            f"称谓“{w.suffix}”" if w.suffix else "",
        )
        if x
    )
