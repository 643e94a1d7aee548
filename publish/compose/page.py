"""Compose a page plan in a layout: positioned boxes (boxes.py) for the PDF, in four stages —

    configure  fonts for every character, column geometry, the nominal setting  (configure.py)
    collect    the plan's body nodes as typed blocks at a trial setting         (collect.py, text.py, blocks.py)
    flow       the setting that fills the page, blocks placed in columns        (fitting.py, frame.py, flow.py)
    paint      header zone, blocks, rules, 转版 labels and folios drawn          (paint.py, paint_blocks.py, header.py)

No PDF or DOCX here, and no content model or template either (plan/ rendered them).
"""

from __future__ import annotations

from ..layout.spec import Layout
from ..model import Meeting
from ..plan import Plan, plan
from . import fitting, segment
from .boxes import Composition
from .collect import Collector
from .configure import configure
from .fitreport import report
from .frame import Frames
from .paint import paint


def compose(meeting: Meeting, layout: Layout, pages: int | None = None, *, cores: int | None = None) -> Composition:
    """Plan the meeting in the layout, then compose the plan (for callers that have only the meeting)."""
    return compose_plan(plan(meeting, layout), layout, pages, cores=cores)


def compose_plan(p: Plan, layout: Layout, pages: int | None = None, *, cores: int | None = None) -> Composition:
    """The plan on `pages` pages (None: the layout's fit.pages, or as many as it takes).
    cores: processes the fonts' glyphs may be converted on (None: every core)."""
    cfg = configure(p, layout, cores)
    collector = Collector(cfg)
    result = fitting.search(collector, Frames(cfg, collector.texts), pages)
    segment.save()  # new headline segmentations, for the next build
    return Composition(
        width=layout.page.width,
        height=layout.page.height,
        bleed=layout.page.bleed,
        pages=paint(cfg, collector.texts, result),
        fonts=cfg.book.fonts_used(),
        colors=layout.colors,
        title=p.meta.title,
        author=p.meta.author,
        subject=p.meta.subject,
        report=report(cfg, result),
        plan=p,
        setting=result.setting,
        font_substitutions=dict(cfg.book.substituted),
    )
