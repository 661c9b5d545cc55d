"""Editing a kit's YAML in place: the organiser's text stays theirs (comments, key order, quoting).

``KitDocument`` holds the kit's text, the node tree the loader composed from it (within the
loader's bounds) and the loader's report on that tree. Two kinds of edits:

- a **scalar** edit (typing in a field whose key exists): the scalar is rendered by ruamel.yaml in
  the style it had (plain, quoted, block) and spliced over the old one's characters; the node is
  updated in place, the marks after it shifted, and the loader's rules are applied again to the
  tree (``loader.validate_root``) without parsing the text again: a few milliseconds on the largest
  bundled kit;
- a **structural** edit (a key added or removed, list items inserted, removed or moved): the text
  is loaded by ruamel.yaml's round-trip loader, changed, dumped, and composed again.

Opening and saving an unchanged kit gives the same bytes; a one-field change changes only that
field's lines. The loader stays the only reader: the text is composed by it (bounds, safety) and
every error comes from its rules and messages, with line, column and path.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from facilitator.errors import KitError
from facilitator.inputs import read_bounded
from facilitator.kit import loader
from facilitator.kit.spec import DATE_RE as DATE
from facilitator.kit.spec import Ctx, Issue

TEMPLATES = {"ministere-ouvert": "template.yaml", "forum-open-etat": "template-forum.yaml"}
_RESOLVER = Resolver()


def _yaml():
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 10**6  # never fold a long line the organiser wrote on one
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def parse_path(path: str) -> list[str | int]:
    """``workshops[2].phases[0].title`` → ``["workshops", 2, "phases", 0, "title"]``."""
    out: list[str | int] = []
    for part in path.split("."):
        while "[" in part:
            head, _, rest = part.partition("[")
            if head:
                out.append(head)
            idx, _, part = rest.partition("]")
            out.append(int(idx))
        if part:
            out.append(part)
    return out


def join_path(parts: list[str | int]) -> str:
    s = ""
    for p in parts:
        s = f"{s}[{p}]" if isinstance(p, int) else (f"{s}.{p}" if s else p)
    return s


class Mark:
    """A node's position (0-based, as PyYAML's), which a splice can move."""

    __slots__ = ("column", "index", "line", "name")

    def __init__(self, mark) -> None:
        self.name, self.index, self.line, self.column = mark.name, mark.index, mark.line, mark.column


@dataclass
class Slot:
    """Where a path's value is in the tree: its node, the key node (in a mapping), the parent."""

    node: Node
    key: Node | None
    parent: Node | None


def _walk(root: Node) -> Iterator[tuple[str, Slot]]:
    stack: list[tuple[str, Node, Node | None, Node | None]] = [("", root, None, None)]
    while stack:
        path, node, key, parent = stack.pop()
        yield path, Slot(node, key, parent)
        if isinstance(node, MappingNode):
            for k, v in reversed(node.value):
                if isinstance(k, ScalarNode):
                    stack.append((f"{path}.{k.value}" if path else k.value, v, k, node))
        elif isinstance(node, SequenceNode):
            for i in range(len(node.value) - 1, -1, -1):
                stack.append((f"{path}[{i}]", node.value[i], None, node))


def _plain(value: Any) -> Any:
    """A ruamel value as a plain Python one (for comparing and showing)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def display(value: Any) -> str:
    """The text a form shows for a scalar value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    s = str(value)
    return s.rstrip("\n")


