"""The command line as a whole: one naming rule, help for everything, every command in the README."""

from __future__ import annotations

import argparse
import re

import pytest

from facilitator import cli
from tests.conftest import ROOT


def _parser() -> argparse.ArgumentParser:
    cli.load_commands()
    import ui.shell.launcher  # noqa: F401 — registers "open" the way `facilitator` does
    from facilitator.i18n import tr as message

    cli.command(("open",), message("cli.help.open"), cli.event_argument)(ui.shell.launcher.cmd_open)
    return cli.build_parser()


def _commands(parser: argparse.ArgumentParser, prefix=()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                if any(isinstance(a, argparse._SubParsersAction) for a in sub._actions):
                    yield from _commands(sub, (*prefix, name))
                else:
                    yield (*prefix, name), sub


COMMANDS = sorted(_commands(_parser()), key=lambda c: c[0])
ENGLISH_NAME = re.compile(r"^-{1,2}[a-z][a-z0-9-]*$|^-[a-z]$")
FRENCH_WORDS = re.compile(r"sans|dossier|motif|par$|statut|engagement|contributeur|annexe|sauvegarde")


def test_there_are_commands():
    assert len(COMMANDS) >= 20


@pytest.mark.parametrize("path,parser", COMMANDS, ids=[" ".join(c[0]) for c in COMMANDS])
def test_every_argument_and_option_has_help_and_an_english_name(path, parser):
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        assert action.help and action.help != argparse.SUPPRESS, (path, action.dest)
        for name in action.option_strings:
            assert ENGLISH_NAME.match(name) and not FRENCH_WORDS.search(name), (path, name)
    assert parser.description, path


def test_every_command_is_in_the_readme_table():
    readme = (ROOT / "README.md").read_text("utf-8")
    rows = re.findall(r"^\| `facilitator ([^`]+)`", readme, re.M)
    listed = {tuple(w for w in row.split() if re.fullmatch(r"[a-z][a-z-]*", w)) for row in rows}
    for path, _parser in COMMANDS:
        if path[0] == "export":  # one row lists every document kind
            assert f"`{path[1]}`" in readme, path
            continue
        assert any(row[: len(path)] == path for row in listed), f"facilitator {' '.join(path)} is not in the README table"


def test_export_help_lists_each_document_kind(capsys):
    assert cli.main(["export", "--help"]) == 0
    out = capsys.readouterr().out
    kinds = [p[1] for p, _ in COMMANDS if p[0] == "export"]
    lines = out.splitlines()
    for kind in kinds:
        # argparse puts a long name's help on the next line
        at = next((i for i, ln in enumerate(lines) if ln.split()[:1] == [kind]), None)
        assert at is not None, kind
        said = lines[at].split()[1:] or lines[at + 1].split()
        assert len(said) > 2, kind


def test_argparse_speaks_french(capsys):
    assert cli.main(["decide"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("utilisation : facilitator decide")
    assert "erreur : arguments obligatoires manquants : event, proposal, decision" in err
    assert cli.main(["export", "booklet", "k.yaml", "-o", "x", "--nimporte"]) == 1
    assert "arguments inconnus : --nimporte" in capsys.readouterr().err
