"""Fixtures shared by every test: an isolated config folder, and real event files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import kits

ROOT = Path(__file__).resolve().parent.parent
# beside the repository (as in CI); FACILITATOR_SEEDS for a work tree kept elsewhere
SEEDS = Path(os.environ.get("FACILITATOR_SEEDS", ROOT.parent / "shared" / "seeds"))

pytest_plugins = ["tests.hub_support"]  # a real PostgreSQL hub, for the sync's tests


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Never touch the user's config or logs; one device id per test unless a test sets another."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("FACILITATOR_HOME", str(home))
    monkeypatch.setenv("FACILITATOR_DEVICE", "laptop-test")
    monkeypatch.delenv("FACILITATOR_LANG", raising=False)
    return home


@pytest.fixture
def kit_2021():
    from facilitator.kit import load_kit

    return load_kit(kits.kit_path("forum-open-etat-2021-1"))


@pytest.fixture
def demo_path(tmp_path) -> Path:
    """A fresh 2016 demo event file (closed), in tmp_path."""
    from facilitator.demo import create_demo

    path = tmp_path / "demo.facilitator"
    create_demo(path).close()
    return path


@pytest.fixture
def demo(demo_path):
    from facilitator.store import EventFile

    ev = EventFile.open(demo_path)
    yield ev
    ev.close()
