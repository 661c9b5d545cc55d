"""Tables of the event file (SQLAlchemy 2.0 typed models).

Schema version history (``PRAGMA user_version``), each step a migration in ``migrations.py``:
1. first version.
2. merge without loss: ``record_revision`` (revisions of proposals and of the synthesis, like
   ``note_revision`` for notes), ``revision_parent`` (second and further parents of a revision
   that joins concurrent heads) and ``record_heads`` (records with several heads: merged
   automatically, or a conflict for a person to resolve). See docs/merge.md.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from facilitator.store.fileformat import APPLICATION_ID, SCHEMA_VERSION  # noqa: F401 (re-exported)


class Base(DeclarativeBase):
    pass


class Meta(Base):
    """Key/value facts of the file: event id, the kit's text and hash, creation."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Asset(Base):
    """Files the kit refers to (the logo), copied in so the event file stands alone."""

    __tablename__ = "asset"
    name: Mapped[str] = mapped_column(String, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Note(Base):
    """The current state of a note (the head of its revisions)."""

    __tablename__ = "note"
    id: Mapped[str] = mapped_column(String, primary_key=True)  # UUID, stable across laptops
    workshop: Mapped[int] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(String)
    parent_id: Mapped[str | None] = mapped_column(String, nullable=True)
    position: Mapped[float] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text, default="")
    urls: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    contributor: Mapped[str | None] = mapped_column(String, nullable=True)
    commitments: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of ids (text)
    votes: Mapped[int] = mapped_column(Integer, default=0)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[str] = mapped_column(String)
    modified_at: Mapped[str] = mapped_column(String)
    device: Mapped[str] = mapped_column(String)  # the laptop that created it
    revision: Mapped[str] = mapped_column(String)  # head revision id
    __table_args__ = (Index("note_place", "workshop", "section", "parent_id"),)


class NoteRevision(Base):
    """Every state a note has had: an edit adds a revision, nothing is overwritten (merge)."""

    __tablename__ = "note_revision"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    note_id: Mapped[str] = mapped_column(String, ForeignKey("note.id"), index=True)
    parent_id: Mapped[str | None] = mapped_column(String, nullable=True)
    device: Mapped[str] = mapped_column(String)
    at: Mapped[str] = mapped_column(String)
    state: Mapped[str] = mapped_column(Text)  # JSON of NoteState


class Participants(Base):
    """Participant counts of an atelier by contributor type, as entered on one laptop."""

    __tablename__ = "participants"
    workshop: Mapped[int] = mapped_column(Integer, primary_key=True)
    contributor: Mapped[str] = mapped_column(String, primary_key=True)
    device: Mapped[str] = mapped_column(String, primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
    at: Mapped[str] = mapped_column(String)


class Synthesis(Base):
    """The synthesis of the event (one row): object, opening text, feedback on the format."""

    __tablename__ = "synthesis"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    object: Mapped[str] = mapped_column(Text, default="")
    intro: Mapped[str] = mapped_column(Text, default="")
    feedback: Mapped[str] = mapped_column(Text, default="")
    date: Mapped[str | None] = mapped_column(String, nullable=True)  # ISO date of the restitution
    validated_by: Mapped[str | None] = mapped_column(String, nullable=True)
    validated_at: Mapped[str | None] = mapped_column(String, nullable=True)
    fingerprint: Mapped[str | None] = mapped_column(String, nullable=True)
    modified_at: Mapped[str] = mapped_column(String)
    revision: Mapped[str | None] = mapped_column(String, nullable=True)  # head (v2)


class Proposal(Base):
    """A proposal of the synthesis, and the decision it received."""

    __tablename__ = "proposal"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    position: Mapped[float] = mapped_column(Float)
    title: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String, default="other")  # accelerate | next-plan | other
    commitments: Mapped[str] = mapped_column(Text, default="[]")
    notes: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of source note ids
    workshops: Mapped[str] = mapped_column(Text, default="[]")  # source ateliers (numbers)
    decision: Mapped[str | None] = mapped_column(String, nullable=True)
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    decision_date: Mapped[str | None] = mapped_column(String, nullable=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[str] = mapped_column(String)
    modified_at: Mapped[str] = mapped_column(String)
    device: Mapped[str] = mapped_column(String)
    revision: Mapped[str | None] = mapped_column(String, nullable=True)  # head (v2)


class RecordRevision(Base):
    """Every state a proposal or the synthesis has had (``kind`` "proposal" or "synthesis")."""

    __tablename__ = "record_revision"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    kind: Mapped[str] = mapped_column(String)
    record_id: Mapped[str] = mapped_column(String)
    parent_id: Mapped[str | None] = mapped_column(String, nullable=True)  # first parent
    device: Mapped[str] = mapped_column(String)
    at: Mapped[str] = mapped_column(String)
    state: Mapped[str] = mapped_column(Text)  # JSON of ProposalState / SynthesisState
    __table_args__ = (Index("record_revision_record", "kind", "record_id"),)


class RevisionParent(Base):
    """Second and further parents of a revision (a resolution or a merge of concurrent heads).

    The first parent stays in ``parent_id`` of the revision; revision ids are UUIDs, unique
    across ``note_revision`` and ``record_revision``.
    """

    __tablename__ = "revision_parent"
    revision_id: Mapped[str] = mapped_column(String, primary_key=True)
    parent_id: Mapped[str] = mapped_column(String, primary_key=True)


class RecordHeads(Base):
    """A record (note, proposal, synthesis) with two or more heads after a merge.

    ``conflict`` is None when the heads were merged field by field without contradiction, else
    "edit" (two laptops changed the same field differently) or "deleted-edited" (deleted on one
    laptop, edited on another: the note is kept). Derived from the revisions: a merge recomputes it.
    """

    __tablename__ = "record_heads"
    kind: Mapped[str] = mapped_column(String, primary_key=True)
    record_id: Mapped[str] = mapped_column(String, primary_key=True)
    heads: Mapped[str] = mapped_column(Text)  # JSON list of revision ids, sorted
    conflict: Mapped[str | None] = mapped_column(String, nullable=True)
    fields: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of conflicting fields
