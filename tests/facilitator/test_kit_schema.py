"""The JSON Schema of the kit format: generated from the loader, true to the docs, valid on real kits."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

import kits
from facilitator.kit.spec import DOCUMENTED, json_schema
from tests.conftest import ROOT

SCHEMA_FILE = ROOT / "schemas" / "kit-v1.schema.json"
DOCS = ROOT / "docs" / "kit-format.md"


class Yaml12Loader(yaml.SafeLoader):
    """Reads scalars the way a YAML 1.2 editor does (dates and times stay strings)."""


Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int",
                                                  "tag:yaml.org,2002:float")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))


def test_committed_schema_is_the_generated_one():
    assert json.loads(SCHEMA_FILE.read_text("utf-8")) == json_schema(), (
        "schemas/kit-v1.schema.json is stale: regenerate it with "
        "python -c 'import json; from facilitator.kit.spec import json_schema; print(json.dumps(json_schema(), ensure_ascii=False, indent=2))'"
    )
    jsonschema.Draft202012Validator.check_schema(json_schema())


@pytest.mark.parametrize("name", [*kits.BUNDLED, "template"])
def test_real_kits_validate_against_the_schema(name):
    if name == "template":
        from facilitator.kit.template import template_text

        text = template_text()
    else:
        text = kits.kit_path(name).read_text("utf-8")
    data = yaml.load(text, Loader=Yaml12Loader)  # noqa: S506 — a SafeLoader subclass
    jsonschema.validate(data, json_schema())


def test_schema_rejects_what_the_loader_rejects():
    bad = {"kit": 1, "event": {"id": "x", "title": "t", "date": "2016-06-21", "tittle": "x"},
           "workshops": [{"number": 1, "title": "a"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, json_schema())


def _doc_tables() -> dict[str, dict[str, bool]]:
    """Tables of docs/kit-format.md whose first column is `key`, by the record they document."""
    text = DOCS.read_text("utf-8")
    tables: list[tuple[str, dict[str, bool]]] = []
    context = ""
    current: dict[str, bool] | None = None
    for line in text.splitlines():
        if line.startswith("#") or line.startswith(("A **", "An **", "The **")):
            context = line
            current = None
            continue
        if line and not line.startswith("|"):
            current = None
            continue
        if line.startswith("| key | required"):
            current = {}
            tables.append((context, current))
            continue
        m = re.match(r"^\| `([a-z_]+)`(?:, `([a-z_]+)`)? \| (yes|no) \|", line)
        if m and current is not None:
            for key in filter(None, m.groups()[:2]):
                current[key] = m.group(3) == "yes"
    names = {
        "## Top level": "top", "## `event`": "event", "A **link**": "link", "## `programme` items": "programme",
        "An **example**": "example", "A **fact**": "fact", "The **headings**": "headings",
        "## `plan`": "plan", "A **commitment**": "commitment", "An **action**": "action",
        "## `sections`": "section", "## `workshops`": "workshop", "A **phase**": "phase", "An **item**": "item",
        "A **section override**": "section override",
    }
    out: dict[str, dict[str, bool]] = {}
    for ctx, table in tables:
        for prefix, name in names.items():
            if ctx.startswith(prefix) or prefix in ctx:
                out.setdefault(name, table)
                break
    return out


def test_docs_tables_list_exactly_the_loader_fields():
    tables = _doc_tables()
    assert set(tables) == set(DOCUMENTED), set(DOCUMENTED) ^ set(tables)
    for name, record in DOCUMENTED.items():
        documented = tables[name]
        declared = {k: f.required for k, f in record.fields.items()}
        assert documented == declared, f"{name}: docs {documented} vs loader {declared}"
