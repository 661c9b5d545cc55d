"""The kits bundled with facilitator, built from the real 2016 and 2021 documents."""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent
BUNDLED = ("ministere-ouvert-2016", "forum-open-etat-2021-1", "forum-open-etat-2021-2")
# not a kit: what was typed in 2016 on top of the ministere-ouvert-2016 kit (facilitator new --demo)
DEMO = FOLDER / "demo" / "notes-2016.yaml"


def kit_path(name: str) -> Path:
    return FOLDER / f"{name}.yaml"
