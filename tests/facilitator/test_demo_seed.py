"""The 2016 demo event holds every bullet of the real restitution annex (seeds/000_…), in order.

The seed is the published document; it lives in ../shared/seeds beside the repository (as in CI).
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import SEEDS

SEED = SEEDS / "000_c839e99bb05df683.txt"
SECTION_TITLES = [
    ("projets", r"Projets présentés"),
    ("indicateurs", r"Indicateurs de suivi"),
    ("initiatives", r"Initiatives inspirantes"),
    ("defis", r"Défis de mise en œuvre"),
    ("futurs", r"Futurs engagements|Pistes d.engagements futurs"),
]


def norm(s: str) -> str:
    """The seed's markdown and the notes' own marks (« § » paragraph, `verbatim`) left out."""
    s = s.replace("\\_", "_")
    s = re.sub(r"^§ ", "", s).replace("`", "")
    s = re.sub(r"<sup>(.*?)</sup>", r"\1", s)
    s = re.sub(r"\[([^\]]*)\]\(([^)]*)\)", r"\2", s)
    s = re.sub(r"<(https?://[^>]*)>", r"\1", s)
    s = re.sub(r"^o ", "", s)
    s = s.replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", s).strip()


def seed_annex() -> dict[tuple[int, str], list[str]]:
    lines = SEED.read_text("utf-8").split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("# RESTITUTION DES CINQ"))
    out: dict[tuple[int, str], list[list]] = {}
    atelier = section = None
    current = None
    for ln in lines[start + 1 :]:
        m = re.match(r"## ATELIER (\d)", ln)
        if m:
            atelier, section, current = int(m.group(1)), None, None
            continue
        if atelier is None or not ln.strip():
            current = None if not ln.strip() else current
            continue
        body = re.sub(r"^\s*(-\s+)?(#+\s*)?", "", ln)
        if body.startswith(("►", "▶")):
            section = next(k for k, rx in SECTION_TITLES if re.search(rx, body))
            current = None
            continue
        if section is None:
            continue
        is_bullet = ln.lstrip().startswith("- ")
        if not is_bullet and current is not None and not ln.lstrip().startswith("#"):
            current[0] += " " + ln.strip()
            continue
        current = [re.sub(r"^\s*(-\s+|#+\s*)", "", ln)]
        out.setdefault((atelier, section), []).append(current)
    return {k: [norm(v[0]) for v in vals] for k, vals in out.items()}


@pytest.mark.skipif(not SEED.exists(), reason="the seed documents are not beside the repository")
def test_demo_holds_every_bullet_of_the_2016_annex_in_place_and_order(demo):
    seed = seed_annex()
    assert sum(len(v) for v in seed.values()) > 100
    for w in demo.kit.workshops:
        for s in demo.kit.sections:
            notes = [norm(r.text + (" : " + r.urls[0] if r.urls else "")) for r in demo.notes(w.number, s.id)]
            assert notes == seed.get((w.number, s.id), []), f"atelier {w.number}, section {s.id}"


def test_demo_nesting_goes_three_levels_deep(demo):
    depths = [d for w in demo.kit.workshops for s in demo.kit.sections for _, d in demo.outline(w.number, s.id)]
    assert max(depths) == 2  # three levels, as in the 2016 restitution


def test_demo_synthesis(demo):
    syn = demo.synthesis()
    assert syn.date == "2016-07-21" and "Ministère ouvert" in syn.object
    assert "- Informer plus en amont les participants du format et du contenu ;" in syn.feedback
    kinds = [p.kind for p in demo.proposals()]
    assert kinds == ["accelerate"] * 3 + ["next-plan"] * 3
    assert demo.proposals()[2].commitments == ("12", "15", "18", "21", "22")
