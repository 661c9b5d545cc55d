"""The proposals and the synthesis: reading them, their operations (add, edit, decide,
delete), and the synthesis' validation (a fingerprint of the content it vouches for). A part of
``EventFile`` (``event.py``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from facilitator.errors import OperationError
from facilitator.i18n import tr
from facilitator.store.access import new_id, now, operation, reads
from facilitator.store.fileformat import PROPOSAL_COLUMNS, SYNTHESIS_COLUMNS
from facilitator.store.rows import ProposalRow, proposal_row
from facilitator.store.states import (
    DECISIONS,
    PROPOSAL_KINDS,
    Change,
    Edit,
    ProposalState,
    SynthesisState,
)


class Proposals:
    """The proposals and the synthesis of an event file (a part of ``EventFile``)."""

    @reads
    def synthesis(self) -> SynthesisState:
        return self._synthesis()

    def _synthesis(self) -> SynthesisState:
        row = self._one(f"SELECT {SYNTHESIS_COLUMNS} FROM synthesis WHERE id = 1")
        return SynthesisState(*row) if row is not None else SynthesisState()

    @operation
    def edit_synthesis(self, **fields: Any) -> Change:
        before = self.synthesis()
        after = before.with_(**fields)
        return self.apply(Change("edit_synthesis", (Edit("synthesis", 1, before, after),)))

    def _proposal_rows(self, where: str = "", params: Sequence = ()) -> list[ProposalRow]:
        sql = f"SELECT {PROPOSAL_COLUMNS} FROM proposal" + (f" WHERE {where}" if where else "")
        return [proposal_row(r) for r in self._all(sql, params)]

    @reads
    def proposals(self, include_deleted: bool = False) -> list[ProposalRow]:
        rows = self._proposal_rows("" if include_deleted else "deleted IS 0")
        return sorted(rows, key=lambda r: (r.position, r.id))

    @reads
    def proposal(self, pid: str) -> ProposalRow:
        rows = self._proposal_rows("id = ?", (pid,))
        if not rows:
            raise OperationError(tr("store.unknown_proposal", id=pid))
        return rows[0]

    def _clean_proposal(self, fields: dict[str, Any]) -> dict[str, Any]:
        out = dict(fields)
        if "kind" in out and out["kind"] not in PROPOSAL_KINDS:
            raise OperationError(tr("store.bad_kind", value=out["kind"]))
        if out.get("decision") not in (None, *DECISIONS):
            raise OperationError(tr("store.bad_decision", value=out["decision"]))
        for key in ("commitments", "notes"):
            if key in out:
                out[key] = tuple(dict.fromkeys(str(c) for c in out[key]))
        plan = self.kit.plan
        for c in out.get("commitments", ()):
            if plan is None or plan.commitment(c) is None:
                raise OperationError(tr("synthesis.unknown_commitment", id=c))
        for n in out.get("notes", ()):
            self.note(n)  # raises for an unknown note
        if "workshops" in out:
            out["workshops"] = tuple(int(w) for w in out["workshops"])
        return out

    @operation
    def add_proposal(self, title: str = "", text: str = "", kind: str = "other", *,
                     proposal_id: str | None = None, **fields: Any) -> Change:
        fields = self._clean_proposal({"kind": kind, **fields})
        existing = self.proposals()
        position = (existing[-1].position + 1.0) if existing else 1.0
        pid = proposal_id or new_id()
        state = ProposalState(position, title, text, **fields)
        return self.apply(Change("add_proposal", (Edit("proposal", pid, None, state),), focus=pid))

    @operation
    def edit_proposal(self, pid: str, **fields: Any) -> Change:
        row = self.proposal(pid)
        new = row.state.with_(**self._clean_proposal(fields))
        return self.apply(Change("edit_proposal", (Edit("proposal", pid, row.state, new),), pid, pid))

    def decide(self, pid: str, decision: str | None, reason: str = "", date: str | None = None) -> Change:
        """Record a decision (``Decision``: retenue, a-l-etude, non-retenue), dated today unless
        ``date`` (an ISO date, ``AAAA-MM-JJ``) says otherwise; None clears it, reason and date too."""
        if decision is not None and date is None:
            date = dt.date.today().isoformat()
        if date is not None:
            try:
                date = dt.date.fromisoformat(str(date)).isoformat()
            except ValueError as exc:
                raise OperationError(tr("kit.expected_date", value=date)) from exc
        if decision is None:
            reason, date = "", None
        return self.edit_proposal(pid, decision=decision, decision_reason=reason, decision_date=date)

    @operation
    def move_proposal(self, pid: str, index: int) -> Change:
        """Put a proposal at ``index`` (0: first) among the others, in the order of ``proposals``:
        its position goes between its new neighbours'. Out of range, or already there: no change."""
        rows = self.proposals()
        row = next((r for r in rows if r.id == pid), None)
        if row is None:
            raise OperationError(tr("store.unknown_proposal", id=pid))
        others = [r for r in rows if r.id != pid]
        if index < 0 or index > len(others) or not others:
            return Change("move_proposal", focus=pid, focus_before=pid)
        before = others[index - 1].position if index > 0 else None
        after = others[index].position if index < len(others) else None
        if before is None:
            position = after - 1.0
        elif after is None:
            position = before + 1.0
        else:
            position = (before + after) / 2
        if rows.index(row) == index:
            return Change("move_proposal", focus=pid, focus_before=pid)
        new = row.state.with_(position=position)
        return self.apply(Change("move_proposal", (Edit("proposal", pid, row.state, new),), pid, pid))

    @operation
    def delete_proposal(self, pid: str) -> Change:
        row = self.proposal(pid)
        new = row.state.with_(deleted=True)
        return self.apply(Change("delete_proposal", (Edit("proposal", pid, row.state, new),), None, pid))

    @reads
    def content_fingerprint(self) -> str:
        """SHA-256 of the event's content: what a validation vouches for (see docs/merge.md).

        Canonical JSON (sorted keys, no spaces, UTF-8) of the event id, the kit's hash, every note
        not deleted (id and state: place, text, urls, contributor, commitments, votes), every
        proposal not deleted (id and state, decision included) and the synthesis' texts (object,
        intro, feedback, date). Timestamps, laptops, revisions and the validation are left out.
        """
        import hashlib  # (the fingerprint of a synthesis being validated: not at start-up)

        notes = []
        for n in self._rows("deleted IS 0 ORDER BY id"):
            d = dataclasses.asdict(n.state)
            d.pop("deleted")
            notes.append({"id": n.id, **d})
        proposals = []
        for p in self._proposal_rows("deleted IS 0 ORDER BY id"):
            d = dataclasses.asdict(p.state)
            d.pop("deleted")
            proposals.append({"id": p.id, **d})
        syn = self._synthesis()
        meta = dict(self._all("SELECT key, value FROM meta"))
        doc = {
            "format": "facilitator-fingerprint/1",
            "event_id": meta.get("event_id"),
            "kit_sha256": meta.get("kit_sha256"),
            "notes": notes,
            "proposals": proposals,
            "synthesis": {"object": syn.object, "intro": syn.intro, "feedback": syn.feedback, "date": syn.date},
        }
        text = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @operation
    def validate_synthesis(self, by: str) -> Change:
        """Mark the synthesis "validée" by ``by``: date and fingerprint of the content are stored.
        Any later change of notes, proposals or synthesis reopens it (see ``apply``)."""
        by = (by or "").strip()
        if not by:
            raise OperationError(tr("synthesis.validator_required"))
        before = self.synthesis()
        after = before.with_(validated_by=by, validated_at=now(), fingerprint=self.content_fingerprint())
        return self.apply(Change("validate_synthesis", (Edit("synthesis", 1, before, after),)))

    @operation
    def reopen_synthesis(self) -> Change:
        before = self.synthesis()
        return self.apply(Change("reopen_synthesis", (Edit("synthesis", 1, before, before.reopened()),)))
