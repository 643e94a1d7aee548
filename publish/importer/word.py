"""Word in: a DOCX that `publish build` made comes home as the same content files.

Such a DOCX names every paragraph by its style (主题, 小标题, 发言人, 发言正文, 文后署名 …)
and carries what it cannot show in a document property (render/docx_props.py): the text
is read from the document, so edits made in Word come home; the rest from the property.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from ..build import DRAFT_MARK
from ..content.markup import to_markup
from ..model import PLACEHOLDER
from .shapes import who_line
from .write import MeetingOut, SpeakerOut

PROPERTY = "publish-content"
_VT = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"
MARKERS = {"fySection", "fyHeadline", "fySpeaker", "fyAttribution", "fyCredit", "fyClosing"}


def publish_record(path: Path) -> dict | None:
    """The content record a publish-built DOCX carries, or None for any other DOCX."""
    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("docProps/custom.xml")
    except (KeyError, zipfile.BadZipFile, OSError):
        return None
    for prop in ET.fromstring(xml):
        if prop.get("name") == PROPERTY:
            try:
                rec = json.loads(prop.findtext(f"{_VT}lpwstr") or "")
            except json.JSONDecodeError:
                return None
            return rec if isinstance(rec, dict) and rec.get("format") == 1 else None
    return None


def _sid(p) -> str:
    """The style id as render/docx_styles.py names it (a suffix that keeps ids unique is dropped)."""
    sid = p.style.style_id if p.style is not None else ""
    return re.sub(r"X+$", "", sid) if sid.startswith("fy") else sid


def _spans(para, point_pattern: str | None) -> str:
    """The paragraph's text with its explicit bold as **…**; the automatic 一是…。 lead is not bold markup."""
    out = []
    for run in para.runs:
        strong = bool(run.bold) or (run.style is not None and re.sub(r"X+$", "", run.style.style_id) == "fyPoint")
        out.append((run.text, strong))
    text = "".join(t for t, _ in out)
    auto = 0
    m = re.match(point_pattern, text) if point_pattern else None
    if m:
        auto = m.end()
    res, pos = [], 0
    for t, strong in out:
        s, e = pos, pos + len(t)
        pos = e
        if strong and e > auto:
            cut = max(0, auto - s)
            res.append((t[:cut], False))
            res.append((t[cut:], True))
        else:
            res.append((t, False))
    return to_markup(res)


def read_publish_docx(path: Path, rec: dict, point_pattern: str) -> tuple[MeetingOut, list[tuple[int, str]]]:
    import docx

    doc = docx.Document(str(path))
    # empty paragraphs carry section breaks (column changes), not text
    paras = [(i, _sid(p), p) for i, p in enumerate(doc.paragraphs, 1) if p.text.strip()]
    flags: list[tuple[int, str]] = []
    pub = rec.get("publication", {})
    out = MeetingOut(
        paper=pub.get("paper", PLACEHOLDER),
        date=str(pub.get("date", PLACEHOLDER)),
        page_number=pub.get("page_number", PLACEHOLDER),
        page_name=pub.get("page_name", PLACEHOLDER),
        kicker="",
        title="",
        subtitle="",
        reporters=[],
        correspondents=[],
        lead=[],
        speakers=[],
        column=rec.get("column", ""),
        byline_note=rec.get("byline_note", ""),
        byline_source=rec.get("byline_source", ""),
        review=list(rec.get("review", [])),
    )
    out.editor, out.designer, out.proofreader = (pub.get(k, "") for k in ("editor", "designer", "proofreader"))
    out.bulletin, out.checked = rec.get("bulletin", {}), bool(rec.get("checked"))
    head = [(n, sid, p) for n, sid, p in paras if sid in ("fyKicker", "fyTitle", "fySubtitle", "fyByline")]
    for _, sid, p in head:
        _head(out, sid, p.text, rec)
    body = [
        (n, sid, p)
        for n, sid, p in paras
        if sid not in ("fyKicker", "fyTitle", "fySubtitle", "fyByline", "fyMasthead", "fyBanji", "fyPortrait")
    ]
    _speakers(out, body, rec, point_pattern, flags)
    return out, flags


def _head(out: MeetingOut, sid: str, text: str, rec: dict) -> None:
    if sid == "fyTitle":
        out.title = _spaced(text, rec.get("title", ""))
    elif sid == "fySubtitle":
        out.subtitle = text.lstrip("—")
    elif sid == "fyKicker":
        col = rec.get("column", "").replace(DRAFT_MARK, "")
        text = text.replace(DRAFT_MARK, "")
        out.column = col
        out.kicker = text[len(col) :].lstrip("\u3000") if col and text.startswith(col) else text
        if col and not text.startswith(col):
            out.column = ""
    elif sid == "fyByline":
        note = rec.get("byline_note", "")
        t = text[: -len(note)].rstrip("\u3000") if note and text.endswith(note) else text
        before, _, after = t.partition("通讯员")
        names = before.split("记者", 1)[1] if "记者" in before else ""
        out.reporters = [x for x in re.split(r"[\u3000\s]+", names) if x]
        out.correspondents = [x for x in re.split(r"[\u3000\s]+", after) if x]


class _Cursor:
    """The body paragraphs (number, style id, paragraph) read front to back."""

    def __init__(self, body: list):
        self.body, self.i = body, 0

    def at(self, *sids: str) -> bool:
        return self.i < len(self.body) and self.body[self.i][1] in sids

    def more(self) -> bool:
        return self.i < len(self.body)

    def peek(self):
        return self.body[self.i]

    def take(self):
        self.i += 1
        return self.body[self.i - 1]


