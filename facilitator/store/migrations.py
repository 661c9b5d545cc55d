"""Upgrades of event files written by older versions, one function per schema version step.

``STEPS[n]`` takes a file from version ``n`` to ``n + 1`` inside one transaction; a file is
upgraded only when it is opened for writing, and a copy of it is kept beside it first
(``NAME.vN.bak``) so an upgrade can never cost an event its notes.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from facilitator.store.schema import SCHEMA_VERSION

STEPS: dict[int, Callable[[Session], None]] = {}


def upgrade(session: Session, version: int) -> None:
    while version < SCHEMA_VERSION:
        step = STEPS[version]
        with session.begin():
            conn = session.connection()
            step(session)
            version += 1
            conn.exec_driver_sql(f"PRAGMA user_version = {version}")
