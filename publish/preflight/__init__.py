"""印前检查 (preflight) of any PDF: fonts, colours, page boxes, images, transparency, PDF/X.

One line per check for editors and print shops (✓ passed, ! look at it,
✗ must be fixed), or JSON. Exit status 1 when any check fails. The PDF is read by
scan.py, judged by checks.py (and press.py: separations), reported by report.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError, Problem
from .checks import (
    damage_note,
    safely,
    check_black_text,
    check_boxes,
    check_colours,
    check_fonts,
    check_images,
    check_pdfx,
    check_structure,
    check_transparency,
)
from .report import ERROR, OK, WARN, Check, Report
from .scan import Scan, scan_pdf

__all__ = ["Check", "Report", "OK", "WARN", "ERROR", "build_checks", "preflight", "run_preflight"]


def build_checks(copyfit, proof) -> list[Check]:
    """Copyfit and proofreading of the meeting the PDF was built from, as the caller found
    them (the package does; preflight alone cannot know where a PDF came from).

    copyfit: the composition's report (.fits, .format()) or the PublishError that stopped it;
    proof: the proofreader's findings, the PublishError that stopped it, or None (not run)."""
    from ..errors import PublishError

    checks = []
    if isinstance(copyfit, PublishError):
        checks.append(Check("copyfit", "版面核算", ERROR, "无法核算", [str(p) for p in copyfit.problems]))
    else:
        last = copyfit.format().strip().splitlines()[-1]
        checks.append(Check("copyfit", "版面核算", OK if copyfit.fits else ERROR, last))
    if isinstance(proof, PublishError):
        checks.append(Check("proof", "校对", ERROR, "无法校对", [str(p) for p in proof.problems]))
    elif proof is not None:
        errs = sum(f.severity == "error" for f in proof)
        status = ERROR if errs else WARN if proof else OK
        checks.append(
            Check("proof", "校对", status, f"{errs} 个错误，{len(proof) - errs} 个提醒", [str(f) for f in proof])
        )
    return checks


def preflight(
    pdf: Path,
    *,
    min_ppi: float | None = None,
    warn_ppi: float | None = None,
    extra: Sequence[Check] = (),
    ink_limit: float | None = None,
    spot_colours: bool = False,
    measure_ink: bool = True,
) -> Report:
    """The print checks of a PDF; `extra` are checks the caller made of its source (build_checks).
    ink_limit: total area coverage in % (default: the layout default, 240 for newsprint);
    measure_ink: render the separations (Ghostscript) for coverage and bleed."""
    from ..layout.spec import Layout

    pdf = Path(pdf)
    s = _scan(pdf)
    min_ppi = Layout.image_min_ppi if min_ppi is None else min_ppi
    warn_ppi = Layout.image_warn_ppi if warn_ppi is None else warn_ppi
    checks = [
        safely(check_boxes, s),
        safely(check_fonts, s),
        safely(check_colours, s),
        safely(check_black_text, s),
        safely(check_images, s, min_ppi, warn_ppi),
        safely(check_transparency, s),
        safely(check_pdfx, s),
    ]
    structure = check_structure(s)
    if structure.status == OK:
        # Ink coverage renders the pages: not for a file that could not be read whole.
        try:
            checks += _press_checks(
                pdf, s, checks, Layout.ink_limit if ink_limit is None else ink_limit, spot_colours, measure_ink
            )
        except Exception as e:  # noqa: BLE001 - a damaged file fails the check, never crashes it
            checks.append(Check("press", "印刷检查", ERROR, "无法完成", [damage_note(e)]))
    checks.append(structure)
    checks += extra
    return Report(pdf.name, s, checks)


def _scan(pdf: Path) -> Scan:
    """The scan of a file that opens as a PDF; one that does not is the user's error (exit 2)."""
    import pikepdf

    from ..safeio import check_file

    if not pdf.exists():
        raise InputError(Problem(str(pdf), None, "找不到这个 PDF 文件。"))
    check_file(pdf, "pdf")  # a regular file under the size limit (no FIFO, no device)
    try:
        return scan_pdf(pdf)
    except pikepdf.PasswordError:
        raise InputError(
            Problem(str(pdf), None, "无法打开：文件已加密，需要密码。PDF/X 不允许加密，请向对方要未加密的文件。")
        ) from None
    except (
        pikepdf.PdfError,
        RecursionError,
        ValueError,
        TypeError,
        OverflowError,
        AttributeError,
        KeyError,
        IndexError,
    ) as e:
        msg = (str(e).strip().splitlines() or [type(e).__name__])[0][:160]
        raise InputError(Problem(str(pdf), None, f"无法打开：不是有效的 PDF 文件（{msg}）。")) from None


def _press_checks(
    pdf: Path, s: Scan, checks: list[Check], ink_limit: float, spot_colours: bool, measure_ink: bool
) -> list[Check]:
    """Spot colours, ink coverage and bleed (from the separations); four-colour black
    text located on the page."""
    from .press import check_spot, ink_checks, rich_black_places

    for c in checks:
        if c.id == "black_text" and c.status == ERROR:
            c.details = rich_black_places(pdf) + c.details
    out = [check_spot(s, spot_colours, Check)]
    if measure_ink:
        out += ink_checks(pdf, s, ink_limit, Check)
    return out


def run_preflight(pdf: Path, as_json: bool = False, **kw) -> int:
    rep = preflight(pdf, **kw)
    print(rep.json() if as_json else rep.text(), end="")
    return 1 if rep.errors else 0
