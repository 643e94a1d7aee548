"""PNG proofs of built PDFs (for the README and for eyes): python tools/proofs.py BUILD_DIR OUT_DIR

One PNG per PDF: single pages at 50 dpi; multi-page documents as a contact sheet.
"""
import sys
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

DPI = 50


def render(pdf_path: Path, out: Path, dpi: int = DPI) -> Path:
    doc = pdfium.PdfDocument(str(pdf_path))
    pages = [doc[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(doc))]
    if len(pages) == 1:
        sheet = pages[0]
    else:
        cols = min(4, len(pages))
        rows = -(-len(pages) // cols)
        w, h = pages[0].size
        sheet = Image.new("RGB", (cols * w + (cols - 1) * 8, rows * h + (rows - 1) * 8), (128, 128, 128))
        for i, p in enumerate(pages):
            sheet.paste(p, ((i % cols) * (w + 8), (i // cols) * (h + 8)))
    target = out / (pdf_path.stem + ".png")
    sheet.save(target, optimize=True)
    return target


def main(build_dir: str, out_dir: str) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for pdf in sorted(Path(build_dir).glob("*.pdf")):
        print(render(pdf, out))


if __name__ == "__main__":
    main(*sys.argv[1:3])
