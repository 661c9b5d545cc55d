"""Reading our PDFs back: text per page, link annotations, outline, QR codes from rendered pages."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import pytest

QUOTES = "«»\"“”'’"


def reader(data: bytes):
    import pypdf

    return pypdf.PdfReader(io.BytesIO(data))


def pages_text(data: bytes) -> list[str]:
    return [p.extract_text() or "" for p in reader(data).pages]


def norm(text: str) -> str:
    """Text compared regardless of line breaks, (no-break) spaces, quote style and marks."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("**", "").replace("*", "")
    return "".join(ch for ch in text if not ch.isspace() and ch not in QUOTES)


def toc_entries(data: bytes, index: int, title: str) -> list[tuple[str, int]]:
    """(title, page number) of the table of contents on page ``index``, below ``title``: each
    entry is its title, its dot leader, then its page number."""
    text = pages_text(data)[index]
    text = text[text.index(title + "\n") + len(title):]
    return [(" ".join(m.group(1).split()), int(m.group(2)))
            for m in re.finditer(r"(\S.*?)\s*(?:\.\s*){3,}(\d+)", text, re.S)]


def body_text(data: bytes, *headers: str) -> list[str]:
    """Each page's text without its running header lines (``headers``) and page number."""
    out = []
    for t in pages_text(data):
        lines = [ln for ln in t.splitlines()
                 if not re.fullmatch(r"\s*\d+\s*(/\s*(\d+)?)?\s*", ln) and ln.strip() not in headers]
        out.append("\n".join(lines))
    return out


def uris(data: bytes) -> list[tuple[int, str, tuple[float, float, float, float]]]:
    """(page index, URI, rect) of every link annotation."""
    out = []
    for i, page in enumerate(reader(data).pages):
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            action = a.get("/A")
            if a.get("/Subtype") == "/Link" and action is not None and "/URI" in action:
                rect = tuple(float(x) for x in a["/Rect"])
                out.append((i, str(action["/URI"]), rect))
    return out


def outline(data: bytes) -> list[tuple[str, int]]:
    """(title, page index) of every bookmark, depth-first."""
    r = reader(data)
    out: list[tuple[str, int]] = []

    def walk(items):
        for it in items:
            if isinstance(it, list):
                walk(it)
            else:
                out.append((it.title, r.get_destination_page_number(it)))

    walk(r.outline)
    return out


def render_pages(data: bytes, pages: list[int], dpi: int = 150):
    """PIL images of the given 0-based pages, rendered by pdftoppm (poppler-utils)."""
    from PIL import Image

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    images = []
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "doc.pdf"
        pdf.write_bytes(data)
        procs = []
        for p in pages:
            procs.append(subprocess.Popen(
                ["pdftoppm", "-r", str(dpi), "-png", "-f", str(p + 1), "-l", str(p + 1),
                 str(pdf), str(Path(tmp) / f"p{p:04d}")]))
        for proc in procs:
            assert proc.wait(timeout=60) == 0
        for p in pages:
            (file,) = Path(tmp).glob(f"p{p:04d}*")
            with Image.open(file) as im:
                images.append(im.copy())
    return images


def decode_qr(image) -> list[str]:
    import zxingcpp

    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


def page_fill(data: bytes, top: float, bottom: float) -> list[float]:
    """How full each page's body frame is (0–1), measured from the PDF: from the frame's top
    (``top``, in points from the page's foot) down to the lowest line of text drawn inside the
    frame (running header above ``top`` and footer below ``bottom`` ignored)."""
    out = []
    for page in reader(data).pages:
        lowest = [top]

        def visit(text, cm, tm, _font, size, lowest=lowest):
            if not text.strip():
                return
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]  # the baseline, in page space
            if bottom - 1 <= y <= top + 1:
                lowest[0] = min(lowest[0], y - abs((size or 0) * tm[3] * cm[3]) * 0.25)

        page.extract_text(visitor_text=visit)
        out.append(max(0.0, min(1.0, (top - lowest[0]) / (top - bottom))))
    return out
