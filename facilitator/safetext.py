"""Characters that must never reach a document or a terminal from a kit or a file: the one
definition, used by the kit rules (``facilitator.kit.spec``) and by every CLI message.

Forbidden: the C0 controls (U+0000–U+001F) except tab and line feed where a text allows them,
DEL (U+007F), the C1 controls (U+0080–U+009F), and the bidirectional embeddings, overrides and
isolates (U+202A–U+202E, U+2066–U+2069) that make a text display in another order than it reads
("Trojan Source"). Letters of right-to-left scripts need none of them.
"""

from __future__ import annotations

import re

_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_BIDI = "\u202a-\u202e\u2066-\u2069"
FORBIDDEN = re.compile(f"[{_CONTROLS}{_BIDI}]")  # tab and line feed allowed
FORBIDDEN_ON_ONE_LINE = re.compile(f"[\t\n{_CONTROLS}{_BIDI}]")


def first_forbidden(text: str, one_line: bool = False) -> tuple[int, str] | None:
    """(index, character) of the first forbidden character of ``text``, or None."""
    found = (FORBIDDEN_ON_ONE_LINE if one_line else FORBIDDEN).search(text)
    return (found.start(), found.group()) if found else None


def code(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def printable(text: str) -> str:
    """``text`` safe to write to a terminal: every forbidden character shown as ``\\x1b`` or
    ``\\u202e`` (tab and line feed kept), so no escape sequence or reordering reaches it."""
    return FORBIDDEN.sub(lambda m: _escape(m.group()), text)


def _escape(ch: str) -> str:
    n = ord(ch)
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"
