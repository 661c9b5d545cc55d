"""The restitution PDF of the 2016 demo event, read back: it must read like the real 2016 document."""

from __future__ import annotations

import dataclasses

import pytest

from exports.content import restitution
from exports.markup import plain
from exports.pdf.restitution import joiner, render_restitution
from tests.exports.pdf_support import (
    body_text,
    norm,
    outline,
    pages_text,
    reader,
    toc_entries,
    uris,
)


@pytest.fixture(scope="module")
def demo_event(tmp_path_factory):
    from facilitator.demo import create_demo

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FACILITATOR_HOME", str(tmp_path_factory.mktemp("home")))
        mp.setenv("FACILITATOR_DEVICE", "laptop-test")
        ev = create_demo(tmp_path_factory.mktemp("demo") / "demo.facilitator")
        yield ev
        ev.close()


@pytest.fixture(scope="module")
def content(demo_event):
    return restitution(demo_event)


@pytest.fixture(scope="module")
def pdf(content) -> bytes:
    return render_restitution(content)


def test_the_cover_reads_like_2016(pdf, content):
    cover = norm(pages_text(pdf)[0])
    for expected in ("Ministère ouvert #1", "RESTITUTION DES ATELIERS",
                     # the cover addresses the role (kit: addressee_role), the synthesis the person
                     "Synthèse des propositions à l'arbitrage du Secrétaire d'État en charge de la Réforme",
                     "Plan d'action français 2015-2017", "21 juillet 2016"):
        assert norm(expected) in cover
    # no running header on the cover, but on every other page, with "n / N"
    texts = pages_text(pdf)
    n = len(texts)
    assert "Restitution des ateliers" not in texts[0] and f"1 / {n}" not in texts[0]
    for i, t in enumerate(texts[1:], start=2):
        assert t.splitlines()[0] == "Ministère ouvert #1"
        assert t.splitlines()[1] == "Restitution des ateliers"
        assert norm(f"{i} / {n}") in norm(t)


def test_synthesis_is_addressed_and_grouped(pdf, content):
    text = norm("".join(pages_text(pdf)[2:5]))
    order = [
        "Synthèse des propositions",
        "À l'attention de Jean-Vincent Placé",
        "Objet : retours d'expérience de l'événement « Ministère ouvert » et propositions d'actions",
        "Le mardi 21 juin 2016 était organisée la première édition",
        "Les participants ont d'une part proposé des améliorations du format",
        "Distinguer les animateurs des ateliers des porteurs métiers",
        "Plusieurs propositions d'actions ont émergé des ateliers :",
        "Actions qui accélèrent la mise en place d'engagements existants :",
        "Améliorer l'accessibilité des évaluations de politiques publiques (engagement 4) en publiant",
        "Poursuivre les ouvertures de codes-sources de logiciels et outils de l'administration (engagement 16) :",
        "Ouvrir le code source de Faire Simple",
        "(engagements 12, 15, 18, 21, 22) :",
        "Actions qui pourraient être intégrées dans un prochain plan d'action :",
        "Pérenniser les démarches « d'openlabs » pour le développement de produits et services numériques par l'Etat : par exemple",
        "Développer des nouveaux formats d'appels à projet et/ou de manifestations d'intérêts, qui mettent",
        "Créer des « ambassadeurs citoyens » au sein des administrations",
    ]
    pos = 0
    for expected in order:
        found = text.find(norm(expected), pos)
        assert found >= 0, expected
        pos = found


def test_every_note_of_the_event_is_in_its_atelier_and_section_in_order(pdf, content, demo_event):
    kit = demo_event.kit
    # the body of the ateliers part: from its first page, without headers and footers
    marks = dict(outline(pdf))
    part = marks[content.workshops_title]
    body = norm("\n".join(body_text(pdf, kit.event.title, "Restitution des ateliers")[part:]))
    starts = [body.find(norm(w.heading)) for w in content.workshops]
    assert all(s >= 0 for s in starts) and starts == sorted(starts)
    annex = body.find(norm("Ce que nous avons entendu"))
    ends = starts[1:] + [annex if annex > 0 else len(body)]
    checked = 0
    for w, start, end in zip(kit.workshops, starts, ends, strict=True):
        segment = body[start:end]
        sections = [w.section_as_shown(s) for s in kit.sections if demo_event.outline(w.number, s.id)]
        heads = [segment.find(norm(f"► {s.title} :")) for s in sections]
        assert all(h >= 0 for h in heads) and heads == sorted(heads), (w.number, heads)
        for k, sec in enumerate(sections):
            limit = heads[k + 1] if k + 1 < len(heads) else len(segment)
            cursor = heads[k]
            for row, _depth in demo_event.outline(w.number, sec.id):
                needle = norm(plain(row.text.removeprefix("§ ")))
                found = segment.find(needle, cursor, limit)
                assert found >= 0, (w.number, sec.id, row.text)
                cursor = found + len(needle)
                checked += 1
    assert checked == sum(len(demo_event.notes(w.number)) for w in kit.workshops)
    assert checked > 100


