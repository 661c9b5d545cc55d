"""The participant booklet, read back: content per kit, and every QR code decoded from the page
rendered at 150 dpi back to exactly its URL."""

from __future__ import annotations

import dataclasses
import io
from collections import Counter

import pytest

import kits
from exports.pdf.booklet import render_booklet
from exports.pdf.qr import MIN_MODULE, QUIET, encode_url, runs
from facilitator.i18n import tr
from facilitator.kit import load_kit
from facilitator.kit.model import Link
from tests.exports.pdf_support import (
    decode_qr,
    norm,
    outline,
    pages_text,
    reader,
    render_pages,
    uris,
)

CM = 72 / 2.54


def expected_links(kit) -> list[str]:
    """Every link of the kit once per place it is printed: the plan's link is not repeated
    when the event already lists it."""
    urls = [ln.url for ln in kit.all_links()]
    if kit.plan and kit.plan.url and kit.plan.url in [ln.url for ln in kit.event.links]:
        urls.remove(kit.plan.url)
    return urls


def qr_annotations(pdf: bytes):
    """(page, uri, rect) of the square link areas: the QR codes."""
    return [(p, u, r) for p, u, r in uris(pdf) if abs((r[2] - r[0]) - (r[3] - r[1])) < 0.01]


@pytest.fixture(scope="module", params=kits.BUNDLED)
def bundled(request):
    kit = load_kit(kits.kit_path(request.param))
    return kit, render_booklet(kit)


def test_every_qr_code_decodes_to_exactly_its_url(bundled):
    kit, pdf = bundled
    codes = qr_annotations(pdf)
    pages = sorted({p for p, _, _ in codes})
    decoded: list[str] = []
    texts = pages_text(pdf)
    for page, image in zip(pages, render_pages(pdf, pages, dpi=150), strict=True):
        found = decode_qr(image)
        assert Counter(found) == Counter(u for p, u, _ in codes if p == page), page
        for url in found:  # the URL is printed beside its code
            assert norm(url) in norm(texts[page])
        decoded += found
    assert Counter(decoded) == Counter(expected_links(kit))
    assert len(decoded) == len(expected_links(kit))


def test_qr_codes_are_large_enough_to_scan(bundled):
    _kit, pdf = bundled
    for _page, url, rect in qr_annotations(pdf):
        width = rect[2] - rect[0]
        modules = runs(encode_url(url))[0]
        assert width - 2 * QUIET * (width / (modules + 2 * QUIET)) >= 2 * CM - 0.01  # 2 cm of code
        assert width / (modules + 2 * QUIET) >= MIN_MODULE - 0.001 >= 0.4 * CM / 10


def test_booklet_reads_like_the_2021_livret(kit_2021):
    pdf = render_booklet(kit_2021)
    texts = pages_text(pdf)
    r = reader(pdf)
    box = r.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (420, 595)  # A5
    cover = norm(texts[0])
    for expected in ("Forum Open d'État #1", "Transparence de la vie publique",
                     "Cour des Comptes, Paris, 27 mai 2021", "13h45–17h15", "Livret participant"):
        assert norm(expected) in cover
    full = norm("".join(texts))
    order = [
        "Qu'est-ce que le Gouvernement ouvert ?", "ouvre à tous la fabrique de l'action publique",
        "A quoi ça sert un forum Open d'Etat ?", "Qu'est-ce qu'un engagement ?",
        "Dans le futur Plan d'action, on distinguera",
        "Il est ambitieux, susceptible d'être un vecteur de rayonnement de la France",
        "Les projets qui ne feraient l'objet d'aucun travail",
        "À quoi ressemble un engagement ?", "ENGAGEMENT 18", "ACTIONS", "CALENDRIER",
        "Au programme", "13h45", "Accueil", "Cour d'honneur, Cour des comptes", "14h",
        "Rendez-vous dans les salles d'ateliers", "16h–17h15",
        "À noter : Un seul restituant par atelier",
        "ATELIER 1", "Comment rendre visible l'impact des représentants d'intérêt sur la loi ?",
        "Administration pilote : Haute Autorité pour la transparence de la vie publique (HATVP)",
        "Contexte", "La Haute Autorité a pour mission",
        "À parcourir avant l'atelier :", "Les travaux de la HATVP pour le gouvernement ouvert",
        "https://s.42l.fr/hatvp",
        "ATELIER 2", "Organisations représentées :", "Décider ensemble, MEFRE, France Stratégie",
        "ATELIER 5", "Administrations pilotes : Ministère de la Transformation et de la fonction publiques et CADA",
        "Pour aller plus loin", "https://gouvernement-ouvert.transformation.gouv.fr",
        "Mes notes",
    ]
    # nothing the 2021 booklets did not print: the 2021-2023 commitments came out of the forums
    for invented in ("Engagements traités", "Tableau récapitulatif"):
        assert norm(invented) not in full, invented
    pos = 0
    for expected in order:
        found = full.find(norm(expected), pos)
        assert found >= 0, expected
        pos = found
    # two ruled pages for notes at the end
    assert [norm(t) for t in texts[-2:]] == [norm("Mes notes")] * 2 or all(
        norm("Mes notes") in norm(t) for t in texts[-2:])
    assert r.trailer["/Root"]["/Lang"] == "fr"
    assert r.metadata.title.startswith("Forum Open d'État #1")
    titles = [t for t, _ in outline(pdf)]
    assert any(t.startswith("Atelier 1 – ") for t in titles)


