"""QR codes for print, drawn as vectors: one filled path of the dark runs of each row.

The matrix comes from the ``qrcode`` package (error correction Q for short URLs, M otherwise);
the quiet zone of 4 modules is kept (painted white, so a code also reads on a tinted
background); a code is at least 2 cm wide for its dark part and never less than 0.5 mm per
module, so a long URL gets a larger code. Non-ASCII URLs are encoded (IDNA host,
percent-encoded path) for the QR payload and the PDF link, and printed as written.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote, urlsplit, urlunsplit

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

QUIET = 4  # modules of quiet zone on every side
MIN_SYMBOL = 20 * mm  # the dark part of the code, at the least
MIN_MODULE = 0.5 * mm
SHORT = 46  # bytes: up to here the code stays at version 4 or less with level Q

_SAFE_PATH = "/%:@!$&'()*+,;=-._~"
_SAFE_QUERY = _SAFE_PATH + "?"


def encode_url(url: str) -> str:
    """The URL in ASCII, as a QR payload or a PDF link: IDNA host, percent-encoded rest."""
    if url.isascii():
        return url
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        try:
            ascii_host = host.encode("idna").decode("ascii") if host else ""
        except UnicodeError:
            ascii_host = quote(host, safe=".-")
        netloc = ascii_host
        if parts.port is not None:
            netloc += f":{parts.port}"
        if parts.username is not None:
            user = quote(parts.username, safe="%")
            if parts.password is not None:
                user += ":" + quote(parts.password, safe="%")
            netloc = f"{user}@{netloc}"
        return urlunsplit((
            parts.scheme,
            netloc,
            quote(parts.path, safe=_SAFE_PATH),
            quote(parts.query, safe=_SAFE_QUERY),
            quote(parts.fragment, safe=_SAFE_QUERY),
        ))
    except ValueError:
        return quote(url, safe=_SAFE_QUERY + "#")


@lru_cache(maxsize=2048)
def runs(payload: str) -> tuple[int, tuple[tuple[int, int, int], ...]] | None:
    """(size in modules without quiet zone, dark runs as (row, first column, length)).

    None when the payload cannot fit any QR code.
    """
    import qrcode
    from qrcode.constants import ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q
    from qrcode.exceptions import DataOverflowError

    size = len(payload.encode("utf-8"))
    levels = [ERROR_CORRECT_Q, ERROR_CORRECT_M] if size <= SHORT else [ERROR_CORRECT_M]
    levels.append(ERROR_CORRECT_L)
    for level in levels:
        code = qrcode.QRCode(error_correction=level, border=0)
        code.add_data(payload.encode("utf-8"))
        try:
            code.make(fit=True)
        except DataOverflowError:
            continue
        matrix = code.get_matrix()
        out = []
        for r, row in enumerate(matrix):
            c = 0
            n = len(row)
            while c < n:
                if row[c]:
                    start = c
                    while c < n and row[c]:
                        c += 1
                    out.append((r, start, c - start))
                else:
                    c += 1
        return len(matrix), tuple(out)
    return None


def module_size(modules: int) -> float:
    return max(MIN_MODULE, MIN_SYMBOL / modules)


class QRCode(Flowable):
    """A QR code of ``url`` (quiet zone included), a link to it in the PDF unless ``link`` is
    false (a payload that is not a web address: a hub's join code)."""

    def __init__(self, url: str, min_width: float = 0.0, link: bool = True):
        super().__init__()
        self.url = url
        self.link = link
        self.payload = encode_url(url)
        self.code = runs(self.payload)
        if self.code is None:
            self.module = 0.0
            self.size = 0.0
        else:
            modules = self.code[0]
            self.module = max(module_size(modules), min_width / (modules + 2 * QUIET))
            self.size = self.module * (modules + 2 * QUIET)

    def wrap(self, availWidth, availHeight):
        return self.size, self.size

    def draw(self):
        if self.code is None:
            return
        canv = self.canv
        m = self.module
        modules, dark = self.code
        canv.saveState()
        canv.setFillColorRGB(1, 1, 1)
        canv.rect(0, 0, self.size, self.size, stroke=0, fill=1)
        canv.setFillColorRGB(0, 0, 0)
        path = canv.beginPath()
        top = self.size - QUIET * m
        for r, c, length in dark:
            path.rect((QUIET + c) * m, top - (r + 1) * m, length * m, m)
        canv.drawPath(path, stroke=0, fill=1, fillMode=1)  # nonzero: no seams between runs
        canv.restoreState()
        if self.link:
            canv.linkURL(self.payload, (0, 0, self.size, self.size), relative=1)
