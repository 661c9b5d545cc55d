"""The event file: one SQLite file per event (see ``event.py``)."""

from facilitator.store.event import EventFile, NoteRow, ProposalRow, inspect
from facilitator.store.states import (
           CONTRIBUTORS,
           DECISIONS,
           PROPOSAL_KINDS,
           Change,
           Edit,
           NoteState,
)

__all__ = ["CONTRIBUTORS", "DECISIONS", "PROPOSAL_KINDS", "Change", "Edit", "EventFile", "NoteRow",
           "NoteState", "ProposalRow", "inspect"]
