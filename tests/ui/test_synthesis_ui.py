"""The synthesis editor and the note-taker's view: real widgets on a real demo event file."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

from facilitator.store import EventFile
from tests.ui.helpers import settle
from ui.after import post_event
from ui.after.synthesis import NotePicker
from ui.common import background

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def _drain():
    yield
    background.wait_all()  # no worker thread outlives its test


def stored(path):
    with EventFile.open(path, device="reader") as ev:
        return {p.id: p for p in ev.proposals()}, ev.synthesis()


def editor(window, qtbot):
    ed = post_event.show_synthesis(window)
    qtbot.waitExposed(ed)
    ed.activateWindow()
    qtbot.waitUntil(ed.isActiveWindow, timeout=3000)
    return ed


def choose(combo: QComboBox, data) -> None:
    i = combo.findData(data)
    combo.setCurrentIndex(i)
    combo.activated.emit(i)


def test_menu_opens_the_screens_with_their_names(window):
    names = {a.objectName() for a in window.findChild(QWidget, "postEventMenu").actions()}
    assert {"synthesis", "notetaker", "merge", "conflicts", "export"} <= names
    ed = post_event.show_synthesis(window)
    assert ed.objectName() == "synthesisEditor" and ed.isVisible()
    assert ed.list.count() == len(window.session.ev.proposals()) > 0
    screens = [ed, post_event.show_notetaker(window), post_event.show_merge(window),
               post_event.show_conflicts(window), post_event.show_export(window)]
    assert [s.objectName() for s in screens[1:]] == ["notetakerView", "mergeDialog", "conflictsView",
                                                     "exportDialog"]
    missing = [(s.objectName(), w.objectName() or type(w).__name__) for s in screens
               for cls in (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QListWidget, QAbstractSpinBox)
               for w in s.findChildren(cls) if w.isVisibleTo(s) and not w.accessibleName()
               and not isinstance(w.parent(), (QComboBox, QAbstractSpinBox))]
    assert missing == []


def test_add_a_proposal_decide_undo_redo(window, demo_file, qtbot):
    ed = editor(window, qtbot)
    before, _ = stored(demo_file)
    qtbot.mouseClick(ed.add, LEFT)
    pid = ed.pid
    assert pid not in before and ed.title.hasFocus()
    QTest.keyClicks(ed.title, "Publier les evaluations")
    ed.text.setFocus()
    QTest.keyClicks(ed.text, "En donnees ouvertes")
    settle()
    choose(ed.kind, "accelerate")
    item = next(ed.commitments.item(i) for i in range(ed.commitments.count())
                if ed.commitments.item(i).data(Qt.ItemDataRole.UserRole) == "4")
    item.setCheckState(Qt.CheckState.Checked)
    choose(ed.decision, "retenue")
    ed.reason.setFocus()
    QTest.keyClicks(ed.reason, "Inscrit au plan")
    ed.list.setFocus()
    settle()
    p = stored(demo_file)[0][pid]
    assert (p.title, p.text, p.kind, p.commitments) == ("Publier les evaluations", "En donnees ouvertes",
                                                         "accelerate", ("4",))
    assert (p.decision, p.decision_reason, p.decision_date) == ("retenue", "Inscrit au plan",
                                                                dt.date.today().isoformat())
    assert "Retenue" in ed.list.currentItem().text()
    # the reason typed is one undo step; then the decision
    stack = window.session.stack
    assert stack.undoText() == "Motif de la décision"
    window.session.undo()
    window.session.undo()
    settle()
    p = stored(demo_file)[0][pid]
    assert p.decision is None and p.decision_reason == ""
    assert ed.decision.currentData() is None and ed.reason.toPlainText() == ""
    window.session.redo()
    window.session.redo()
    settle()
    assert stored(demo_file)[0][pid].decision == "retenue"
    assert ed.decision.currentData() == "retenue" and ed.reason.toPlainText() == "Inscrit au plan"
    # typing the title was one step: undo everything back to the creation
    while stack.undoText() != "Nouvelle proposition":
        window.session.undo()
    window.session.undo()
    settle()
    assert pid not in stored(demo_file)[0]
    assert all(ed.list.item(i).data(Qt.ItemDataRole.UserRole) != pid for i in range(ed.list.count()))


def test_synthesis_texts_intro_generation_reorder_and_sign_off(window, demo_file, qtbot):
    ed = editor(window, qtbot)
    ed.feedback.setFocus()
    ed.feedback.moveCursor(ed.feedback.textCursor().MoveOperation.End)
    QTest.keyClick(ed.feedback, Qt.Key.Key_Return)
    QTest.keyClicks(ed.feedback, "- Prevoir plus de temps")
    ed.object.setFocus()
    settle()
    assert stored(demo_file)[1].feedback.endswith("- Prevoir plus de temps")
    window.session.undo()
    settle()
    assert not stored(demo_file)[1].feedback.endswith("Prevoir plus de temps")
    # intro from the event's facts
    ed.intro.setPlainText("")
    settle()
    qtbot.mouseClick(ed.generate, LEFT)
    intro = stored(demo_file)[1].intro
    assert "2016" in intro and "5" in intro and ed.intro.toPlainText() == intro
    # reorder: the second proposal goes up
    ids = list(stored(demo_file)[0])
    order = [p.id for p in sorted(stored(demo_file)[0].values(), key=lambda p: p.position)]
    ed.select(order[1])
    qtbot.mouseClick(ed.up, LEFT)
    new = [p.id for p in sorted(stored(demo_file)[0].values(), key=lambda p: p.position)]
    assert new[:2] == [order[1], order[0]] and set(new) == set(ids)
    assert ed.list.item(0).data(Qt.ItemDataRole.UserRole) == order[1]
    window.session.undo()
    settle()
    assert [p.id for p in sorted(stored(demo_file)[0].values(), key=lambda p: p.position)] == order
    # drag and drop in the list is the same core operation
    model = ed.list.model()
    assert model.moveRows(model.index(0, 0).parent(), 3, 1, model.index(0, 0).parent(), 0)
    dropped = [p.id for p in sorted(stored(demo_file)[0].values(), key=lambda p: p.position)]
    assert dropped == [order[3], *order[:3], *order[4:]]
    window.session.undo()
    # sign-off: name, date, fingerprint; a later change reopens it
    ed.validator.setText("Marie Dupont")
    qtbot.mouseClick(ed.validate, LEFT)
    syn = stored(demo_file)[1]
    assert syn.validated_by == "Marie Dupont" and len(syn.fingerprint) == 64
    assert "Marie Dupont" in ed.validation.text() and syn.fingerprint in ed.validation.text().replace(" ", "")
    ed.select(order[0])
    ed.title.setFocus()
    QTest.keyClicks(ed.title, " !")
    ed.list.setFocus()
    settle()
    assert stored(demo_file)[1].validated_by is None and "non validée" in ed.validation.text()


def test_source_notes_picked_across_ateliers_and_go_to_note(window, demo_file, qtbot):
    ed = post_event.show_synthesis(window)
    ev = window.session.ev
    notes = [n for n in ev.notes(section="futurs") if n.text.strip()]
    far = next(n for n in notes if n.workshop == 3)
    near = next(n for n in notes if n.workshop == 1)
    picker = NotePicker(window, (), ed)
    total = sum(not picker.list.item(i).isHidden() for i in range(picker.list.count()))
    picker.workshop.setCurrentIndex(picker.workshop.findData(3))
    words = far.text.split()[:3]
    picker.filter.setText(" ".join(words))
    shown = [picker.list.item(i) for i in range(picker.list.count()) if not picker.list.item(i).isHidden()]
    assert 0 < len(shown) < total
    hit = next(i for i in shown if i.data(Qt.ItemDataRole.UserRole) == far.id)
    hit.setCheckState(Qt.CheckState.Checked)
    assert picker.checked() == [far.id]
    picker.close()
    pid = ed.pid
    ed.link_notes([far.id, near.id])
    assert stored(demo_file)[0][pid].notes[-2:] == (far.id, near.id)
    assert ed.sources.count() >= 2
    ed.sources.setCurrentRow(ed.sources.count() - 2)
    qtbot.mouseClick(ed.goto, LEFT)
    assert window.workshop.number == 3
    qtbot.waitUntil(lambda: window.current_note == far.id, timeout=3000)
    ed.sources.setCurrentRow(ed.sources.count() - 1)
    qtbot.mouseClick(ed.unlink, LEFT)
    assert near.id not in stored(demo_file)[0][pid].notes
    window.session.undo()
    assert near.id in stored(demo_file)[0][pid].notes


def test_notetaker_view_filters_and_drafts_a_proposal(window, demo_file, qtbot):
    view = post_event.show_notetaker(window)
    assert view.objectName() == "notetakerView"
    view.section.setCurrentIndex(view.section.findData("futurs"))
    every = view.shown_ids()
    ev = window.session.ev
    assert every == [n.id for n in ev.notes(section="futurs") if n.text.strip()]
    assert len({ev.note(n).workshop for n in every}) > 1
    a, b = every[0], every[-1]
    window.session.run(EventFile.edit_note, a, contributor="citoyen")
    window.session.run(EventFile.vote, b, 3)
    view.contributor.setCurrentIndex(view.contributor.findData("citoyen"))
    assert view.shown_ids() == [a]
    view.contributor.setCurrentIndex(0)
    view.votes.setValue(2)
    assert view.shown_ids() == [b]
    view.votes.setValue(0)
    w1 = window.kit.workshops[0]
    only = next(c for c in w1.commitments
                if not any(c in w.commitments for w in window.kit.workshops if w.number != w1.number))
    view.commitment.setCurrentIndex(view.commitment.findData(only))
    kept = view.shown_ids()
    assert kept and {ev.note(n).workshop for n in kept} == {w1.number}
    view.commitment.setCurrentIndex(0)
    # draft a proposal from two notes of different ateliers
    view.select((a, b))
    assert view.selected() == [a, b]
    assert view.create.isEnabled()
    qtbot.mouseClick(view.create, LEFT)
    props = stored(demo_file)[0]
    new = next(p for p in props.values() if p.notes == (a, b))
    assert new.kind == "next-plan" and new.title
    ed = window._post_event["synthesis"]
    assert ed.isVisible() and ed.pid == new.id
    window.session.undo()
    assert new.id not in stored(demo_file)[0]


def test_notetaker_view_shows_each_atelier_outline_with_what_is_above_a_kept_note(window):
    """The note-taker's view is the capture's outline model across ateliers: a sub-note kept by
    the text filter is shown under its parent note (shown, not kept) under its atelier's row."""
    from ui.capture.outline import NOTE_ID_ROLE

    view = post_event.show_notetaker(window)
    view.section.setCurrentIndex(view.section.findData("futurs"))
    w = window.kit.workshops[1]
    top = view.shown_ids()[0]
    parent = next(n for n in view.shown_ids() if window.session.note(n).workshop == w.number)
    change = window.session.run(EventFile.add_note, w.number, "futurs", "Ouvrir les données de zircon", after=parent)
    child = change.focus
    window.session.run(EventFile.indent, child)
    view.text.setText("zircon")
    assert view.shown_ids() == [child]
    groups = [view.proxy.index(r, 0) for r in range(view.proxy.rowCount())]
    assert [g.data() for g in groups] == [f"Atelier {w.number} — {w.title}"]
    above = view.proxy.index(0, 0, groups[0])
    assert above.data(NOTE_ID_ROLE) == parent
    assert view.proxy.index(0, 0, above).data(NOTE_ID_ROLE) == child
    assert view.tree.isExpanded(above) and view.count.text().startswith("1 ")
    view.text.clear()
    assert top in view.shown_ids() and child in view.shown_ids()
    view.close()


