"""Kits already read and validated, kept as JSON in the user's cache folder.

Opening an event file reads the copy of its kit. Parsing and validating that YAML again (and
importing PyYAML to do it) is about a tenth of the app's start-up; the same kit read from here
takes a few milliseconds. An entry holds the kit's text and what decides which kit a text gives
(facilitator's version, the model's classes and fields, a CRC of the source of the model, the
rules and the loader), and is read only when both are the ones at hand: a changed kit or a
changed facilitator never reads a stale entry. Its name, a CRC-32 of both, only finds it (no
cryptographic hash is needed to compare texts, and loading one is a few milliseconds of the
start-up). Entries are written only after a successful validation, atomically; one that cannot
be read or decoded, or holds another text, is ignored (the YAML is parsed as before) and written
anew.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import os
import zlib
from pathlib import Path
from typing import Any

from facilitator import __version__, config
from facilitator.kit import model
from facilitator.kit.model import Kit

FORMAT = 1  # of the JSON below
_CLASSES = {c.__name__: c for c in vars(model).values() if isinstance(c, type) and dataclasses.is_dataclass(c)}
_ORIGIN = ("source", "folder")  # set from the text on reading, not stored


_CODE = ("model.py", "spec.py", "loader.py")  # what decides which kit a text gives


@functools.cache
def _version() -> str:
    """Facilitator's version, and a CRC of the model's shape and of the source of the model, the
    rules and the loader: any change to how a text becomes a kit is another entry (without
    importing those modules)."""
    shape = ";".join(f"{n}:{','.join(f.name for f in dataclasses.fields(c))}" for n, c in sorted(_CLASSES.items()))
    crc = zlib.crc32(shape.encode())
    here = Path(__file__).resolve().parent
    for name in _CODE:
        try:
            crc = zlib.crc32((here / name).read_bytes(), crc)
        except OSError:
            crc = zlib.crc32(b"-", crc)  # installed without sources: the version and the shape still count
    return f"{FORMAT}/{__version__}/{crc:08x}"


def entry(text: str) -> Path:
    data = text.encode("utf-8")
    key = f"{zlib.crc32(_version().encode()):08x}-{zlib.crc32(data):08x}-{len(data):x}"
    return config.cache_dir() / "kits" / f"{key}.json"


def encode(kit: Kit) -> str:
    """The entry of ``kit``: ``[version, the kit's text, the kit]`` in JSON."""
    def enc(v: Any) -> Any:
        if dataclasses.is_dataclass(v):
            return {"$": type(v).__name__,
                    **{f.name: enc(getattr(v, f.name)) for f in dataclasses.fields(v) if f.name not in _ORIGIN}}
        if isinstance(v, tuple):
            return [enc(x) for x in v]
        if isinstance(v, dt.time):
            return {"$time": v.isoformat()}
        if isinstance(v, dt.date):
            return {"$date": v.isoformat()}
        if v is None or isinstance(v, str | int | float | bool):
            return v
        raise TypeError(f"cannot cache a {type(v).__name__}")

    return json.dumps([_version(), kit.source, enc(kit)], ensure_ascii=False, separators=(",", ":"))


def _tuples(v: Any) -> Any:
    return tuple(_tuples(x) for x in v) if isinstance(v, list) else v


def _hook(d: dict) -> Any:
    if "$" in d:
        cls = _CLASSES[d.pop("$")]
        return cls(**{k: _tuples(v) for k, v in d.items()})
    if "$time" in d:
        return dt.time.fromisoformat(d["$time"])
    if "$date" in d:
        return dt.date.fromisoformat(d["$date"])
    raise ValueError("unexpected object")


def decode(data: str | bytes, text: str) -> Kit:
    """The kit of an entry made by ``encode`` for ``text`` by this facilitator; ``ValueError`` if
    it is not that (another text under the same name, another version, damage)."""
    entry = json.loads(data, object_hook=_hook)
    if not (isinstance(entry, list) and len(entry) == 3):
        raise ValueError("not an entry")
    version, source, kit = entry
    if version != _version() or source != text or not isinstance(kit, Kit):
        raise ValueError("another kit's or another version's entry")
    return dataclasses.replace(kit, source=text)


def load_kit_text(text: str, name: str = "<kit>") -> Kit:
    """``loader.load_kit_text(text, name)`` (a kit without a folder: an event file's copy),
    from the cache when it holds this text; ``KitError`` if the text is not a valid kit."""
    path = entry(text)
    try:
        return decode(path.read_bytes(), text)
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        pass
    from facilitator.kit.loader import load_kit_text as parse

    kit = parse(text, name=name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{id(kit):x}.tmp")  # two apps may write it
        tmp.write_text(encode(kit), "utf-8")
        tmp.replace(path)
    except (OSError, TypeError):
        pass  # a read-only or full cache folder: the next opening parses the YAML again
    return kit
