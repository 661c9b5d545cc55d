"""Control characters in kits (issue 14): C0/C1 controls and bidi overrides are refused even when
written as YAML escapes, with a located French message; tab and line feed only where free text
allows them; and no CLI message ever writes a raw control byte to the terminal."""

from __future__ import annotations

import pytest

import kits
from facilitator.cli import main
from facilitator.kit import read_kit
from facilitator.safetext import printable

BASE = kits.kit_path("forum-open-etat-2021-1").read_text("utf-8")
TITLE = '  title: "Forum Open d\'État #1"'
ID = "  id: forum-open-etat-2021-1"
RAW = ("\x1b", "\x07", "\x00", "\x9b", "\u202e", "\u2066")


def _kit(tmp_path, old, new):
    assert old in BASE
    path = tmp_path / "kit.yaml"
    path.write_text(BASE.replace(old, new, 1), "utf-8")
    return path


def _errors(path):
    report = read_kit(path)
    assert report.kit is None
    return [str(e) for e in report.errors]


@pytest.mark.parametrize("escaped, code", [
    (r"A\x07\e[31mB\0C", "U+0007"),
    (r"\x1b]0;titre\x07", "U+001B"),
    (r"C1 \x9b31m", "U+009B"),
    (r"abc\u202Edcb", "U+202E"),
    (r"isolat \u2067x\u2069", "U+2067"),
    (r"retour\rchariot", "U+000D"),
])
def test_controls_in_a_title_are_refused_and_located(tmp_path, capsys, escaped, code):
    path = _kit(tmp_path, TITLE, f'  title: "{escaped}"')
    errors = _errors(path)
    assert any(code in e and "event.title" in e and f"{path}:8:" in e for e in errors), errors
    assert main(["kit", "check", str(path)]) == 1
    captured = capsys.readouterr()
    for ch in RAW:
        assert ch not in captured.out and ch not in captured.err
    assert code in captured.out + captured.err


@pytest.mark.parametrize("value, code", [(r'"forum\t2021"', "U+0009"), (r'"forum\u202e1202"', "U+202E"),
                                         (r'"forum\n2021"', "U+000A")])
def test_ids_refuse_tab_newline_and_bidi(tmp_path, value, code):
    errors = _errors(_kit(tmp_path, ID, f"  id: {value}"))
    assert any(code in e and "event.id" in e for e in errors), errors


def test_free_text_keeps_tab_and_newline(tmp_path):
    path = _kit(tmp_path, '  subtitle: "Transparence de la vie publique"',
                '  subtitle: "Transparence\\tde la vie\\npublique"')
    report = read_kit(path)
    assert report.kit is not None, [str(e) for e in report.errors]
    assert report.kit.event.subtitle == "Transparence\tde la vie\npublique"


def test_no_cli_message_echoes_control_bytes(tmp_path, capsys):
    hostile = tmp_path / "absent\x1b[31m\u202e.facilitator"
    assert main(["export", "json", str(hostile), "-o", str(tmp_path / "x.json")]) == 1
    err = capsys.readouterr().err
    assert "introuvable" in err and "\x1b" not in err and "\u202e" not in err
    assert "\\x1b[31m\\u202e" in err


def test_printable_keeps_layout_and_escapes_the_rest():
    assert printable("a\tb\nc") == "a\tb\nc"
    assert printable("\x1b[31m\x00\x9b\u202e") == "\\x1b[31m\\x00\\x9b\\u202e"
    assert printable("مرحبا — émoji ✓") == "مرحبا — émoji ✓"
