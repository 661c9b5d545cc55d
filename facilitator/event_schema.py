"""The JSON format of a whole event (``facilitator export json`` / ``facilitator import json``).

``SCHEMA`` is the JSON Schema (draft 2020-12) of format version 1; the repository keeps the same
text in ``schemas/event-v1.schema.json`` (a test checks they are identical) and documents every
field in ``docs/event-json.md``. ``validate()`` checks a document against it with a small
validator of the keywords the schema uses, so importing needs no extra dependency; the tests
validate the real exports with the ``jsonschema`` package too.
"""

from __future__ import annotations

import json
import re
from typing import Any

from facilitator.i18n import tr

FORMAT = "facilitator-event"
VERSION = 1
SCHEMA_ID = "https://schemas.facilitator.invalid/event-v1.schema.json"

_TS = {"type": "string", "minLength": 1, "maxLength": 64}
_ID = {"type": "string", "minLength": 1, "maxLength": 200}
_TEXT = {"type": "string"}
_OPT_TEXT = {"type": ["string", "null"]}
_STR_LIST = {"type": "array", "items": {"type": "string"}}


def _obj(props: dict[str, Any], required: list[str] | None = None, description: str = "") -> dict:
    out: dict[str, Any] = {"type": "object"}
    if description:
        out["description"] = description
    out["properties"] = props
    out["required"] = sorted(props) if required is None else required
    out["additionalProperties"] = False
    return out


SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_ID,
    "title": "Événement facilitator (format JSON, version 1)",
    "description": "Un événement complet : son kit, ses notes avec leur historique, les participants, "
                   "la synthèse, les propositions et leurs décisions. Voir docs/event-json.md.",
    **_obj({
        "format": {"const": FORMAT},
        "version": {"const": VERSION},
        "event": _obj({
            "id": _ID,
            "title": _TEXT,
            "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
            "language": {"type": "string"},
        }, description="Rappel lisible des faits du kit (ignoré à l'import)."),
        "event_id": _ID,
        "kit": _obj({
            "source": {"type": "string", "minLength": 1},
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        }),
        "meta": {"type": "object", "additionalProperties": {"type": "string"}},
        "assets": {"type": "array", "items": _obj({
            "name": _ID,
            "data_base64": {"type": "string", "pattern": "^[A-Za-z0-9+/]*={0,2}$"},
        })},
        "synthesis": {"$ref": "#/$defs/synthesis"},
        "participants": {"type": "array", "items": {"$ref": "#/$defs/participants"}},
        "notes": {"type": "array", "items": {"$ref": "#/$defs/note"}},
        "proposals": {"type": "array", "items": {"$ref": "#/$defs/proposal"}},
        "revisions": {"type": "array", "items": {"$ref": "#/$defs/revision"}},
        "heads": {"type": "array", "items": {"$ref": "#/$defs/heads"}},
    }),
    "$defs": {
        "note": _obj({
            "id": _ID,
            "workshop": {"type": "integer"},
            "section": _ID,
            "parent_id": {"type": ["string", "null"]},
            "position": {"type": "number"},
            "text": _TEXT,
            "urls": _STR_LIST,
            "contributor": _OPT_TEXT,
            "commitments": _STR_LIST,
            "votes": {"type": "integer", "minimum": 0},
            "deleted": {"type": "boolean"},
            "created_at": _TS,
            "modified_at": _TS,
            "device": _TEXT,
            "revision": _TEXT,
        }),
        "proposal": _obj({
            "id": _ID,
            "position": {"type": "number"},
            "title": _TEXT,
            "text": _TEXT,
            "kind": {"enum": ["accelerate", "next-plan", "other"]},
            "commitments": _STR_LIST,
            "notes": _STR_LIST,
            "workshops": {"type": "array", "items": {"type": "integer"}},
            "decision": {"enum": ["retenue", "a-l-etude", "non-retenue", None]},
            "decision_reason": _TEXT,
            "decision_date": _OPT_TEXT,
            "deleted": {"type": "boolean"},
            "created_at": _TS,
            "modified_at": _TS,
            "device": _TEXT,
            "revision": _OPT_TEXT,
        }),
        "synthesis": _obj({
            "object": _TEXT,
            "intro": _TEXT,
            "feedback": _TEXT,
            "date": _OPT_TEXT,
            "validated_by": _OPT_TEXT,
            "validated_at": _OPT_TEXT,
            "fingerprint": _OPT_TEXT,
            "modified_at": _TS,
            "revision": _OPT_TEXT,
        }),
        "participants": _obj({
            "workshop": {"type": "integer"},
            "contributor": {"type": "string"},
            "device": _TEXT,
            "count": {"type": "integer", "minimum": 0},
            "at": _TS,
        }),
        "revision": _obj({
            "id": _ID,
            "record": {"enum": ["note", "proposal", "synthesis"]},
            "record_id": _ID,
            "parent_id": {"type": ["string", "null"]},
            "merged_parents": _STR_LIST,
            "device": _TEXT,
            "at": _TS,
            "state": {"type": "object"},
        }),
        "heads": _obj({
            "record": {"enum": ["note", "proposal", "synthesis"]},
            "record_id": _ID,
            "heads": _STR_LIST,
            "conflict": _OPT_TEXT,
            "fields": _STR_LIST,
        }),
    },
}


