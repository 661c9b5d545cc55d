"""Offscreen screenshots of the app on the 2016 demo event, saved in docs/screenshots/.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py

Writes main-window.png, projector.png (light theme, current section), projector-dark.png (all
sections), timer-over.png (the time-up signal), synthese.png (a proposal decided, the synthesis
validated), conflits.png (two named laptops' versions, the differing words highlighted),
notes-ateliers.png (the note-taker's view across ateliers, filtered by a word) and
export.png (the export dialog); with ``--editor``, only the kit editor's: kit-editor.png (the 2021
forum kit with an error typed: the form, the error beside its field and in the list, the live
preview of the booklet) and kit-editor-plan.png (a commitment's form).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class Clock:
    now = 1000.0

    def __call__(self) -> float:
        return self.now


def settle(app, n: int = 10) -> None:
    for _ in range(n):
        app.processEvents()


def shoot_editor(out: Path) -> None:
    """The kit editor on a copy of the bundled 2021 forum kit, an impossible time typed."""
    import time

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FACILITATOR_HOME"] = tmp
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        import kits
        from ui.prepare.kit_editor import open_editor
        from ui.shell.app import ensure_app

        app = ensure_app()
        path = Path(tmp) / "forum-open-etat-2021-1.yaml"
        path.write_bytes(kits.kit_path("forum-open-etat-2021-1").read_bytes())
        ed = open_editor(path)
        ed.resize(1600, 1000)
        ed.show_page("workshop:1")
        ed.toggle_preview()  # the pages of the kit as it is, then an error typed (the pages stay)
        deadline = time.monotonic() + 120
        while ed.preview.renders < 1 and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.02)
        w = ed.fields["workshops[1].start"].widget
        w.setFocus()
        w.selectAll()
        QTest.keyClicks(w, "25:00")
        QTest.qWait(1500)  # (the preview says why it waits)
        settle(app)
        ed.scroll.ensureWidgetVisible(ed.fields["workshops[1].start"].error)
        settle(app)
        ed.grab().save(str(out / "kit-editor.png"))
        ed.show_page("commitment:0")
        settle(app)
        ed.grab().save(str(out / "kit-editor-plan.png"))
        ed.close()
        settle(app)


def main() -> int:
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    if "--editor" in sys.argv:
        shoot_editor(out)
        for name in ("kit-editor", "kit-editor-plan"):
            print(out / f"{name}.png")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FACILITATOR_HOME"] = tmp
        os.environ.setdefault("FACILITATOR_DEVICE", "screenshots")
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        from facilitator.demo import create_demo
        from ui.shell import app as ui_app

        path = Path(tmp) / "demo-2016.facilitator"
        create_demo(path).close()
        clock = Clock()
        w = ui_app.build(path, clock=clock)
        app = QApplication.instance()
        w.resize(1440, 900)
        w.show()
        w.workshop_list.setCurrentRow(2)
        settle(app)
        sec = w.sections["defis"]
        ids = sec.note_ids()
        sec.focus_note(ids[-1])
        QTest.keyClicks(app.focusWidget(), " (repris en seance)")
        w.session.flush()
        w.details.vote(+1)
        w.details.vote(+1)
        w.timer.toggle()
        clock.now += 40 * 60 + 20  # 4 min 40 s left of 45: amber
        w.timer_state.ticked.emit()
        settle(app)
        w.scroll.ensureWidgetVisible(sec.editor(ids[-1]))
        settle(app)
        w.grab().save(str(out / "main-window.png"))

        w.toggle_projector()
        p = w.projector
        p.resize(1280, 720)
        p.set_choice(".")
        settle(app)
        p.render()
        settle(app)
        QTest.qWait(100)
        p.grab().save(str(out / "projector.png"))
        p.set_theme("dark")
        p.set_choice("*")
        settle(app)
        QTest.qWait(100)
        p.grab().save(str(out / "projector-dark.png"))
        p.set_theme("light")
        clock.now += 6 * 60  # time is up
        w.timer_state.ticked.emit()
        settle(app)
        w.timer.grab().save(str(out / "timer-over.png"))
        p.close()
        shoot_after_event(w, app, out, Path(tmp), path)
        w.close()
    for name in ("main-window", "projector", "projector-dark", "timer-over", "synthese", "conflits", "export"):
        print(out / f"{name}.png")
    return 0


def shoot_after_event(w, app, out: Path, tmp: Path, path: Path) -> None:
    import shutil

    from facilitator.merge import merge
    from facilitator.store import EventFile
    from ui.after import post_event
    from ui.common import background

    syn = post_event.show_synthesis(w)
    syn.resize(1440, 900)
    rows = w.session.ev.proposals()
    syn.select(rows[0].id)
    syn.set_decision("retenue", "Inscrite au prochain plan d'action", "2016-07-21")
    syn.validator.setText("Marie Dupont")
    syn.validate_synthesis()
    settle(app)
    syn.grab().save(str(out / "synthese.png"))
    syn.close()
    # two laptops edited one note differently; each named itself
    note = next(n for n in w.session.ev.notes(workshop=1, section="futurs") if n.text.strip())
    sources = []
    for device, name, text in (("laptop-lea", "Portable de Léa", note.text + " — avec un calendrier public"),
                               ("laptop-salle2", "Salle 2", note.text + " — avec un budget dédié")):
        copy = tmp / f"{device}.facilitator"
        shutil.copy(path, copy)
        with EventFile.open(copy, device=device) as ev:
            ev.edit_note(note.id, text=text)
            ev.set_laptop_name(name)
        sources.append(copy)
    merge(w.session.ev, sources, make_backup=False)
    w.session.reload()
    view = post_event.show_conflicts(w)
    view.resize(1300, 700)
    settle(app)
    view.grab().save(str(out / "conflits.png"))
    view.close()
    notes = post_event.show_notetaker(w)
    notes.resize(1300, 800)
    notes.text.setText("données")  # the notes that speak of data, under their ateliers and parents
    settle(app)
    notes.grab().save(str(out / "notes-ateliers.png"))
    notes.close()
    export = post_event.show_export(w)
    settle(app)
    background.wait_all()
    settle(app)
    export.grab().save(str(out / "export.png"))
    export.close()
    background.wait_all()


if __name__ == "__main__":
    sys.exit(main())
