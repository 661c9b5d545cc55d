"""The kit format v1 as data: one declaration drives validation, object building and the JSON Schema.

Each type reads a PyYAML *node* (not a constructed value), so scalars are read as written:
``start: 14:15`` is the time 14:15, ``title: yes`` is the text "yes", ``date: 2024-06-13`` and
``date: "2024-06-13"`` are the same date. Every problem is reported with the node's position and
the field path; validation never stops at the first error.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from facilitator import safetext
from facilitator.i18n import tr
from facilitator.kit import model as m

URL_MAX_CHARS = 300
URL_WARN_BYTES = 120
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})$")
INT_RE = re.compile(r"^[+-]?\d+$")
NULLS = {"", "~", "null", "Null", "NULL"}

INVALID: Any = object()  # the value of a field that had an error


@dataclass
class Issue:
    file: str
    line: int  # 1-based
    column: int  # 1-based
    path: str
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        prefix = "" if self.severity == "error" else tr("kit.warning") + " : "
        return f"{where}: {self.path or '(racine)'}: {prefix}{self.message}"


@dataclass
class Ctx:
    file: str
    lang: str | None = None
    issues: list[Issue] = field(default_factory=list)
    folder: Any = None  # Path of the kit's folder, for the logo
    # positions of nodes by path, for semantic checks after building
    marks: dict[str, Node] = field(default_factory=dict)
    # path of each object built from a list, by id(), so that checks name the original index
    paths: dict[int, str] = field(default_factory=dict)

    def error(self, node: Node | None, path: str, msg: str, severity="error", **kw) -> None:
        line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
        self.issues.append(Issue(self.file, line, col, path, tr(msg, self.lang, **kw), severity))

    def warn(self, node: Node | None, path: str, msg: str, **kw) -> None:
        self.error(node, path, msg, severity="warning", **kw)


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def is_null(node: Node) -> bool:
    return (
        isinstance(node, ScalarNode)
        and node.style is None
        and node.value in NULLS
        and node.tag == "tag:yaml.org,2002:null"
    )


class T:
    """A type of the format."""

    doc = ""

    def read(self, node: Node, path: str, ctx: Ctx) -> Any:
        raise NotImplementedError

    def json(self) -> dict:
        raise NotImplementedError

    def scalar(self, node: Node, path: str, ctx: Ctx, text: bool = False) -> str | None:
        """The scalar's value as written. Control characters and bidi overrides are refused
        (``facilitator.safetext``), even escaped (``"A\\x1b[31m"``); tab and line feed only in
        ``text`` (free text: a title, a notice), never in an id, a URL or a choice."""
        if not isinstance(node, ScalarNode) or is_null(node):
            ctx.error(node, path, "kit.expected_text")
            return None
        found = safetext.first_forbidden(node.value, one_line=not text)
        if found is not None:
            index, ch = found
            ctx.error(node, path, "kit.forbidden_character", code=safetext.code(ch), position=index + 1,
                      name=_character_name(ch, ctx.lang))
            return None
        return node.value


def _character_name(ch: str, lang: str | None) -> str:
    if "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069":
        return tr("kit.char_bidi", lang)
    if ch in "\t\n":
        return tr("kit.char_layout", lang)
    return tr("kit.char_control", lang)


class Text(T):
    def read(self, node, path, ctx):
        v = self.scalar(node, path, ctx, text=True)
        if v is None:
            return INVALID
        return v.strip("\n") if node.style in ("|", ">") else v

    def json(self):
        return {"type": "string"}


class Int(T):
    """A whole number within [minimum, maximum]: every integer of the format is bounded, so that
    what passes ``kit check`` also fits the event file (SQLite's 64-bit integers) and the pages."""

    def __init__(self, minimum: int, maximum: int):
        self.minimum, self.maximum = minimum, maximum

    def read(self, node, path, ctx):
        if not isinstance(node, ScalarNode) or not INT_RE.match(node.value or ""):
            ctx.error(node, path, "kit.expected_integer", value=safetext.printable(getattr(node, "value", "…"))[:40])
            return INVALID
        digits = node.value.lstrip("+-").lstrip("0")
        if len(digits) > len(str(self.maximum)):  # (before int(): Python refuses 4,300 digits)
            ctx.error(node, path, "kit.integer_max", max=self.maximum)
            return INVALID
        v = int(node.value)
        if v < self.minimum:
            ctx.error(node, path, "kit.integer_min", min=self.minimum)
            return INVALID
        if v > self.maximum:
            ctx.error(node, path, "kit.integer_max", max=self.maximum)
            return INVALID
        return v

    def json(self):
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


class Date(T):
    def read(self, node, path, ctx):
        v = self.scalar(node, path, ctx)
        if v is None:
            return INVALID
        mt = DATE_RE.match(v.strip())
        if not mt:
            ctx.error(node, path, "kit.expected_date", value=v)
            return INVALID
        try:
            return dt.date(*(int(g) for g in mt.groups()))
        except ValueError:
            ctx.error(node, path, "kit.impossible_date", value=v)
            return INVALID

    def json(self):
        return {"type": "string", "format": "date", "pattern": DATE_RE.pattern}


class Time(T):
    def read(self, node, path, ctx):
        v = self.scalar(node, path, ctx)
        if v is None:
            return INVALID
        mt = TIME_RE.match(v.strip())
        if not mt:
            ctx.error(node, path, "kit.expected_time", value=v)
            return INVALID
        h, mi = int(mt.group(1)), int(mt.group(2))
        if h > 23 or mi > 59:
            ctx.error(node, path, "kit.impossible_time", value=v)
            return INVALID
        return dt.time(h, mi)

    def json(self):
        return {"type": "string", "pattern": TIME_RE.pattern}


def url_problem(value: str) -> str | None:
    """The catalogue key of what is wrong with a URL, or None."""
    if any(c.isspace() for c in value):
        return "kit.expected_url"
    try:
        parts = urlsplit(value)
    except ValueError:
        return "kit.expected_url"
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "kit.expected_url"
    if len(value) > URL_MAX_CHARS:
        return "kit.url_too_long"
    return None


class Url(T):
    def read(self, node, path, ctx):
        v = self.scalar(node, path, ctx)
        if v is None:
            return INVALID
        problem = url_problem(v)
        if problem:
            ctx.error(node, path, problem, value=v, length=len(v), limit=URL_MAX_CHARS)
            return INVALID
        size = len(v.encode("utf-8"))
        if size > URL_WARN_BYTES:
            ctx.warn(node, path, "kit.url_long_warning", length=size)
        return v

    def json(self):
        return {"type": "string", "pattern": "^https?://\\S+$", "maxLength": URL_MAX_CHARS}


class Choice(T):
    def __init__(self, *choices: str):
        self.choices = choices

    def read(self, node, path, ctx):
        v = self.scalar(node, path, ctx)
        if v is None:
            return INVALID
        if v not in self.choices:
            ctx.error(node, path, "kit.expected_choice", value=v, choices=", ".join(self.choices))
            return INVALID
        return v

    def json(self):
        return {"enum": list(self.choices)}


class Ident(T):
    def read(self, node, path, ctx):
        v = self.scalar(node, path, ctx)
        if v is None:
            return INVALID
        if not ID_RE.match(v):
            ctx.error(node, path, "kit.expected_identifier", value=v)
            return INVALID
        return v

    def json(self):
        return {"type": "string", "pattern": ID_RE.pattern}


class CommitmentId(T):
    """A commitment id: text or integer, compared as text (``3`` and ``"3"`` are the same)."""

    def read(self, node, path, ctx):
        if not isinstance(node, ScalarNode) or is_null(node) or not node.value.strip():
            ctx.error(node, path, "kit.expected_commitment_id")
            return INVALID
        if self.scalar(node, path, ctx) is None:  # control characters
            return INVALID
        return node.value.strip()

    def json(self):
        return {"type": ["string", "integer"]}


class ImagePath(Text):
    def json(self):
        return {"type": "string", "pattern": "\\.(png|PNG|jpe?g|JPE?G)$"}


class ListOf(T):
    def __init__(self, item: T, min_items: int = 0):
        self.item = item
        self.min_items = min_items

    def read(self, node, path, ctx):
        if not isinstance(node, SequenceNode):
            ctx.error(node, path, "kit.expected_list")
            return INVALID
        if len(node.value) < self.min_items:
            ctx.error(node, path, "kit.list_min", count=self.min_items)
        out = []
        for i, child in enumerate(node.value):
            p = join(path, i)
            ctx.marks[p] = child
            v = self.item.read(child, p, ctx)
            if v is not INVALID:
                out.append(v)
                ctx.paths[id(v)] = p
        return tuple(out)

    def json(self):
        j = {"type": "array", "items": self.item.json()}
        if self.min_items:
            j["minItems"] = self.min_items
        return j


@dataclass
class F:
    """A field of a record."""

    type: T
    required: bool = False
    default: Any = None


def mapping_pairs(node: Node, path: str, ctx: Ctx) -> list[tuple[str, Node, Node]] | None:
    """The (key, key node, value node) of a mapping, refusing duplicates and non-text keys."""
    if not isinstance(node, MappingNode):
        ctx.error(node, path, "kit.expected_mapping")
        return None
    seen: dict[str, Node] = {}
    pairs = []
    for knode, vnode in node.value:
        if not isinstance(knode, ScalarNode):
            ctx.error(knode, path, "kit.key_not_text")
            continue
        key = knode.value
        if key == "<<" and knode.tag == "tag:yaml.org,2002:merge":  # YAML 1.1 merge key
            ctx.error(knode, path, "kit.merge_key")
            continue
        if key in seen:
            ctx.error(knode, join(path, key), "kit.duplicate_key", key=key,
                      line=seen[key].start_mark.line + 1)
            continue
        seen[key] = knode
        pairs.append((key, knode, vnode))
    return pairs


class Record(T):
    def __init__(self, name: str, fields: dict[str, F], build: Callable[..., Any]):
        self.name = name
        self.fields = fields
        self.build = build

    def read(self, node, path, ctx):
        pairs = mapping_pairs(node, path, ctx)
        if pairs is None:
            return INVALID
        values: dict[str, Any] = {}
        present: set[str] = set()
        for key, knode, vnode in pairs:
            spec = self.fields.get(key)
            p = join(path, key)
            if spec is None:
                close = difflib.get_close_matches(key, list(self.fields), n=1, cutoff=0.6)
                hint = (
                    tr("kit.did_you_mean", ctx.lang, suggestion=close[0])
                    if close
                    else tr("kit.allowed_keys", ctx.lang, keys=", ".join(self.fields))
                )
                ctx.error(knode, p, "kit.unknown_key", key=key)
                ctx.issues[-1].message += " ; " + hint
                continue
            ctx.marks[p] = vnode
            present.add(key)
            if is_null(vnode) and not spec.required:
                continue  # an empty optional field is the same as an absent one
            v = spec.type.read(vnode, p, ctx)
            if v is not INVALID:
                values[key] = v
        # Best effort: a record with a bad optional field is still built (its errors are
        # recorded), so that the checks across fields run and every error is reported at once.
        for key, spec in self.fields.items():
            if spec.required and key not in values:
                if key not in present:
                    ctx.error(node, path, "kit.missing_key", key=key)
                return INVALID
        return self.build(**values)

    def json(self):
        return {
            "type": "object",
            "additionalProperties": False,
            "required": [k for k, f in self.fields.items() if f.required],
            "properties": {k: f.type.json() for k, f in self.fields.items()},
        }


class ItemT(T):
    """A prepared item: a string, or ``{text, url?, items?}`` nested to any depth."""

    def read(self, node, path, ctx):
        if isinstance(node, ScalarNode):
            v = Text().read(node, path, ctx)
            return INVALID if v is INVALID else m.Item(v)
        return ITEM_RECORD.read(node, path, ctx)

    def json(self):
        return {"$ref": "#/$defs/item"}


class Prepared(T):
    """Mapping from section id to a list of items; section ids are checked against the kit later."""

    def read(self, node, path, ctx):
        pairs = mapping_pairs(node, path, ctx)
        if pairs is None:
            return INVALID
        out = []
        for key, knode, vnode in pairs:
            p = join(path, key)
            ctx.marks[p] = knode
            if not ID_RE.match(key):
                ctx.error(knode, p, "kit.expected_identifier", value=key)
                continue
            items = ListOf(ItemT()).read(vnode, p, ctx)
            if items is not INVALID:
                out.append((key, items))
        return tuple(out)

    def json(self):
        return {
            "type": "object",
            "propertyNames": {"pattern": ID_RE.pattern},
            "additionalProperties": {"type": "array", "items": {"$ref": "#/$defs/item"}},
        }


def _build_item(text, url=None, items=()):
    return m.Item(text, url, items)


ITEM_RECORD = Record(
    "item",
    {"text": F(Text(), True), "url": F(Url()), "items": F(ListOf(ItemT()))},
    _build_item,
)

LINK = Record("link", {"title": F(Text(), True), "url": F(Url(), True), "note": F(Text())}, m.Link)
TEXTS = ListOf(Text())
STATUS = Choice(*m.STATUSES)


def _build_programme(time, title, end=None, place=None, detail=None, speakers=()):
    return m.ProgrammeItem(time, title, end, place, detail, speakers)


PROGRAMME_ITEM = Record(
    "programme item",
    {
        "time": F(Time(), True),
        "end": F(Time()),
        "title": F(Text(), True),
        "place": F(Text()),
        "detail": F(Text()),
        "speakers": F(TEXTS),
    },
    _build_programme,
)

ACTION = Record(
    "action",
    {
        "text": F(Text(), True),
        "status": F(STATUS),
        "due": F(Text()),
        "results": F(Text()),
        "next": F(Text()),
    },
    m.Action,
)

COMMITMENT = Record(
    "commitment",
    {
        "id": F(CommitmentId(), True),
        "title": F(Text(), True),
        "short_title": F(Text()),
        "axis": F(Text()),
        "owners": F(TEXTS),
        "stakeholders": F(TEXTS),
        "status": F(STATUS),
        "schedule": F(Choice(*m.SCHEDULES)),
        "url": F(Url()),
        "stakes": F(Text()),
        "description": F(Text()),
        "contribution": F(Text()),
        "relevance": F(Text()),
        "impacts": F(TEXTS),
        "actions": F(ListOf(ACTION)),
        "milestones": F(ListOf(Record("milestone", {"what": F(Text(), True), "when": F(Text())}, m.Milestone))),
        "parts": F(ListOf(Record("part", {"title": F(Text(), True), "description": F(Text())}, m.Part))),
    },
    m.Commitment,
)


def _build_plan(title, commitments, period=None, status_date=None, url=None, axes=()):
    return m.Plan(title, commitments, period, status_date, url, axes)


PLAN = Record(
    "plan",
    {
        "title": F(Text(), True),
        "period": F(Text()),
        "status_date": F(Date()),
        "url": F(Url()),
        "axes": F(ListOf(Record("axis", {"id": F(Ident(), True), "title": F(Text(), True)}, m.Axis))),
        "commitments": F(ListOf(COMMITMENT), True),
    },
    _build_plan,
)

SECTION = Record(
    "section", {"id": F(Ident(), True), "title": F(Text(), True), "hint": F(Text())}, m.Section
)

SECTION_OVERRIDE = Record(
    "section override", {"id": F(Ident(), True), "title": F(Text()), "hint": F(Text())}, m.SectionOverride
)

PHASE = Record("phase", {"title": F(Text(), True), "minutes": F(Int(minimum=1, maximum=24 * 60), True)}, m.Phase)


def _build_workshop(number, title, **kw):
    return m.Workshop(number, title, **kw)


WORKSHOP = Record(
    "workshop",
    {
        "number": F(Int(minimum=0, maximum=999), True),
        "title": F(Text(), True),
        "question": F(Text()),
        "pilot": F(TEXTS),
        "context": F(Text()),
        "commitments": F(ListOf(CommitmentId())),
        "online": F(ListOf(LINK)),
        "readings": F(ListOf(LINK)),
        "organisations": F(TEXTS),
        "room": F(Text()),
        "start": F(Time()),
        "end": F(Time()),
        "facilitators": F(TEXTS),
        "phases": F(ListOf(PHASE)),
        "prepared": F(Prepared()),
        "sections": F(ListOf(SECTION_OVERRIDE)),
    },
    _build_workshop,
)


def _build_example(title, id=None, **kw):
    return m.Example(title, None if id is None else str(id), **kw)


EXAMPLE = Record(
    "example",
    {
        "id": F(CommitmentId()),
        "title": F(Text(), True),
        "intro": F(Text()),
        "facts": F(ListOf(Record("fact", {"label": F(Text(), True), "text": F(Text(), True)}, m.Fact))),
        "actions_title": F(Text()),
        "actions": F(ListOf(ACTION)),
    },
    _build_example,
)

HEADINGS = Record(
    "headings",
    {key: F(Text()) for key in ("about", "purpose", "criteria", "example", "programme")},
    m.Headings,
)


def _build_event(id, title, date, **kw):
    return m.Event(id, title, date, **kw)


EVENT = Record(
    "event",
    {
        "id": F(Ident(), True),
        "title": F(Text(), True),
        "subtitle": F(Text()),
        "kind": F(Choice(*m.EVENT_KINDS)),
        "date": F(Date(), True),
        "start": F(Time()),
        "end": F(Time()),
        "venue": F(Text()),
        "address": F(Text()),
        "host": F(Text()),
        "addressee": F(Text()),
        "addressee_role": F(Text()),
        "language": F(Choice(*m.LANGUAGES)),
        "logo": F(ImagePath()),
        "about": F(Text()),
        "purpose": F(Text()),
        "criteria_intro": F(Text()),
        "criteria": F(TEXTS),
        "criteria_note": F(Text()),
        "example": F(EXAMPLE),
        "headings": F(HEADINGS),
        "notice": F(Text()),
        "links": F(ListOf(LINK)),
        "participants_expected": F(Int(minimum=0, maximum=1_000_000)),
    },
    _build_event,
)


class Version(T):
    def read(self, node, path, ctx):
        if not isinstance(node, ScalarNode) or node.value.strip() != "1":
            ctx.error(node, path, "kit.bad_version", value=getattr(node, "value", "?"))
            return INVALID
        return 1

    def json(self):
        return {"const": 1}


def _build_kit(kit, event, workshops, programme=(), plan=None, sections=None):
    return m.Kit(kit, event, workshops, programme, plan, sections or m.DEFAULT_SECTIONS)


KIT = Record(
    "kit",
    {
        "kit": F(Version(), True),
        "event": F(EVENT, True),
        "programme": F(ListOf(PROGRAMME_ITEM)),
        "plan": F(PLAN),
        "sections": F(ListOf(SECTION, min_items=1)),
        "workshops": F(ListOf(WORKSHOP, min_items=1), True),
    },
    _build_kit,
)

# The records documented in docs/kit-format.md, by the heading or table that documents them.
DOCUMENTED: dict[str, Record] = {
    "top": KIT,
    "event": EVENT,
    "headings": HEADINGS,
    "example": EXAMPLE,
    "fact": EXAMPLE.fields["facts"].type.item,
    "link": LINK,
    "programme": PROGRAMME_ITEM,
    "plan": PLAN,
    "commitment": COMMITMENT,
    "action": ACTION,
    "section": SECTION,
    "phase": PHASE,
    "section override": SECTION_OVERRIDE,
    "workshop": WORKSHOP,
    "item": ITEM_RECORD,
}


def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of kit format v1, generated from the declaration above.

    It describes the data as a YAML 1.2 reader sees it (dates and times are strings).
    """
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://facilitator.invalid/schemas/kit-v1.json",
        "title": "Kit facilitator, format 1",
        "description": "Kit d'un événement de gouvernement ouvert (voir docs/kit-format.md).",
        **KIT.json(),
        "$defs": {
            "item": {
                "oneOf": [{"type": "string"}, ITEM_RECORD.json()],
            }
        },
    }
    return schema
