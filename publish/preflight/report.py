"""A preflight report: one Check per question asked of the PDF (✓ passed, ! look at it,
✗ must be fixed), as text for editors and print shops or as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..units import mm
from .scan import Scan

OK, WARN, ERROR = "ok", "warn", "error"
MARK = {OK: "✓", WARN: "!", ERROR: "✗"}
MAX_DETAILS = 12  # details shown per check in the text report (JSON has them all)


@dataclass
class Check:
    id: str
    title: str
    status: str
    summary: str
    details: list[str] = field(default_factory=list)


@dataclass
class Report:
    file: str
    scan: Scan
    checks: list[Check]
    extra: dict = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(c.status == ERROR for c in self.checks)

    @property
    def warnings(self) -> int:
        return sum(c.status == WARN for c in self.checks)

    def failed(self, check_id: str) -> bool:
        return any(c.id == check_id and c.status == ERROR for c in self.checks)

    def text(self) -> str:
        s = self.scan
        out = [f"印前检查：{self.file}（{len(s.pages)} 页，PDF {s.version}）"]
        for c in self.checks:
            out.append(f"{MARK[c.status]} {c.title}：{c.summary}")
            shown = c.details if c.status != OK else []
            out += [f"    {d}" for d in shown[:MAX_DETAILS]]
            if len(shown) > MAX_DETAILS:
                out.append(f"    ……另有 {len(shown) - MAX_DETAILS} 条")
        if self.errors:
            out.append(f"结论：有 {self.errors} 项错误，不能付印。")
        elif self.warnings:
            out.append(f"结论：可以付印，但有 {self.warnings} 项提醒请看一下。")
        else:
            out.append("结论：通过，可以付印。")
        return "\n".join(out) + "\n"

    def as_dict(self) -> dict:
        s = self.scan
        return {
            "file": self.file,
            "pdf_version": s.version,
            "passed": not self.errors,
            "errors": self.errors,
            "warnings": self.warnings,
            "checks": [
                {"id": c.id, "title": c.title, "status": c.status, "summary": c.summary, "details": c.details}
                for c in self.checks
            ],
            "pages": [
                {"number": p.number, "boxes_mm": {k: _mm_box(v) for k, v in p.boxes.items() if v is not None}}
                for p in s.pages
            ],
            "fonts": [
                {"name": f.name, "type": f.subtype, "embedded": f.embedded, "subset": f.subset, "pages": f.pages}
                for f in sorted(s.fonts.values(), key=lambda f: f.name)
            ],
            "colour_spaces": [
                {"space": sp, "used_for": ctx, "count": r["count"], "pages": r["pages"]}
                for (sp, ctx), r in sorted(s.colour_uses.items())
            ],
            "text_colours": [
                {"space": sp, "values": list(v), "count": n} for (sp, v), n in sorted(s.text_colours.items())
            ],
            "images": [
                {
                    "page": i.page,
                    "name": i.name,
                    "pixels": [i.width_px, i.height_px],
                    "size_mm": [mm(i.width_pt), mm(i.height_pt)],
                    "ppi": None if i.is_mask else round(i.ppi, 1),
                    "colour_space": i.colorspace,
                    "bits": i.bits,
                    "smask": i.smask,
                }
                for i in s.images
            ],
            "transparency": [{"page": p, "what": w} for p, w in s.transparency],
            "pdfx": {
                "GTS_PDFXVersion": s.info.get("GTS_PDFXVersion"),
                "GTS_PDFXConformance": s.info.get("GTS_PDFXConformance"),
                "Trapped": s.info.get("Trapped"),
                "Title": s.info.get("Title"),
                "output_intents": s.output_intents,
            },
            **self.extra,
        }

    def json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _mm_box(b) -> list[float]:
    return [mm(x) for x in b]
