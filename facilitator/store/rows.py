"""A note and a proposal as read from the file: the record's id, its state (``states.py``) and
its bookkeeping, each decoded from the columns of its row as the declaration lays them out
(``declaration.state_of``). The state's fields are readable on the row itself (``row.text``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from facilitator.store import declaration
from facilitator.store.states import NoteState, ProposalState

_NOTE_STATE = declaration.STATE_FIELDS["note"]
_PROPOSAL_STATE = declaration.STATE_FIELDS["proposal"]


@dataclass(frozen=True)
class NoteRow:
    """A note as read: its id, current state, and bookkeeping."""

    id: str
    state: NoteState
    created_at: str
    modified_at: str
    device: str
    revision: str

    @property
    def workshop(self) -> int:
        return self.state.workshop

    @property
    def section(self) -> str:
        return self.state.section

    @property
    def parent_id(self) -> str | None:
        return self.state.parent_id

    @property
    def position(self) -> float:
        return self.state.position

    @property
    def text(self) -> str:
        return self.state.text

    @property
    def urls(self) -> tuple[str, ...]:
        return self.state.urls

    @property
    def contributor(self) -> str | None:
        return self.state.contributor

    @property
    def commitments(self) -> tuple[str, ...]:
        return self.state.commitments

    @property
    def votes(self) -> int:
        return self.state.votes

    @property
    def deleted(self) -> bool:
        return self.state.deleted


@dataclass(frozen=True)
class ProposalRow:
    """A proposal as read: its id, current state, and bookkeeping."""

    id: str
    state: ProposalState
    created_at: str
    modified_at: str
    device: str

    @property
    def position(self) -> float:
        return self.state.position

    @property
    def title(self) -> str:
        return self.state.title

    @property
    def text(self) -> str:
        return self.state.text

    @property
    def kind(self) -> str:
        return self.state.kind

    @property
    def commitments(self) -> tuple[str, ...]:
        return self.state.commitments

    @property
    def notes(self) -> tuple[str, ...]:
        return self.state.notes

    @property
    def workshops(self) -> tuple[int, ...]:
        return self.state.workshops

    @property
    def decision(self) -> str | None:
        return self.state.decision

    @property
    def decision_reason(self) -> str:
        return self.state.decision_reason

    @property
    def decision_date(self) -> str | None:
        return self.state.decision_date

    @property
    def deleted(self) -> bool:
        return self.state.deleted


def note_row(r: Sequence) -> NoteRow:
    """A note from the values of ``fileformat.NOTE_COLUMNS`` (id, the state, bookkeeping)."""
    n = len(_NOTE_STATE) + 1
    return NoteRow(r[0], declaration.state_of("note", r[1:n], _NOTE_STATE), *r[n:])  # type: ignore[arg-type]


def proposal_row(r: Sequence) -> ProposalRow:
    """A proposal from the values of ``fileformat.PROPOSAL_COLUMNS`` (id, the state, bookkeeping)."""
    n = len(_PROPOSAL_STATE) + 1
    return ProposalRow(r[0], declaration.state_of("proposal", r[1:n], _PROPOSAL_STATE), *r[n:])  # type: ignore[arg-type]
