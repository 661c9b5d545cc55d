"""The side panel's atelier and participants tabs, made when first shown (``ui.shell.mainwindow``'s
lazy tabs): neither they nor their widgets' classes are loaded at start-up."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QFormLayout, QLabel, QSpinBox, QTextBrowser, QVBoxLayout, QWidget

from facilitator.store import Change, EventFile
from ui.capture.panels import contributor_names

STATUS = {"non-demarre": "non démarré", "partiel": "partiel", "substantiel": "substantiel", "complet": "complet"}


class WorkshopDetails(QTextBrowser):
    """Commitments treated with their status, readings and online links, organisations, room, time."""

    def __init__(self, window) -> None:
        super().__init__()
        self.main = window
        self.setObjectName("workshopDetails")
        self.setAccessibleName(self.tr("Détails de l'atelier"))
        self.setOpenExternalLinks(False)  # offline: links are shown, not fetched

    def show_workshop(self, w) -> None:

        kit = self.main.session.kit
        e = html.escape
        heading = self.tr("Atelier {n}").format(n=w.number)
        pilot, treated, context = self.tr("Administration pilote :"), self.tr("Engagements traités"), self.tr("Contexte")
        orgs, phases = self.tr("Organisations représentées"), self.tr("Phases")
        out = [f"<h3>{e(heading)} — {e(w.title)}</h3>"]
        when = []
        if w.room:
            when.append(self.tr("Salle : {room}").format(room=w.room))
        if w.start:
            span = w.start.strftime("%H:%M") + (f"–{w.end.strftime('%H:%M')}" if w.end else "")
            when.append(self.tr("Horaire : {span}").format(span=span))
        if when:
            out.append("<p>" + " · ".join(e(x) for x in when) + "</p>")
        if w.pilot:
            out.append(f"<p><b>{e(pilot)}</b> {e(', '.join(w.pilot))}</p>")
        if w.commitments:
            out.append(f"<p><b>{e(treated)}</b></p><ul>")
            for cid in w.commitments:
                c = kit.commitment(cid)
                if c is None:
                    continue
                status = STATUS.get(c.status or "", c.status or "—")
                out.append(f"<li>{e(cid)}. {e(c.title)} — <i>{e(status)}</i></li>")
            out.append("</ul>")
        if w.context:
            out.append(f"<p><b>{e(context)}</b></p><p>{e(w.context)}</p>")
        for title, links in ((self.tr("À parcourir avant l'atelier"), w.readings),
                             (self.tr("Accès en ligne"), w.online)):
            if links:
                out.append(f"<p><b>{e(title)}</b></p><ul>")
                out.extend(f"<li>{e(link.title)}<br><small>{e(link.url)}</small></li>" for link in links)
                out.append("</ul>")
        if w.organisations:
            out.append(f"<p><b>{e(orgs)}</b></p><p>"
                       f"{e(', '.join(w.organisations))}</p>")
        if w.phases:
            out.append(f"<p><b>{e(phases)}</b></p><ol>")
            out.extend(f"<li>{e(p.title)} ({p.minutes} min)</li>" for p in w.phases)
            out.append("</ol>")
        self.setHtml("".join(out))


class ParticipantsForm(QWidget):
    """Counts by contributor type for the atelier, with the event total and parity."""

    def __init__(self, window) -> None:
        super().__init__()
        self.main = window
        self.session = window.session
        self.setObjectName("participantsForm")
        self.setAccessibleName(self.tr("Participants de l'atelier"))
        lay = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        lay.addWidget(self.heading)
        form = QFormLayout()
        self.spins: dict[str, QSpinBox] = {}
        for key, name in contributor_names(self).items():
            sb = QSpinBox()
            sb.setObjectName(f"participants-{key}")
            sb.setRange(0, 999)
            sb.setAccessibleName(self.tr("Participants : {type}").format(type=name))
            sb.setKeyboardTracking(False)
            sb.valueChanged.connect(lambda v, k=key: self.store(k, v))
            self.spins[key] = sb
            lbl = QLabel(name + " :")
            lbl.setBuddy(sb)
            form.addRow(lbl, sb)
        lay.addLayout(form)
        self.atelier_total = QLabel()
        self.atelier_total.setObjectName("participantsAtelierTotal")
        self.event_total = QLabel()
        self.event_total.setObjectName("participantsEventTotal")
        self.event_total.setWordWrap(True)
        lay.addWidget(self.atelier_total)
        lay.addWidget(self.event_total)
        lay.addStretch(1)
        self._loading = False
        self.session.changed.connect(self.on_change)

    def reload(self) -> None:
        w = self.main.workshop
        if w is None:
            return
        self._loading = True
        try:
            self.heading.setText(self.tr("Participants de l'atelier {n}").format(n=w.number))
            counts = self.session.ev.participant_counts(w.number)
            for key, sb in self.spins.items():
                if not sb.hasFocus() or sb.value() != counts.get(key, 0):
                    sb.setValue(counts.get(key, 0))
            self.atelier_total.setText(self.tr("Total de l'atelier : {n}").format(n=sum(counts.values())))
            totals = self.session.ev.participants_total()
            total = sum(totals.values())
            adm = totals.get("administration", 0)
            if total:
                self.event_total.setText(
                    self.tr("Total de l'événement : {n} — parité administration / société civile et "
                            "citoyens : {a} % / {b} %").format(n=total, a=round(100 * adm / total),
                                                              b=100 - round(100 * adm / total)))
            else:
                self.event_total.setText(self.tr("Total de l'événement : 0"))
        finally:
            self._loading = False

    def store(self, key: str, value: int) -> None:
        w = self.main.workshop
        if self._loading or w is None:
            return
        if self.session.ev.participant_counts(w.number).get(key, 0) == value:
            return
        self.session.run(EventFile.set_participants, w.number, key, value)

    def on_change(self, change: Change) -> None:
        if change.touches("participants"):
            self.reload()
