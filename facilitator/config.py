"""Where facilitator keeps its own files, and the identity of this laptop (device)."""

from __future__ import annotations

import json
import os
import socket
import uuid
from pathlib import Path

# (platformdirs is imported where used: the app's start-up does not need it when
# FACILITATOR_HOME is set)


def _platform_dir(kind: str) -> Path:
    import platformdirs

    return Path(getattr(platformdirs, f"user_{kind}_dir")("facilitator", appauthor=False))


def config_dir() -> Path:
    """``FACILITATOR_HOME`` if set (tests, portable installs), else the platform's config folder."""
    env = os.environ.get("FACILITATOR_HOME")
    return Path(env) if env else _platform_dir("config")


def cache_dir() -> Path:
    """What can be made again (kits already read): ``FACILITATOR_HOME/cache`` or the platform's."""
    env = os.environ.get("FACILITATOR_HOME")
    return Path(env) / "cache" if env else _platform_dir("cache")


def log_dir() -> Path:
    env = os.environ.get("FACILITATOR_HOME")
    return Path(env) / "logs" if env else _platform_dir("log")


def device_id() -> str:
    """A stable id of this laptop, made once and kept in the config folder.

    ``FACILITATOR_DEVICE`` overrides it (several "laptops" on one machine, in tests).
    """
    env = os.environ.get("FACILITATOR_DEVICE")
    if env:
        return env

    path = config_dir() / "device.json"
    try:
        return json.loads(path.read_text("utf-8"))["id"]
    except (OSError, ValueError, KeyError, TypeError):
        pass

    did = f"{socket.gethostname()[:24]}-{uuid.uuid4().hex[:8]}"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"id": did}), "utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home: the id lives for this session only
    return did


def laptop_name() -> str | None:
    """The human name of this laptop (« Portable de Léa »), as its person gave it; None if never."""

    try:
        name = json.loads((config_dir() / "device.json").read_text("utf-8")).get("name")
    except (OSError, ValueError, AttributeError):
        return None
    return name if isinstance(name, str) and name.strip() else None


def set_laptop_name(name: str) -> None:
    """Keep this laptop's name beside its id (``device.json``); OSError if it cannot be written."""

    path = config_dir() / "device.json"
    try:
        data = json.loads(path.read_text("utf-8"))
        data = data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        data = {}
    if "id" not in data and not os.environ.get("FACILITATOR_DEVICE"):
        data["id"] = device_id()
    data["name"] = name
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    os.replace(tmp, path)
