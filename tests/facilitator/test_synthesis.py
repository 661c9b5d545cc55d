"""Synthesis, proposals and their notes, decisions, validation and its reopening, with undo."""

from __future__ import annotations

import pytest

from facilitator.demo import create_demo
from facilitator.errors import OperationError
from facilitator.synthesis import (
    decisions,
    generated_intro,
    link_notes,
    notes_of_proposal,
    proposals_of_note,
    section_notes,
    set_sources,
    source_workshops,
    unlink_notes,
    write_generated_intro,
)


@pytest.fixture
def ev(tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path / "home"))
    e = create_demo(tmp_path / "demo.fae", device="rapporteur")
    yield e
    e.close()


def test_cross_atelier_view_with_filters(ev):
    futurs = section_notes(ev, "futurs")
    assert {r.note.workshop for r in futurs} >= {1, 2}
    assert all(r.note.section == "futurs" for r in futurs)
    assert [r.note.id for r in futurs] == [n.id for w in ev.kit.workshops for n in ev.notes(w.number, "futurs")]
    only_4 = section_notes(ev, "futurs", commitment="4")
    assert only_4 and {r.note.workshop for r in only_4} == {1}  # atelier 1 treats commitment 4
    first = futurs[-1].note
    ev.edit_note(first.id, commitments=["4"], contributor="citoyen", votes=5)
    assert first.id in {r.note.id for r in section_notes(ev, "futurs", commitment="4")}
    assert [r.note.id for r in section_notes(ev, "futurs", contributor="citoyen")] == [first.id]
    assert [r.note.id for r in section_notes(ev, "futurs", min_votes=3)] == [first.id]
    with pytest.raises(OperationError):
        section_notes(ev, "inconnue")


def test_proposal_notes_both_ways_and_undo(ev):
    p1, p2 = ev.proposals()[:2]
    n1, n2 = (n.id for n in ev.notes(workshop=2, section="futurs")[:2])
    c1 = link_notes(ev, p1.id, [n1, n2])
    link_notes(ev, p2.id, [n1])
    assert [n.id for n in notes_of_proposal(ev, p1.id)] == [n1, n2]
    assert {p.id for p in proposals_of_note(ev, n1)} == {p1.id, p2.id}
    assert 2 in source_workshops(ev, ev.proposal(p1.id))
    unlink_notes(ev, p1.id, [n2])
    assert [n.id for n in notes_of_proposal(ev, p1.id)] == [n1]
    ev.apply(c1.inverse())
    assert ev.proposal(p1.id).notes == ()
    with pytest.raises(OperationError):
        link_notes(ev, p1.id, ["pas-une-note"])
    with pytest.raises(OperationError):
        ev.add_proposal("X", kind="accelerate", commitments=["999"])
    change = ev.add_proposal("Nouvelle", "texte", "next-plan", notes=[n2])
    assert proposals_of_note(ev, n2)[-1].title == "Nouvelle"
    ev.apply(change.inverse())
    assert all(p.title != "Nouvelle" for p in ev.proposals())


def test_decisions_with_reason_and_date(ev):
    p = ev.proposals()[2]
    c = ev.decide(p.id, "non-retenue", "Hors du périmètre", "2016-09-15")
    got = ev.proposal(p.id)
    assert (got.decision, got.decision_reason, got.decision_date) == ("non-retenue", "Hors du périmètre", "2016-09-15")
    assert decisions(ev) == [got]
    ev.decide(ev.proposals()[0].id, "a-l-etude")
    assert ev.proposals()[0].decision_date is not None  # today by default
    with pytest.raises(OperationError):
        ev.decide(p.id, "peut-etre")
    with pytest.raises(OperationError):
        ev.decide(p.id, "retenue", date="15/09/2016")
    ev.apply(c.inverse())
    assert ev.proposal(p.id).decision is None


def test_validation_fingerprint_and_reopening_with_undo(ev):
    fp = ev.content_fingerprint()
    assert len(fp) == 64 and fp == ev.content_fingerprint()
    with pytest.raises(OperationError):
        ev.validate_synthesis("  ")
    v = ev.validate_synthesis("Marie Dupont")
    s = ev.synthesis()
    assert s.validated_by == "Marie Dupont" and s.fingerprint == fp and s.validated_at
    # any later change of the content reopens it, inside the same change
    note = ev.notes()[0]
    change = ev.edit_note(note.id, text="changée après validation")
    assert not ev.synthesis().validated
    assert any(e.kind == "synthesis" for e in change.edits)
    assert ev.content_fingerprint() != fp
    ev.apply(change.inverse())  # undo brings the content and the validation back
    assert ev.synthesis().validated_by == "Marie Dupont"
    assert ev.content_fingerprint() == ev.synthesis().fingerprint
    for op in (lambda: ev.edit_synthesis(intro="autre"), lambda: ev.decide(ev.proposals()[0].id, "retenue"),
               lambda: ev.add_note(1, "futurs", "nouvelle"), lambda: ev.delete_proposal(ev.proposals()[1].id)):
        c = op()
        assert not ev.synthesis().validated
        ev.apply(c.inverse())
        assert ev.synthesis().validated
    # participants are not part of the fingerprint
    ev.set_participants(1, "citoyen", 12)
    assert ev.synthesis().validated
    ev.apply(v.inverse())
    assert not ev.synthesis().validated


def test_moving_a_proposal_sources_chosen_at_once_and_the_generated_intro(ev):
    ids = [p.id for p in ev.proposals()]
    assert len(ids) >= 4
    change = ev.move_proposal(ids[0], 2)
    assert [p.id for p in ev.proposals()] == [ids[1], ids[2], ids[0], *ids[3:]] and change.focus == ids[0]
    ev.apply(change.inverse())
    assert [p.id for p in ev.proposals()] == ids
    ev.move_proposal(ids[-1], 0)
    assert [p.id for p in ev.proposals()][0] == ids[-1]
    ev.move_proposal(ids[1], len(ids) - 1)
    assert [p.id for p in ev.proposals()][-1] == ids[1]
    current = [p.id for p in ev.proposals()]
    for pid, index in ((current[0], 0), (current[0], -1), (current[0], len(ids))):  # there already, out of range
        assert ev.move_proposal(pid, index).empty
    assert [p.id for p in ev.proposals()] == current
    with pytest.raises(OperationError):
        ev.move_proposal("pas-une-proposition", 0)
    notes = [n.id for n in ev.notes(section="futurs") if n.text.strip()][:4]
    pid = ids[0]
    ev.edit_proposal(pid, notes=notes[:3])
    change = set_sources(ev, pid, [notes[3], notes[2], notes[0], notes[3]])
    assert ev.proposal(pid).notes == (notes[0], notes[2], notes[3]) and len(change.edits) == 1
    ev.apply(change.inverse())
    assert ev.proposal(pid).notes == tuple(notes[:3])
    ev.edit_synthesis(intro="")
    change = write_generated_intro(ev)
    assert ev.synthesis().intro == generated_intro(ev) != ""
    ev.apply(change.inverse())
    assert ev.synthesis().intro == ""
