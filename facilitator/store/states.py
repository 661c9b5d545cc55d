"""Immutable states of records, and ``Change``: what a core operation did, invertible.

The state classes are the declaration of the JSON form of each record (a revision's ``state``,
the columns of its current row, the JSON export): their fields in order, their types, and for
each field its ``Spec`` (what it holds and its bounds), from which ``validation`` checks a state
and ``declaration`` derives the tables. Nothing else lists these fields.

Every operation of the core is a list of edits ``(kind, key, before, after)``. Applying a change
writes each ``after``; its inverse writes each ``before``. The UI's undo stack, redo and the
views' updates all rest on this one mechanism.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

if TYPE_CHECKING:
    from facilitator.store.history import Resolution
    from facilitator.store.timer import TimerRecord


class RecordKind(StrEnum):
    """The records that have revisions."""

    NOTE = "note"
    PROPOSAL = "proposal"
    SYNTHESIS = "synthesis"


class Contributor(StrEnum):
    """Who said what a note holds (the participants' types)."""

    ADMINISTRATION = "administration"
    SOCIETE_CIVILE = "societe-civile"
    CITOYEN = "citoyen"
    AUTRE = "autre"


class ProposalKind(StrEnum):
    ACCELERATE = "accelerate"
    NEXT_PLAN = "next-plan"
    OTHER = "other"


class Decision(StrEnum):
    RETENUE = "retenue"
    A_L_ETUDE = "a-l-etude"
    NON_RETENUE = "non-retenue"


# the values as plain tuples (argparse choices, messages)
CONTRIBUTORS: tuple[str, ...] = tuple(Contributor)
PROPOSAL_KINDS: tuple[str, ...] = tuple(ProposalKind)
DECISIONS: tuple[str, ...] = tuple(Decision)

# bounds of what a state holds (checked by ``validation`` for every record entering the file)
INT64_MAX = 2**63 - 1  # SQLite's integers
MAX_POSITION = 2.0**53  # far beyond any renumbering, exact in a float
MAX_TEXT = 1_000_000  # characters of one text field
MAX_ID = 200  # characters of an id, a device name, a timestamp
MAX_ITEMS = 1_000  # entries of one list (links, commitments, source notes)
MAX_URL = 4_096
MAX_STATE_BYTES = 4 * MAX_TEXT  # the JSON text of one state
MAX_COUNT = 10**9  # participants of one atelier and type


@dataclass(frozen=True)
class Spec:
    """What one field of a state holds: ``type`` one of "integer", "number", "text", "bool",
    "date" (``AAAA-MM-JJ``), "url" (http or https), "choice" (one of ``choices``); ``many``: a
    list of such values (a JSON list in its column); ``optional``: None allowed; ``known``: must
    be one of the kit's ("workshop", "section"); ``column``: "string" for a short text column."""

    type: str
    limit: int = MAX_TEXT
    low: float = 0
    high: float = INT64_MAX
    choices: tuple[str, ...] = ()
    many: bool = False
    optional: bool = False
    known: str | None = None
    column: str = "text"


def spec(default: Any = None, *, required: bool = False, **kw: Any) -> Any:
    """A dataclass field with its ``Spec`` (in the field's metadata)."""
    if kw.get("many"):
        return field(default=(), metadata={"spec": Spec(**kw)})
    if required:
        return field(metadata={"spec": Spec(**kw)})
    return field(default=default, metadata={"spec": Spec(**kw)})


def _short(type_: str = "text", **kw: Any) -> dict[str, Any]:
    return {"type": type_, "limit": MAX_ID, "column": "string", **kw}


_POSITION = {"type": "number", "low": -MAX_POSITION, "high": MAX_POSITION}


@dataclass(frozen=True)
class NoteState:
    workshop: int = spec(required=True, type="integer", known="workshop")
    section: str = spec(required=True, known="section", **_short())
    parent_id: str | None = spec(required=True, optional=True, **_short())
    position: float = spec(required=True, **_POSITION)
    text: str = spec("", type="text")
    urls: tuple[str, ...] = spec(type="url", limit=MAX_URL, many=True)
    contributor: str | None = spec(optional=True, choices=CONTRIBUTORS, **_short("choice"))
    commitments: tuple[str, ...] = spec(many=True, **_short())
    votes: int = spec(0, type="integer")
    deleted: bool = spec(False, type="bool")

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
    position: float = spec(required=True, **_POSITION)
    title: str = spec("", type="text")
    text: str = spec("", type="text")
    kind: str = spec(ProposalKind.OTHER.value, choices=PROPOSAL_KINDS, **_short("choice"))
    commitments: tuple[str, ...] = spec(many=True, **_short())
    notes: tuple[str, ...] = spec(many=True, **_short())
    workshops: tuple[int, ...] = spec(type="integer", many=True)
    decision: str | None = spec(optional=True, choices=DECISIONS, **_short("choice"))
    decision_reason: str = spec("", type="text")
    decision_date: str | None = spec(optional=True, **_short("date"))
    deleted: bool = spec(False, type="bool")

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
    object: str = spec("", type="text")
    intro: str = spec("", type="text")
    feedback: str = spec("", type="text")
    date: str | None = spec(optional=True, **_short("date"))
    validated_by: str | None = spec(optional=True, type="text", column="string")
    validated_at: str | None = spec(optional=True, **_short())
    fingerprint: str | None = spec(optional=True, **_short())

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


State = NoteState | ProposalState | SynthesisState
STATE_TYPES: dict[str, type[NoteState] | type[ProposalState] | type[SynthesisState]] = {
    RecordKind.NOTE: NoteState, RecordKind.PROPOSAL: ProposalState, RecordKind.SYNTHESIS: SynthesisState,
}

EditKind = Literal["note", "proposal", "synthesis", "participants", "resolution", "timer", "laptop"]
# note/proposal id, 1 for the synthesis, (workshop, contributor) for participants, the workshop
# for its timer, (record kind, record id, revision id) for a resolution
EditKey = str | int | tuple[int, str] | tuple[str, str, str]
# a state, a participant count, a timer, a resolution; None: did not exist
EditValue: TypeAlias = "NoteState | ProposalState | SynthesisState | int | TimerRecord | Resolution | None"


@dataclass(frozen=True)
class Edit:
    kind: EditKind
    key: EditKey
    before: EditValue  # the state before (None: did not exist)
    after: EditValue  # the state after


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