def test_the_window_closes_from_the_keyboard_and_has_its_menu(window, qtbot):
    from tests.ui.helpers import focus, key

    ed = editor(window, qtbot)
    bar = ed.findChild(QWidget, "synthesisMenu")
    items = {a.objectName(): a for a in bar.actions()[0].menu().actions() if a.objectName()}
    assert {"synthesisAdd", "synthesisUp", "synthesisDown", "synthesisDelete", "synthesisPick",
            "synthesisGenerate", "synthesisValidate", "synthesisClose"} <= set(items)
    assert any(a.text() == "&Annuler" for a in bar.actions()[0].menu().actions())
    n = ed.list.count()
    ed.title.setFocus()
    key(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # the menu's key, from any field
    settle()
    assert ed.list.count() == n + 1 and focus() is ed.title
    key(Qt.Key.Key_Escape)
    settle()
    assert not ed.isVisible()
    ed = editor(window, qtbot)
    ed.object.setFocus()
    key(Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert not ed.isVisible()


def test_validating_and_deciding_keep_the_columns_in_place_dates_the_french_way(window, qtbot):
    from PySide6.QtWidgets import QSplitter

    ed = editor(window, qtbot)
    ed.resize(1400, 860)
    settle()
    split = ed.findChild(QSplitter, "synthesisSplitter")
    sizes = split.sizes()
    fields = [w.geometry() for w in (ed.object, ed.intro, ed.feedback, ed.validator)]
    ed.add_proposal("Une proposition")
    ed.set_decision("retenue", "Inscrite au plan", "2026-12-02")
    settle()
    assert ed.date.text() == "2 décembre 2026"
    ed.validator.setText("Marie Dupont")
    ed.validate_synthesis()
    settle()
    assert window.session.ev.synthesis().validated
    assert split.sizes() == sizes
    assert [w.geometry() for w in (ed.object, ed.intro, ed.feedback, ed.validator)] == fields
    text = ed.validation.text()
    at = window.session.ev.synthesis().validated_at
    assert at[:10] not in text and "/" not in text.split("\n")[0]  # never ISO, nor numbers only
    months = ("janvier février mars avril mai juin juillet août septembre octobre novembre décembre").split()
    assert months[dt.datetime.fromisoformat(at).astimezone().month - 1] in text


def test_every_write_of_the_window_is_one_undo_step_undone_and_redone(window, demo_file, qtbot, messages):
    """Each control of the window runs its core operation one way: one undo command whose undo
    and redo reach the file and the window (the proposal touched selected again)."""
    ed = editor(window, qtbot)
    s = window.session

    def order():
        return [p.id for p in sorted(stored(demo_file)[0].values(), key=lambda p: p.position)]

    def one_step(act, check_after, check_before):
        n = s.stack.count()
        act()
        settle()
        assert s.stack.count() == n + 1, s.stack.undoText()
        check_after()
        s.undo()
        settle()
        check_before()
        s.redo()
        settle()
        check_after()

    first = order()
    # moving: the core places the proposal; undo puts it back and selects it again
    ed.select(first[2])
    one_step(lambda: qtbot.mouseClick(ed.down, LEFT),
             lambda: (order()[3] == first[2] and ed.pid == first[2]
                      and ed.list.item(3).data(Qt.ItemDataRole.UserRole) == first[2]) or pytest.fail("down"),
             lambda: (order() == first and ed.pid == first[2]
                      and ed.list.currentItem().data(Qt.ItemDataRole.UserRole) == first[2]) or pytest.fail("up"))
    n = s.stack.count()
    ed.select(order()[0])
    qtbot.mouseClick(ed.up, LEFT)  # already first: nothing stored, no undo step
    assert s.stack.count() == n and messages == []
    # after an undo elsewhere, the proposal it touches is the one shown
    pid = order()[1]
    ed.select(pid)
    kind = stored(demo_file)[0][pid].kind
    new_kind = "next-plan" if kind != "next-plan" else "other"
    one_step(lambda: choose(ed.kind, new_kind),
             lambda: stored(demo_file)[0][pid].kind == new_kind or pytest.fail("kind"),
             lambda: stored(demo_file)[0][pid].kind == kind or pytest.fail("kind back"))
    ed.select(order()[0])
    s.undo()
    settle()
    assert ed.pid == pid and ed.kind.currentData() == kind == stored(demo_file)[0][pid].kind
    s.redo()
    settle()
    assert ed.pid == pid and ed.kind.currentData() == new_kind
    # commitments
    item = next(ed.commitments.item(i) for i in range(ed.commitments.count())
                if ed.commitments.item(i).data(Qt.ItemDataRole.UserRole) == "2")
    had = "2" in stored(demo_file)[0][pid].commitments
    one_step(lambda: item.setCheckState(Qt.CheckState.Unchecked if had else Qt.CheckState.Checked),
             lambda: ("2" in stored(demo_file)[0][pid].commitments) != had or pytest.fail("commitment"),
             lambda: ("2" in stored(demo_file)[0][pid].commitments) == had or pytest.fail("commitment back"))
    # decision, then its date
    ed.set_decision("retenue", "Au plan", "2026-12-02")
    settle()
    one_step(lambda: ed.date.setDate(ed.date.date().addDays(1)),
             lambda: stored(demo_file)[0][pid].decision_date == "2026-12-03" or pytest.fail("date"),
             lambda: (stored(demo_file)[0][pid].decision_date == "2026-12-02"
                      and ed.date.text() == "2 décembre 2026") or pytest.fail("date back"))
    # a decision changed keeps its date
    one_step(lambda: choose(ed.decision, "a-l-etude"),
             lambda: (stored(demo_file)[0][pid].decision, stored(demo_file)[0][pid].decision_date)
             == ("a-l-etude", "2026-12-03") or pytest.fail("decision"),
             lambda: stored(demo_file)[0][pid].decision == "retenue" or pytest.fail("decision back"))
    # the sources chosen in the picker: one step, however many were added and removed
    notes = [n.id for n in window.session.ev.notes(section="futurs") if n.text.strip()][:3]
    ed.link_notes(notes[:2])
    settle()
    before = stored(demo_file)[0][pid].notes
    one_step(lambda: ed.set_sources([notes[2], notes[0]]),
             lambda: stored(demo_file)[0][pid].notes == (notes[0], notes[2]) or pytest.fail("sources"),
             lambda: (stored(demo_file)[0][pid].notes == before and ed.sources.count() == len(before))
             or pytest.fail("sources back"))
    assert s.stack.undoText() == "Notes d'origine"
    # the opening text generated from the event's facts
    ed.intro.setFocus()
    ed.intro.setPlainText("Un texte à moi")
    ed.object.setFocus()
    settle()
    one_step(lambda: qtbot.mouseClick(ed.generate, LEFT),
             lambda: ("2016" in stored(demo_file)[1].intro and ed.intro.toPlainText() == stored(demo_file)[1].intro)
             or pytest.fail("intro"),
             lambda: (stored(demo_file)[1].intro == "Un texte à moi" and ed.intro.toPlainText() == "Un texte à moi")
             or pytest.fail("intro back"))
    # validation and reopening
    ed.validator.setText("Marie Dupont")
    one_step(lambda: qtbot.mouseClick(ed.validate, LEFT),
             lambda: (stored(demo_file)[1].validated_by == "Marie Dupont" and ed.reopen.isEnabled())
             or pytest.fail("validated"),
             lambda: (stored(demo_file)[1].validated_by is None and not ed.reopen.isEnabled()) or pytest.fail("open"))
    one_step(lambda: qtbot.mouseClick(ed.reopen, LEFT),
             lambda: stored(demo_file)[1].validated_by is None or pytest.fail("reopened"),
             lambda: stored(demo_file)[1].validated_by == "Marie Dupont" or pytest.fail("validated again"))
    # deleting, undone: the proposal comes back, selected
    ed.select(pid)
    one_step(lambda: qtbot.mouseClick(ed.delete, LEFT),
             lambda: (pid not in stored(demo_file)[0] and ed.pid != pid) or pytest.fail("deleted"),
             lambda: (pid in stored(demo_file)[0] and ed.pid == pid) or pytest.fail("back"))
    assert messages == []


def test_a_refused_write_is_said_once_and_pushes_nothing(window, qtbot, messages):
    ed = editor(window, qtbot)
    n = window.session.stack.count()
    ed.validator.setText("   ")  # the core refuses a validation by nobody
    qtbot.mouseClick(ed.validate, LEFT)
    settle()
    assert window.session.stack.count() == n and len(messages) == 1
    assert not window.session.ev.synthesis().validated
