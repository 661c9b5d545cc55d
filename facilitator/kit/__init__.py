"""Kits: format v1, loading and validation.

The loader (and PyYAML) is imported on first use: reading an event file's kit from the cache
(``cache.py``) needs only the model.
"""

from facilitator.kit.model import Kit

__all__ = ["Kit", "KitReport", "load_kit", "load_kit_text", "read_kit", "read_kit_bytes"]
_LOADER = ("KitReport", "load_kit", "load_kit_text", "read_kit", "read_kit_bytes")


def __getattr__(name: str):
    if name in _LOADER:
        from facilitator.kit import loader

        return getattr(loader, name)
    raise AttributeError(f"module 'facilitator.kit' has no attribute {name!r}")
