"""The English translation is complete, compiled, and covers every French text of the interface.

When a test here fails after adding or changing a text in ui/:

    pyside6-lupdate ui/*.py ui/*/*.py -source-language fr_FR -target-language en_GB -no-obsolete -ts ui/i18n/facilitator_en.ts
    # add the English text to EN in ui/i18n/english.py, then
    python ui/i18n/english.py && pyside6-lrelease ui/i18n/facilitator_en.ts
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

UI = Path(__file__).resolve().parents[2] / "ui"
TS = UI / "i18n" / "facilitator_en.ts"
QM = UI / "i18n" / "facilitator_en.qm"
DEAD = {"vanished", "obsolete"}  # entries lupdate keeps for texts no longer in the code
# the regex of the check, on the source text: a call .tr("…") with a plain literal (escaped quotes allowed)
TR_LITERAL = re.compile(r'\.tr\(\s*"((?:[^"\\]|\\.)*)"')


def _messages() -> list[tuple[str, str, ET.Element]]:
    """(context, source, <translation>) of every message of the .ts that lrelease compiles."""
    out = []
    for ctx in ET.parse(TS).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            tr = m.find("translation")
            assert tr is not None, f"{name}: {m.findtext('source')!r} has no <translation>"
            if tr.get("type") not in DEAD:
                out.append((name, m.findtext("source") or "", tr))
    return out


MESSAGES = _messages()
PAIRS = {(ctx, src) for ctx, src, _ in MESSAGES}
SOURCES = {src for _, src, _ in MESSAGES}


def test_every_message_is_translated():
    assert len(MESSAGES) > 300
    unfinished = [(ctx, src) for ctx, src, tr in MESSAGES if tr.get("type") == "unfinished"]
    assert unfinished == [], f"{len(unfinished)} untranslated text(s), see the module docstring"
    empty = [(ctx, src) for ctx, src, tr in MESSAGES if not (tr.text or "").strip()]
    assert empty == []


def _picked() -> list[tuple[str, str, str]]:
    """Three messages spread over the .ts (first, middle, last) whose English differs from the French."""
    differing = [(ctx, src, tr.text) for ctx, src, tr in MESSAGES if tr.text != src]
    return [differing[0], differing[len(differing) // 2], differing[-1]]


@pytest.mark.parametrize(("context", "source", "english"), _picked())
def test_compiled_qm_matches_the_ts(context, source, english):
    translator = QTranslator()
    assert translator.load(str(QM)), f"{QM} cannot be loaded: run pyside6-lrelease"
    assert translator.translate(context, source) == english, "facilitator_en.qm is stale: run pyside6-lrelease"


def test_compiled_qm_has_every_message():
    translator = QTranslator()
    assert translator.load(str(QM))
    stale = [(ctx, src) for ctx, src, tr in MESSAGES if translator.translate(ctx, src) != tr.text]
    assert stale == [], "facilitator_en.qm is stale: run pyside6-lrelease"


def _ui_files() -> list[Path]:
    files = sorted(UI.rglob("*.py"))
    assert files
    return files


def test_every_tr_literal_is_in_the_ts():
    missing = []
    for path in _ui_files():
        for m in TR_LITERAL.finditer(path.read_text(encoding="utf-8")):
            # the literal as Python reads it (escapes), not as written; a literal continued on the
            # next line by implicit concatenation is matched here by its first part only
            text = ast.literal_eval(f'"{m.group(1)}"')
            if not any(src.startswith(text) for src in SOURCES):
                missing.append(f"{path.name}: {text!r}")
    assert missing == [], "texts missing from facilitator_en.ts, see the module docstring"


def _calls(tree: ast.AST, classes: tuple[str, ...] = ()):
    """(enclosing class, call) of every call, recursively."""
    for node in ast.iter_child_nodes(tree):
        inner = (*classes, node.name) if isinstance(node, ast.ClassDef) else classes
        if isinstance(node, ast.Call):
            yield (classes[-1] if classes else None), node
        yield from _calls(node, inner)


def test_every_translated_call_is_in_the_ts_under_its_context():
    """Whole literals (implicit concatenation included), looked up under the context Qt will use.

    ``self.tr()`` is looked up at run time under the class of ``self``: so it must be called on
    ``self`` inside a class (``w.tr()`` in a module function is extracted under the context "w" and
    never found); module-level code uses ``QCoreApplication.translate("Context", "…")``.
    """
    problems = []
    for path in _ui_files():
        for cls, call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            f = call.func
            where = f"{path.name}:{call.lineno}"
            if isinstance(f, ast.Attribute) and f.attr == "tr" and call.args:
                arg = call.args[0]
                if isinstance(arg, ast.JoinedStr):
                    problems.append(f"{where}: f-string in tr(), use .format()")
                elif not (isinstance(f.value, ast.Name) and f.value.id == "self" and cls):
                    problems.append(f"{where}: tr() not called on self inside a class")
                elif isinstance(arg, ast.Constant) and (cls, arg.value) not in PAIRS:
                    problems.append(f"{where}: ({cls!r}, {arg.value!r}) not in facilitator_en.ts")
            elif isinstance(f, ast.Attribute) and f.attr == "translate" and len(call.args) >= 2:
                ctx, src = call.args[0], call.args[1]
                if isinstance(src, ast.JoinedStr):
                    problems.append(f"{where}: f-string in translate(), use .format()")
                elif isinstance(ctx, ast.Constant) and isinstance(src, ast.Constant) \
                        and (ctx.value, src.value) not in PAIRS:
                    problems.append(f"{where}: ({ctx.value!r}, {src.value!r}) not in facilitator_en.ts")
    assert problems == []
