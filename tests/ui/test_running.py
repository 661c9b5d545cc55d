"""Running the atelier: phase timer, projector view, participants, search, details."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from facilitator.kit.model import Phase
from facilitator.store import EventFile
from tests.ui.helpers import focus, key, settle, type_text
from ui.capture.timer import AMBER, NORMAL, OVER, RED, PhaseClock, fmt

K = Qt.Key
M = Qt.KeyboardModifier


def test_phase_clock_transitions_without_sleeping(clock):
    c = PhaseClock((Phase("Accueil", 10), Phase("Travail", 30)), clock)
    assert c.remaining() == 600 and not c.running and c.level() == NORMAL
    clock.advance(100)
    assert c.remaining() == 600  # not started
    c.start()
    clock.advance(400)
    assert c.remaining() == 200 and c.level() == NORMAL
    clock.advance(90)  # 110 s left: ≤ 2 min and ≤ 20 %
    assert c.level() == AMBER
    c.pause()
    clock.advance(1000)
    assert c.remaining() == 110
    c.start()
    clock.advance(60)
    assert c.level() == RED
    clock.advance(60)
    assert c.level() == OVER and c.remaining() == -10
    assert fmt(c.remaining()) == "+00:10"
    c.add(300)
    assert c.level() == NORMAL and c.remaining() == 290
    assert c.next() and c.index == 1 and c.running and c.remaining() == 1800
    assert not c.next()


def test_timer_widget_turns_amber_red_and_flashes(window, clock):
    t = window.findChild(QWidget, "phaseTimer")
    assert "Phase 1/4" in t.phase_label.text()
    assert t.time_label.text() == "45:00"
    key(K.Key_F8, widget=window)
    assert t.start_button.text() == "Pause"
    clock.advance(45 * 60 - 119)
    window.timer_state.ticked.emit()
    assert t.level == AMBER and "#fff3cd" in t.styleSheet()
    clock.advance(60)
    window.timer_state.ticked.emit()
    assert t.level == RED
    clock.advance(61)
    window.timer_state.ticked.emit()
    assert t.level == OVER and "Temps écoulé" in t.time_label.text()
    sheets = set()
    for _ in range(4):
        window.timer_state.ticked.emit()
        sheets.add(t.styleSheet())
    assert len(sheets) == 2  # it flashes
    key(K.Key_F10, widget=window)
    assert t.level == AMBER and t.time_label.text() == "04:58"  # 20 % of 50 min is 10 min
    key(K.Key_F9, widget=window)
    assert "Phase 2/4 : Travail collectif" in t.phase_label.text() and t.time_label.text() == "1:30:00"


def test_projector_updates_live_with_large_type(window, clock, qtbot):
    key(K.Key_F5, widget=window)
    p = window.projector
    assert p is not None and p.isVisible() and p.objectName() == "projectorView"
    assert QApplication.topLevelWidgets().count(p) == 1
    assert "Évaluation des politiques publiques" in p.question.text()
    assert "45:00" in p.phase.text()
    window.go_to_section("futurs")
    sec = window.sections["futurs"]
    if sec.note_ids():
        sec.focus_note(sec.note_ids()[-1])
        key(K.Key_Return)
    else:
        sec.add_last()
    type_text("Projeté en direct")
    qtbot.waitUntil(lambda: "Projeté en direct" in p.notes.toPlainText(), timeout=2000)
    # no editing chrome: nothing in the projector takes focus or edits
    assert p.notes.isReadOnly() and p.notes.focusPolicy() == Qt.FocusPolicy.NoFocus
    size = p.font_size
    p.activateWindow()
    qtbot.waitUntil(p.isActiveWindow, timeout=1000)
    key(K.Key_Plus, M.ControlModifier, widget=p)
    assert p.font_size == size + 2 and f"{size + 2}pt" in p.styleSheet()
    key(K.Key_T, M.ControlModifier, widget=p)
    assert p.theme == "dark" and "#000000" in p.styleSheet()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=1000)
    # all sections, then one chosen section
    window.set_projection("*")
    text = p.notes.toPlainText()
    assert all(s.title in text for s in window.kit.sections)
    window.set_projection("defis")
    assert "Défis de mise en œuvre" in p.notes.toPlainText()
    assert "Futurs engagements" not in p.notes.toPlainText()
    window.timer.toggle()
    clock.advance(45 * 60 + 5)
    window.timer_state.ticked.emit()
    assert "Temps écoulé" in p.phase.text()
    key(K.Key_F5, widget=window)
    assert not p.isVisible()


def test_projector_reads_the_outline_model_of_the_atelier_run(window, qtbot):
    """The projector shows a section through the capture's own outline model (OutlineModel):
    the same notes, in the same tree order, with the same depths, after a structural change."""
    key(K.Key_F5, widget=window)
    p = window.projector
    window.go_to_section("futurs")
    sec = window.sections["futurs"]
    sec.focus_note(sec.note_ids()[0])
    key(K.Key_Return)
    type_text("Sous-note projetée")
    key(K.Key_Tab)  # indented under the first note
    settle()
    p.render_notes()
    model = p.model("futurs", window.running.number)
    assert type(model) is type(sec.model)
    assert model.order() == sec.model.order()
    depth = dict(model.order())
    typed = next(nid for nid, text, *_ in model.shown() if text == "Sous-note projetée")
    assert depth[typed] == 1
    assert "Sous-note projetée" in p.notes.toPlainText()
    key(K.Key_F5, widget=window)


def test_participants_form_counts_total_and_parity(window, demo_file):
    window.tabs.setCurrentIndex(2)  # the « Participants » tab, as the person opens it
    form = window.findChild(QWidget, "participantsForm")
    form.spins["administration"].setValue(6)
    form.spins["societe-civile"].setValue(4)
    form.spins["citoyen"].setValue(2)
    with EventFile.open(demo_file, device="r") as ev:
        assert ev.participants(1)[1]["administration"]["laptop-test"] == 6
    assert "12" in form.atelier_total.text()
    assert "50 % / 50 %" in form.event_total.text()
    window.workshop_list.setCurrentRow(1)
    assert form.spins["administration"].value() == 0
    form.spins["administration"].setValue(3)
    assert "Total de l'événement : 15" in form.event_total.text()
    window.session.undo()
    assert "Total de l'événement : 12" in form.event_total.text()


def test_search_across_ateliers_and_filters(window, qtbot):
    key(K.Key_F, M.ControlModifier, widget=focus() or window)
    box = window.findChild(QWidget, "searchBox")
    assert focus() is box
    type_text("SGMAP")
    window.search.run()
    results = window.search.results
    assert results.count() >= 1
    data = [results.item(i).data(Qt.ItemDataRole.UserRole) for i in range(results.count())]
    assert all(d for d in data)
    # choosing a result in another atelier opens it on that note
    target = next((d for d in data if d[0] != window.workshop.number), data[0])
    window.search.chosen.emit(*target)
    assert window.workshop.number == target[0]
    assert focus().note_id == target[1]
    # filters: a contributor type nobody has yet gives no result
    window.search.contributor.setCurrentIndex(window.search.contributor.findData("citoyen"))
    assert results.item(0).data(Qt.ItemDataRole.UserRole) == ""


def test_workshop_details_show_commitments_status_and_links(window):
    text = window.workshop_details.toPlainText()
    assert "Engagements traités" in text and "partiel" in text
    assert "https://suivi-gouvernement-ouvert.etalab.gouv.fr/fr/Engagement4.html" in text
    assert "Phases" in text


def test_side_tabs_made_later_show_the_current_atelier(window):
    """The atelier's and participants' tabs are made when first shown: after a change of atelier,
    they show that atelier, then follow the next changes."""
    window.session.run(EventFile.set_participants, 3, "citoyen", 7)
    window.select_workshop(3)
    window.tabs.setCurrentIndex(1)
    assert window.kit.workshop(3).title in window.workshop_details.toPlainText()
    window.tabs.setCurrentIndex(2)
    assert window.participants.spins["citoyen"].value() == 7
    assert "3" in window.participants.heading.text()
    window.select_workshop(2)
    assert window.kit.workshop(2).title in window.workshop_details.toPlainText()
    assert window.participants.spins["citoyen"].value() == 0


def test_keyboard_reaches_the_panels(window):
    key(K.Key_L, M.ControlModifier, widget=window)
    assert focus() is window.workshop_list
    key(K.Key_P, M.ControlModifier, widget=window)
    assert focus() is window.participants.spins["administration"]
    window.go_to_section("initiatives")
    key(K.Key_F2, widget=focus())
    assert focus() is window.details.urls


def test_links_typed_then_window_closed_are_stored(window, demo_file):
    """The links field is stored when left: closing the window while in it still stores it."""
    window.go_to_section("initiatives")
    note_id = focus().note_id
    key(K.Key_F2, widget=focus())
    assert focus() is window.details.urls
    type_text("https://www.etalab.gouv.fr")
    window.close()
    with EventFile.open(demo_file, device="r") as ev:
        assert ev.note(note_id).urls == ("https://www.etalab.gouv.fr",)


def test_undo_restores_typed_text_in_the_editor(window, demo_file):
    window.go_to_section("initiatives")
    ed = focus()
    original = ed.toPlainText()
    key(K.Key_End, M.ControlModifier)
    type_text(" (ajout)")
    settle()
    window.session.undo()
    assert ed.toPlainText() == original
    with EventFile.open(demo_file, device="r") as ev:
        assert ev.note(ed.note_id).text == original
