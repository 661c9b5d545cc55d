"""The vendored DejaVu Sans family, and text made safe for reportlab's Paragraph markup.

reportlab has no per-glyph fallback: a character the font lacks is drawn as an empty box or
nothing at all. ``markup()`` checks every character against the font's cmap and replaces the
missing ones by a visible, grey "□" (or drops the invisible ones: variation selectors, skin-tone
modifiers, joiners), and escapes ``&``, ``<`` and ``>`` so that no note can inject markup.

Emoji (👍 🎯 ✅…) are drawn in Noto Emoji, vendored beside DejaVu (exports/fonts, OFL): reportlab
cannot draw colour fonts (their glyphs are bitmaps or colour layers), so the PDFs show the
monochrome Noto Emoji, the same shapes in black. ``markup()`` puts each emoji DejaVu lacks in a
``<font>`` run of that face.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FAMILY = "DejaVuSans"
REGULAR, BOLD, ITALIC, BOLD_ITALIC = (
    "DejaVuSans",
    "DejaVuSans-Bold",
    "DejaVuSans-Oblique",
    "DejaVuSans-BoldOblique",
)
_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
EMOJI = "NotoEmoji"  # the emoji face (one weight: bold and italic runs use it as it is)
EMOJI_FILE = "NotoEmoji-Regular.ttf"
FILES = (*_FILES.values(), EMOJI_FILE)  # the faces' files, in FONT_DIR (also the window's fallback)

MISSING = "\u25a1"  # □ WHITE SQUARE, drawn in grey in place of a glyph the font lacks
MISSING_COLOR = "#8a8a8a"
# reportlab breaks lines at U+202F (it is in its whitespace list): the narrow no-break space of
# French typography becomes a no-break space, which reportlab does keep together.
_TRANSLATE = {0x202F: "\u00a0", 0x2007: "\u00a0", 0x09: " ", 0x0D: None}

_lock = threading.Lock()
_covered: frozenset[int] | None = None  # what the regular face draws
_styled: frozenset[int] | None = None  # what all four faces draw (bold, italic runs)
_emoji: frozenset[int] = frozenset()  # what the emoji face draws


def _to_unicode_cmap(fontname: str, subset) -> str:
    """reportlab's ToUnicode CMap (``ttfonts.makeToUnicodeCMap``), with each character written
    in UTF-16 as the PDF reference asks: reportlab writes a character beyond the BMP (an emoji)
    as its code point's five hex digits, which readers reject, so copying or searching it fails.
    Same text otherwise."""
    from reportlab.pdfbase import ttfonts

    cmap = ttfonts._reportlab_to_unicode_cmap(fontname, subset)
    if all(v <= 0xFFFF for v in subset):
        return cmap
    wrong = {f"<{i:02X}> <{v:04X}>": f"<{i:02X}> <{chr(v).encode('utf-16-be').hex().upper()}>"
             for i, v in enumerate(subset) if v > 0xFFFF}
    return "\n".join(wrong.get(line, line) for line in cmap.split("\n"))


def register() -> frozenset[int]:
    """Register the family with reportlab (once per process); the code points it can draw."""
    global _covered, _styled, _emoji
    if _covered is not None:
        return _covered
    with _lock:
        if _covered is not None:
            return _covered
        from reportlab.pdfbase import pdfmetrics, ttfonts
        from reportlab.pdfbase.ttfonts import TTFont

        if not hasattr(ttfonts, "_reportlab_to_unicode_cmap"):  # (the one correction, see above)
            ttfonts._reportlab_to_unicode_cmap = ttfonts.makeToUnicodeCMap
            ttfonts.makeToUnicodeCMap = _to_unicode_cmap

        fonts = {}
        for name, file in _FILES.items():
            fonts[name] = TTFont(name, str(FONT_DIR / file))
            pdfmetrics.registerFont(fonts[name])
        pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC,
                                      boldItalic=BOLD_ITALIC)
        # Characters beyond the BMP (DejaVu has a few emoji) are left out: reportlab writes
        # them into the ToUnicode map in a form readers reject, so copy and search would break.
        sets = [{cp for cp in f.face.charToGlyph if cp <= 0xFFFF} for f in fonts.values()]
        # the oblique and bold faces lack Arabic and a few other blocks: a bold or italic run is
        # checked against what all four faces can draw
        _styled = frozenset(set.intersection(*sets))
        emoji = TTFont(EMOJI, str(FONT_DIR / EMOJI_FILE))
        pdfmetrics.registerFont(emoji)
        pdfmetrics.registerFontFamily(EMOJI, normal=EMOJI, bold=EMOJI, italic=EMOJI, boldItalic=EMOJI)
        # its emoji only (not its digits, #, * and spaces, which DejaVu draws in the text's face)
        _emoji = frozenset(cp for cp in emoji.face.charToGlyph if cp > 0x7F and not chr(cp).isspace())
        _covered = frozenset(sets[0])
    return _covered


def coverage(styled: bool = False) -> frozenset[int]:
    register()
    return _styled if styled else _covered


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _invisible(ch: str) -> bool:
    cp = ord(ch)
    if 0x1F3FB <= cp <= 0x1F3FF or 0xE0020 <= cp <= 0xE007F:  # skin tones, emoji tags
        return True
    return unicodedata.category(ch) in ("Mn", "Me", "Cf", "Cc")


def emoji_coverage() -> frozenset[int]:
    """The characters drawn in the emoji face (those DejaVu lacks)."""
    register()
    return _emoji


@lru_cache(maxsize=4096)
def _fallback(ch: str) -> str:
    if _invisible(ch):
        return ""
    if ord(ch) in _emoji:
        return f'<font name="{EMOJI}">{ch}</font>'
    return f'<font color="{MISSING_COLOR}">{MISSING}</font>'


def markup(text: str, styled: bool = False) -> str:
    """``text`` as Paragraph markup: escaped, and every glyph drawable by DejaVu Sans (by all
    four faces when ``styled``: for bold or italic text), emoji in Noto Emoji."""
    covered = coverage(styled)
    text = text.translate(_TRANSLATE)
    text = escape(text)
    missing = {ch for ch in set(text) if ord(ch) not in covered and ch != "\n"}
    if missing:
        text = "".join(_fallback(ch) if ch in missing else ch for ch in text)
    return text.replace("\n", "<br/>") if "\n" in text else text


def drawable(text: str) -> str:
    """Plain text (no markup) for canvas.drawString: missing glyphs become "□"."""
    covered = coverage()
    text = text.translate(_TRANSLATE).replace("\n", " ")
    if all(ord(ch) in covered for ch in text):
        return text
    return "".join(ch if ord(ch) in covered else ("" if _invisible(ch) else MISSING) for ch in text)
