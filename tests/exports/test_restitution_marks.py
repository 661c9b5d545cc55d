"""The restitution's own wording and marks: footnotes at the foot of the page (PDF), as real
footnotes (ODT) and endnotes (HTML, Markdown); superscript ordinals; text printed as written;
paragraph notes; the cover's role; per-atelier section titles; sentences built from partial facts."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile

import pytest

import kits
from exports.content import of_role, restitution
from exports.html import render_html
from exports.markdown import render_markdown
from exports.markup import runs
from exports.odt import render_odt
from exports.pdf.restitution import render_restitution
from facilitator.errors import KitError
from facilitator.i18n import in_words
from facilitator.kit import load_kit
from facilitator.store import EventFile
from facilitator.synthesis import generated_intro
from tests.exports.pdf_support import norm, pages_text, reader
from tests.facilitator.test_demo_seed import SEED


def _texts_with_position(data: bytes) -> list[list[tuple[str, float, float]]]:
    """Per page: (text, y of its baseline, font size) of every text piece drawn."""
    out = []
    for page in reader(data).pages:
        found: list[tuple[str, float, float]] = []

        def visit(text, cm, tm, _font, size, found=found):
            if text.strip():
                scale = (tm[3] or 1) * (cm[3] or 1)
                found.append((text, tm[5] * (cm[3] or 1) + cm[5], abs(size * scale)))

        page.extract_text(visitor_text=visit)
        out.append(found)
    return out


@pytest.fixture
def event(tmp_path):
    kit = load_kit(kits.kit_path("forum-open-etat-2021-1"))
    ev = EventFile.create(tmp_path / "marks.facilitator", kit, device="laptop-test")
    yield ev
    ev.close()


def test_footnotes_land_at_the_foot_of_the_page_that_calls_them(event):
    w, s = event.kit.workshops[0].number, event.kit.sections[0].id
    long = " ".join(["Une phrase assez longue pour remplir la page de texte ordinaire."] * 4)
    for k in range(1, 41):
        event.add_note(w, s, f"{long} appel{k}^[note numéro {k} : https://exemple.fr/{k}] fin.")
    pdf = render_restitution(restitution(event))
    pages = _texts_with_position(pdf)
    placed = 0
    for k in range(1, 41):
        call = next(i for i, p in enumerate(pages) if any(f"appel{k}" in t for t, _y, _s in p))
        note = [y for t, y, _s in pages[call] if f"note numéro {k} " in t]
        assert note, f"note {k} is not on the page of its call ({call + 1})"
        # below every line of the page's body text (the page number aside)
        body = [y for t, y, size in pages[call] if "note numéro" not in t and "exemple.fr" not in t
                and not re.fullmatch(r"\s*\d+\s*(/\s*\d*)?\s*", t) and size >= 9]
        assert note[0] < min(body), f"note {k} overlaps the text of page {call + 1}"
        placed += 1
    assert placed == 40
    # numbered in order, each once
    text = "".join(pages_text(pdf))
    assert [int(n) for n in re.findall(r"note numéro (\d+) ", text)] == list(range(1, 41))


def test_a_paragraph_split_across_pages_keeps_each_note_with_its_piece(event):
    w, s = event.kit.workshops[0].number, event.kit.sections[0].id
    filler = " ".join(f"mot{i}" for i in range(700))
    event.add_note(w, s, f"appelA^[note A] {filler} appelB^[note B] {filler} appelC^[note C] fin")
    pages = _texts_with_position(render_restitution(restitution(event)))
    for name in "ABC":
        call = [i for i, p in enumerate(pages) if any(f"appel{name}" in t for t, _y, _s in p)]
        note = [i for i, p in enumerate(pages) if any(f"note {name}" in t for t, _y, _s in p)]
        assert call and call == note, (name, call, note)
    assert len({i for i, p in enumerate(pages) for t, _y, _s in p if "appel" in t}) == 3


def test_a_note_with_more_footnotes_than_a_page_holds_still_prints_them_all(event):
    w, s = event.kit.workshops[0].number, event.kit.sections[0].id
    notes = "".join(f"mot{k}^[{'une note très longue ' * 12}n{k}fin]" for k in range(60))
    event.add_note(w, s, "Début " + notes)
    text = norm("".join(pages_text(render_restitution(restitution(event)))))
    assert all(f"n{k}fin" in text for k in range(60))


def test_footnotes_in_odt_html_and_markdown(event):
    w, s = event.kit.workshops[0].number, event.kit.sections[0].id
    event.add_note(w, s, "Premier appel^[La première note, *en italique*.] et second^[https://exemple.fr/b].")
    content = restitution(event)
    odt = zipfile.ZipFile(io.BytesIO(render_odt(content))).read("content.xml").decode()
    notes = re.findall(r'<text:note [^>]*text:note-class="footnote"><text:note-citation>(\d+)</text:note-citation>'
                       r"<text:note-body>(.*?)</text:note-body>", odt)
    assert [n for n, _ in notes] == ["1", "2"]
    assert "La première note" in notes[0][1] and 'href="https://exemple.fr/b"' in notes[1][1]
    html = render_html(content)
    assert re.search(r'Premier appel<sup><a href="#note-1" id="appel-1"[^>]*>1</a></sup>', html)
    endnotes = html[html.index('role="doc-endnotes"'):]
    assert re.search(r'<li><span id="note-1">La première note, <em>en italique</em>\.</span> '
                     r'<a href="#appel-1"', endnotes)
    md = render_markdown(content)
    assert "Premier appel<sup>1</sup> et second<sup>2</sup>." in md
    tail = md[md.rindex("## Notes"):]
    assert "1. La première note, *en italique*." in tail and "2. <https://exemple.fr/b>" in tail


def test_ordinals_are_superscripts_in_every_format(event):
    w, s = event.kit.workshops[0].number, event.kit.sections[0].id
    event.add_note(w, s, "Sénat Citoyen et 4ème chambre, le 1er avril, la 27ème Région")
    content = restitution(event)
    sizes = {t.strip(): size for page in _texts_with_position(render_restitution(content))
             for t, _y, size in page}
    body = max(size for t, size in sizes.items() if "Sénat Citoyen" in t)
    for sup in ("ème", "er"):
        assert sizes[sup] < body * 0.9, sup
    assert "4<sup>ème</sup> chambre, le 1<sup>er</sup> avril, la 27<sup>ème</sup> Région" in render_html(content)
    assert "4<sup>ème</sup> chambre, le 1<sup>er</sup> avril" in render_markdown(content)
    odt = zipfile.ZipFile(io.BytesIO(render_odt(content))).read("content.xml").decode()
    assert '4<text:span text:style-name="Superscript">ème</text:span>' in odt
    # not every capital followed by an e: « Le », « Ce » stay words
    assert not any(r.sup for r in runs("Le Ce Ces Les"))
    assert [r.text for r in runs("la Ve République, le XIXe siècle") if r.sup] == ["e", "e"]


def test_proper_names_can_opt_out_of_french_typography(event):
    w, s = event.kit.workshops[0].number, event.kit.sections[0].id
    event.add_note(w, s, "`Open Democracy Now!` et Now! ici")
    content = restitution(event)
    text = " ".join(pages_text(render_restitution(content)))
    # as written inside the backticks; the same word outside them gets its no-break space
    assert re.search(r"Open Democracy Now! et Now\s! ici", text)
    assert "Open Democracy Now! et Now\u202f! ici" in render_html(content)


def test_a_paragraph_note_is_a_paragraph_and_its_children_the_bullets_after_it(event):
    w, s = event.kit.workshops[0].number, event.kit.sections[0].id
    first = event.add_note(w, s, "§ Un paragraphe d'introduction :").focus
    event.add_note(w, s, "une puce dessous", parent=first)
    event.add_note(w, s, "une puce ordinaire")
    html = render_html(restitution(event))
    assert re.search(r"<p>Un paragraphe d'introduction\u00a0:</p>\s*<ul>\s*<li>une puce dessous</li>\s*</ul>\s*"
                     r"<ul>\s*<li>une puce ordinaire</li>", html)
    assert "§" not in html


def test_the_2021_intro_from_partial_facts_has_no_placeholder_and_names_the_venue(event):
    intro = generated_intro(event)
    kit = event.kit.event
    assert kit.venue and kit.venue in intro and kit.host in intro
    assert "?" not in intro and "au Ministère" not in intro
    assert "rassemblé" not in intro  # nobody counted, none expected
    counted = dataclasses.replace(kit, participants_expected=80)
    assert "environ 80 personnes" in generated_intro(_with_event(event, counted))
    assert f"{in_words(len(event.kit.workshops))} ateliers collaboratifs" in intro


def _with_event(ev, new_event):
    class View:
        kit = dataclasses.replace(ev.kit, event=new_event)

        def participants_total(self):
            return ev.participants_total()

    return View()


def test_counts_in_letters_as_french_writes_them():
    assert [in_words(n) for n in (1, 5, 10, 21, 71, 80, 81, 100)] == [
        "un", "cinq", "dix", "vingt et un", "soixante et onze", "quatre-vingts", "quatre-vingt-un", "cent"]
    assert in_words(5, "en") == "five"


def test_the_cover_addresses_the_role_and_the_synthesis_the_person(event):
    assert of_role("le Secrétaire d'État", "fr") == "du Secrétaire d'État"
    assert of_role("la Ministre", "fr") == "de la Ministre"
    assert of_role("les ministres", "fr") == "des ministres"
    assert of_role("l'Administratrice", "fr") == "de l'Administratrice"
    content = dataclasses.replace(restitution(event), addressee="Mme X, ministre",
                                  addressee_role="la Ministre de la Transformation")
    texts = pages_text(render_restitution(content))
    assert norm("à l'arbitrage de la Ministre de la Transformation") in norm(texts[0])
    assert norm("À l'attention de Mme X, ministre") in norm("".join(texts[2:]))
    assert norm("Mme X") not in norm(texts[0])


@pytest.mark.skipif(not SEED.exists(), reason="the seed documents are not beside the repository")
def test_the_synthesis_boilerplate_is_the_published_one(demo):
    seed = SEED.read_text("utf-8")
    sentence = next(ln for ln in seed.splitlines() if ln.startswith("Celles-ci sont de deux ordres"))
    assert norm(sentence) in norm("".join(pages_text(render_restitution(restitution(demo)))))


@pytest.mark.skipif(not SEED.exists(), reason="the seed documents are not beside the repository")
def test_the_annex_title_and_section_titles_per_atelier_are_the_published_ones(demo):
    seed = SEED.read_text("utf-8")
    title = re.search(r"ANNEXE - (RESTITUTION DES \w+ ATELIERS COLLABORATIFS)", seed).group(1)
    content = restitution(demo)
    assert content.workshops_title == f"ANNEXE – {title}"
    last = seed[seed.index("## ATELIER 5"):]
    futurs = next(s for s in content.workshops[4].sections if s.id == "futurs")
    assert f"**{futurs.title} :**" in last and futurs.hint is None
    first = seed[seed.index("## ATELIER 1"):seed.index("## ATELIER 2")]
    initiatives = next(s for s in content.workshops[0].sections if s.id == "initiatives")
    assert f"**{initiatives.title} :** {initiatives.hint}\n" in first


def test_section_overrides_must_name_a_section_once(tmp_path):
    src = (kits.FOLDER / "ministere-ouvert-2016.yaml").read_text("utf-8")
    bad = src.replace("      - {id: projets, hint: \"\"}", "      - {id: projetz, hint: \"\"}\n      - {id: defis}\n"
                      "      - {id: defis, title: X}")
    path = tmp_path / "bad.yaml"
    path.write_text(bad, "utf-8")
    with pytest.raises(KitError) as err:
        load_kit(path)
    message = str(err.value)
    assert "workshops[0].sections[0].id" in message and "projetz" in message
    assert "workshops[0].sections[2].id" in message