class KitDocument:
    """A kit being edited: its text, its composed tree and the loader's report on it."""

    def __init__(self, text: str, name: str = "<kit>", folder: Path | None = None, lang: str | None = None):
        self.name, self.folder, self.lang = name, folder, lang
        self.original = text
        self.set_text(text)

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, path: str | Path, lang: str | None = None) -> KitDocument:
        """Read a kit file for editing; ``KitError`` when it is not readable YAML within the
        loader's bounds (size, encoding, syntax, aliases, depth: the loader's own messages)."""
        path = Path(path)
        try:
            data = read_bounded(path, loader.MAX_BYTES)
        except OSError:  # not found, not a regular file, too big, unreadable
            raise KitError(loader.read_kit(path, lang).issues) from None  # its located message
        return cls.from_bytes(data, str(path), path.parent, lang)

    @classmethod
    def from_bytes(cls, data: bytes, name: str = "<kit>", folder: Path | None = None,
                   lang: str | None = None) -> KitDocument:
        if len(data) > loader.MAX_BYTES:
            ctx = Ctx(name, lang)
            ctx.error(None, "", "kit.too_big", size=len(data), limit=loader.MAX_BYTES)
            raise KitError(ctx.issues)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise KitError(loader.read_kit_bytes(data, name, lang).issues) from None
        doc = cls.__new__(cls)
        doc.name, doc.folder, doc.lang = name, folder, lang
        doc.original = text
        root, issues = loader.compose_text(text, name, lang)
        if root is None:
            raise KitError(issues)
        doc._set_tree(text, root)
        return doc

    @classmethod
    def new(cls, kind: str = "ministere-ouvert", name: str = "<kit>", folder: Path | None = None,
            lang: str | None = None) -> KitDocument:
        """A new kit from the template of its kind (``ministere-ouvert``, ``forum-open-etat``)."""
        return cls(template_text(kind), name, folder, lang)

    # ------------------------------------------------------------------ state
    def set_text(self, text: str) -> None:
        """Replace the whole text (undo, redo, a structural edit): composed and validated again.
        A text the loader cannot compose is kept, with its issue (and no tree)."""
        root, issues = loader.compose_text(text, self.name, self.lang)
        if root is None:
            self.text, self.root, self.slots, self._nodes, self._starts = text, None, {}, [], []
            self._shared = False
            self.issues, self.kit = issues, None
            return
        self._set_tree(text, root)

    def _set_tree(self, text: str, root: Node) -> None:
        self.text = text
        self.root = root
        self.slots = dict(_walk(root))
        self._index_nodes()
        self.validate()

    def _index_nodes(self) -> None:
        nodes: dict[int, Node] = {}
        seen = 0
        for slot in self.slots.values():
            for n in (slot.node, slot.key):
                if n is not None:
                    seen += 1
                    if id(n) not in nodes:
                        nodes[id(n)] = n
                        if not isinstance(n.start_mark, Mark):
                            # libyaml's marks are read-only: ours move when the text is spliced
                            n.start_mark = Mark(n.start_mark)
                            n.end_mark = Mark(n.end_mark)
        self._shared = seen != len(nodes)  # an alias: a node at two places (lists are then edited whole)
        self._nodes = sorted(nodes.values(), key=lambda n: n.start_mark.index)
        self._starts = [n.start_mark.index for n in self._nodes]

    def validate(self):
        """The loader's rules on the current tree: ``self.issues`` and ``self.kit`` (None while
        there is an error)."""
        ctx = Ctx(self.name, self.lang, folder=self.folder)
        if self.root is None:
            self.kit = None
            return self.issues
        report = loader.validate_root(self.root, self.text, ctx)
        self.issues, self.kit = report.issues, report.kit
        return report

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def data(self) -> Any:
        """The whole kit as plain Python values (ruamel.yaml's reading of the text)."""
        return _plain(_yaml().load(self.text))

    def value(self, path: str) -> Any:
        """The value at ``path`` as written (a scalar's text, a list, a mapping), or None."""
        slot = self.slots.get(path)
        if slot is None:
            return None
        return _node_value(slot.node)

    def text_of(self, path: str) -> str:
        """What a form shows for the scalar at ``path`` ("" when absent or not a scalar)."""
        slot = self.slots.get(path)
        if slot is None or not isinstance(slot.node, ScalarNode):
            return ""
        node = slot.node
        if node.style is None and node.value in ("~", "null", "Null", "NULL"):
            return ""
        return node.value.rstrip("\n") if node.style in ("|", ">") else node.value

    def length(self, path: str) -> int:
        slot = self.slots.get(path)
        if slot is None or not isinstance(slot.node, SequenceNode | MappingNode):
            return 0
        return len(slot.node.value)

    def keys(self, path: str) -> list[str]:
        slot = self.slots.get(path)
        if slot is None or not isinstance(slot.node, MappingNode):
            return []
        return [k.value for k, _v in slot.node.value if isinstance(k, ScalarNode)]

    def position(self, path: str) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``path`` or of its nearest ancestor."""
        parts = parse_path(path)
        while parts:
            slot = self.slots.get(join_path(parts))
            if slot is not None:
                return slot.node.start_mark.line + 1, slot.node.start_mark.column + 1
            parts.pop()
        return 1, 1

    # ------------------------------------------------------------------ edits
    def set(self, path: str, value: Any, keep_key: bool = False) -> None:
        """Set the scalar at ``path`` (text as typed; None or "" removes an optional key, or with
        ``keep_key`` leaves it empty — ``start:`` — which the loader reads as absent, so that a
        field emptied and typed again keeps its place, its comments and the blank lines after it).

        Numbers, dates and times typed as text are written as YAML reads them back; anything the
        organiser types is kept (a wrong value is written as text and reported by the loader)."""
        value = _typed(path, value)
        slot = self.slots.get(path)
        if (slot is not None and isinstance(slot.node, ScalarNode) and value is not None and self.root is not None
                and slot.node.end_mark.index > slot.node.start_mark.index):  # (an empty value: no place to splice)
            if _node_scalar(slot.node) == value:
                return
            if self._splice(slot, value):
                return
        parts = parse_path(path)
        if slot is None and value is not None and self._insert_key(parts, value):
            return

        def change(tree):
            parent = _get(tree, parts[:-1], create=value is not None)
            if parent is None:
                return
            key = parts[-1]
            if value is None:
                if isinstance(parent, dict) and keep_key and key in parent:
                    parent[key] = None
                elif isinstance(parent, dict):
                    parent.pop(key, None)
                elif isinstance(key, int) and key < len(parent):
                    del parent[key]
                return
            old = parent.get(key) if isinstance(parent, dict) else (parent[key] if key < len(parent) else None)
            new = _styled(value, old)
            if isinstance(parent, dict) and key not in parent:
                parent.insert(_key_position(parent, parts), key, new)
            elif isinstance(parent, dict):
                parent[key] = new
            elif key < len(parent):
                parent[key] = new
            else:
                parent.append(new)

        self.edit(change)

    def set_list(self, path: str, values: list[str]) -> None:
        """A list of texts (pilots, owners, criteria…): items changed in place when their number
        is unchanged (one splice each), else the list is rewritten (an empty list removes it)."""
        values = [_typed(f"{path}[{i}]", v) if v != "" else v for i, v in enumerate(values)]
        n = self.length(path)
        if values and path in self.slots and isinstance(self.slots[path].node, SequenceNode):
            if n == len(values):
                for i, v in enumerate(values):
                    self.set(f"{path}[{i}]", v)
                return
            if self._replace_flow(path, values):
                return
            if self._block_seq(path) is not None:  # items changed in place, then added or removed at the end
                for i, v in enumerate(values[:n]):
                    self.set(f"{path}[{i}]", v)
                for v in values[n:]:
                    self.insert(path, -1, v)
                for i in range(n - 1, len(values) - 1, -1):
                    if not self._remove_item(f"{path}[{i}]"):
                        break
                else:
                    return
        parts = parse_path(path)
        if values and path not in self.slots:
            new = _seq(values)
            if all(isinstance(v, int) for v in values):
                new.fa.set_flow_style()
            if self._insert_key(parts, new):
                return

        def change(tree):
            parent = _get(tree, parts[:-1], create=bool(values))
            if parent is None:
                return
            if not values:
                if isinstance(parent, dict):
                    parent.pop(parts[-1], None)
                return
            old = parent.get(parts[-1]) if isinstance(parent, dict) else None
            if isinstance(old, list):
                styled = [_styled(v, old[i] if i < len(old) else (old[-1] if old else None))
                          for i, v in enumerate(values)]
                del old[len(values):]
                for i, v in enumerate(styled):
                    if i < len(old):
                        old[i] = v
                    else:
                        old.append(v)
            else:
                parent[parts[-1]] = _seq(values)

        self.edit(change)

    def insert(self, path: str, index: int, value: Any) -> None:
        """Insert ``value`` (plain Python: text, dict, list) at ``index`` of the list at ``path``
        (the list is made if absent; ``index`` -1 or past the end appends)."""
        if self._insert_item(path, index, value):
            return
        parts = parse_path(path)

        def change(tree):
            parent = _get(tree, parts[:-1], create=True)
            seq = parent.get(parts[-1]) if isinstance(parent, dict) else parent[parts[-1]]
            if seq is None or not isinstance(seq, list):
                seq = _seq([])
                parent[parts[-1]] = seq
            i = len(seq) if index < 0 or index > len(seq) else index
            seq.insert(i, _rt(value, like=seq[0] if seq else None))

        self.edit(change)

    def remove(self, path: str) -> None:
        """Remove the list item or mapping key at ``path``."""
        if self._remove_item(path):
            return
        self.set(path, None)

    def move(self, path: str, index: int) -> None:
        """Move the list item at ``path`` to ``index`` in its list (comments travel with it)."""
        if self._move_item(path, index):
            return
        parts = parse_path(path)

        def change(tree):
            seq = _get(tree, parts[:-1])
            if not isinstance(seq, list) or not 0 <= index < len(seq):
                return
            item = seq.pop(parts[-1])
            seq.insert(index, item)

        self.edit(change)

    def set_items(self, path: str, items: list) -> bool:
        """Make the block list at ``path`` (prepared items: texts, or mappings with ``text``,
        ``url``, ``children``) hold ``items`` by the fewest item splices: the items kept are not
        written again (their quoting and comments stay), a changed item has its text set in place
        and its children made equal the same way, new items are pasted and gone ones cut. False
        (nothing done) when the list is not in the text as a block list of its own lines."""
        old = self.value(path)
        if not isinstance(old, list) or not old or not items or self._block_seq(path) is None:
            return False
        ident = [json.dumps(x, sort_keys=True, ensure_ascii=False) for x in old]
        want = [json.dumps(x, sort_keys=True, ensure_ascii=False) for x in items]
        opcodes = difflib.SequenceMatcher(a=ident, b=want, autojunk=False).get_opcodes()
        for tag, i1, i2, j1, j2 in reversed(opcodes):  # from the end: the indexes before stay true
            if tag == "equal":
                continue
            simple = i2 - i1 == j2 - j1 and all(isinstance(x, str) for x in old[i1:i2] + items[j1:j2])
            if tag == "replace" and not simple and self._replace_items(path, i1, i2, items[j1:j2]):
                continue  # (an item put under the one above: both written again, one splice)
            paired = min(i2 - i1, j2 - j1)
            for k in range(i2 - 1, i1 + paired - 1, -1):
                self.remove(f"{path}[{k}]")
            for d in range(paired, j2 - j1):
                self.insert(path, i1 + d, items[j1 + d])
            for d in range(paired):
                self._set_item(path, i1 + d, old[i1 + d], items[j1 + d])
        return True

    def _replace_items(self, path: str, i: int, j: int, values: list) -> bool:
        """Items ``[i, j)`` of the block list at ``path`` written again as ``values``, in one
        splice (the comment lines above item ``i`` stay)."""
        seq = self._block_seq(path)
        if seq is None or not values or not 0 <= i < j <= len(seq.value):
            return False
        sep = "\n" * self._separator(seq)
        new = sep.join(self._render_item(v, seq) for v in values)
        a, b = self._dash_line(seq.value[i]), self._item_end(seq.value[j - 1])
        return self._graft(path, seq, i, j, a, b, new, count=len(values))

    def _set_item(self, path: str, k: int, old: Any, new: Any) -> None:
        item = f"{path}[{k}]"
        if isinstance(old, str) and isinstance(new, str):
            self.set(item, new)
            return
        if isinstance(old, dict) and isinstance(new, dict) and set(old) == set(new) and "text" in old:
            for field in sorted(set(old) - {"children"}):
                if old[field] != new[field]:
                    self.set(f"{item}.{field}", new[field])
            if old.get("children") != new.get("children") and self.set_items(f"{item}.children", new["children"]):
                return
            if self.value(item) == new:
                return
        self.insert(path, k, new)  # the new item first: a list is never left empty
        self.remove(f"{path}[{k + 1}]")

    def rename_key(self, path: str, new_key: str) -> None:
        """Rename a mapping key in place (a prepared section), keeping its position."""
        parts = parse_path(path)

        def change(tree):
            parent = _get(tree, parts[:-1])
            if not isinstance(parent, dict) or parts[-1] not in parent or new_key in parent:
                return
            keys = list(parent.keys())
            pos = keys.index(parts[-1])
            parent.insert(pos, new_key, parent.pop(parts[-1]))

        self.edit(change)

    def edit(self, change) -> None:
        """A structural edit: ``change(tree)`` on ruamel.yaml's round-trip tree of the text, dumped
        and composed again (the text and the report follow)."""
        y = _yaml()
        tree = y.load(self.text)
        if tree is None:
            from ruamel.yaml.comments import CommentedMap

            tree = CommentedMap()
        change(tree)
        buf = io.StringIO()
        y.dump(tree, buf)
        self.set_text(buf.getvalue())

    # ------------------------------------------------------------------ splicing
    def _splice(self, slot: Slot, value: Any) -> bool:
        """Replace one scalar's characters by its new rendering; False when it needs a structural
        edit (a plain or quoted scalar of a key on the same line as others in a flow mapping with a
        newline typed in it, for instance)."""
        node = slot.node
        start, end = node.start_mark.index, node.end_mark.index
        old_text = self.text[start:end]
        if node.style in ("|", ">") and not old_text.endswith("\n"):
            return False  # a block at the very end of the file: structural
        in_flow = bool(getattr(slot.parent, "flow_style", False))
        rendered = _render(value, node.style, in_flow, self.text, node)
        if rendered is None:
            return False
        if node.style in ("|", ">"):
            tail = old_text[len(old_text.rstrip("\n")):]
            rendered = rendered.rstrip("\n") + tail if tail else rendered
        parsed = _reparse_scalar(rendered)
        if parsed is None or display(_node_scalar(ScalarNode(parsed[2], parsed[0], style=parsed[1]))) != display(value):
            return False  # ruamel.yaml chose a form this splice does not reproduce: structural
        if parsed[1] in ("|", ">") and node.style not in ("|", ">"):
            # a line become a block (a line break typed): composed again once
            new_text = self.text[:start] + rendered + self.text[end:]
            root, _issues = loader.compose_text(new_text, self.name, self.lang)
            if root is None:
                return False
            self._set_tree(new_text, root)
            return True
        self.text = self.text[:start] + rendered + self.text[end:]
        # every mark after the old scalar moves by the change of length, lines and last column
        old_end_line, old_end_col = node.end_mark.line, node.end_mark.column
        if "\n" in rendered:
            new_end_line = node.start_mark.line + rendered.count("\n")
            new_end_col = len(rendered) - rendered.rfind("\n") - 1
        else:
            new_end_line, new_end_col = node.start_mark.line, node.start_mark.column + len(rendered)
        d_index, d_line, d_col = len(rendered) - (end - start), new_end_line - old_end_line, new_end_col - old_end_col
        moved: set[int] = set()

        def shift(mark) -> None:
            if id(mark) in moved:
                return
            moved.add(id(mark))
            if mark.line == old_end_line:
                mark.column += d_col
            mark.line += d_line
            mark.index += d_index

        pos = bisect.bisect_right(self._starts, start)
        for n in self._nodes[pos:]:
            shift(n.start_mark)
            shift(n.end_mark)
        for n in self._nodes[:pos]:  # the node itself and the collections holding it
            if n.end_mark.index >= end:
                shift(n.end_mark)
        if d_index:
            self._starts = [n.start_mark.index for n in self._nodes]
        node.value, node.style, node.tag = parsed
        self.validate()
        return True

    def _insert_key(self, parts: list[str | int], value: Any) -> bool:
        """A new key in an existing block mapping, written as one line (or block) after the key the
        format lists before it, without rewriting the rest: composed again (a few tens of ms on
        the largest kit, where ruamel.yaml's whole dump and load takes most of a second)."""
        if not parts or not isinstance(parts[-1], str) or self.root is None:
            return False
        parent = self.slots.get(join_path(parts[:-1])) if len(parts) > 1 else Slot(self.root, None, None)
        if parent is None or not isinstance(parent.node, MappingNode) or parent.node.flow_style or not parent.node.value:
            return False
        mapping = {k.value: v for k, v in parent.node.value if isinstance(k, ScalarNode)}
        record = _record_at(parts[:-1])
        if record is None or parts[-1] not in record.fields:
            return False
        order = list(record.fields)
        rank = order.index(parts[-1])
        before = [(order.index(k), v) for k, v in mapping.items() if k in record.fields and order.index(k) < rank]
        if not before:
            return False  # first key of its mapping (maybe after « - »): the whole edit does it
        prev = max(before, key=lambda kv: kv[0])[1]
        end = prev.end_mark.index
        line_start = self.text.rfind("\n", 0, end) + 1
        if not self.text[line_start:end].strip(" "):
            end = line_start  # a collection ends where the next key's indentation starts
        if self.text[end - 1:end] != "\n":
            nl = self.text.find("\n", end)
            if nl < 0:
                return False
            end = nl + 1
        col = parent.node.value[0][0].start_mark.column
        buf = io.StringIO()
        _yaml().dump({parts[-1]: value if isinstance(value, list) else _styled(value, None)}, buf)
        lines = buf.getvalue().split("\n")
        block = "\n".join((" " * col + ln) if ln else "" for ln in lines)
        new_text = self.text[:end] + block + self.text[end:]
        root, _issues = loader.compose_text(new_text, self.name, self.lang)
        if root is None:
            return False
        self._set_tree(new_text, root)
        return True

    # ------------------------------------------------------------------ splicing lists
    def _block_seq(self, path: str) -> SequenceNode | None:
        """The block sequence at ``path`` when its items can be cut and pasted as whole lines: each
        item on its own ``- `` line, no alias in the kit (a shared node), the text ending a line."""
        slot = self.slots.get(path)
        if (self.root is None or self._shared or slot is None or not isinstance(slot.node, SequenceNode)
                or slot.node.flow_style or not slot.node.value or not self.text.endswith("\n")):
            return None
        for item in slot.node.value:
            leaf = _last_leaf(item)
            if self._dash_line(item) is None or (_is_block(leaf) and "+" in self.text[
                    leaf.start_mark.index:self.text.find("\n", leaf.start_mark.index)]):
                return None  # (a block text keeping its blank lines: the whole edit writes it)
        return slot.node

    def _dash_line(self, item: Node) -> int | None:
        """Where the line of an item's ``- `` starts (None when the item does not start its line)."""
        start = item.start_mark.index
        line_start = self.text.rfind("\n", 0, start) + 1
        return line_start if _DASH.fullmatch(self.text[line_start:start]) else None

    def _item_end(self, item: Node) -> int:
        """Where an item's text ends: the end of its last line (its trailing comment included), or
        after the blank lines a block text at its end holds (the composer gives them to it)."""
        leaf = _last_leaf(item)
        end = leaf.end_mark.index
        if _is_block(leaf) and self.text[end - 1:end] == "\n":
            return end
        nl = self.text.find("\n", end)
        return len(self.text) if nl < 0 else nl + 1

    def _content_end(self, item: Node) -> int:
        """The end of an item's last non-blank line."""
        leaf = _last_leaf(item)
        end = leaf.start_mark.index + len(self.text[leaf.start_mark.index:leaf.end_mark.index].rstrip())
        nl = self.text.find("\n", end)
        return len(self.text) if nl < 0 else nl + 1

    def _item_start(self, seq: SequenceNode, k: int) -> int:
        """Where item ``k`` starts: its ``- `` line, or the comment lines just above it."""
        start = self._dash_line(seq.value[k])
        if not k:
            return start
        floor = self._item_end(seq.value[k - 1])
        while start > floor:
            prev = self.text.rfind("\n", 0, start - 1) + 1
            if not self.text[prev:start].lstrip(" ").startswith("#"):
                break
            start = prev
        return start

    def _blank_lines(self, a: int, b: int) -> int:
        """How many blank lines start the text from ``a`` (a line start) to ``b``."""
        n = 0
        for line in self.text[a:b].split("\n")[:-1]:
            if line.strip():
                break
            n += 1
        return n

    def _separator(self, seq: SequenceNode) -> int:
        """The blank lines between items (the list's own habit: none, or one between workshops)."""
        if len(seq.value) < 2:
            return 0
        return self._blank_lines(self._content_end(seq.value[0]), self._dash_line(seq.value[1]))

    def _render_item(self, value: Any, seq: SequenceNode) -> str:
        """ruamel.yaml's writing of one new item at the list's indentation (a short mapping of
        scalars in flow style when its neighbours are)."""
        like = seq.value[0]
        new = _rt(value)
        if isinstance(like, MappingNode) and like.flow_style and hasattr(new, "fa"):
            new.fa.set_flow_style()
        buf = io.StringIO()
        _yaml().dump({"k": [new]}, buf)
        lines = buf.getvalue().split("\n")[1:]
        dash = self._dash_line(like)
        col = like.start_mark.index - dash - len(self.text[dash:like.start_mark.index].lstrip(" "))
        return "\n".join((" " * col + ln[2:]) if ln else "" for ln in lines)

    def _insert_item(self, path: str, index: int, value: Any) -> bool:
        seq = self._block_seq(path)
        if seq is None:
            return False
        return self._paste(path, seq, index, self._render_item(value, seq))

    def _paste(self, path: str, seq: SequenceNode, index: int, item_text: str) -> bool:
        """``item_text`` (whole lines at the list's indentation) pasted as item ``index``."""
        n = len(seq.value)
        i = n if index < 0 or index > n else index
        sep = self._separator(seq)
        if i:
            at = self._item_end(seq.value[i - 1])
            held = self._blank_lines(self._content_end(seq.value[i - 1]), at)  # by a block text
            new = "\n" * max(0, sep - held) + item_text
        else:
            at, new = self._item_start(seq, 0), item_text + "\n" * sep
        return self._graft(path, seq, i, i, at, at, new)

    def _cut(self, seq: SequenceNode, k: int) -> tuple[int, int]:
        """The lines of item ``k`` with the gap that goes with it (before it, or after the first)."""
        if k:
            return self._item_end(seq.value[k - 1]), self._item_end(seq.value[k])
        a, b = self._item_start(seq, 0), self._item_end(seq.value[0])
        limit = self._item_start(seq, 1)
        while b < limit:
            nl = self.text.find("\n", b)
            if nl < 0 or self.text[b:nl].strip():
                break
            b = nl + 1
        return a, b

    def _item_of(self, path: str):
        """(the list's path, its block node, the item's index) of a list item's ``path``; the
        node is None when the path names no item of a block list."""
        parts = parse_path(path)
        if not parts or not isinstance(parts[-1], int):
            return None, None, 0
        list_path = join_path(parts[:-1])
        return list_path, self._block_seq(list_path), parts[-1]

    def _remove_item(self, path: str) -> bool:
        list_path, seq, k = self._item_of(path)
        if seq is None or len(seq.value) < 2 or not 0 <= k < len(seq.value):
            return False  # (the last item: the list goes, which the whole edit writes)
        a, b = self._cut(seq, k)
        return self._graft(list_path, seq, k, k + 1, a, b, "")

    def _move_item(self, path: str, index: int) -> bool:
        """One splice: the lines of the items from the moved one to its new place, written again
        in their new order (each item with the comment lines above it; the gaps between items,
        blank lines and loose comments, stay where they were)."""
        list_path, seq, k = self._item_of(path)
        if seq is None or not 0 <= k < len(seq.value) or not 0 <= index < len(seq.value):
            return False
        if k == index:
            return True
        lo, hi = min(k, index), max(k, index)
        starts = [self._item_start(seq, m) for m in range(lo, hi + 1)]
        ends = [self._item_end(seq.value[m]) for m in range(lo, hi + 1)]
        pieces = [self.text[a:b] for a, b in zip(starts, ends, strict=True)]
        gaps = [self.text[ends[m]:starts[m + 1]] for m in range(len(pieces) - 1)]
        order = list(range(len(pieces)))
        order.insert(index - lo, order.pop(k - lo))
        new = pieces[order[0]] + "".join(gap + pieces[m] for gap, m in zip(gaps, order[1:], strict=True))
        return self._graft(list_path, seq, lo, hi + 1, starts[0], ends[-1], new)

    def _graft(self, path: str, seq: SequenceNode, i: int, j: int, a: int, b: int, new: str,
               count: int | None = None) -> bool:
        """The text's lines ``[a, b)`` replaced by ``new`` (whole lines) and the list's items
        ``[i, j)`` by the items composed from ``new`` alone (``count`` of them; by default one
        when ``[i, j)`` is empty or one item, else as many; within the loader's bounds), the marks
        after them moved: the kit is not composed again, and the loader's rules run on the tree."""
        grafted: list[Node] = []
        if new.strip():
            root, _issues = loader.compose_text(new, self.name, self.lang)
            if root is None or not isinstance(root, SequenceNode) or len(root.value) != (count or max(1, j - i)):
                return False
            grafted = root.value
        if len(self._nodes) + 2 * new.count("\n") > loader.MAX_NODES:
            return False  # near the bound: the whole text is composed (and refused) by the loader
        removed = {id(n) for item in seq.value[i:j] for n in _subtree(item)}
        parts = parse_path(path)
        ancestors = {id(self.root)} | {id(self.slots[join_path(parts[:m])].node) for m in range(1, len(parts) + 1)}
        d_index, d_line = len(new) - (b - a), new.count("\n") - self.text.count("\n", a, b)
        for n in self._nodes:
            if id(n) in removed:
                continue
            if n.start_mark.index >= b and id(n) not in ancestors:
                n.start_mark.index += d_index
                n.start_mark.line += d_line
            end = n.end_mark.index
            if (end >= b and end > a) or (end == b and id(n) in ancestors):
                n.end_mark.index += d_index
                n.end_mark.line += d_line
        line_a = self.text.count("\n", 0, a)
        fresh = [n for item in grafted for n in _subtree(item)]
        for n in fresh:
            for attr in ("start_mark", "end_mark"):
                m = Mark(getattr(n, attr))
                m.index += a
                m.line += line_a
                setattr(n, attr, m)
        dangling = [n for n in self._nodes if id(n) not in removed and id(n) not in ancestors
                    and isinstance(n, MappingNode | SequenceNode) and not n.flow_style
                    and n.start_mark.index < a <= n.end_mark.index]
        self.text = self.text[:a] + new + self.text[b:]
        seq.value[i:j] = grafted
        # a block collection ends where the next token starts: after the item before the edit, now
        # the pasted item or what follows the cut; after the pasted item, what follows it
        snippet_end = a + len(new)
        for group, at in ((dangling, a), ([n for n in fresh if isinstance(n, MappingNode | SequenceNode)
                                           and not n.flow_style and n.end_mark.index >= snippet_end], snippet_end)):
            if group:
                nxt = self._next_token(at)
                line = self.text.count("\n", 0, nxt)
                col = nxt - self.text.rfind("\n", 0, nxt) - 1
                for n in group:
                    n.end_mark.index, n.end_mark.line, n.end_mark.column = nxt, line, col
        if i == 0 and seq.value:  # a block list starts at its first item's dash (comment lines may precede it)
            first = seq.value[0].start_mark.index
            dash = self.text.rfind("-", 0, first)
            seq.start_mark.index, seq.start_mark.line = dash, self.text.count("\n", 0, dash)
            seq.start_mark.column = dash - self.text.rfind("\n", 0, dash) - 1
        # a block text ending an item holds the blank lines after it (as the composer says)
        for k in range(i - 1, i + len(grafted)):
            if 0 <= k < len(seq.value):
                self._settle_block(_last_leaf(seq.value[k]))
        self._nodes = sorted([n for n in self._nodes if id(n) not in removed] + fresh,
                             key=lambda n: n.start_mark.index)
        self._starts = [n.start_mark.index for n in self._nodes]
        self.slots = dict(_walk(self.root))
        self.validate()
        return True

    def _replace_flow(self, path: str, values: list) -> bool:
        """A list of scalars written on one line (``commitments: [4, 12]``) written again in place."""
        slot = self.slots.get(path)
        node = slot.node if slot is not None else None
        if (node is None or self._shared or not isinstance(node, SequenceNode) or not node.flow_style
                or node.start_mark.line != node.end_mark.line or not isinstance(slot.parent, MappingNode)
                or not all(isinstance(v, ScalarNode) for v in node.value)):
            return False
        new = _seq(values)
        new.fa.set_flow_style()
        buf = io.StringIO()
        _yaml().dump({"k": new}, buf)
        out = buf.getvalue()
        if not out.startswith("k: [") or out.count("\n") != 1:
            return False
        rendered = out[3:-1]
        a, b, col, line = node.start_mark.index, node.end_mark.index, node.start_mark.column, node.start_mark.line
        root, _issues = loader.compose_text(" " * col + rendered, self.name, self.lang)
        if root is None or not isinstance(root, SequenceNode):
            return False
        d = len(rendered) - (b - a)
        removed = {id(n) for n in _subtree(node)}
        for n in self._nodes:
            if id(n) in removed:
                continue
            for m in (n.start_mark, n.end_mark):
                if m.index >= b:
                    m.index += d
                    if m.line == line:
                        m.column += d
        fresh = _subtree(root)
        for n in fresh:
            for attr in ("start_mark", "end_mark"):
                m = Mark(getattr(n, attr))
                m.index += a - col
                m.line += line
                setattr(n, attr, m)
        self.text = self.text[:a] + rendered + self.text[b:]
        slot.parent.value[:] = [(k, root if v is node else v) for k, v in slot.parent.value]
        self._nodes = sorted([n for n in self._nodes if id(n) not in removed] + fresh,
                             key=lambda n: n.start_mark.index)
        self._starts = [n.start_mark.index for n in self._nodes]
        self.slots = dict(_walk(self.root))
        self.validate()
        return True

    def _next_token(self, pos: int) -> int:
        """The first character at or after ``pos`` (a line start) that is neither blank nor a
        comment (the text's end if none)."""
        while pos < len(self.text):
            nl = self.text.find("\n", pos)
            line = self.text[pos:] if nl < 0 else self.text[pos:nl]
            body = line.lstrip(" ")
            if body and not body.startswith("#"):
                return pos + len(line) - len(body)
            if nl < 0:
                break
            pos = nl + 1
        return len(self.text)

    def _settle_block(self, leaf: Node) -> None:
        if not _is_block(leaf):
            return
        start = leaf.start_mark.index
        end = start + len(self.text[start:leaf.end_mark.index].rstrip())
        nl = self.text.find("\n", end)
        end = len(self.text) if nl < 0 else nl + 1
        while end < len(self.text):
            nl = self.text.find("\n", end)
            if nl < 0 or self.text[end:nl].strip(" "):
                break
            end = nl + 1
        leaf.end_mark.line += self.text.count("\n", start, end) - self.text.count("\n", start, leaf.end_mark.index)
        leaf.end_mark.index = end
        leaf.end_mark.column = 0

    # ------------------------------------------------------------------ saving
    def save(self, path: str | Path) -> Path:
        """Write the text atomically (``facilitator.files.write_atomic``): the previous file stays
        whole until the new one is complete."""
        from facilitator.files import write_atomic

        return write_atomic(path, self.text.encode("utf-8"))


def _subtree(node: Node) -> list[Node]:
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        out.append(n)
        if isinstance(n, MappingNode):
            for k, v in n.value:
                stack += [k, v]
        elif isinstance(n, SequenceNode):
            stack += n.value
    return out


def _last_leaf(node: Node) -> Node:
    """The node whose end ends a block collection's text (its last scalar or flow collection)."""
    while isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value:
        node = node.value[-1][1] if isinstance(node, MappingNode) else node.value[-1]
    return node


def _is_block(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.style in ("|", ">")


def _node_value(node: Node) -> Any:
    if isinstance(node, ScalarNode):
        return node.value
    if isinstance(node, SequenceNode):
        return [_node_value(n) for n in node.value]
    if isinstance(node, MappingNode):
        return {k.value: _node_value(v) for k, v in node.value}
    return None


def _node_scalar(node: ScalarNode) -> Any:
    """The scalar as ``_typed`` would give it, to skip edits that change nothing."""
    v = node.value.rstrip("\n") if node.style in ("|", ">") else node.value
    if node.style is None:
        if node.tag.endswith(":int"):
            try:
                return int(v)
            except ValueError:
                return v
        if node.tag.endswith(":timestamp"):
            try:
                return dt.date.fromisoformat(v)
            except ValueError:
                return v
    return v


_DASH = re.compile(r" *- +")
_INT_PATH = re.compile(r"(^|\.)(number|minutes|participants_expected)$|^plan\.commitments\[\d+\]\.id$"
                       r"|^workshops\[\d+\]\.commitments\[\d+\]$")
_DATE_PATH = re.compile(r"^(event\.date|plan\.status_date)$")


def _typed(path: str, value: Any) -> Any:
    """What to write for a field typed as text: integers and dates as YAML reads them back
    (a wrong value stays text, for the loader to report)."""
    if value is None or not isinstance(value, str):
        return value
    if value == "":
        return None
    if _INT_PATH.search(path) and value.isdigit() and value == str(int(value)):
        return int(value)
    if _DATE_PATH.search(path) and DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _styled(value: Any, old: Any) -> Any:
    """``value`` in the style of the scalar it replaces (quoted stays quoted, block stays block);
    a text with a line break becomes a literal block."""
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        FoldedScalarString,
        LiteralScalarString,
        SingleQuotedScalarString,
    )

    if not isinstance(value, str):
        return value
    if isinstance(old, LiteralScalarString | FoldedScalarString):
        ending = "\n" if str(old).endswith("\n") else ""
        return type(old)(value.rstrip("\n") + ending)
    if "\n" in value:
        return LiteralScalarString(value.rstrip("\n") + "\n")
    if isinstance(old, DoubleQuotedScalarString | SingleQuotedScalarString):
        return type(old)(value)
    if old is None or isinstance(old, str) and _needs_quotes(value):
        return DoubleQuotedScalarString(value) if _needs_quotes(value) else value
    return value


def _needs_quotes(value: str) -> bool:
    """New texts are double-quoted when YAML would read them otherwise (as the template does)."""
    tag = _RESOLVER.resolve(ScalarNode, value, (True, False))
    return not tag.endswith(":str") or any(c in value for c in ":#'\"") or value != value.strip()


def _seq(values: list) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    s = CommentedSeq()
    for v in values:
        s.append(_styled(v, None))
    return s


def _rt(value: Any, like: Any = None) -> Any:
    """A plain Python value as ruamel.yaml round-trip values (new texts quoted as needed);
    a short mapping of scalars is written in flow style like its neighbours."""
    from ruamel.yaml.comments import CommentedMap

    if isinstance(value, dict):
        m = CommentedMap()
        for k, v in value.items():
            if v is None or v == "" or v == [] or v == {}:
                continue
            m[k] = _rt(v)
        if like is not None and getattr(getattr(like, "fa", None), "flow_style", lambda: False)():
            m.fa.set_flow_style()
        return m
    if isinstance(value, list | tuple):
        return _seq([_rt(v) for v in value])
    return _styled(value, None)


def _record_at(parts: list[str | int]):
    """The format's record (``spec.Record``) that the mapping at ``parts`` follows, or None."""
    from facilitator.kit import spec

    t: Any = spec.KIT
    for p in parts:
        if isinstance(t, spec.ListOf):
            t = t.item if isinstance(p, int) else None
        elif isinstance(t, spec.Record) and isinstance(p, str) and p in t.fields:
            t = t.fields[p].type
        else:
            return None
        if isinstance(t, spec.ItemT):
            t = spec.ITEM_RECORD
    return t if isinstance(t, spec.Record) else None


def _key_position(mapping: dict, parts: list[str | int]) -> int:
    """Where a new key goes: after the keys the format lists before it (``event.venue`` after
    ``end``), so that a kit written in the format's order stays in it."""
    record = _record_at(parts[:-1])
    if record is None or parts[-1] not in record.fields:
        return len(mapping)
    order = list(record.fields)
    rank = order.index(parts[-1])
    pos = 0
    for i, k in enumerate(mapping):
        if k in record.fields and order.index(k) < rank:
            pos = i + 1
    return pos


def _get(tree: Any, parts: list[str | int], create: bool = False) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if create and not _reachable(tree, parts):
        return None  # (an item of a list that has no such item: nothing is made on the way)
    cur = tree
    for i, p in enumerate(parts):
        nxt_is_index = i + 1 < len(parts) and isinstance(parts[i + 1], int)
        if isinstance(cur, dict):
            if p not in cur or cur[p] is None:
                if not create:
                    return None
                cur[p] = CommentedSeq() if nxt_is_index else CommentedMap()
            cur = cur[p]
        elif isinstance(cur, list):
            if not isinstance(p, int) or p >= len(cur):
                return None
            cur = cur[p]
        else:
            return None
    return cur


def _reachable(tree: Any, parts: list[str | int]) -> bool:
    """Whether ``_get(..., create=True)`` can reach ``parts``: maps are made where missing, but a
    list index must name an existing item (a missing list has none)."""
    cur = tree
    for p in parts:
        if isinstance(p, int):
            if not isinstance(cur, list) or p >= len(cur):
                return False
            cur = cur[p]
        elif isinstance(cur, dict) and cur.get(p) is not None:
            cur = cur[p]
        elif cur is None or isinstance(cur, dict):
            cur = None  # made on the way: only keys can follow
        else:
            return False
    return True


def _render(value: Any, style: str | None, in_flow: bool, text: str, node: ScalarNode) -> str | None:
    """ruamel.yaml's rendering of one scalar in the given style, at the node's indentation."""
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        FoldedScalarString,
        LiteralScalarString,
        SingleQuotedScalarString,
    )

    classes = {'"': DoubleQuotedScalarString, "'": SingleQuotedScalarString,
               "|": LiteralScalarString, ">": FoldedScalarString}
    if isinstance(value, str):
        if style in ("|", ">"):
            ending = "\n" if node.value.endswith("\n") else ""
            v: Any = classes[style](value.rstrip("\n") + ending)
        elif "\n" in value:
            if in_flow:
                v = DoubleQuotedScalarString(value)
            else:
                rest = text[node.end_mark.index:text.find("\n", node.end_mark.index)]
                if rest.strip() or text.find("\n", node.end_mark.index) < 0:
                    return None  # a comment after it, or the last line: the whole edit does it
                v = LiteralScalarString(value.rstrip("\n") + "\n")
        elif style in classes:
            v = classes[style](value)
        else:
            v = value
    elif style in ('"', "'"):
        v = classes[style](display(value))  # a quoted number or date stays quoted
    else:
        v = value
    buf = io.StringIO()
    _yaml().dump({"k": v}, buf)
    out = buf.getvalue()
    assert out.startswith("k: ")
    out = out[3:]
    if isinstance(v, LiteralScalarString | FoldedScalarString):
        head, _, body = out.partition("\n")
        if any(c.isdigit() for c in head):
            return None  # an indentation indicator: let ruamel.yaml write the whole text
        indent = _block_indent(text, node)
        lines = [(" " * indent + ln[2:]) if ln.strip() else "" for ln in body.split("\n")]
        out = head + "\n" + "\n".join(lines)
        if node.style not in ("|", ">"):  # a line's scalar become a block: the line's end follows it
            out = out[:-1] if out.endswith("\n") else out
        return out
    if out.endswith("\n...\n"):
        out = out[:-5]
    out = out.rstrip("\n")
    if "\n" in out:
        return None
    if in_flow and out[:1] not in ('"', "'") and any(c in out for c in ",[]{}"):
        return None  # a plain scalar with a flow indicator must be quoted: structural
    return out


