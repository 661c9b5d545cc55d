"""The message catalogue: no key defined twice, every French key translated, fields consistent."""

from __future__ import annotations

import ast
import string
from collections import Counter

from facilitator import i18n
from tests.conftest import ROOT


def _keys_per_catalogue() -> dict[str, list[str]]:
    """Every key literally written for FR and EN (dict literals and .update() calls)."""
    tree = ast.parse((ROOT / "facilitator" / "i18n.py").read_text("utf-8"))
    found: dict[str, list[str]] = {"FR": [], "EN": []}
    for node in ast.walk(tree):
        target = None
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            target, value = node.target.id, node.value
        elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            target, value = node.targets[0].id, node.value
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "update" and isinstance(node.func.value, ast.Name)):
            target, value = node.func.value.id, node.args[0] if node.args else None
        if target in found and isinstance(value, ast.Dict):
            found[target].extend(k.value for k in value.keys if isinstance(k, ast.Constant))
    return found


def test_no_key_is_defined_twice():
    for name, keys in _keys_per_catalogue().items():
        dups = [k for k, n in Counter(keys).items() if n > 1]
        assert not dups, f"{name}: keys defined twice (the last silently wins): {dups}"


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_english_has_the_same_fields_as_french():
    for key, en in i18n.EN.items():
        assert key in i18n.FR, f"{key} only in English"
        assert _fields(en) == _fields(i18n.FR[key]), key


def test_fallback_to_french_and_to_the_key():
    assert i18n.tr("kit.not_found", "de") == i18n.FR["kit.not_found"]
    assert i18n.tr("no.such.key") == "no.such.key"
