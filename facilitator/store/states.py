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
class Resolution:
    """A revision joining every head of a record (``parents``): a person's answer to a conflict."""

    revision: str
    parents: tuple[str, ...]
    state: Any  # NoteState | ProposalState | SynthesisState
    at: str
    device: str


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
                    if isinstance(s, Resolution):
                        s = s.state
                    if s is not None:
                        out.add((s.workshop, s.section))
        return out

    def touches(self, kind: str) -> bool:
        return any(e.kind == kind for e in self.edits)


def _is_note(e: Edit) -> bool:
    return e.kind == "note" or (e.kind == "resolution" and e.key[0] == "note")


# ------------------------------------------------------------------------------------------
# merging concurrent heads (pure functions of a record's revisions: see docs/merge.md)

# Fields compared together when heads are merged: a move is one change of place, a decision
# one change of (decision, reason, date), a validation one change of (by, at, fingerprint).
FIELD_GROUPS: dict[str, dict[str, tuple[str, ...]]] = {
    "note": {
        "place": ("workshop", "section", "parent_id", "position"),
        "text": ("text",), "urls": ("urls",), "contributor": ("contributor",),
        "commitments": ("commitments",), "votes": ("votes",), "deleted": ("deleted",),
    },
    "proposal": {
        "position": ("position",), "title": ("title",), "text": ("text",), "kind": ("kind",),
        "commitments": ("commitments",), "notes": ("notes",), "workshops": ("workshops",),
        "decision": ("decision", "decision_reason", "decision_date"), "deleted": ("deleted",),
    },
    "synthesis": {
        "object": ("object",), "intro": ("intro",), "feedback": ("feedback",), "date": ("date",),
        "validation": ("validated_by", "validated_at", "fingerprint"),
    },
}


@dataclass(frozen=True)
class Rev:
    """One revision as the merge sees it; ``state`` is the decoded JSON dict."""

    id: str
    parents: tuple[str, ...]
    device: str
    at: str
    state: dict


@dataclass(frozen=True)
class Resolved:
    """What a record shows, given all its revisions."""

    heads: tuple[str, ...]  # revisions no other revision descends from, sorted
    shown: str  # the head that stands for the record (next edits descend from it)
    state: dict
    conflict: str | None  # None, "edit" or "deleted-edited"
    fields: tuple[str, ...]  # the field groups in conflict
    created_at: str
    created_by: str
    modified_at: str


def _key(v: Any) -> str:
    return json.dumps(v, sort_keys=True, ensure_ascii=False)


def resolve_heads(kind: str, revs: list[Rev]) -> Resolved:
    """The state of a record from the set of its revisions (order of ``revs`` does not matter).

    One head: its state. Several heads (concurrent edits): each field group takes the value the
    heads changed it to relative to their latest common ancestor; two different changes of one
    group are a conflict ("edit"), shown with the latest head's value; a deletion concurrent with
    an edit keeps the record ("deleted-edited").
    """
    by_id = {r.id: r for r in revs}
    referenced = {p for r in revs for p in r.parents}
    order = lambda r: (r.at, r.id)  # noqa: E731
    heads = sorted((r for r in revs if r.id not in referenced), key=order) or [max(revs, key=order)]
    roots = [r for r in revs if not any(p in by_id for p in r.parents)] or list(revs)
    first = min(roots, key=order)
    latest = heads[-1]
    if len(heads) == 1:
        return Resolved((latest.id,), latest.id, latest.state, None, (), first.at, first.device, latest.at)

    def ancestry(r: Rev) -> set[str]:
        seen: set[str] = set()
        stack = [r.id]
        while stack:
            cur = stack.pop()
            if cur in seen or cur not in by_id:
                continue
            seen.add(cur)
            stack.extend(by_id[cur].parents)
        return seen

    lines = [ancestry(h) for h in heads]
    common = set.intersection(*lines)
    base: dict | None = None
    if common:
        base = max((by_id[c] for c in common), key=order).state
    else:  # the same record made on several laptops: a shared base if they started alike
        starts = {_key(by_id[x].state) for line in lines for x in line
                  if not any(p in by_id for p in by_id[x].parents)}
        if len(starts) == 1:
            base = json.loads(starts.pop())
    groups = FIELD_GROUPS[kind]
    alive = [h for h in heads if not h.state.get("deleted")] or heads
    preferred = alive[-1]
    merged = dict(preferred.state)
    conflicts: list[str] = []
    for name, keys in groups.items():
        base_v = _key([base.get(k) for k in keys]) if base is not None else None
        changed: dict[str, Rev] = {}
        for h in heads:
            v = _key([h.state.get(k) for k in keys])
            if v != base_v:
                changed.setdefault(v, h)
        if not changed:
            src = base
        elif len(changed) == 1:
            src = next(iter(changed.values())).state
        else:
            conflicts.append(name)
            src = preferred.state
        for k in keys:
            merged[k] = src.get(k) if src is not None else preferred.state.get(k)
    conflict = "edit" if conflicts else None
    if merged.get("deleted") and "deleted" in groups and "deleted" not in conflicts:
        edited = [h for h in heads if not h.state.get("deleted")
                  and (base is None or any(_key(h.state.get(k)) != _key(base.get(k))
                                           for g, ks in groups.items() if g != "deleted" for k in ks))]
        if edited:
            merged["deleted"] = False
            conflicts.append("deleted")
            conflict = "deleted-edited"
    elif "deleted" in conflicts:
        merged["deleted"] = False
        conflict = "deleted-edited" if conflicts == ["deleted"] else "edit"
    return Resolved(tuple(sorted(h.id for h in heads)), preferred.id, merged, conflict,
                    tuple(conflicts), first.at, first.device, latest.at)
