"""The 2021 "Livret participant" annexes of seed 002 and how much of them a booklet prints.

The seed is the text extracted from the published PDF (its README says so): the annexes are
read from it at test time, never copied into a test.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from tests.conftest import SEEDS

# beside the repository (../shared/seeds), or where FACILITATOR_SEEDS says (a git worktree)
SEED_2021 = Path(os.environ.get("FACILITATOR_SEEDS") or SEEDS) / "002_c44500ee50f02bd9.txt"
# where each annex starts, and the back cover that follows the second one
ANNEX_STARTS = ("Annexe 1 :", "Annexe 2 :")
BACK_COVER = "**MINIST"


def booklet_annexes() -> list[list[str]]:
    """The non-empty lines of annex 1 and annex 2 (without their own "Annexe n :" title)."""
    lines = SEED_2021.read_text("utf-8").splitlines()
    starts = [next(i for i, ln in enumerate(lines) if ln.startswith(a)) for a in ANNEX_STARTS]
    end = next(i for i, ln in enumerate(lines) if ln.startswith(BACK_COVER))
    bounds = [(starts[0] + 1, starts[1]), (starts[1] + 1, end)]
    return [[ln for ln in lines[a:b] if ln.strip()] for a, b in bounds]


URL_SCHEME = re.compile(r"https?://|<|>")


def fold(text: str) -> str:
    """Text compared as a reader compares it: letters and digits only, without accents or case
    (« À quoi » = "A quoi", "Qu'est ce" = "Qu'est-ce"), links without their scheme
    (`s.42l.fr/x` = `<https://s.42l.fr/x>`), Markdown marks and bullets ignored."""
    text = URL_SCHEME.sub("", text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def coverage(seed_lines: list[str], printed: str) -> tuple[int, list[str]]:
    """(lines of ``seed_lines`` found in ``printed`` — the booklet's text without its running
    headers and page numbers —, the lines not found)."""
    haystack = fold(printed)
    missing = [ln for ln in seed_lines if fold(ln) not in haystack]
    return len(seed_lines) - len(missing), missing


PAGE_NUMBER = re.compile(r"\s*\d+\s*(/\s*\d*)?\s*")


def without_running_heads(pages: list[str], *heads: str) -> str:
    """The pages' text joined, each page but the first without the running header lines and
    page number it opens with (they are drawn first), so that a paragraph split across two
    pages reads on."""
    out = [pages[0]] if pages else []
    for text in pages[1:]:
        lines = text.splitlines()
        while lines and (lines[0].strip() in heads or PAGE_NUMBER.fullmatch(lines[0])):
            lines.pop(0)
        out.append("\n".join(lines))
    return "\n".join(out)