def schema_text() -> str:
    """The schema as written in ``schemas/event-v1.schema.json``."""
    return json.dumps(SCHEMA, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


# ------------------------------------------------------------------------------------ validator
_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _where(path: list) -> str:
    return "/" + "/".join(str(p) for p in path) if path else "/"


def errors(doc: Any, schema: dict | None = None, root: dict | None = None, path: list | None = None):
    """Yield ``(json_pointer, problem)`` for each violation (the subset of keywords we use)."""
    root = root or SCHEMA
    schema = SCHEMA if schema is None else schema
    path = path or []
    if "$ref" in schema:
        ref = schema["$ref"]
        target = root
        for part in ref.lstrip("#/").split("/"):
            target = target[part]
        yield from errors(doc, target, root, path)
        return
    if "const" in schema and doc != schema["const"]:
        yield _where(path), tr("json.not_const", value=json.dumps(doc, ensure_ascii=False)[:40], expected=repr(schema["const"]))
        return
    if "enum" in schema and not any(doc == e and type(doc) is type(e) for e in schema["enum"]):
        yield _where(path), tr("json.not_in_enum", value=json.dumps(doc, ensure_ascii=False)[:40], values=schema["enum"])
        return
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_TYPES[t](doc) for t in types):
            yield _where(path), tr("json.wrong_type", types=tr("json.or").join(types))
            return
    if isinstance(doc, str):
        if len(doc) < schema.get("minLength", 0):
            yield _where(path), tr("json.empty_text")
        if "maxLength" in schema and len(doc) > schema["maxLength"]:
            yield _where(path), tr("json.text_too_long", limit=schema["maxLength"])
        if "pattern" in schema and not re.search(schema["pattern"], doc):
            yield _where(path), tr("json.bad_format")
    if isinstance(doc, int | float) and not isinstance(doc, bool) and doc < schema.get("minimum", doc):
        yield _where(path), tr("json.below_minimum", minimum=schema["minimum"])
    if isinstance(doc, dict):
        props = schema.get("properties", {})
        missing = [key for key in schema.get("required", []) if key not in doc]
        if len(missing) == 1:
            yield _where(path), tr("json.missing_field", field=missing[0])
        elif missing:
            yield _where(path), tr("json.missing_fields", fields=", ".join(f"« {k} »" for k in missing))
        extra = schema.get("additionalProperties", True)
        for key, value in doc.items():
            if key in props:
                yield from errors(value, props[key], root, [*path, key])
            elif extra is False:
                yield _where(path), tr("json.unknown_field", field=key)
            elif isinstance(extra, dict):
                yield from errors(value, extra, root, [*path, key])
    if isinstance(doc, list) and "items" in schema:
        for i, value in enumerate(doc):
            yield from errors(value, schema["items"], root, [*path, i])
