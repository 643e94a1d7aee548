"""`publish import`: reporter copy (.txt / .docx) to a meeting folder of content files.

    report = import_file(Path("稿件.txt"), Path("content/会议"), force=False)
    print(report.format())

The importer recognises the parts of the article, joins paragraphs the page cut,
normalises punctuation (GB/T 15834) and lists every change; it never drops or
reorders a character of the text.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem, _display_path
from .punct import Edit, normalise, odd_quotes
from .recognise import Piece, Recognised, recognise
from .romanize import pinyin_name
from .source import read_source
from .write import PLACEHOLDER, MeetingOut, SpeakerOut, write_meeting

__all__ = ["import_file", "ImportReport", "Change"]


@dataclass(frozen=True)
class Change:
    path: str
    line: int
    before: str     # the changed mark with a little context
    after: str

    def __str__(self) -> str:
        return f"{_display_path(self.path)}:{self.line}: {self.before} → {self.after}"


@dataclass
class ImportReport:
    source: Path
    out_dir: Path
    encoding: str
    kicker: str
    title: str
    subtitle: str
    paper: str
    reporters: list[str]
    correspondents: list[str]
    lead_paragraphs: int
    speakers: list[SpeakerOut]
    changes: list[Change] = field(default_factory=list)
    joins: list[str] = field(default_factory=list)
    splits: list[str] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def format(self) -> str:
        src = _display_path(str(self.source))
        out = [f"已导入：{src} → {_display_path(str(self.out_dir))}/"]
        out += [f"  {n}" for n in self.notes]
        if self.kicker:
            out.append(f"引题：{self.kicker}")
        out.append(f"主题：{self.title or '（未识别）'}")
        out.append(f"副题：——{self.subtitle}" if self.subtitle else "副题：（未识别）")
        by = f"{self.paper or '（报名未识别）'} 记者 {'、'.join(self.reporters) or '（无）'}"
        if self.correspondents:
            by += f" 通讯员 {'、'.join(self.correspondents)}"
        out.append(f"署名：{by}")
        out.append(f"导语：{self.lead_paragraphs} 段")
        out.append(f"发言人：{len(self.speakers)} 位")
        for i, s in enumerate(self.speakers, 1):
            out.append(f"  {i:>2}. {s.name}（{s.position}）“{s.headline}”，{len(s.paragraphs)} 段"
                       f" → speakers/{s.key}.md")
        out.append(f"标点修改：{len(self.changes)} 处" + ("：" if self.changes else "。"))
        out += [f"  {c}" for c in self.changes]
        if self.joins:
            out.append(f"接续的段落（被版面断开，已合为一段）：{len(self.joins)} 处：")
            out += [f"  {j}" for j in self.joins]
        if self.splits:
            out.append(f"拆分的段落（序号前另起一段）：{len(self.splits)} 处：")
            out += [f"  {s}" for s in self.splits]
        if self.unsure:
            out.append(f"请核对（不确定）：{len(self.unsure)} 处：")
            out += [f"  {u}" for u in self.unsure]
        else:
            out.append("没有不确定之处。")
        return "\n".join(out)


def import_file(src: Path, out_dir: Path, *, force: bool = False) -> ImportReport:
    src, out_dir = Path(src), Path(out_dir)
    if out_dir.exists() and not force:
        raise InputError(Problem(str(out_dir), None,
                                 "输出文件夹已存在，没有覆盖。请换一个输出文件夹（-o），或加 --force 覆盖它。"))
    source = read_source(src)
    if not source.lines:
        raise InputError(Problem(str(src), None, "文件是空的，没有可导入的内容。"))
    rec = recognise(source.lines)
    if not rec.speakers:
        raise InputError(Problem(str(src), None,
                                 "没有识别出任何发言人。发言人一行应写成“职务 姓名”（例如“区委常委、宣传部部长 张小梅”），"
                                 "职务和姓名之间用空格隔开，单独成行。请检查稿件后再导入。"))
    path = str(src)
    changes: list[Change] = []

    def clean(piece: Piece | None) -> str:
        if piece is None:
            return ""
        text, edits = normalise(piece.text)
        changes.extend(_changes(path, piece, edits))
        if odd_quotes(piece.text):
            rec.unsure.append((piece.lines[0], "这一段的英文双引号 \" 个数是单数，配对是猜的。请核对引号。"))
        if "**" in text:
            rec.unsure.append((piece.lines[0], "正文里有“**”，它在内容文件里表示加粗。如果不是要加粗，请删去。"))
        return text

    speakers_out = []
    width = max(2, len(str(len(rec.speakers))))
    for i, sp in enumerate(rec.speakers, 1):
        romanised = pinyin_name(sp.name)
        key = f"{i:0{width}d}-{romanised or 'speaker'}"
        line_piece = Piece.of(sp.line)
        position = clean(Piece(sp.position, [0], line_piece.lines, line_piece.cols))
        speakers_out.append(SpeakerOut(key, clean(sp.headline), position, sp.name,
                                       [clean(p) for p in sp.paragraphs]))
    title, kicker, subtitle = clean(rec.title), clean(rec.kicker), clean(rec.subtitle)
    lead = [clean(p) for p in rec.lead]
    if not lead:
        rec.unsure.append((None, "没有找到导语（署名和第一位发言人之间的段落）。"))

    today = dt.date.today().isoformat()
    unsure_pub = [f"meeting.yaml: 出版日期填的是今天 {today}，版次填的是 1，版名填的是“{PLACEHOLDER}”——稿件里没有这些，"
                  "请按实际出版信息修改 publication 中的 date、page_number、page_name。"]
    paper = rec.paper
    if paper:
        unsure_pub.append(f"meeting.yaml: 报名“{paper}”取自署名，请核对。")
    else:
        paper = PLACEHOLDER
        unsure_pub.append(f"meeting.yaml: 署名里没有报名，报名填的是“{PLACEHOLDER}”，请填写 publication.paper。")
    meeting = MeetingOut(paper=paper, date=today, page_number=1, page_name=PLACEHOLDER,
                         kicker=kicker, title=title, subtitle=subtitle,
                         reporters=rec.reporters, correspondents=rec.correspondents,
                         lead=lead, speakers=speakers_out)
    write_meeting(meeting, out_dir)
    changes.sort(key=lambda c: c.line)

    def where(line):
        return f"{_display_path(path)}:{line}: " if line else f"{_display_path(path)}: "

    return ImportReport(
        source=src, out_dir=out_dir, encoding=source.encoding, kicker=kicker, title=title, subtitle=subtitle,
        paper=rec.paper, reporters=rec.reporters, correspondents=rec.correspondents,
        lead_paragraphs=len(lead), speakers=speakers_out, changes=changes,
        joins=[f"{where(a)}“…{tail}”与第 {b} 行“{head}…”接为一段" for a, b, tail, head in rec.joins],
        splits=[f"{where(line)}在“{marker}”前另起一段" for line, marker in rec.splits],
        unsure=[where(line) + msg for line, msg in rec.unsure] + unsure_pub,
        notes=source.notes)


def _changes(path: str, piece: Piece, edits: list[Edit]) -> list[Change]:
    """One entry per place; edits a few characters apart (a bracket pair) are shown together."""
    groups: list[list[Edit]] = []
    for e in edits:
        if groups and e.start - groups[-1][-1].end <= 4:
            groups[-1].append(e)
        else:
            groups.append([e])
    out = []
    for g in groups:
        a = max(0, g[0].start - 4)
        b = min(len(piece.text), g[-1].end + 4)
        after, pos = [], a
        for e in g:
            after += [piece.text[pos:e.start], e.after]
            pos = e.end
        after.append(piece.text[pos:b])
        out.append(Change(path, piece.line_at(g[0].start), piece.text[a:b], "".join(after)))
    return out


def recognise_text(text: str) -> Recognised:
    """The recognition alone, for a quick look at a text (and for tests)."""
    from .source import _lines
    return recognise(_lines(text.split("\n"), Path("-"), [], None))
