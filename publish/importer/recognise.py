"""Finding the parts of a 发言摘登 article in plain lines of reporter copy.

The copy has no markup: which line is the title, a speaker's 小标题 or the line
with 职务 and 姓名 is told only by its shape (shapes.py). Real copy names its
speakers in one of three ways, and the article is read in the way most of its
lines follow:
  line    "职务 姓名" alone on a line, before or after the 小标题 (or with no 小标题);
  after   the text, then "——姓名委员（职务）";
  inline  "姓名代表（职务）：正文……", grouped under topic headings.
Copy in none of these (a reporter's narrative, a Q&A) is refused: guessing its
structure would print wrong names. Every decision is listed with its line;
whatever looks wrong is flagged for the editor to check.
"""

from __future__ import annotations

import re
from collections import Counter

from .article import Recognised, Refusal, SpeakerPart
from .forms import DECOR, after_form, inline_form, line_form
from .head import read_head
from .paragraphs import Piece, join_cut, split_inner_points
from .shapes import WS, Who, closing, credit, headline_like, inline, note_end, note_start, trailing, who_line
from .source import RawLine

LONG_BODY = 5000
_QA = re.compile(r"^(记者|问|答|主持人|本报记者|提问)[：:]")
_REPORTED = re.compile(r"(代表|委员)(说|表示|认为|告诉记者|介绍)")


def recognise(lines: list[RawLine]) -> Recognised:
    _refuse_other_genres(lines)
    head = read_head(lines)
    rec = Recognised(head, decisions=list(head.decisions), flags=list(head.flags), closing_note=head.closing)
    rest = lines[head.end :]
    kinds = [_kind(r.text) for r in rest]
    _promote_weak(kinds, rest, rec)
    rec.form = _form(kinds, rest, rec)
    if rec.form == "line":
        lead_end, groups = line_form(kinds, rest, rec)
    elif rec.form == "after":
        lead_end, groups = after_form(kinds, rest, rec)
    else:
        lead_end, groups = inline_form(kinds, rest, rec)
    _lead(rest[:lead_end], rec)
    for g in groups:
        _speaker(g, rec)
    _credits(rec)
    lead = sum(len(p.text) for p in rec.lead)
    if len(rec.speakers) == 1 and lead > sum(len(p.text) for p in rec.speakers[0].paragraphs):
        # one "speaker" in a long story: a quote in a reporter's narrative, not an excerpt
        raise Refusal(
            rec.speakers[0].line,
            f"只找到 1 位发言人，而他之前的叙述有 {lead} 字，比他的发言还长；"
            "稿件像是记者的报道，不是发言摘登。没有导入，也没有写出任何文件。",
        )
    return rec


# --- genre ---------------------------------------------------------------------------


def _refuse_other_genres(lines: list[RawLine]) -> None:
    qa = [r for r in lines if _QA.match(r.text)]
    guests = [r for r in lines if "对话嘉宾" in r.text or r.text.startswith(("嘉宾：", "嘉宾:"))]
    if len(qa) >= 2 or guests:
        first = (guests or qa)[0]
        raise Refusal(
            first.line,
            f"这是问答/访谈稿（“{first.text[:16]}”，共 {len(qa)} 处“记者：”式提问"
            f"{'，有对话嘉宾名单' if guests else ''}），不是发言摘登，没有导入，也没有写出任何文件。",
        )


def _narrative(rest: list[RawLine]) -> Refusal:
    said = [r for r in rest if _REPORTED.search(r.text)]
    first = _REPORTED.search(said[0].text) if said else None
    seen = (
        f"稿件像是记者的综述报道（第 {said[0].line} 行“{first.group()}”等 {len(said)} 处转述）。"
        if said and first
        else ""
    )
    return Refusal(
        said[0].line if said else None,
        "没有找到发言人：既没有单独成行的“职务 姓名”，也没有文后“——姓名委员（职务）”，"
        f"也没有以“姓名委员：”开头的段落。{seen}只有发言摘登能导入；没有写出任何文件。",
    )


# --- line kinds ----------------------------------------------------------------------


def _kind(t: str) -> tuple[str, object]:
    bare = t.lstrip(DECOR)
    if bare != t and (m := inline(bare)) is not None:  # ■刘晓凯委员：……
        return "inline", (m[0], m[1] + len(t) - len(bare))
    if bare != t and (w := who_line(bare)) is not None:  # ◆区委书记 张三
        return "who", w
    if (c := credit(t)) is not None:
        return "credit", c
    if (c := closing(t)) is not None:
        return "closing", c
    if (w := trailing(t)) is not None:
        return "attr", w
    if (w := who_line(t)) is not None:
        return "who", w
    if (m := inline(t)) is not None:
        return "inline", m
    if headline_like(t):
        w = who_line(t, strict=False)
        return ("weak", w) if w else ("head", None)
    return "text", None


