"""``facilitator self-test`` on the installed app (the frozen one: scripts/bundle_smoke.sh).

A good install passes: the window opens, the typed note is stored (read back with the CLI's
``export csv``). A copy of the installed packages whose fonts folder is gone, damaged or
unreadable fails, with exit 1 and a French message naming the font.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

LAUNCH = "from ui.shell.launcher import main; main()"
PACKAGES = ("facilitator", "exports", "ui", "kits")


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FACILITATOR_LANG", "PYTHONPATH")}
    return {**env, "QT_QPA_PLATFORM": "offscreen", "FACILITATOR_HOME": str(home), **extra}


def _installed_command() -> list[str]:
    """The ``facilitator`` command pip installed beside this Python (the entry point)."""
    script = Path(sys.executable).with_name("facilitator.exe" if os.name == "nt" else "facilitator")
    return [str(script)] if script.is_file() else [sys.executable, "-c", LAUNCH]


def test_self_test_passes_on_a_good_install_and_the_note_is_stored(tmp_path, demo_file):
    mark = "vérifié par le test"
    done = subprocess.run([*_installed_command(), "self-test", "--event", str(demo_file), "--text", f" {mark}"],
                          env=_env(tmp_path / "home"), capture_output=True, text=True, cwd=tmp_path, timeout=180)
    assert done.returncode == 0, done.stderr
    assert "Vérification réussie" in done.stdout and str(demo_file) in done.stdout
    csv = tmp_path / "notes.csv"
    exported = subprocess.run([sys.executable, "-m", "facilitator", "export", "csv", str(demo_file), "-o", str(csv)],
                              env=_env(tmp_path / "home"), capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert exported.returncode == 0, exported.stderr
    assert mark in csv.read_text("utf-8")


def _missing(fonts: Path) -> None:
    shutil.rmtree(fonts)


def _truncated(fonts: Path) -> None:  # an interrupted copy or unzip
    for ttf in fonts.glob("*.ttf"):
        ttf.write_bytes(ttf.read_bytes()[:512])


def _no_permission(fonts: Path) -> None:
    for ttf in fonts.glob("*.ttf"):
        ttf.chmod(0)


@pytest.mark.parametrize("damage, words", [
    (_missing, "police de l'application absente"),
    (_truncated, "police de l'application illisible"),
    pytest.param(_no_permission, "police de l'application illisible", marks=pytest.mark.skipif(
        os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their permissions")),
], ids=["missing", "truncated", "no-permission"])
def test_self_test_fails_in_french_when_the_fonts_are_not_readable(tmp_path, demo_file, damage, words):
    app = tmp_path / "installed"  # the installed packages' files, as pip copies them
    for pkg in PACKAGES:
        shutil.copytree(ROOT / pkg, app / pkg, ignore=shutil.ignore_patterns("__pycache__"))
    fonts = app / "exports" / "fonts"
    damage(fonts)
    env = _env(tmp_path / "home", PYTHONPATH=str(app))
    where = subprocess.run([sys.executable, "-c", "import exports.pdf.fonts as f; print(f.FONT_DIR)"],
                           env=env, capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert Path(where.stdout.strip()) == fonts  # the copy runs, not the repository
    try:
        done = subprocess.run([sys.executable, "-c", LAUNCH, "self-test", "--event", str(demo_file)],
                              env=env, capture_output=True, text=True, cwd=tmp_path, timeout=180)
    finally:
        for ttf in fonts.glob("*.ttf") if fonts.is_dir() else ():
            ttf.chmod(0o644)  # (tmp_path is cleaned up)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    said = done.stderr.strip().splitlines()[-1]  # (after the offscreen platform's own notices)
    assert said.startswith(f"Vérification échouée sur {demo_file} : {words} : {fonts / 'DejaVuSans.ttf'}"), said
