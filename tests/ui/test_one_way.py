"""The UI runs every operation one way (``Session.run``: core operation → one undo command →
views refreshed from the returned change → errors to the one handler). No screen calls an
operation of the event file itself, nor pushes its own undo command; and the one way does what
it says: one command per operation, typing merged, a refusal said once."""

from __future__ import annotations

import ast
import importlib
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


RUNNERS = {"run", "run_op", "run_typed"}  # Session.run and its spellings in ui.after.post_common


def _returns_change(obj) -> bool:
    return inspect.isfunction(obj) and "Change" in str(inspect.signature(obj).return_annotation)


def test_no_screen_calls_a_core_function_itself_nor_names_an_operation_by_string():
    """A core function that makes a change (``facilitator.synthesis.link_notes``…) is given to the
    one way, never called by a screen; and an operation is the function itself, never its name."""
    found = []
    for path in sorted(UI.glob("*.py")):
        if path.name in OWN:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        core = set()  # the names this module imports from the core that make a change
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("facilitator"):
                module = importlib.import_module(node.module)
                core |= {a.asname or a.name for a in node.names if _returns_change(getattr(module, a.name, None))}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            if isinstance(node.func, ast.Name) and node.func.id in core:
                found.append(f"{path.name}:{node.lineno}: {node.func.id}(…) called, not run")
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in RUNNERS:
                strings = [a for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
                           and a.value in OPERATIONS]
                found += [f"{path.name}:{node.lineno}: operation named {a.value!r}" for a in strings]
            if name == "getattr" and len(node.args) >= 2 and ast.unparse(node.args[0]) == "EventFile":
                found.append(f"{path.name}:{node.lineno}: an EventFile operation looked up by name")
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
