"""Capture: the outline of notes, the atelier's panels, the session (one way to run an operation), the timer."""
