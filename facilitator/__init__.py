"""facilitator: the core (no Qt). Kits, the event file, notes and their operations, merge, synthesis."""

__version__ = "0.1.0"
