"""The ``facilitator`` command as a person types it: no screen, a missing file, --version."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import facilitator
from tests.conftest import ROOT

LAUNCH = "from ui.shell.launcher import main; main()"


def _run(*args: str, env: dict[str, str], home) -> subprocess.CompletedProcess:
    env = {**env, "PYTHONPATH": str(ROOT), "FACILITATOR_HOME": str(home)}
    return subprocess.run([sys.executable, "-c", LAUNCH, *args], env=env, capture_output=True,
                          text=True, timeout=60)


def _without_screen() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "FACILITATOR_LANG")}
    return env


@pytest.mark.parametrize("env_change", [{}, {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":77"}],
                         ids=["no-display", "unreachable-display"])
def test_no_screen_is_said_in_french_with_exit_1(tmp_path, env_change):
    done = _run(env={**_without_screen(), **env_change}, home=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "Aucun écran n'est disponible" in done.stderr
    assert "facilitator demo" in done.stderr and "QT_QPA_PLATFORM=offscreen" in done.stderr
    assert "qt.qpa" not in done.stderr and "Aborted" not in done.stderr
    log = tmp_path / "logs" / "facilitator.log"
    assert str(log) in done.stderr
    assert log.exists() and log.read_text("utf-8").strip()  # Qt's own words, for a developer


def test_open_a_missing_file_says_so_on_stderr(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = _run("open", str(tmp_path / "absent.facilitator"), env=env, home=tmp_path)
    assert done.returncode == 1
    assert "fichier d'événement introuvable" in done.stderr and "absent.facilitator" in done.stderr
    done = _run("open", str(tmp_path), env=env, home=tmp_path)
    assert done.returncode == 1 and "est un dossier" in done.stderr


def test_version(tmp_path):
    done = _run("--version", env=dict(os.environ), home=tmp_path)
    assert done.returncode == 0
    assert done.stdout.strip() == f"facilitator {facilitator.__version__}"
