"""Preparing an event: the kit editor, its spreadsheet import and its preview."""
