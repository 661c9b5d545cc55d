"""Immutable states of records, and ``Change``: what a core operation did, invertible.

Every operation of the core is a list of edits ``(kind, key, before, after)``. Applying a change
writes each ``after``; its inverse writes each ``before``. The UI's undo stack, redo and the
views' updates all rest on this one mechanism.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any

CONTRIBUTORS = ("administration", "societe-civile", "citoyen", "autre")
PROPOSAL_KINDS = ("accelerate", "next-plan", "other")
DECISIONS = ("retenue", "a-l-etude", "non-retenue")


@dataclass(frozen=True)
class NoteState:
    workshop: int
    section: str
    parent_id: str | None
    position: float
    text: str = ""
    urls: tuple[str, ...] = ()
    contributor: str | None = None
    commitments: tuple[str, ...] = ()
    votes: int = 0
    deleted: bool = False

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> NoteState:
        d = json.loads(text)
        d["urls"] = tuple(d.get("urls", ()))
        d["commitments"] = tuple(d.get("commitments", ()))
        return cls(**d)

    def with_(self, **kw: Any) -> NoteState:
        return replace(self, **kw)


@dataclass(frozen=True)
class ProposalState:
    position: float
    title: str = ""
    text: str = ""
    kind: str = "other"
    commitments: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    workshops: tuple[int, ...] = ()
    decision: str | None = None
    decision_reason: str = ""
    decision_date: str | None = None
    deleted: bool = False

    def with_(self, **kw: Any) -> ProposalState:
        return replace(self, **kw)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ProposalState:
        d = json.loads(text)
        for key in ("commitments", "notes", "workshops"):
            d[key] = tuple(d.get(key, ()))
        return cls(**d)


@dataclass(frozen=True)
class SynthesisState:
    object: str = ""
    intro: str = ""
    feedback: str = ""
    date: str | None = None
    validated_by: str | None = None
    validated_at: str | None = None
    fingerprint: str | None = None

    def with_(self, **kw: Any) -> SynthesisState:
        return replace(self, **kw)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> SynthesisState:
        return cls(**json.loads(text))

    @property
    def validated(self) -> bool:
        return self.validated_at is not None

    def reopened(self) -> SynthesisState:
        return replace(self, validated_by=None, validated_at=None, fingerprint=None)


@dataclass(frozen=True)
class Edit:
    kind: str  # "note", "proposal", "synthesis", "participants", "resolution"
    # note/proposal id, (workshop, contributor) for participants, 1 for synthesis,
    # (record kind, record id, revision id) for a resolution
    key: Any
    before: Any  # the state before (None: did not exist)
    after: Any  # the state after


@dataclass(frozen=True)
class Change:
    """What one operation changed. ``focus``: the note the UI should select afterwards."""

    label: str
    edits: tuple[Edit, ...] = ()
    focus: str | None = None
    focus_before: str | None = None
    extra: dict = field(default_factory=dict, compare=False)

    def inverse(self) -> Change:
        return Change(
            self.label,
            tuple(Edit(e.kind, e.key, e.after, e.before) for e in reversed(self.edits)),
            focus=self.focus_before,
            focus_before=self.focus,
        )

    @property
    def empty(self) -> bool:
        return all(e.before == e.after for e in self.edits)

    def notes(self) -> list[str]:
        return [e.key if e.kind == "note" else e.key[1] for e in self.edits if _is_note(e)]

    def places(self) -> set[tuple[int, str]]:
        """The (workshop, section) outlines this change touches."""
        out = set()
        for e in self.edits:
            if _is_note(e):
                for s in (e.before, e.after):
                    if s is not None and e.kind == "resolution":
                        s = s.state  # (a Resolution: facilitator.store.history)
                    if s is not None:
                        out.add((s.workshop, s.section))
        return out

    def touches(self, kind: str) -> bool:
        return any(e.kind == kind for e in self.edits)


def _is_note(e: Edit) -> bool:
    return e.kind == "note" or (e.kind == "resolution" and e.key[0] == "note")