def test_sommaire_page_numbers_match_the_headings(pdf, content):
    texts = pages_text(pdf)
    entries = toc_entries(pdf, 1, "SOMMAIRE")
    expected = ["Synthèse des propositions",
                "ANNEXE – RESTITUTION DES CINQ ATELIERS COLLABORATIFS",
                *[w.heading for w in content.workshops], "Ce que nous avons entendu"]
    assert [norm(t) for t, _ in entries] == [norm(t) for t in expected]
    marks = dict(outline(pdf))
    for (_title, page), wanted in zip(entries, expected, strict=True):
        assert norm(wanted) in norm(texts[page - 1]), (wanted, page)
        assert norm(wanted) not in norm(texts[page - 2]) or page - 2 == 1
        assert marks[wanted] == page - 1  # the bookmark points at the same page


def test_metadata_outline_and_language(pdf, content):
    r = reader(pdf)
    meta = r.metadata
    assert meta.title.startswith("Ministère ouvert #1")
    assert meta.author == content.host
    assert "propositions d'actions" in meta.subject
    assert r.trailer["/Root"]["/Lang"] == "fr"
    titles = [t for t, _ in outline(pdf)]
    assert "Synthèse des propositions" in titles
    for w in content.workshops:
        assert w.heading in titles
    assert "SOMMAIRE" in titles


def test_links_are_printed_in_full_and_clickable(pdf, content, demo_event):
    links = {u for _, u, _ in uris(pdf)}
    expected = set()
    for w in demo_event.kit.workshops:
        expected |= {ln.url for ln in w.online}
        for row in demo_event.notes(w.number):
            expected |= set(row.urls)
    assert expected and expected <= links
    # printed in full: every URL's text is on some page (line breaks removed)
    body = norm("".join(pages_text(pdf)))
    for url in expected:
        assert norm(url) in body, url


def test_annex_lists_decisions_with_their_reasons(demo_event, content):
    first = content.proposals[0]
    demo_event.decide(first.id, "retenue", "Inscrit au prochain plan d'action")
    try:
        decided = restitution(demo_event)
        pdf = render_restitution(decided, annex=False)  # a decision shows the annex anyway
        text = norm("".join(pages_text(pdf)[-2:]))
        assert norm("Ce que nous avons entendu") in text
        assert norm(f"{first.title}") in text
        assert norm("Décision : Retenue") in text
        assert norm("Motif : Inscrit au prochain plan d'action") in text
        assert norm("Décision : En attente de décision") in text
    finally:
        demo_event.decide(first.id, None)
    without = render_restitution(content, annex=False)
    assert norm("Ce que nous avons entendu") not in norm("".join(pages_text(without)))


def test_a_decision_date_is_written_the_french_way_never_iso(demo_event, content):
    from exports.markdown import render_markdown

    first = content.proposals[0]
    demo_event.decide(first.id, "retenue", "Inscrit", "2026-12-02")
    try:
        decided = restitution(demo_event)
        text = norm("".join(pages_text(render_restitution(decided))[-2:]))
        md = render_markdown(decided)
    finally:
        demo_event.decide(first.id, None)
    for shown in (text, md):
        assert norm("(2 décembre 2026)") in norm(shown)
        assert "2026-12-02" not in shown


def test_validation_line_closes_the_document(content):
    signed = dataclasses.replace(content, validated="Synthèse validée par A. Rapporteur le 21 juillet 2016")
    last = norm(pages_text(render_restitution(signed))[-1])
    assert norm("Synthèse validée par A. Rapporteur le 21 juillet 2016") in last


def test_same_content_same_bytes(content, pdf):
    assert render_restitution(content) == pdf


