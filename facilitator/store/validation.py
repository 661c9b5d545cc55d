"""The one check of a record's state, whatever its origin: an operation of the app or the CLI,
a revision read from a merge source, a record of a JSON import.

``check_state(kind, value, rules)`` takes a state as decoded JSON (a dict) or as its JSON text,
refuses anything the file could not hold or the documents could not show, and returns the typed
state (``NoteState``, ``ProposalState``, ``SynthesisState``). A refusal is an ``Invalid`` whose
message is in French and names the field; callers add the file and the record
(``StoreError`` / ``MergeError`` / ``JsonImportError``).

What is checked, for each field, from its declaration (``states.Spec``, bounds in ``states``):
- only the fields of the state, each of its type (a number is never text, a boolean never a
  number), the required ones present;
- numbers finite and within SQLite's 64-bit integers (votes, ateliers) or a safe range
  (positions);
- the atelier and the section known to the kit the record comes from, the contributor type one
  of ``CONTRIBUTORS``, the proposal kind and decision known, dates ``AAAA-MM-JJ``;
- links ``http://`` or ``https://`` only (``kit.spec.url_problem``);
- texts, lists and identifiers of bounded size (the JSON of a state is flat: no nesting beyond a
  list of texts or numbers).

Revision links (a revision's parents belong to the same record) are checked by
``check_revisions``, used by the merge and the import.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import MISSING, asdict, dataclass, fields
from typing import Any

from facilitator.i18n import tr
from facilitator.store.states import (  # noqa: F401 (the bounds, re-exported)
    CONTRIBUTORS,
    INT64_MAX,
    MAX_COUNT,
    MAX_ID,
    MAX_ITEMS,
    MAX_POSITION,
    MAX_STATE_BYTES,
    MAX_TEXT,
    MAX_URL,
    STATE_TYPES,
    Spec,
)

FIELDS = {kind: tuple(f.name for f in fields(cls)) for kind, cls in STATE_TYPES.items()}
# fields without a default: a state lacking one is refused
REQUIRED = {kind: tuple(f.name for f in fields(cls) if f.default is MISSING and not f.metadata["spec"].many)
            for kind, cls in STATE_TYPES.items()}


class Invalid(ValueError):
    """A state (or a revision) that cannot enter the event file; ``str()`` says why in French."""


@dataclass(frozen=True)
class Rules:
    """What a record is checked against: the ateliers and sections of its kit (None: any)."""

    workshops: frozenset[int] | None = None
    sections: frozenset[str] | None = None

    @classmethod
    def of_kit(cls, kit) -> Rules:
        return cls(frozenset(w.number for w in kit.workshops), frozenset(s.id for s in kit.sections))


ANY = Rules()


def _problem(key: str, **fields: object) -> Invalid:
    return Invalid(tr(key, **fields))


def _text(name: str, v: Any, limit: int = MAX_TEXT) -> str:
    if not isinstance(v, str):
        raise _problem("record.not_text", field=name, value=_show(v))
    if len(v) > limit:
        raise _problem("record.too_long", field=name, limit=limit)
    return v


def _opt_text(name: str, v: Any, limit: int = MAX_ID) -> str | None:
    return None if v is None else _text(name, v, limit)


def _integer(name: str, v: Any, low: int = 0, high: int = INT64_MAX) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise _problem("record.not_integer", field=name, value=_show(v))
    if not low <= v <= high:
        raise _problem("record.out_of_range", field=name, value=_show(v), low=low, high=high)
    return v


def _number(name: str, v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise _problem("record.not_number", field=name, value=_show(v))
    try:
        f = float(v)
    except OverflowError:
        f = math.inf
    if not math.isfinite(f) or abs(f) > MAX_POSITION:
        raise _problem("record.out_of_range", field=name, value=_show(v), low=-MAX_POSITION, high=MAX_POSITION)
    return f


def _bool(name: str, v: Any) -> bool:
    if not isinstance(v, bool):
        raise _problem("record.not_bool", field=name, value=_show(v))
    return v


def _list(name: str, v: Any) -> list:
    if not isinstance(v, list | tuple):
        raise _problem("record.not_list", field=name, value=_show(v))
    if len(v) > MAX_ITEMS:
        raise _problem("record.too_many", field=name, limit=MAX_ITEMS)
    return list(v)


def _date(name: str, v: Any) -> str | None:
    if v is None:
        return None
    _text(name, v, 10)
    try:
        dt.date.fromisoformat(v)
    except ValueError:
        raise _problem("record.not_date", field=name, value=_show(v)) from None
    if len(v) != 10:
        raise _problem("record.not_date", field=name, value=_show(v))
    return v


def _url(name: str, v: Any) -> str:
    from facilitator.kit.spec import url_problem

    _text(name, v, MAX_URL)
    if url_problem(v):
        raise _problem("record.bad_url", field=name, value=_show(v))
    return v


def _show(v: Any) -> str:
    try:
        text = json.dumps(v, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(v)
    return text if len(text) <= 60 else text[:57] + "…"


def _checker(name: str, spec: Spec) -> Callable[[Any, Rules], Any]:
    """The check of one field from its ``Spec`` (built once per field, run for every record)."""
    t = spec.type
    if t == "integer":
        low, high = int(spec.low), int(spec.high)
        one = lambda v: _integer(name, v, low, high)  # noqa: E731
    elif t == "number":
        one = lambda v: _number(name, v)  # noqa: E731
    elif t == "bool":
        one = lambda v: _bool(name, v)  # noqa: E731
    elif t == "date":
        one = lambda v: _date(name, v)  # noqa: E731
    elif t == "url":
        one = lambda v: _url(name, v)  # noqa: E731
    elif t == "choice":
        def one(v: Any) -> Any:
            if v not in spec.choices:
                raise _problem(f"record.unknown_{name}", value=_show(v), allowed=", ".join(spec.choices))
            return v
    else:
        one = lambda v: _text(name, v, spec.limit)  # noqa: E731

    # (decided once per field, not for every value: the merge checks tens of thousands of states)
    if not spec.known:
        def value(v: Any, rules: Rules) -> Any:
            return one(v)
    else:
        workshop = spec.known == "workshop"

        def value(v: Any, rules: Rules) -> Any:
            v = one(v)
            known = rules.workshops if workshop else rules.sections
            if known is not None and v not in known:
                raise _problem(f"record.unknown_{spec.known}", value=v if workshop else _show(v))
            return v

    if spec.many:
        return lambda v, rules: tuple(value(item, rules) for item in _list(name, v))
    if spec.optional:
        return lambda v, rules: None if v is None else value(v, rules)
    return value


_PLANS = {kind: [(f.name, f.default, _checker(f.name, f.metadata["spec"])) for f in fields(cls)]
          for kind, cls in STATE_TYPES.items()}


_FIELD_SETS = {kind: frozenset(FIELDS[kind]) for kind in STATE_TYPES}


def decode(value: Any) -> dict:
    """The dict of a state given as JSON text (or already decoded); ``Invalid`` if it is not one."""
    if isinstance(value, bytes | str):
        if len(value) > MAX_STATE_BYTES:
            raise _problem("record.too_long", field="state", limit=MAX_STATE_BYTES)
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            raise _problem("record.not_json") from None
    if not isinstance(value, dict):
        raise _problem("record.not_object", value=_show(value))
    return value


def check_state(kind: str, value: Any, rules: Rules = ANY):
    """The typed state of a record of ``kind`` from ``value`` (dict, JSON text or state)."""
    cls = STATE_TYPES.get(kind)
    if cls is None:
        raise _problem("record.unknown_record", value=_show(kind))
    if isinstance(value, cls):
        value = asdict(value)
    d = decode(value)
    extra = d.keys() - _FIELD_SETS[kind]
    if extra:
        raise _problem("record.unknown_field", field=", ".join(sorted(map(str, extra)))[:80])
    missing = [k for k in REQUIRED[kind] if k not in d]
    if missing:
        raise _problem("record.missing_field", field=", ".join(missing))
    return cls(*[check(d[name] if name in d else default, rules) for name, default, check in _PLANS[kind]])


def check_participants(workshop: Any, contributor: Any, device: Any, count: Any, at: Any,
                       rules: Rules = ANY) -> None:
    w = _integer("workshop", workshop)
    if rules.workshops is not None and w not in rules.workshops:
        raise _problem("record.unknown_workshop", value=w)
    if contributor not in CONTRIBUTORS:
        raise _problem("record.unknown_contributor", value=_show(contributor), allowed=", ".join(CONTRIBUTORS))
    _text("device", device, MAX_ID)
    _integer("count", count, 0, MAX_COUNT)
    _text("at", at, MAX_ID)


def check_revision_row(rid: Any, record_id: Any, parent: Any, device: Any, at: Any) -> None:
    """The bookkeeping of one revision (ids, laptop, time), its state apart."""
    _text("id", rid, MAX_ID)
    _text("record_id", record_id, MAX_ID)
    _opt_text("parent_id", parent)
    _text("device", device, MAX_ID)
    _text("at", at, MAX_ID)


def check_revisions(revisions: Iterable[tuple[str, str, str]], parents: Iterable[tuple[Any, Any]],
                    known: Mapping[str, tuple[str, str]] | None = None) -> None:
    """Parent links: every parent of a revision is a revision of the same record.

    ``revisions``: ``(revision id, record kind, record id, first parent or None)``; ``parents``:
    the extra parents ``(revision id, parent id)``; ``known``: revisions already held elsewhere
    (the target of a merge) as ``{id: (kind, record id)}``.
    """
    known = dict(known or {})
    own = {}
    for rid, kind, record, _parent in revisions:
        own[rid] = (kind, record)
    every = {**known, **own}
    for rid, kind, record, parent in revisions:
        if parent is not None and every.get(parent) != (kind, record):
            raise _problem("record.bad_parent", revision=rid, parent=_show(parent))
    for rid, parent in parents:
        _text("revision_id", rid, MAX_ID)
        _text("parent_id", parent, MAX_ID)
        if rid not in own and rid not in known:
            raise _problem("record.bad_parent", revision=rid, parent=_show(parent))
        if every.get(parent) != every.get(rid):
            raise _problem("record.bad_parent", revision=rid, parent=_show(parent))


def describe(kind: str, record_id: Any) -> tuple[str, str]:
    """The French name of a kind of record and its id, for messages."""
    return tr(f"record.what.{kind}") if kind in _WHAT else str(kind), _show(record_id).strip('"')


_WHAT = ("note", "proposal", "synthesis", "participants", "revision", "asset")
