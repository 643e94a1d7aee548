"""`publish import`: reporter copy (.txt / .docx) to a meeting folder of content files.

    report = import_file(Path("稿件.txt"), Path("content/会议"), force=False)
    print(report.format())

The importer recognises the parts of the article, joins paragraphs the page cut,
normalises punctuation (GB/T 15834) and lists every change; it never drops or
reorders a character of the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem, _display_path
from .punct import Edit, normalise, odd_quotes
from .paragraphs import Piece
from .recognise import Recognised, Refusal, recognise
from .romanize import pinyin_name
from .source import read_source
from .word import publish_record, read_publish_docx
from .write import PLACEHOLDER, MeetingOut, SpeakerOut, check_target, write_meeting

__all__ = ["import_file", "ImportReport", "Change"]


@dataclass(frozen=True)
class Change:
    path: str
    line: int
    before: str  # the changed mark with a little context
    after: str

    def __str__(self) -> str:
        return f"{_display_path(self.path)}:{self.line}: {self.before} → {self.after}"


@dataclass
class ImportReport:
    source: Path
    out_dir: Path
    encoding: str
    form: str
    meeting: MeetingOut
    changes: list[Change] = field(default_factory=list)
    joins: list[str] = field(default_factory=list)
    splits: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    backup: Path | None = None  # the folder --force replaced, kept under this name

    # the fields earlier callers read
    @property
    def speakers(self) -> list[SpeakerOut]:
        return self.meeting.speakers

    @property
    def title(self) -> str:
        return self.meeting.title

    def format(self) -> str:
        m = self.meeting
        src = _display_path(str(self.source))
        out = [f"已导入：{src} → {_display_path(str(self.out_dir))}/（{FORMS[self.form]}）"]
        if self.backup:
            out.append(
                f"  原来的文件夹已改名保存为 {_display_path(str(self.backup))}/（没有删除；确认不再需要后可自行删去）。"
            )
        out += [f"  {n}" for n in self.notes]
        for label, value in (("栏目", m.column), ("引题", m.kicker)):
            if value:
                out.append(f"{label}：{value}")
        out.append(f"主题：{m.title}")
        out.append(f"副题：——{m.subtitle}" if m.subtitle else "副题：（无）")
        by = f"{m.paper} 记者 {'、'.join(m.reporters) or '（无）'}"
        if m.correspondents:
            by += f" 通讯员 {'、'.join(m.correspondents)}"
        out.append(f"署名：{by}{' ' + m.byline_note if m.byline_note else ''}")
        out.append(f"导语：{len(m.lead)} 段" + (f"；编者按：{len(m.editor_note)} 段" if m.editor_note else ""))
        out.append(f"发言人：{len(m.speakers)} 位")
        for i, s in enumerate(m.speakers, 1):
            pos = f"（{s.position}）" if s.position else ""
            head = f"“{s.headline}”" if s.headline else "（无小标题）"
            out.append(f"  {i:>2}. {s.name}{s.suffix}{pos}{head}，{len(s.paragraphs)} 段 → speakers/{s.key}.md")
        out.append(f"判断：{len(self.decisions)} 处" + ("：" if self.decisions else "。"))
        out += [f"  {d}" for d in self.decisions]
        out.append(f"标点修改：{len(self.changes)} 处" + ("：" if self.changes else "。"))
        out += [f"  {c}" for c in self.changes]
        if self.joins:
            out.append(f"接续的段落（被版面断开，已合为一段）：{len(self.joins)} 处：")
            out += [f"  {j}" for j in self.joins]
        if self.splits:
            out.append(f"拆分的段落（序号前另起一段）：{len(self.splits)} 处：")
            out += [f"  {s}" for s in self.splits]
        if self.unsure:
            out.append(
                f"请核对（不确定，已记入 meeting.yaml 的 review，publish proof 会一直提示）：{len(self.unsure)} 处："
            )
            out += [f"  {u}" for u in self.unsure]
        else:
            out.append("没有不确定之处。")
        return "\n".join(out)


FORMS = {"line": "发言人单独成行", "after": "文后署名", "inline": "段首署名", "word": "publish 生成的 Word 文件"}


def import_file(src: Path, out_dir: Path, *, force: bool = False) -> ImportReport:
    src, out_dir = Path(src), Path(out_dir)
    check_target(out_dir, force)
    if src.suffix.lower() == ".docx":
        from ..safeio import check_zip

        check_zip(src, "docx")  # before anything opens it: no FIFO, no zip bomb
        if (record := publish_record(src)) is not None:
            return _import_publish_docx(src, out_dir, record)
    source = read_source(src)
    if not source.lines:
        raise InputError(Problem(str(src), None, "文件是空的，没有可导入的内容。"))
    try:
        rec = recognise(source.lines)
    except Refusal as e:
        raise InputError(Problem(str(src), e.line, e.message)) from None
    clean = _Cleaner(str(src), rec, source.encoding)
    # The order of the cleaning is the order of the report's flags and changes.
    speakers = _speakers_out(rec, clean)
    meeting, pub_flags = _meeting_out(rec, clean, speakers)
    clean.changes.sort(key=lambda c: c.line)
    where = clean.where
    unsure = [where(line) + msg for line, msg in rec.flags]
    meeting.review = list(unsure)
    missing = "、".join(pub_flags + ["版名 page_name"])
    unsure.append(
        f"meeting.yaml: 稿件里没有{missing}，填的是“{PLACEHOLDER}”。请填写 publication；"
        f"留着“{PLACEHOLDER}”时 publish build 只能加 --draft 出样稿。"
    )
    backup = write_meeting(meeting, out_dir)
    return ImportReport(
        source=src,
        out_dir=out_dir,
        encoding=source.encoding,
        form=rec.form,
        meeting=meeting,
        changes=clean.changes,
        joins=[f"{where(a)}“…{tail}”与第 {b} 行“{head}…”接为一段" for a, b, tail, head in rec.joins],
        splits=[f"{where(line)}在“{marker}”前另起一段" for line, marker in rec.splits],
        decisions=[where(line) + msg for line, msg in rec.decisions],
        unsure=unsure,
        notes=source.notes,
        backup=backup,
    )


class _Cleaner:
    """Punctuation normalised piece by piece; every edit becomes a Change of the report,
    every doubt a flag of the recognition (read back as review lines)."""

    def __init__(self, path: str, rec: Recognised, encoding: str):
        self.path, self.rec, self.encoding = path, rec, encoding
        self.changes: list[Change] = []

    def __call__(self, piece: Piece | None) -> str:
        if piece is None:
            return ""
        text, edits = normalise(piece.text)
        self.changes.extend(_changes(self.path, piece, edits))
        if odd_quotes(piece.text):
            self.rec.flags.append((piece.lines[0], '这一段的英文双引号 " 个数是单数，配对是猜的。请核对引号。'))
        if "**" in text and self.encoding != "docx":  # a .docx's bold runs are written as **
            self.rec.flags.append((piece.lines[0], "正文里有“**”，它在内容文件里表示加粗。如果不是要加粗，请删去。"))
        return text

    def field(self, text: str, line: int) -> str:
        """A one-line field (职务, 整理署名 …) cleaned as a piece of its own."""
        return self(Piece(text, [0], [line], [1])) if text else ""

    def where(self, line: int | None) -> str:
        return f"{_display_path(self.path)}:{line}: " if line else f"{_display_path(self.path)}: "


def _speakers_out(rec: Recognised, clean: _Cleaner) -> list[SpeakerOut]:
    """Speaker files are named NN-pinyin, numbered to the width the count needs (01 … 12)."""
    out = []
    width = max(2, len(str(len(rec.speakers))))
    for i, sp in enumerate(rec.speakers, 1):
        romanised = pinyin_name(sp.who.name)
        key = f"{i:0{width}d}-{romanised or 'speaker'}"
        out.append(
            SpeakerOut(
                key,
                clean(sp.headline),
                clean.field(sp.who.position, sp.line),
                sp.who.name,
                [clean(p) for p in sp.paragraphs],
                suffix=sp.who.suffix,
                attribution=sp.attribution,
                credit=clean.field(sp.credit, sp.line),
                section=clean.field(sp.section, sp.line),
            )
        )
    return out


def _meeting_out(rec: Recognised, clean: _Cleaner, speakers: list[SpeakerOut]) -> tuple[MeetingOut, list[str]]:
    """The meeting file's content, and the publication fields the copy did not give."""
    head = rec.head
    title = clean(head.title) or PLACEHOLDER
    if not rec.lead and not rec.editor_note:
        rec.flags.append((None, "没有找到导语（署名和第一位发言人之间的段落）。"))
    pub_flags = []
    paper = head.byline.paper or head.paper
    if paper and not head.paper:
        rec.decisions.append((head.byline_line, f"报名“{paper}”取自署名。"))
    for label, have in (("报名 paper", paper), ("出版日期 date", head.date), ("版次 page_number", head.page)):
        if not have:
            pub_flags.append(label)
    meeting = MeetingOut(
        paper=paper or PLACEHOLDER,
        date=head.date or PLACEHOLDER,
        page_number=head.page or PLACEHOLDER,
        page_name=PLACEHOLDER,
        kicker=clean(head.kicker),
        title=title,
        subtitle=clean(head.subtitle),
        reporters=head.byline.reporters,
        correspondents=head.byline.correspondents,
        lead=[clean(p) for p in rec.lead],
        speakers=speakers,
        column=head.column,
        byline_note=head.byline.note,
        byline_source=head.byline.source,
        editor_note=[clean(p) for p in rec.editor_note],
        closing_note=clean.field(rec.closing_note, 0),
        credit=clean.field(rec.credit, 0),
    )
    return meeting, pub_flags


