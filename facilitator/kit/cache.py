"""Kits already read and validated, kept as JSON in the user's cache folder.

Opening an event file reads the copy of its kit. Parsing and validating that YAML again (and
importing PyYAML to do it) is about a tenth of the app's start-up; the same kit read from here
takes a few milliseconds. An entry is named by the SHA-256 of the kit's text and of what decides
which kit a text gives (facilitator's version, the model's classes and fields, the source of the
model, the rules and the loader), so a changed kit or a changed facilitator never reads a stale
entry. Entries are written only after a successful validation, atomically; one that cannot be
read or decoded is ignored (the YAML is parsed as before) and written anew.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import os
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
def _version() -> bytes:
    """The model's shape, facilitator's version and the source of the model, the rules and the
    loader: any change to how a text becomes a kit is a new key (without reading those modules)."""
    shape = ";".join(f"{n}:{','.join(f.name for f in dataclasses.fields(c))}" for n, c in sorted(_CLASSES.items()))
    digest = hashlib.sha256(f"{FORMAT}\n{__version__}\n{shape}\n".encode())
    here = Path(__file__).resolve().parent
    for name in _CODE:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(b"-")  # installed without sources: the version and the shape still count
    return digest.digest()


def entry(text: str) -> Path:
    key = hashlib.sha256(_version() + text.encode("utf-8")).hexdigest()
    return config.cache_dir() / "kits" / f"{key}.json"


def encode(kit: Kit) -> str:
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

    return json.dumps(enc(kit), ensure_ascii=False, separators=(",", ":"))


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
    kit = json.loads(data, object_hook=_hook)
    if not isinstance(kit, Kit):
        raise ValueError("not a kit")
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
