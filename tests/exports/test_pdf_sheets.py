"""The facilitator sheets, read back: clock times, commitments, prompts, prepared items, QR code."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import kits
from exports.pdf.sheets import render_sheets, schedule
from facilitator.i18n import tr
from facilitator.kit import load_kit
from facilitator.kit.model import Item, Phase
from tests.exports.pdf_support import (
    decode_qr,
    norm,
    outline,
    pages_text,
    reader,
    render_pages,
    uris,
)


@pytest.fixture(scope="module")
def kit_2016():
    return load_kit(kits.kit_path("ministere-ouvert-2016"))


@pytest.fixture(scope="module")
def sheets_2016(kit_2016):
    return render_sheets(kit_2016)


def sheet_pages(pdf: bytes, kit) -> dict[int, list[int]]:
    """Atelier number → its page indexes (from the bookmarks)."""
    marks = [p for _, p in outline(pdf)]
    n = len(reader(pdf).pages)
    bounds = [*marks, n]
    return {w.number: list(range(bounds[i], bounds[i + 1])) for i, w in enumerate(kit.workshops)}


def test_clock_times_are_computed_from_the_start(sheets_2016, kit_2016):
    texts = pages_text(sheets_2016)
    pages = sheet_pages(sheets_2016, kit_2016)
    for w in kit_2016.workshops:
        text = norm("".join(texts[p] for p in pages[w.number]))
        # the 2016 ateliers start with the event (17h): 45 + 90 + 15 + 30 minutes
        for span, title in [("17h–17h45", "Présentation des engagements et des réalisations"),
                            ("17h45–19h15", "Travail collectif"),
                            ("19h15–19h30", "Préparation de la restitution"),
                            ("19h30–20h", "Présentation des contributions au secrétaire d'État")]:
            assert norm(span + title) in text, (w.number, span)
        # one page per atelier: a sheet a little too long is printed a little smaller
        assert len(pages[w.number]) == 1


def test_schedule_from_the_ateliers_own_start(kit_2016):
    w = dataclasses.replace(kit_2016.workshops[0], start=dt.time(14, 15),
                            phases=(Phase("Présentation", 45), Phase("Travail en groupes", 90),
                                    Phase("Restitution", 20)))
    # times in the one French form of every document (« 14h15–15h », as the 2021 booklets)
    assert schedule(w, dt.time(9, 0)) == [("14h15–15h", "Présentation", 45),
                                          ("15h–16h30", "Travail en groupes", 90),
                                          ("16h30–16h50", "Restitution", 20)]
    assert schedule(w, dt.time(9, 0), "en")[0][0] == "14:15–15:00"
    kit = dataclasses.replace(kit_2016, workshops=(w,))
    text = norm("".join(pages_text(render_sheets(kit))))
    for expected in ("14h15–15hPrésentation", "15h–16h30Travailengroupes", "16h30–16h50Restitution",
                     "Horaire : 14h15–16h50"):
        assert norm(expected) in text


def test_commitments_prompts_and_prepared_items(sheets_2016, kit_2016):
    texts = pages_text(sheets_2016)
    pages = sheet_pages(sheets_2016, kit_2016)
    for w in kit_2016.workshops:
        text = norm("".join(texts[p] for p in pages[w.number]))
        for cid in w.commitments:
            c = kit_2016.commitment(cid)
            assert norm(f"Engagement {cid} : {c.title}") in text
            if c.status:
                assert norm(tr(f"status.{c.status}", "fr")) in text
        pos = 0
        for sec in kit_2016.sections:
            found = text.find(norm(f"► {sec.title}"), pos)
            assert found >= 0, (w.number, sec.id)
            pos = found
            assert norm(f"Relances : {sec.hint}") in text
            for item in w.prepared_for(sec.id):
                assert norm(item.text) in text


def test_qr_code_to_the_online_access(sheets_2016, kit_2016):
    pages = sheet_pages(sheets_2016, kit_2016)
    w = kit_2016.workshops[3]  # two online links
    first = pages[w.number][0]
    (image,) = render_pages(sheets_2016, [first])
    assert sorted(decode_qr(image)) == sorted(ln.url for ln in w.online)
    assert {ln.url for ln in w.online} <= {u for p, u, _ in uris(sheets_2016) if p == first}


def test_question_in_large_type_and_nested_prepared_items(kit_2021):
    w = dataclasses.replace(kit_2021.workshops[0], prepared=(
        ("projets", (Item("Parent <b>&", items=(Item("Enfant", url="https://exemple.fr/e"),)),)),))
    pdf = render_sheets(dataclasses.replace(kit_2021, workshops=(w,)))
    text = norm(pages_text(pdf)[0])
    assert norm(w.question) in text
    assert norm("Parent <b>&") in text and norm("Enfant : https://exemple.fr/e") in text
    assert "https://exemple.fr/e" in {u for _, u, _ in uris(pdf)}


def test_same_kit_same_bytes(kit_2016, sheets_2016):
    assert render_sheets(kit_2016) == sheets_2016
