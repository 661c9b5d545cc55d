"""The 2016 demo event: the kit of Ministère ouvert #1 plus what was really captured that day.

``kits/demo/notes-2016.yaml`` holds every bullet of the published restitution annex that the kit does
not already hold as prepared items, and the synthesis of proposals sent to the minister.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import yaml

import kits
from facilitator.kit import load_kit
from facilitator.kit.model import Item
from facilitator.store import EventFile
from facilitator.store.event import NAMESPACE


def _item(raw) -> Item:
    if isinstance(raw, str):
        return Item(raw)
    return Item(raw["text"], raw.get("url"), tuple(_item(r) for r in raw.get("items", ())))


def load_demo_data(path: Path = kits.DEMO) -> dict:
    # A file we ship, not untrusted input: still read with the safe loader.
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def create_demo(path: str | Path, device: str | None = None) -> EventFile:
    """Create the 2016 demo event file at ``path`` and return it open.

    Filled before it is published (``EventFile.create``): a killed run never leaves a partial
    demo under ``path``."""
    data = load_demo_data()
    kit = load_kit(kits.FOLDER / data["kit"])
    return EventFile.create(path, kit, device, fill=lambda ev: fill_demo(ev, data))


def fill_demo(ev: EventFile, data: dict) -> None:
    for block in data.get("notes", ()):
        w, s = int(block["workshop"]), block["section"]
        items = [_item(r) for r in block["items"]]

        def id_for(p, w=w, s=s):
            return str(uuid.uuid5(uuid.UUID(NAMESPACE), f"demo-2016/{w}/{s}/" + "/".join(map(str, p))))

        ev.add_items(w, s, items, id_for=id_for)
    syn = data.get("synthesis") or {}
    ev.edit_synthesis(
        object=syn.get("object", ""),
        intro=(syn.get("intro") or "").strip(),
        feedback=(syn.get("feedback") or "").strip(),
        date=str(syn["date"]) if syn.get("date") else None,
    )
    for i, p in enumerate(syn.get("proposals", ())):
        ev.add_proposal(
            p["title"],
            (p.get("text") or "").strip(),
            p.get("kind", "other"),
            commitments=[str(c) for c in p.get("commitments", ())],
            workshops=[int(x) for x in p.get("workshops", ())],
            proposal_id=str(uuid.uuid5(uuid.UUID(NAMESPACE), f"demo-2016/proposal/{i}")),
        )
