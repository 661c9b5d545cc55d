"""``EventFile.search``: substring search over notes, ignoring case and accents, with filters."""

from __future__ import annotations

import kits
from facilitator.kit import load_kit
from facilitator.store import EventFile
from facilitator.store.event import fold


def test_fold():
    assert fold("Éducation ŒUVRE l’État naïve") == "education oeuvre l'etat naive"
    assert fold("") == "" and fold(None) == ""
    assert fold("Straße") == "strasse"


def test_search(tmp_path):
    kit = load_kit(kits.kit_path("forum-open-etat-2021-2"))
    w1, w2 = kit.workshops[0].number, kit.workshops[1].number
    s = kit.sections[0].id
    with EventFile.create(tmp_path / "e.facilitator", kit) as ev:
        a = ev.add_note(w1, s, "Publier les données de l'Éducation nationale", contributor="administration",
                        commitments=["3"]).focus
        b = ev.add_note(w1, s, "Une œuvre collective", contributor="societe-civile").focus
        c = ev.add_note(w2, s, "donnees ouvertes par defaut", commitments=["30"]).focus
        d = ev.add_note(w2, s, "lien", urls=["https://data.gouv.fr/éducation"]).focus
        gone = ev.add_note(w2, s, "Données supprimées").focus
        ev.delete_note(gone)
        ids = lambda rows: [r.id for r in rows]  # noqa: E731
        assert ids(ev.search("DONNÉES")) == [a, c]
        assert ids(ev.search("oeuvre")) == [b]
        assert ids(ev.search("education")) == [a, d]  # the URL is searched too
        assert ids(ev.search("données", workshop=w2)) == [c]
        assert ids(ev.search("", contributor="societe-civile")) == [b]
        assert ids(ev.search("donnees", commitment=3)) == [a]  # "3" is not "30"
        assert ev.search("introuvable") == []
        assert ev.search("%") == [] and ev.search("_") == []  # no LIKE wildcards
