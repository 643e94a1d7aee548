"""What the editor is told about a fitted page: the copyfit report and what the fitting changed."""

from __future__ import annotations

from ..copyfit import BlockFit, Report
from .configure import Config
from .fitting import Result
from .metrics import VALUE_TOLERANCE


def changes(cfg: Config, res: Result) -> list[str]:
    nom, st = cfg.nominal, res.setting
    out = []
    if abs(st.leading - nom.leading) > VALUE_TOLERANCE:
        out.append(f"行距 {nom.leading:g}→{st.leading:g} pt")
    if abs(st.body_size - nom.body_size) > VALUE_TOLERANCE:
        out.append(f"正文字号 {nom.body_size:g}→{st.body_size:g} pt")
    if abs(st.headline_size - nom.headline_size) > VALUE_TOLERANCE:
        out.append(f"小标题字号 {nom.headline_size:g}→{st.headline_size:g} pt")
    if st.portrait_lines != nom.portrait_lines and any(g.portrait for g in cfg.groups):
        out.append(f"照片高 {nom.portrait_lines}→{st.portrait_lines} 行")
    given = list(zip(res.blocks, res.placement.sizes))
    seps = [n for b, n in given if b.space]
    if seps and (min(seps) != nom.space or max(seps) != nom.space):
        rng = f"{min(seps)}" if min(seps) == max(seps) else f"{min(seps)}–{max(seps)}"
        out.append(f"发言之间空 {nom.space}→{rng} 行")
    air = [n - b.lines for b, n in given if not b.space and b.elastic and n > b.lines]
    if air:
        a = max(air)
        out.append(f"小标题上下共留空 {min(air)}–{a} 行" if min(air) != a else f"小标题上下共留空 {a} 行")
    return out


def report(cfg: Config, res: Result) -> Report:
    lay = cfg.layout
    fr = res.frame
    g = cfg.geometry(res.setting.body_size)
    given = list(zip(res.blocks, res.placement.sizes))
    rep = Report(
        layout=lay.name,
        meeting=cfg.plan.key,
        columns=fr.columns,
        lines_per_column=fr.caps[0] if fr.caps else 0,
        capacity=sum(fr.caps),
        used=sum(b.lines if not b.space else n for b, n in given),
        chars_per_line=round(g.measure / g.pitch),
        pages=res.target,
        unplaced=res.over,
        continues=not lay.fit.fill,
    )
    rep.fill = lay.fit.fill
    rep.filled = res.filled
    rep.short = res.short
    rep.changes = changes(cfg, res)
    rep.air = sum(n - b.lines for b, n in given)
    rep.loose_lines = sum(b.loose for b in res.blocks)
    rep.blocks = _blocks(cfg, res, rep.capacity)
    return rep


def _blocks(cfg: Config, res: Result, capacity: int) -> list[BlockFit]:
    """Each speaker's block (and the lead, the 版记) against its equal share of the page."""
    placed: dict[str, int] = {}
    for piece in res.placement.pieces:
        if not piece.block.space:
            placed[piece.block.owner] = placed.get(piece.block.owner, 0) + piece.end - piece.start
    lines: dict[str, int] = {}
    for b in res.blocks:
        if not b.space:
            lines[b.owner] = lines.get(b.owner, 0) + b.lines
    n = len(cfg.groups) or 1
    fixed = sum(v for k, v in lines.items() if k in ("lead", "end"))
    spaces = sum(s for b, s in zip(res.blocks, res.placement.sizes) if b.space)
    share = (capacity - fixed - spaces) / n
    labels = {"lead": "导语", "end": "版记"}
    for s in cfg.groups:
        labels[s.key] = f"{s.name}（{s.position}）"
    printed: dict[str, int] = {}  # characters of each block's paragraphs
    for p in cfg.plan.paragraphs:
        printed[p.owner] = printed.get(p.owner, 0) + len(p.text)
    out = []
    for key in [k for k in labels if k in lines]:
        alloc = share if key not in ("lead", "end") and cfg.layout.fit.fill else lines[key]
        out.append(
            BlockFit(key, labels[key], printed.get(key, 0), lines[key], min(lines[key], placed.get(key, 0)), alloc)
        )
    return out