def _import_publish_docx(src: Path, out_dir: Path, record: dict) -> ImportReport:
    """A DOCX that publish build made: styles say what each paragraph is, the properties the rest."""
    from ..layout.spec import load_layout

    try:
        pattern = load_layout("broadsheet").point_pattern
    except InputError:
        pattern = r"^[一二三四五六七八九十]+是[^。！？]*[。！？]"
    meeting, flags = read_publish_docx(src, record, pattern)
    path = str(src)
    where = [f"{_display_path(path)}:{n}: {msg}" for n, msg in flags]
    meeting.review = list(meeting.review) + where
    backup = write_meeting(meeting, out_dir)
    return ImportReport(
        source=src,
        out_dir=out_dir,
        encoding="docx",
        form="word",
        meeting=meeting,
        decisions=[f"{_display_path(path)}: 由 publish build 生成的 DOCX：按段落样式和文档属性导入。"],
        unsure=where,
        notes=[".docx 按段落编号：下文的“行号”是 Word 里的第几段。"],
        backup=backup,
    )


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
            after += [piece.text[pos : e.start], e.after]
            pos = e.end
        after.append(piece.text[pos:b])
        out.append(Change(path, piece.line_at(g[0].start), piece.text[a:b], "".join(after)))
    return out


def recognise_text(text: str) -> Recognised:
    """The recognition alone, for a quick look at a text (and for tests)."""
    from .source import _lines

    return recognise(_lines(text.split("\n"), Path("-"), [], None))