def test_status_table_lists_every_commitment_and_splits_across_pages():
    kit = load_kit(kits.kit_path("ministere-ouvert-2016"))
    pdf = render_booklet(kit)
    texts = pages_text(pdf)
    start = next(i for i, t in enumerate(texts) if "Tableau récapitulatif des engagements" in t)
    table = norm("".join(texts[start:]))
    assert len([t for t in texts[start:] if "Statut" in t]) >= 2  # header repeated on each page
    pos = 0
    for c in kit.plan.commitments:
        found = table.find(norm(c.short_title or c.title), pos)
        assert found >= 0, c.id
        pos = found
        if c.status:
            assert norm(tr(f"status.{c.status}", "fr")) in table
    # a commitment title too long for a page splits inside its row
    huge = dataclasses.replace(kit.plan.commitments[0], title="Titre démesuré " * 1500, short_title=None)
    plan = dataclasses.replace(kit.plan, commitments=(huge, *kit.plan.commitments[1:]))
    big = render_booklet(dataclasses.replace(kit, plan=plan))
    assert len(pages_text(big)) > len(texts) + 3


def test_huge_context_and_many_links_split_across_pages(kit_2021):
    w = kit_2021.workshops[0]
    readings = tuple(Link(f"Lecture {i} " + "très longue " * (2500 if i == 0 else 1),
                          f"https://exemple.fr/lecture/{i}") for i in range(40))
    big = dataclasses.replace(w, context="Un contexte interminable. " * 700, readings=readings)
    kit = dataclasses.replace(kit_2021, workshops=(big, *kit_2021.workshops[1:]))
    pdf = render_booklet(kit, size="A4")
    r = reader(pdf)
    assert round(float(r.pages[0].mediabox.width)) == 595  # A4
    qr = qr_annotations(pdf)
    assert Counter(u for _, u, _ in qr) == Counter(expected_links(kit))
    assert len(r.pages) > 12


def test_non_ascii_urls_are_encoded_in_the_code_and_printed_as_written(kit_2021):
    url = "https://café.exemple.fr/données/été?q=élu#sommaire"
    encoded = encode_url(url)
    assert encoded == "https://xn--caf-dma.exemple.fr/donn%C3%A9es/%C3%A9t%C3%A9?q=%C3%A9lu#sommaire"
    assert encode_url("https://s.42l.fr/hatvp") == "https://s.42l.fr/hatvp"
    w = dataclasses.replace(kit_2021.workshops[0], readings=(Link("Accentué", url),))
    kit = dataclasses.replace(kit_2021, workshops=(w,), programme=())
    pdf = render_booklet(kit)
    (page, uri, _rect), = [q for q in qr_annotations(pdf) if "xn--" in q[1]]
    assert uri == encoded
    assert norm(url) in norm(pages_text(pdf)[page])
    (image,) = render_pages(pdf, [page])
    # further reading may follow the atelier on its page: every code there decodes to its link
    found = decode_qr(image)
    assert encoded in found
    assert Counter(found) == Counter(u for p, u, _ in qr_annotations(pdf) if p == page)


def test_logo_on_the_cover_and_a_broken_logo_ignored(kit_2021):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (300, 120), (31, 58, 147)).save(buf, "PNG")
    with_logo = render_booklet(kit_2021, logo=buf.getvalue())
    xobjects = reader(with_logo).pages[0]["/Resources"].get("/XObject") or {}
    assert any(x.get_object()["/Subtype"] == "/Image" for x in xobjects.values())
    broken = render_booklet(kit_2021, logo=b"\x89PNG not really")
    assert "Livret participant" in pages_text(broken)[0]


def test_same_kit_same_bytes(kit_2021):
    assert render_booklet(kit_2021) == render_booklet(kit_2021)
    with pytest.raises(ValueError):
        render_booklet(kit_2021, size="A3")