def _promote_weak(kinds, rest, rec) -> None:
    """职务 without a usual title word ("……工作室 张三"): a speaker only when a 小标题 stands beside it."""
    for i, (k, w) in enumerate(kinds):
        if k != "weak":
            continue
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(kinds) and kinds[j][0] == "head"]
        if near:
            kinds[i] = ("who", w)
            rec.flags.append(
                (rest[i].line, f"“{rest[i].text}”当作了发言人（职务 姓名），但职务里没有常见的职务词。请核对。")
            )
        else:
            kinds[i] = ("head", None)


def _form(kinds, rest, rec) -> str:
    n = Counter(k for k, _ in kinds)
    counts = {"line": n["who"], "after": n["attr"], "inline": n["inline"]}
    if not any(counts.values()):
        raise _narrative(rest)
    form = max(counts, key=lambda f: (counts[f], -list(counts).index(f)))
    own = {"line": "who", "after": "attr", "inline": "inline"}[form]
    for i, (k, _) in enumerate(kinds):
        if k in ("who", "attr", "inline") and k != own:
            rec.flags.append(
                (rest[i].line, f"“{rest[i].text[:24]}”也像发言人，但全文按另一种格式排列，当作了正文。请核对。")
            )
            kinds[i] = ("head", None) if headline_like(rest[i].text) else ("text", None)
    return form


# --- pieces ----------------------------------------------------------------------------


def _speaker(g: dict, rec: Recognised) -> None:
    pieces, credit_text = [], ""
    for raw, (k, v) in g["body"]:
        if k == "credit" and not credit_text:
            credit_text = v
            rec.decisions.append((raw.line, f"“{raw.text}”当作这位发言人的整理署名（credit）。"))
        elif k == "closing":
            rec.closing_note = v
            rec.decisions.append((raw.line, f"“{raw.text}”当作结尾说明（closing_note）。"))
        else:
            pieces.append(Piece.of(raw))
    if g.get("first_at") is not None and pieces:
        pieces[0] = pieces[0].split(g["first_at"])[1]
    paras = split_inner_points(join_cut(pieces, rec.joins, rec.flags), rec.splits)
    who: Who = g["who"]
    # a topic heading covers the speakers after it until the next heading
    section = g["section"] or (rec.speakers[-1].section if rec.speakers else "")
    sp = SpeakerPart(
        who,
        g["at"].line,
        Piece.of(g["headline"]) if g["headline"] else None,
        paras,
        g["attribution"],
        credit_text,
        section,
    )
    rec.speakers.append(sp)
    if who.doubt:
        rec.flags.append((sp.line, f"{who.doubt}。请核对发言人的姓名。"))
    if sp.headline and len(sp.headline.text) <= 4:
        rec.flags.append((sp.line, f"小标题“{sp.headline.text}”只有一个词。请核对。"))
    if not paras:
        rec.flags.append((sp.line, f"发言人{who.name}没有正文。"))
    size = sum(len(p.text) for p in paras)
    if size > LONG_BODY:
        rec.flags.append((sp.line, f"发言人{who.name}的正文有 {size} 字，可能并进了别人的发言。请核对。"))


def _lead(lines: list[RawLine], rec: Recognised) -> None:
    keep = []
    for raw in lines:
        if (c := closing(raw.text)) is not None:
            rec.closing_note = c
            rec.decisions.append((raw.line, f"“{raw.text}”当作结尾说明（closing_note），印在最后一位发言人之后。"))
        elif (c := credit(raw.text)) is not None and not rec.credit:
            rec.credit = c
            rec.decisions.append((raw.line, f"“{raw.text}”当作整理署名（credit），印在最后一位发言人之后。"))
        else:
            keep.append(Piece.of(raw))
    paras = join_cut(keep, rec.joins, rec.flags)
    in_note = False
    for p in paras:
        if note_start(p.text):
            in_note = True
        if in_note or note_end(p.text):
            rec.editor_note.append(_signature(p))
            rec.decisions.append((p.lines[0], "这一段当作编者按（editor_note）。"))
            in_note = in_note and not note_end(p.text)
        else:
            rec.lead.append(p)
    if rec.editor_note and rec.lead and rec.lead[0].lines[0] > rec.editor_note[0].lines[0]:
        rec.flags.append((rec.editor_note[0].lines[0], "编者按在导语之前；版面上导语在前、编者按在后。请核对。"))


def _signature(p: Piece) -> Piece:
    """——编  者: the spaces that spread the signature become one 全角 space."""
    text = re.sub(f"(编)[{WS}]*(者)[{WS}]*$", "\\1\u3000\\2", p.text)
    text = re.sub(f"[{WS}]+(?=[—―-]{{1,2}}编)", "", text)
    return (
        Piece(text, p.starts, p.lines, p.cols)
        if len(text) == len(p.text)
        else Piece(text, [0], p.lines[:1], p.cols[:1])
    )


def _credits(rec: Recognised) -> None:
    """One credit after the last speaker only is the whole page's; after several, each speaker's own."""
    own = [s for s in rec.speakers if s.credit]
    if len(own) == 1 and own[0] is rec.speakers[-1] and len(rec.speakers) > 1 and not rec.credit:
        rec.credit, own[0].credit = own[0].credit, ""
