"""Kits: format v1, loading and validation."""

from facilitator.kit.loader import KitReport, load_kit, load_kit_text, read_kit, read_kit_bytes
from facilitator.kit.model import Kit

__all__ = ["Kit", "KitReport", "load_kit", "load_kit_text", "read_kit", "read_kit_bytes"]
