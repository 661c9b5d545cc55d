"""Prepared items of an atelier, as an outline per section (kit editor).

The keys are the capture outline's: Enter a new item below, Tab / Shift+Tab indent / outdent,
Alt+Up / Alt+Down move, F2 edit the text, Delete remove. Each change rewrites the section's list
in the kit (one undo command).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.kit import model as km


class SectionOutline(QTreeWidget):
    def __init__(self, owner: PreparedOutlines, sid: str, items: list) -> None:
        super().__init__()
        self.owner, self.sid = owner, sid
        self.setObjectName(f"prepared:{sid}")
        self.setColumnCount(2)
        self.setHeaderLabels([self.tr("Note préparée"), self.tr("Adresse web")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked)
        self.setMinimumHeight(90)
        self._fill(None, items)
        self.expandAll()
        self.resizeColumnToContents(0)
        self.itemChanged.connect(lambda *_: self.owner.changed(self))

    def _fill(self, parent, items) -> None:
        for v in items or []:
            if isinstance(v, dict):
                text, url, kids = str(v.get("text") or ""), str(v.get("url") or ""), v.get("items") or []
            else:
                text, url, kids = str(v), "", []
            it = self._new(text.rstrip("\n"), url)
            (parent.addChild(it) if parent is not None else self.addTopLevelItem(it))
            self._fill(it, kids)

    def _new(self, text: str, url: str = "") -> QTreeWidgetItem:
        it = QTreeWidgetItem([text, url])
        it.setFlags(it.flags() | Qt.ItemFlag.ItemIsEditable)
        return it

    def items(self) -> list:
        def one(it: QTreeWidgetItem):
            text, url = it.text(0), it.text(1).strip()
            kids = [one(it.child(i)) for i in range(it.childCount())]
            if not url and not kids:
                return text
            d: dict = {"text": text}
            if url:
                d["url"] = url
            if kids:
                d["items"] = kids
            return d

        return [one(self.topLevelItem(i)) for i in range(self.topLevelItemCount())]

    def _siblings(self, it):
        p = it.parent()
        return (p, p.indexOfChild(it)) if p is not None else (None, self.indexOfTopLevelItem(it))

    def _take(self, it):
        p, i = self._siblings(it)
        return p.takeChild(i) if p is not None else self.takeTopLevelItem(i)

    def _insert(self, parent, index, it) -> None:
        if parent is not None:
            parent.insertChild(index, it)
        else:
            self.insertTopLevelItem(index, it)

    def keyPressEvent(self, e) -> None:  # noqa: N802
        it = self.currentItem()
        key, mods = e.key(), e.modifiers()
        alt = mods == Qt.KeyboardModifier.AltModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != QAbstractItemView.State.EditingState:
            new = self._new(self.tr("Nouvelle note"))
            if it is None:
                self.addTopLevelItem(new)
            else:
                p, i = self._siblings(it)
                self._insert(p, i + 1, new)
            self.setCurrentItem(new)
            self.owner.changed(self)
            self.editItem(new, 0)
            return
        if it is None:
            return super().keyPressEvent(e)
        p, i = self._siblings(it)
        if key == Qt.Key.Key_Tab and mods == Qt.KeyboardModifier.NoModifier:
            if i > 0:
                prev = p.child(i - 1) if p is not None else self.topLevelItem(i - 1)
                self._take(it)
                prev.addChild(it)
                prev.setExpanded(True)
                self._done(it)
            return
        if key == Qt.Key.Key_Backtab:
            if p is not None:
                gp, gi = self._siblings(p)
                self._take(it)
                self._insert(gp, gi + 1, it)
                self._done(it)
            return
        if alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            j = i - 1 if key == Qt.Key.Key_Up else i + 1
            count = p.childCount() if p is not None else self.topLevelItemCount()
            if 0 <= j < count:
                self._take(it)
                self._insert(p, j, it)
                self._done(it)
            return
        if key == Qt.Key.Key_Delete:
            self._take(it)
            self.owner.changed(self)
            return
        super().keyPressEvent(e)

    def _done(self, it) -> None:
        it.setExpanded(True)
        self.setCurrentItem(it)
        self.owner.changed(self)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 — Tab indents here
        if self.state() == QAbstractItemView.State.EditingState:
            return super().focusNextPrevChild(forward)
        return False


class PreparedOutlines(QWidget):
    """One outline per section of the kit, for ``path`` (``workshops[i].prepared``)."""

    def __init__(self, editor, path: str) -> None:
        super().__init__()
        self.editor, self.path = editor, path
        doc = editor.doc
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(self.tr("Entrée : nouvelle note · Tab / Maj+Tab : décaler · Alt+↑/↓ : déplacer · "
                                     "F2 : modifier · Suppr : retirer")))
        sections = [(s.id, s.title) for s in km.DEFAULT_SECTIONS]
        if "sections" in doc.keys(""):
            sections = [(doc.text_of(f"sections[{i}].id"), doc.text_of(f"sections[{i}].title"))
                        for i in range(doc.length("sections"))]
        present = doc.keys(path)
        sections += [(sid, sid) for sid in present if sid not in [s for s, _ in sections]]
        self.outlines: dict[str, SectionOutline] = {}
        for sid, title in sections:
            lbl = QLabel(f"<b>{title}</b>")
            outline = SectionOutline(self, sid, doc.value(f"{path}.{sid}") or [])
            outline.setAccessibleName(self.tr("Notes préparées : {section}").format(section=title))
            lbl.setBuddy(outline)
            lay.addWidget(lbl)
            lay.addWidget(outline)
            self.outlines[sid] = outline

    def changed(self, outline: SectionOutline) -> None:
        from facilitator.kit import roundtrip as rt

        items = outline.items()
        parts = rt.parse_path(self.path)

        def change(tree):
            ws = rt._get(tree, parts[:-1])
            if ws is None:
                return
            prepared = ws.get("prepared")
            if not items:
                if isinstance(prepared, dict):
                    prepared.pop(outline.sid, None)
                    if not prepared:
                        del ws["prepared"]
                return
            if not isinstance(prepared, dict):
                from ruamel.yaml.comments import CommentedMap

                prepared = CommentedMap()
                ws["prepared"] = prepared
            prepared[outline.sid] = rt._rt(items)

        doc = self.editor.doc

        def apply() -> None:  # the section's items spliced where they are; else the whole edit
            if not doc.set_items(f"{self.path}.{outline.sid}", items):
                doc.edit(change)

        self.editor.edit(self.tr("Notes préparées"), apply, rebuild=False)
