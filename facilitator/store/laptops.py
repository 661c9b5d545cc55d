"""The human names of the laptops of an event (« Portable de Léa », « Salle 2 »), stored with the
event (``meta`` key ``laptop/<device id>``) so that every laptop's file carries the names it knows
and a merge brings them along: conflicts, revisions and merge reports name laptops, not ids.

Each laptop names itself (``EventFile.set_laptop_name``); a merge keeps, for each laptop, the name
given last (``named_at``, UTC).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass

from facilitator.safetext import first_forbidden

META_PREFIX = "laptop/"
MAX_NAME = 60


@dataclass(frozen=True)
class LaptopName:
    name: str
    named_at: str  # ISO 8601, UTC

    def problems(self) -> list[str]:
        """What makes it unfit to be stored or shown (empty when it is fine)."""
        out = []
        if not isinstance(self.name, str) or not self.name.strip() or len(self.name) > MAX_NAME \
                or first_forbidden(self.name, one_line=True) is not None:
            out.append(f"name={self.name!r}")
        try:
            if dt.datetime.fromisoformat(self.named_at).tzinfo is None:
                out.append(f"named_at={self.named_at!r} (no time zone)")
        except (TypeError, ValueError):
            out.append(f"named_at={self.named_at!r}")
        return out

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> LaptopName | None:
        """None for anything that is not a fit name (a crafted or damaged file)."""
        try:
            data = json.loads(text)
            found = cls(data["name"], data["named_at"])
        except (TypeError, ValueError, KeyError):
            return None
        return None if found.problems() else found

    @classmethod
    def now(cls, name: str) -> LaptopName:
        return cls(" ".join(name.split()), dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))


def newest(rows) -> dict[str, LaptopName]:
    """The fit names of ``(key, value)`` meta rows, by device id."""
    out: dict[str, LaptopName] = {}
    for key, value in rows:
        if isinstance(key, str) and key.startswith(META_PREFIX) and isinstance(value, str):
            found = LaptopName.from_json(value)
            device = key[len(META_PREFIX):]
            if found is not None and device and (device not in out or found.named_at > out[device].named_at):
                out[device] = found
    return out
