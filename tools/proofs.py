"""PNG proofs of built PDFs (for the README and for eyes): python tools/proofs.py BUILD_DIR OUT_DIR

One PNG per PDF: single pages at 50 dpi; multi-page documents as a contact sheet.
Each DOCX is also opened the way a Word user's colleague would see it, through
LibreOffice (when installed), and page 1 of that rendering is saved beside it.
"""
import shutil
import subprocess
import sys
import tempfile
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
    soffice = shutil.which("soffice")
    for docx in sorted(Path(build_dir).glob("*.docx")) if soffice else ():
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                            "--convert-to", "pdf", "--outdir", tmp, str(docx)], capture_output=True, timeout=300)
            converted = Path(tmp) / (docx.stem + ".pdf")
            if converted.exists():
                first = Path(tmp) / (docx.stem + "-docx-libreoffice.pdf")
                doc = pdfium.PdfDocument(str(converted))
                page1 = pdfium.PdfDocument.new()
                page1.import_pages(doc, [0])
                page1.save(str(first))
                print(render(first, out))


if __name__ == "__main__":
    main(*sys.argv[1:3])