def test_hostile_notes_never_break_the_export(tmp_path, kit_2021):
    from facilitator.store import EventFile

    ev = EventFile.create(tmp_path / "hostile.facilitator", kit_2021)
    try:
        n = kit_2021.workshops[0].number
        section = kit_2021.sections[0].id
        ev.add_note(n, section, "Émoji 👍🏽 et fête 🎉 — ✔")
        ev.add_note(n, section, "中文测试 한국어 日本語")
        ev.add_note(n, section, "שלום עולם — مرحبا بالعالم")
        ev.add_note(n, section, "<b>&lt </para><font name=x> & < > \"'")
        big = ("Une très longue note de 10 000 caractères. " * 240)[:10_000]
        ev.add_note(n, section, big)
        parent = None
        for depth in range(60):
            parent = ev.add_note(n, section, f"profondeur {depth}", parent=parent).focus
        ev.add_note(n, section, "x" * 3000)  # one word longer than a line
        ev.add_proposal("Proposition au motif interminable", "texte", "accelerate",
                        commitments=["2"], proposal_id="p-big")
        ev.decide("p-big", "non-retenue", "Motif détaillé. " * 700)  # a table cell over a page
        content = restitution(ev)
    finally:
        ev.close()
    pdf = render_restitution(content)
    texts = pages_text(pdf)
    full = "".join(texts)
    assert "<b>&lt </para><font name=x> & < >" in full  # printed, not interpreted
    assert "□" in full  # CJK has no glyph in DejaVu Sans: a visible fallback
    assert "中" not in full
    assert "🎉" not in full or "□" in full
    assert "✔" in full and "Émoji" in full
    assert "שלום" in full or "םולש" in full  # Hebrew and Arabic glyphs are drawn
    assert "مرحبا" in full or "ابحرم" in full
    assert "profondeur 59" in full
    # the 10,000-character note splits across pages
    pages_with_big = [i for i, t in enumerate(texts) if "Une très longue note" in t]
    assert len(pages_with_big) >= 2
    assert norm(big) in norm("".join(body_text(pdf, content.title, "Restitution des ateliers")))
    assert len([t for t in texts if "Motif détaillé" in t]) >= 2


def test_joining_a_proposal_title_and_its_text():
    assert joiner(":", "fr") == "\u00a0"
    assert joiner(",", "fr") == ""
    assert joiner(".", "en") == ""
    assert joiner(":", "en") == ""
    assert joiner("e", "fr") == " "


def test_english_labels_and_an_event_without_synthesis(tmp_path, kit_2021):
    from facilitator.store import EventFile

    ev = EventFile.create(tmp_path / "en.facilitator", kit_2021)
    try:
        ev.add_proposal("Open the data", ", in a reusable format.", "other")
        content = dataclasses.replace(restitution(ev), lang="en")  # labels in the event's language
    finally:
        ev.close()
    texts = pages_text(render_restitution(content))
    assert "WORKSHOP REPORT" in texts[0]
    full = norm("".join(texts))
    for expected in ("CONTENTS", "Summary of proposals", "Other proposals:",
                     "Open the data, in a reusable format.", "What we heard",
                     "Decision:",
                     "ANNEX – REPORT OF THE SIX COLLABORATIVE WORKSHOPS"):
        assert norm(expected) in full, expected
    assert norm(f"1 / {len(texts)}") not in norm(texts[0])


def test_emoji_in_notes_are_drawn_copied_and_searched(tmp_path, kit_2021):
    """👍 🎯 ✅ in a note: drawn in the vendored Noto Emoji (monochrome: reportlab draws no colour
    font), never as the grey box of a missing glyph, and read back as the same characters."""
    from facilitator.store import EventFile

    ev = EventFile.create(tmp_path / "emoji.facilitator", kit_2021)
    try:
        n = kit_2021.workshops[0].number
        ev.add_note(n, kit_2021.sections[0].id, "Bravo 👍 objectif 🎯 fait ✅ vu")
        content = restitution(ev)
    finally:
        ev.close()
    pdf = render_restitution(content)
    r = reader(pdf)
    (page,) = [i for i, t in enumerate(pages_text(pdf)) if "Bravo" in t]
    text = norm(pages_text(pdf)[page])
    assert norm("Bravo 👍 objectif 🎯 fait ✅ vu") in text and "□" not in text
    names = [str(f.get_object()["/BaseFont"]) for f in r.pages[page]["/Resources"]["/Font"].values()]
    assert any("NotoEmoji" in name for name in names), names


def test_an_emoji_is_drawn_as_itself_not_as_the_missing_glyph_box():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from exports.pdf import fonts
    from tests.exports.pdf_support import render_pages

    fonts.register()
    style = ParagraphStyle("t", fontName=fonts.REGULAR, fontSize=40, leading=48)

    def drawn(text: str):
        import io

        out = io.BytesIO()
        SimpleDocTemplate(out, pagesize=(300, 120), leftMargin=10, rightMargin=10, topMargin=10,
                          bottomMargin=10).build([Paragraph(text, style)])
        (image,) = render_pages(out.getvalue(), [0], dpi=72)
        return image.convert("L").tobytes()

    box = drawn(fonts.markup(fonts.MISSING))
    blank = drawn("")
    for emoji in ("👍", "🎯", "✅"):
        assert ord(emoji) in fonts.emoji_coverage() or ord(emoji) in fonts.coverage()
        image = drawn(fonts.markup(emoji))
        assert image != box and image != blank, emoji
    assert drawn(fonts.markup("👍")) != drawn(fonts.markup("🎯"))