def _speakers(out: MeetingOut, body, rec: dict, point_pattern: str, flags) -> None:
    """Lead and 编者按, then each speaker the properties list (their order, attribution and
    kept headings guide the reading), then what follows the last one."""
    specs = list(rec.get("speakers", []))
    cur = _Cursor(body)
    while cur.more() and cur.peek()[1] not in MARKERS and not _inline_start(cur.peek()[2], specs, 0):
        n, sid, p = cur.take()
        if sid in ("fyNote", "fyLead"):  # other furniture (简报名称, 期号 …) is the layout's, not content
            (out.editor_note if sid == "fyNote" else out.lead).append(_spans(p, None))
    section = ""
    for k in range(len(specs)):
        while cur.at("fySection"):
            section = _kept(cur.take()[2].text, rec, "sections", k)
        out.speakers.append(_speaker(cur, specs, k, rec, point_pattern, flags, section))
    for n, sid, p in cur.body[cur.i :]:
        if sid == "fyCredit" and rec.get("credit") and not out.credit:
            out.credit = p.text.strip("（）")
        elif sid == "fyClosing":
            out.closing_note = p.text.strip("（）")
        else:
            flags.append((n, f"第 {n} 段“{p.text[:12]}”在最后一位发言人之后，没有导入。请核对。"))


def _kept(text: str, rec: dict, what: str, k: int) -> str:
    """A heading (专题小标题, 小标题) of speaker k, with the text the properties kept of it."""
    kept = rec.get(what, [])
    return _spaced(text, kept[k] if k < len(kept) else "")


def _speaker(cur: _Cursor, specs: list[dict], k: int, rec: dict, point_pattern: str, flags, section: str) -> SpeakerOut:
    spec = specs[k]
    headline = _kept(cur.take()[2].text, rec, "headlines", k) if cur.at("fyHeadline") else ""
    position, name, suffix = spec["position"], spec["name"], spec["suffix"]
    if spec["attribution"] in ("line", "before") and cur.at("fySpeaker"):
        position, name, suffix = _who(cur.take(), spec, flags)
    first = cur.i
    paras = _excerpt(cur, specs, k, point_pattern)
    if spec["attribution"] == "inline" and paras:
        _strip_inline(paras, spec, flags, cur.body[first][0])
    if spec["attribution"] == "after" and cur.at("fyAttribution"):
        cur.take()
    credit = ""
    if spec.get("credit") and cur.at("fyCredit"):
        credit = cur.take()[2].text.strip("（）")
    return SpeakerOut(
        spec["key"],
        headline,
        position,
        name,
        paras,
        suffix=suffix,
        attribution=spec["attribution"],
        credit=credit,
        section=section,
    )


def _excerpt(cur: _Cursor, specs: list[dict], k: int, point_pattern: str) -> list[str]:
    """Speaker k's paragraphs: up to the next marker style or the next speaker's inline start."""
    spec = specs[k]
    paras: list[str] = []
    # where a speaker's text ends and the next one's, signed only after it, begins the page
    # does not show: the count kept in the properties says
    limit = (
        spec.get("paragraphs")
        if k + 1 < len(specs) and specs[k + 1]["attribution"] == "after" and spec["attribution"] != "after"
        else None
    )
    while (
        cur.more()
        and cur.peek()[1] not in MARKERS
        and not (paras and _inline_start(cur.peek()[2], specs, k + 1))
        and (limit is None or len(paras) < limit)
    ):
        paras.append(_spans(cur.take()[2], point_pattern))
    return paras


def _strip_inline(paras: list[str], spec: dict, flags, n: int) -> None:
    """The “姓名（职务）：” the layout set before the first paragraph is not content: taken off."""
    prefix = _inline_prefix(spec)
    if paras[0].startswith(f"**{prefix}**"):
        paras[0] = paras[0][len(prefix) + 4 :]
    elif paras[0].startswith(f"**{prefix}"):
        paras[0] = "**" + paras[0][len(prefix) + 2 :]
    else:
        flags.append((n, "第一段开头的发言人与原来的不同，请核对。"))


def _spaced(text: str, kept: str) -> str:
    """A heading as the content file had it: unchanged in Word, the kept text (with its phrase
    spaces); edited, its lines joined by a space."""
    if re.sub(r"\s", "", text) == re.sub(r"\s", "", kept):
        return kept
    return re.sub(r"\s*\n\s*", " ", text).strip()


def _inline_prefix(spec: dict) -> str:
    pos = f"（{spec['position']}）" if spec["position"] else ""
    return f"{spec['name']}{spec['suffix']}{pos}："


def _inline_start(p, specs: list[dict], k: int) -> bool:
    return k < len(specs) and specs[k]["attribution"] == "inline" and p.text.startswith(_inline_prefix(specs[k]))


def _who(item, spec: dict, flags) -> tuple[str, str, str]:
    n, _, p = item
    text = p.text
    expect = f"{spec['position']}{spec['name']}{spec['suffix']}"
    if re.sub(r"\s", "", text) == expect:
        return spec["position"], spec["name"], spec["suffix"]
    text = re.sub(r"\s*\n\s*", "\u3000", text)
    w = who_line(text) or who_line(text, strict=False)
    if w:
        flags.append((n, f"发言人一行在 Word 里改成了“{text}”，按“{w.position} {w.name}{w.suffix}”导入。请核对。"))
        return w.position, w.name, w.suffix
    flags.append((n, f"发言人一行“{text}”读不出职务和姓名，沿用原来的。请核对。"))
    return spec["position"], spec["name"], spec["suffix"]
