"""YAML syntax errors: French, located, the same whatever libyaml is installed.

libyaml ≥ 0.2.6 stops at a nesting depth of its own and words its errors its own way; the loader
reads a text that libyaml refuses again with PyYAML's pure-Python scanner and recognises errors by
their type and the scanner or parser step that raised them, never by their English text.
"""

from __future__ import annotations

import re

import pytest
import yaml

from facilitator.kit import loader, read_kit_bytes

ENGLISH = re.compile(r"\b(found|expected|while|scanning|parsing|but|character|cannot|could|not|"
                     r"allowed|mapping|sequence|block|flow|token|stream|exceeded)\b")

HEAD = "format: 1\nevent:\n  title: Essai\n"

CASES = [
    # (text, line, column, the French words the message must contain); the root mapping is
    # the first level of nesting, so the 51st level is the 50th bracket
    (HEAD + "\tkind: x\n", 4, 1, "tabulation interdite"),
    (HEAD + '  place: "Paris\n', 4, 10, "fin de fichier inattendue"),
    (HEAD + "  place: Paris: centre\n", 4, 15, "« : » inattendu"),
    (HEAD + "  place: @paris\n", 4, 10, "« @ » ne peut pas commencer"),
    (HEAD + "  place: `x`\n", 4, 10, "« ` » ne peut pas commencer"),
    (HEAD + '  place: "a\\qb"\n', 4, 13, "échappement inconnu"),
    (HEAD + "  place: [a, b\n", 4, 10, "fin de fichier inattendue"),
    (HEAD + "  place: [a, b\n  kind: x\n", 5, 7, "crochet non fermé"),
    (HEAD + "  place: {a: b\n  kind: x\n", 5, 7, "accolade non fermée"),
    (HEAD + "  place: x\n    kind: y\n", 5, 9, "« : » inattendu"),
    (HEAD + "  place: x\n kind: y\n", 5, 2, "clé attendue"),
    (HEAD + "---\nformat: 1\n", 4, 1, "un seul document"),
    (HEAD + "  place: *nulle_part\n", 4, 10, "alias non défini : « nulle_part »"),
    (HEAD + "  place: &a x\n  kind: &a y\n", 5, 9, "ancre YAML « &a » déjà déclarée ligne 4"),
    (HEAD + "  place: !<tag x\n", 4, 15, "étiquette YAML invalide"),
    (HEAD + "  place: &\n", 4, 11, "nom d'ancre ou d'alias invalide"),
    (HEAD + "  place: x\x07y\n", 4, 11, "caractère de contrôle interdit dans un kit (U+0007)"),
    ("format: 1\n" + "x: " + "[" * 60 + "]" * 60 + "\n", 2, 53, "imbrication trop profonde"),
    ("format: 1\n" + "x: " + "[" * 1100 + "]" * 1100 + "\n", 2, 53, "imbrication trop profonde"),
    ("format: 1\n" + "x: " + "{a: " * 1100 + "b" + "}" * 1100 + "\n", 2, 200, "imbrication trop profonde"),
]


@pytest.mark.parametrize("text,line,column,words", CASES, ids=[c[3] + f"-{i}" for i, c in enumerate(CASES)])
def test_a_syntax_error_is_french_and_located(text, line, column, words):
    report = read_kit_bytes(text.encode(), "kit.yaml")
    assert report.kit is None
    first = report.errors[0]
    assert words in first.message, first
    assert (first.line, first.column) == (line, column), first
    assert not ENGLISH.search(first.message), first.message
    assert "\x07" not in first.message


@pytest.mark.parametrize("text,line,column,words", CASES, ids=[c[3] + f"-{i}" for i, c in enumerate(CASES)])
def test_both_scanners_give_the_same_message(text, line, column, words, monkeypatch):
    fast = read_kit_bytes(text.encode(), "kit.yaml").errors[0]
    monkeypatch.setattr(loader, "_LOADER", loader._BoundedLoader)
    pure = read_kit_bytes(text.encode(), "kit.yaml").errors[0]
    assert (fast.line, fast.column, fast.message) == (pure.line, pure.column, pure.message)


def test_the_steps_recognised_are_pyyamls():
    """A PyYAML that renames a scanner or parser step fails here, not silently in a message."""
    for name in (*loader._SCANNER_STEPS, *loader._QUOTED_STEPS, "fetch_more_tokens"):
        assert callable(getattr(yaml.scanner.Scanner, name, None)), name
    for name in loader._PARSER_STEPS:
        assert callable(getattr(yaml.parser.Parser, name, None)), name


def test_english_interface_gets_english_messages():
    report = read_kit_bytes((HEAD + "\tkind: x\n").encode(), "kit.yaml", lang="en")
    assert "tabs are not allowed" in report.errors[0].message
