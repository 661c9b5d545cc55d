"""The UI runs every operation one way (``Session.run``: core operation → one undo command →
views refreshed from the returned change → errors to the one handler). No screen calls an
operation of the event file itself, nor pushes its own undo command; and the one way does what
it says: one command per operation, typing merged, a refusal said once."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from facilitator.store import Change, EventFile
from tests.ui.helpers import settle
from ui.capture.session import ChangeCommand

UI = Path(__file__).resolve().parents[2] / "ui"
# the event file's operations: its public methods that return a Change
OPERATIONS = {name for name, fn in inspect.getmembers(EventFile, inspect.isfunction)
              if not name.startswith("_") and "Change" in str(inspect.signature(fn).return_annotation)}
OWN = {"session.py",  # the one way itself
       "kit_editor.py", "kit_outline.py"}  # (the kit editor edits a kit file, with its own undo stack)


def test_no_screen_runs_an_operation_or_pushes_a_command_of_its_own():
    assert {"add_note", "edit_note", "indent", "vote", "add_proposal", "resolve_conflict", "apply"} <= OPERATIONS
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path.name in OWN:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                target = ast.unparse(node.func.value)
                if node.func.attr in OPERATIONS and (target.endswith("ev") or target.endswith(".ev")):
                    found.append(f"{path.name}:{node.lineno}: {ast.unparse(node.func)}(…)")
                if node.func.attr == "push" and target.endswith("stack"):
                    found.append(f"{path.name}:{node.lineno}: {ast.unparse(node.func)}(…)")
    assert found == [], "\n".join(found)


def test_one_command_per_operation_typing_merged_a_refusal_said_once(window, messages):
    s = window.session
    n = s.stack.count()
    change = s.run(EventFile.add_note, 1, "futurs", "", label="Une note")
    assert isinstance(change, Change) and s.stack.count() == n + 1
    cmd = s.stack.command(n)
    assert isinstance(cmd, ChangeCommand) and cmd.text() == "Une note" and cmd.change == change
    for text in ("a", "ab", "abc"):  # one field, one editing session: one step
        s.run(EventFile.edit_note, change.focus, text=text, merge=("note", change.focus, "text", 7))
    assert s.stack.count() == n + 2 and s.note(change.focus).text == "abc"
    s.undo()
    assert s.note(change.focus).text == ""
    s.redo()
    settle()
    assert s.note(change.focus).text == "abc"
    assert s.run(EventFile.indent, "pas-une-note") is None  # refused: said once, nothing pushed
    assert len(messages) == 1 and s.stack.count() == n + 2
