"""The head of an article: 栏目, 引题, 主题, 副题, 署名 and what the web page said about
the paper (报名, 日期, 版次), read from the top lines until the text begins."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .byline import Byline, parse_byline
from .paragraphs import Piece
from .shapes import DASHES, byline_like, closing, column_tag, headline_like, inline, who_line
from .source import RawLine

_META_DATE = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})")
_META_PAGE = re.compile(r"第\s*0*(\d{1,3})\s*版")
_META_PAPER = re.compile(r"《\s*([^》]{2,12}?)\s*》|来源[：:]\s*([\u4e00-\u9fff]{2,12})")
HEAD_LINES = 12


@dataclass
class Head:
    column: str = ""
    kicker: Piece | None = None
    title: Piece | None = None
    subtitle: Piece | None = None
    byline: Byline = field(default_factory=Byline)
    byline_line: int | None = None
    closing: str = ""
    paper: str = ""
    date: str = ""
    page: int | None = None
    end: int = 0  # index of the first line after the head
    decisions: list[tuple[int, str]] = field(default_factory=list)
    flags: list[tuple[int | None, str]] = field(default_factory=list)


def meta(text: str) -> tuple[str, str, int | None] | None:
    """《人民日报》（2024年03月06日 第 06 版） / 来源：人民日报 2024-03-06: (paper, date, page)."""
    if len(text) > 70 or "。" in text:
        return None
    d, p, n = _META_DATE.search(text), _META_PAGE.search(text), _META_PAPER.search(text)
    if not (n and (d or p)) and not re.match(r"^来源[：:]", text):
        return None
    date = f"{int(d.group(1)):04d}-{int(d.group(2)):02d}-{int(d.group(3)):02d}" if d else ""
    paper = (n.group(1) or n.group(2)) if n else ""
    return paper, date, int(p.group(1)) if p else None


def _subtitle(text: str) -> bool:
    return len(text) > 2 and text[0] in DASHES


def read_head(lines: list[RawLine]) -> Head:
    h = Head()
    titles: list[RawLine] = []
    i = 0
    closed = False  # a byline or subtitle was seen: what follows is the text
    while i < min(len(lines), HEAD_LINES):
        raw, t = lines[i], lines[i].text
        m = meta(t)
        if m:
            h.paper, h.date, h.page = m[0] or h.paper, m[1] or h.date, m[2] or h.page
            h.decisions.append((raw.line, f"“{t}”取作出版信息（报名、日期、版次），不印在版面正文里。"))
        elif column_tag(t) and not closed:
            h.column = t
            h.decisions.append((raw.line, f"“{t}”当作栏目（column）。"))
        elif byline_like(t) and h.byline_line is None:
            h.byline, h.byline_line, closed = parse_byline(t), raw.line, True
            h.decisions.append((raw.line, "这一行当作署名（byline）。"))
            for odd in h.byline.odd:
                h.flags.append((raw.line, f"署名里的“{odd}”不像记者或通讯员的姓名。请核对 byline。"))
        elif _subtitle(t) and h.subtitle is None and titles:
            h.subtitle, closed = _strip_dashes(Piece.of(raw)), True
            h.decisions.append((raw.line, "以“——”开头，当作副题（subtitle）。"))
        elif (note := closing(t)) and titles:
            h.closing = note
            h.decisions.append((raw.line, f"“{t}”当作结尾说明（closing_note），印在最后一位发言人之后。"))
        elif not closed and not titles and (cut := _title_and_subtitle(t)):
            # 主题——副题 on one line, as a web page often sets it
            title, subtitle = Piece.of(raw).split(cut)
            titles.append(RawLine(title.text, raw.line, raw.indent))
            h.subtitle, closed = _strip_dashes(subtitle), True
            h.decisions.append((raw.line, "主题和副题在同一行，在“——”处分开。"))
        elif not closed and headline_like(t) and inline(t) is None and who_line(t) is None:
            titles.append(raw)
        else:
            break
        i += 1
    if not closed and len(titles) >= 2 and i < len(lines) and who_line(lines[i].text):
        # "主题 / 小标题 / 职务 姓名" with no subtitle or byline: the last line belongs to the speaker
        titles.pop()
        i -= 1
    h.end = i
    _titles(h, titles)
    return h


def _titles(h: Head, titles: list[RawLine]) -> None:
    if not titles:
        h.flags.append((None, "没有找到主题。请在 meeting.yaml 中填写 title。"))
        return
    h.title = Piece.of(titles[-1])
    h.decisions.append((titles[-1].line, f"“{titles[-1].text}”当作主题（title）。"))
    if len(titles[-1].text) > 40:
        h.flags.append((titles[-1].line, f"主题有 {len(titles[-1].text)} 字，像是一段导语。请核对。"))
    if len(titles) >= 2:
        k = titles[-2]
        h.kicker = Piece.of(k)
        if k.text.rstrip(DASHES).strip() != k.text:
            h.decisions.append((k.line, f"“{k.text}”以“——”结尾，当作引题（kicker）。"))
        else:
            h.flags.append(
                (
                    k.line,
                    f"主题前还有一行“{k.text}”，已当作引题（kicker）。"
                    "如果它和下一行本是同一个主题，请把它并入 title 并清空 kicker。",
                )
            )
    if len(titles) > 2:
        extra = titles[:-2]
        kicker = h.kicker.text if h.kicker else ""
        h.kicker = Piece(" ".join(r.text for r in extra) + " " + kicker, [0], [extra[0].line], [1])
        h.flags.append((extra[0].line, "主题前有不止一行，都并入了引题（kicker）。请核对。"))


def _title_and_subtitle(text: str) -> int | None:
    """Where “主题——××会议发言摘登” splits, or None."""
    m = re.search(r"[—―]{2}(?=[^—―]*(?:摘登|摘编|发言|座谈会|会议)[^—―]{0,4}$)", text)
    if m and 4 <= m.start() <= 48 and not set("。！？；") & set(text):
        return m.start()
    return None


def _strip_dashes(p: Piece) -> Piece:
    n = len(p.text) - len(p.text.lstrip(DASHES + " \u3000"))
    return Piece(p.text[n:], [0], p.lines[:1], [p.cols[0] + n])