def _block_indent(text: str, node: ScalarNode) -> int:
    """The indentation of a block scalar's content, as written (else its key's column + 2)."""
    start, end = node.start_mark.index, node.end_mark.index
    body = text[start:end].split("\n")[1:]
    for ln in body:
        if ln.strip():
            return len(ln) - len(ln.lstrip(" "))
    line_start = text.rfind("\n", 0, start) + 1
    line = text[line_start:start]
    return len(line) - len(line.lstrip(" -")) + 2


def _reparse_scalar(rendered: str) -> tuple[str, str | None, str] | None:
    """The (value, style, tag) the composer gives the rendered scalar."""
    root, _ = loader.compose_text("k: " + rendered)
    if root is None or not isinstance(root, MappingNode) or len(root.value) != 1:
        return None
    node = root.value[0][1]
    if not isinstance(node, ScalarNode):
        return None
    return node.value, node.style, node.tag


def template_text(kind: str = "ministere-ouvert") -> str:
    name = TEMPLATES.get(kind, "template.yaml")
    return resources.files("facilitator.kit").joinpath(name).read_text("utf-8")


def round_trip(text: str) -> str:
    """ruamel.yaml's load and dump of ``text`` (byte-identical for the bundled kits)."""
    y = _yaml()
    buf = io.StringIO()
    y.dump(y.load(text), buf)
    return buf.getvalue()
