"""The core never names the layers above it, not even as a string a loader could import
(import-linter sees import statements only; see the contracts in pyproject.toml)."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULE_NAME = re.compile(r"(exports|ui|PySide6|shiboken6)(\.\w+)*")


def strings_naming_upper_layers(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and MODULE_NAME.fullmatch(node.value):
                found.append(f"{path.relative_to(folder.parent)}:{node.lineno}: {node.value!r}")
    return found


def test_the_core_names_no_upper_layer():
    assert strings_naming_upper_layers(ROOT / "facilitator") == []


def test_the_check_sees_a_module_named_by_string(tmp_path):
    # the same walk over a planted module finds it (the check can fail)
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "plugins.py").write_text(
        'import importlib\n\nimportlib.import_module("exports.cli")\n', "utf-8")
    assert strings_naming_upper_layers(tmp_path / "core") == ["core/plugins.py:3: 'exports.cli'"]


def test_exports_name_no_ui():
    assert [s for s in strings_naming_upper_layers(ROOT / "exports") if "'ui" in s or "PySide6" in s] == []
