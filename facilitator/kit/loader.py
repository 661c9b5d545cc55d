"""Loading a kit from untrusted media: bounded, safe, every error located and reported at once."""

from __future__ import annotations

import datetime as dt
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, MappingStartEvent, SequenceStartEvent, StreamEndEvent
from yaml.nodes import MappingNode, Node, SequenceNode
from yaml.resolver import Resolver

from facilitator.errors import KitError
from facilitator.i18n import tr
from facilitator.inputs import NotRegularFile, TooBig, read_bounded
from facilitator.kit import model as m
from facilitator.kit.spec import INVALID, KIT, Ctx, Issue

MAX_BYTES = 5 * 1024 * 1024
MAX_ALIASES = 100
MAX_NODES = 100_000
MAX_DEPTH = 50


class _Refused(Exception):
    """A kit refused while composing: a bound crossed or a reference that cannot hold."""

    def __init__(self, mark, key: str, **kw):
        self.mark, self.key, self.kw = mark, key, kw


class _Bounds:
    """Composition only (never construction), counting aliases, nodes and nesting depth.

    Distinct nodes are counted while composing, so a huge flat document stops at ``MAX_NODES``
    instead of being built whole (the expanded count is checked afterwards).
    """

    def _init_bounds(self) -> None:
        self._aliases = 0
        self._nodes = 0
        self._depth = 0

    def get_single_node(self):
        self.get_event()  # stream start
        document = None
        if not self.check_event(StreamEndEvent):
            document = self.compose_document()
        if not self.check_event(StreamEndEvent):
            raise _Refused(self.peek_event().start_mark, "kit.several_documents")
        self.get_event()
        return document

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent) and event.anchor not in self.anchors:
            raise _Refused(event.start_mark, "kit.undefined_alias", problem=f"« {event.anchor} »")
        if not isinstance(event, AliasEvent) and event.anchor is not None and event.anchor in self.anchors:
            raise _Refused(event.start_mark, "kit.duplicate_anchor", anchor=event.anchor,
                           line=self.anchors[event.anchor].start_mark.line + 1)
        if self.check_event(AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise _Refused(self.peek_event().start_mark, "kit.too_many_aliases", limit=MAX_ALIASES)
            return super().compose_node(parent, index)
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _Refused(self.peek_event().start_mark, "kit.too_many_nodes", limit=MAX_NODES)
        collection = self.check_event(SequenceStartEvent, MappingStartEvent)
        if collection:
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise _Refused(self.peek_event().start_mark, "kit.too_deep", limit=MAX_DEPTH)
        try:
            return super().compose_node(parent, index)
        finally:
            if collection:
                self._depth -= 1


class _BoundedLoader(_Bounds, yaml.SafeLoader):
    """Pure-Python scanning: the fallback where PyYAML was built without libyaml."""

    def __init__(self, stream):
        yaml.SafeLoader.__init__(self, stream)
        self._init_bounds()


if getattr(yaml, "__with_libyaml__", False):

    from yaml._yaml import CParser

    class _FastBoundedLoader(_Bounds, Composer, CParser, Resolver):
        """libyaml scans and parses (in C: a 5 MB kit is read in well under a second); the
        composition stays ours, in Python, so that the bounds above apply node by node."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            Composer.__init__(self)
            Resolver.__init__(self)
            self._init_bounds()

        def compose_scalar_node(self, anchor):
            node = super().compose_scalar_node(anchor)
            if node.style == "":  # libyaml says "" for plain scalars, PyYAML None: keep PyYAML's
                node.style = None
            return node

    _LOADER: type = _FastBoundedLoader
else:  # pragma: no cover — every PyYAML wheel ships libyaml
    _LOADER = _BoundedLoader


def _count_expanded(root: Node) -> tuple[Node | None, str | None]:
    """Check the size of the tree once aliases are expanded, in time linear in distinct nodes.

    Returns the node where a limit is crossed and the catalogue key, or (None, None).
    """
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        nid = id(node)
        if done:
            in_progress.discard(nid)
            total = 1
            for child in _children(node):
                total += sizes[id(child)]
            sizes[nid] = total
            if total > MAX_NODES:
                return node, "kit.too_many_nodes"
            continue
        if nid in sizes:
            continue
        if nid in in_progress:
            return node, "kit.recursive_alias"
        in_progress.add(nid)
        stack.append((node, True))
        for child in _children(node):
            cid = id(child)
            if cid in in_progress:
                return child, "kit.recursive_alias"
            if cid not in sizes:
                stack.append((child, False))
    return None, None


def _children(node: Node):
    if isinstance(node, SequenceNode):
        return node.value
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return ()


@dataclass
class KitReport:
    """The outcome of reading a kit: the kit when it has no error, and every issue found."""

    path: Path
    kit: m.Kit | None
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]


def read_kit(path: str | Path, lang: str | None = None) -> KitReport:
    """Read and validate a kit file; never raises for bad content."""
    path = Path(path)
    name = str(path)
    ctx = Ctx(name, lang, folder=path.parent)
    try:
        data = read_bounded(path, MAX_BYTES)
    except FileNotFoundError:
        ctx.error(None, "", "kit.not_found")
        return KitReport(path, None, ctx.issues)
    except NotRegularFile:
        ctx.error(None, "", "kit.not_regular")
        return KitReport(path, None, ctx.issues)
    except TooBig as exc:
        ctx.error(None, "", "kit.too_big", size=exc.size, limit=MAX_BYTES)
        return KitReport(path, None, ctx.issues)
    except OSError as exc:
        ctx.error(None, "", "kit.unreadable", reason=exc.strerror or str(exc))
        return KitReport(path, None, ctx.issues)
    return read_kit_bytes(data, name, lang, folder=path.parent, path=path)


def read_kit_bytes(data: bytes, name: str = "<kit>", lang: str | None = None, folder: Path | None = None,
                   path: Path | None = None) -> KitReport:
    ctx = Ctx(name, lang, folder=folder)
    report = KitReport(path or Path(name), None, ctx.issues)
    if len(data) > MAX_BYTES:
        ctx.error(None, "", "kit.too_big", size=len(data), limit=MAX_BYTES)
        return report
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        ctx.issues.append(Issue(name, line, col, "", "", "error"))
        ctx.issues[-1].message = tr("kit.bad_utf8", lang, byte=data[exc.start])
        return report
    root = _compose(text, ctx)
    if root is None:
        return report
    return validate_root(root, text, ctx, report)


def compose_text(text: str, name: str = "<kit>", lang: str | None = None) -> tuple[Node | None, list[Issue]]:
    """The node tree of a kit's text, within the loader's bounds, or None and the located issues.
    (The kit editor composes once and validates the tree it keeps up to date: ``validate_root``.)"""
    ctx = Ctx(name, lang)
    return _compose(text, ctx), ctx.issues


def validate_root(root: Node, text: str, ctx: Ctx, report: KitReport | None = None) -> KitReport:
    """Every rule of the format applied to a composed tree (``read_kit_bytes`` after composing)."""
    if report is None:
        report = KitReport(Path(ctx.file), None, ctx.issues)
    kit = KIT.read(root, "", ctx)
    if kit is not INVALID:
        _check_semantics(kit, ctx)
    ctx.issues.sort(key=lambda i: (i.line, i.column))
    if not report.errors and kit is not INVALID:
        report.kit = replace(kit, source=text, folder=ctx.folder)
    return report


def _compose(text: str, ctx: Ctx) -> Node | None:
    """The kit's YAML as a node tree, within the bounds; a located French issue otherwise.

    libyaml scans and parses the text (fast); when it stops on an error, the text is read again
    by PyYAML's pure-Python scanner, whose behaviour does not depend on the libyaml version that
    happens to be installed (libyaml ≥ 0.2.6 has a nesting limit of its own that fires before
    ours, and words its errors differently). Errors are recognised by their type and by the
    scanner or parser step that raised them, never by their English text.
    """
    try:
        root = _compose_with(_LOADER, text)
    except (_Refused, yaml.YAMLError) as exc:
        if _LOADER is not _BoundedLoader and not isinstance(exc, _Refused):
            try:
                root = _compose_with(_BoundedLoader, text)
            except (_Refused, yaml.YAMLError) as again:
                exc = again
            else:
                exc = None
        if exc is not None:
            line, column, message = _located(exc, text, ctx.lang)
            ctx.issues.append(Issue(ctx.file, line, column, "", message))
            return None
    if root is None:
        ctx.error(None, "", "kit.empty")
        return None
    node, key = _count_expanded(root)
    if node is not None:
        ctx.error(node, "", key, limit=MAX_NODES)
        return None
    return root


def _compose_with(loader_class: type, text: str) -> Node | None:
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


# What the scanner (by the function that raised) or the parser (by the state it was in) could not
# read, as a catalogue key. A function missing here gets the generic message.
_SCANNER_STEPS = {
    "fetch_value": "kit.yaml.colon",
    "scan_plain": "kit.yaml.colon_in_flow",
    "fetch_block_entry": "kit.yaml.dash",
    "fetch_key": "kit.yaml.question_mark",
    "stale_possible_simple_keys": "kit.yaml.key_one_line",
    "remove_possible_simple_key": "kit.yaml.key_one_line",
    "scan_anchor": "kit.yaml.anchor_name",
    "scan_tag": "kit.yaml.tag",
    "scan_tag_handle": "kit.yaml.tag",
    "scan_tag_uri": "kit.yaml.tag",
    "scan_uri_escapes": "kit.yaml.tag",
    "scan_directive": "kit.yaml.directive",
    "scan_directive_name": "kit.yaml.directive",
    "scan_yaml_directive_value": "kit.yaml.directive",
    "scan_yaml_directive_number": "kit.yaml.directive",
    "scan_tag_directive_handle": "kit.yaml.directive",
    "scan_tag_directive_prefix": "kit.yaml.directive",
    "scan_directive_ignored_line": "kit.yaml.directive",
    "scan_block_scalar": "kit.yaml.block_scalar",
    "scan_block_scalar_indicators": "kit.yaml.block_scalar",
    "scan_block_scalar_ignored_line": "kit.yaml.block_scalar",
}
_QUOTED_STEPS = {"scan_flow_scalar_non_spaces", "scan_flow_scalar_spaces", "scan_flow_scalar_breaks"}
_PARSER_STEPS = {
    "parse_block_mapping_key": "kit.yaml.expected_key",
    "parse_block_mapping_value": "kit.yaml.expected_key",
    "parse_block_sequence_entry": "kit.yaml.expected_dash",
    "parse_flow_sequence_entry": "kit.yaml.unclosed_bracket",
    "parse_flow_sequence_first_entry": "kit.yaml.unclosed_bracket",
    "parse_flow_mapping_key": "kit.yaml.unclosed_brace",
    "parse_flow_mapping_first_key": "kit.yaml.unclosed_brace",
    "parse_node": "kit.yaml.expected_value",
    "parse_block_node": "kit.yaml.expected_value",
    "parse_flow_node": "kit.yaml.expected_value",
    "parse_document_start": "kit.yaml.document_start",
    "process_directives": "kit.yaml.directive",
}


def _raised_in(exc: BaseException, module: str) -> str:
    """The name of the innermost function of PyYAML's ``module`` that raised ``exc``."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if Path(f.filename).parent.name == "yaml" and Path(f.filename).stem == module]
    return frames[-1].name if frames else ""


def _position(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def _located(exc: BaseException, text: str, lang: str | None) -> tuple[int, int, str]:
    """Line, column and French (or ``lang``) message of a composition error (see ``_compose``)."""
    line, column, key, fields = _classified(exc, text)
    if key.startswith("kit.yaml."):
        return line, column, tr("kit.yaml_syntax", lang, problem=tr(key, lang, **fields))
    return line, column, tr(key, lang, **fields)


def _classified(exc: BaseException, text: str) -> tuple[int, int, str, dict]:
    if isinstance(exc, _Refused):
        return exc.mark.line + 1, exc.mark.column + 1, exc.key, exc.kw
    if isinstance(exc, yaml.reader.ReaderError):  # a control character (the text is valid UTF-8)
        line, column = _position(text, exc.position)
        code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else f"U+{ord(exc.character):04X}"
        return line, column, "kit.control_character", {"code": code}
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    key = "kit.yaml.invalid"
    fields: dict = {}
    if isinstance(exc, yaml.scanner.ScannerError):
        step = _raised_in(exc, "scanner")
        at = text[mark.index] if mark is not None and mark.index < len(text) else ""
        if step in _QUOTED_STEPS or mark is None or mark.index >= len(text):
            if mark is not None and mark.index < len(text):
                key = "kit.yaml.escape"
            else:
                key = "kit.yaml.unclosed"
                mark = exc.context_mark or mark  # the quote or bracket left open
        elif at == "\t":
            key = "kit.yaml.tab"
        elif step == "fetch_more_tokens":
            key, fields = "kit.yaml.cannot_start", {"char": _visible(at)}
        else:
            key = _SCANNER_STEPS.get(step, key)
    elif isinstance(exc, yaml.parser.ParserError):
        if mark is not None and mark.index >= len(text):
            key, mark = "kit.yaml.unclosed", exc.context_mark or mark
        else:
            key = _PARSER_STEPS.get(_raised_in(exc, "parser"), key)
            if key == "kit.yaml.unclosed_brace":
                fields = {"close": "}"}
    if key == "kit.yaml.invalid" and mark is not None and mark.index < len(text):
        fields = {"char": _visible(text[mark.index])}
        key = "kit.yaml.unexpected"
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return line, column, key, fields


def _visible(char: str) -> str:
    """A character as it can be shown: controls and invisible ones by their code point."""
    if not char.isprintable() or char.isspace():
        return f"U+{ord(char):04X}"
    return char


def _check_semantics(kit: m.Kit, ctx: Ctx) -> None:
    """Rules across fields: uniqueness, references, times, logo, and the warnings."""
    marks = ctx.marks

    def path_of(obj, fallback: str) -> str:
        return ctx.paths.get(id(obj), fallback)

    def at(path: str) -> Node | None:
        return marks.get(path)

    def check_span(start, end, path):
        if start and end and end <= start:
            ctx.error(at(path + ".end") if path else at("end"), (path + "." if path else "") + "end",
                      "kit.end_before_start", start=start.strftime("%H:%M"), end=end.strftime("%H:%M"))

    ev = kit.event
    check_span(ev.start, ev.end, "event")
    for i, item in enumerate(kit.programme):
        base = path_of(item, f"programme[{i}]")
        if item.end and item.end <= item.time:
            ctx.error(at(base + ".end"), base + ".end", "kit.end_before_start",
                      start=item.time.strftime("%H:%M"), end=item.end.strftime("%H:%M"))

    # sections
    seen: dict[str, int] = {}
    for i, s in enumerate(kit.sections):
        p = path_of(s, f"sections[{i}]") + ".id"
        if s.id in seen:
            ctx.error(at(p), p, "kit.duplicate_section", id=s.id, line=seen[s.id])
        else:
            seen[s.id] = _line(at(p))
    section_ids = [s.id for s in kit.sections]

    # plan
    commitment_ids: dict[str, int] = {}
    if kit.plan:
        axes: dict[str, int] = {}
        for i, a in enumerate(kit.plan.axes):
            p = path_of(a, f"plan.axes[{i}]") + ".id"
            if a.id in axes:
                ctx.error(at(p), p, "kit.duplicate_axis", id=a.id, line=axes[a.id])
            else:
                axes[a.id] = _line(at(p))
        for i, c in enumerate(kit.plan.commitments):
            cbase = path_of(c, f"plan.commitments[{i}]")
            p = cbase + ".id"
            if c.id in commitment_ids:
                ctx.error(at(p), p, "kit.duplicate_commitment", id=c.id, line=commitment_ids[c.id])
            else:
                commitment_ids[c.id] = _line(at(p))
            if axes and c.axis is not None and c.axis not in axes:
                pa = cbase + ".axis"
                ctx.error(at(pa), pa, "kit.unknown_axis", id=c.axis, axes=", ".join(axes))

    # workshops
    numbers: dict[int, int] = {}
    treated: set[str] = set()
    for i, w in enumerate(kit.workshops):
        base = path_of(w, f"workshops[{i}]")
        p = base + ".number"
        if w.number in numbers:
            ctx.error(at(p), p, "kit.duplicate_workshop", number=w.number, line=numbers[w.number])
        else:
            numbers[w.number] = _line(at(p))
        check_span(w.start, w.end, base)
        for j, cid in enumerate(w.commitments):
            pc = f"{base}.commitments[{j}]"  # ids are scalars: never dropped, indices hold
            treated.add(cid)
            if kit.plan is None:
                ctx.error(at(pc), pc, "kit.no_plan", id=cid)
            elif cid not in commitment_ids:
                ctx.error(at(pc), pc, "kit.unknown_commitment", id=cid)
        for sid, _items in w.prepared:
            ps = f"{base}.prepared.{sid}"
            if sid not in section_ids:
                ctx.error(at(ps), ps, "kit.unknown_section", id=sid, sections=", ".join(section_ids))
        seen_overrides: set[str] = set()
        for j, o in enumerate(w.sections):
            po = f"{base}.sections[{j}].id"
            if o.id not in section_ids:
                ctx.error(at(po), po, "kit.unknown_section", id=o.id, sections=", ".join(section_ids))
            elif o.id in seen_overrides:
                ctx.error(at(po), po, "kit.duplicate_section_override", id=o.id)
            seen_overrides.add(o.id)
        if w.start and w.end and w.end > w.start and w.phases:
            slot = _minutes(w.end) - _minutes(w.start)
            if w.total_minutes > slot:
                pp = base + ".phases"
                ctx.warn(at(pp), pp, "kit.phases_too_long", minutes=w.total_minutes, slot=slot)

    if kit.plan:
        # one warning for them all: a plan often has commitments no atelier of the day treats
        untreated = [c.id for c in kit.plan.commitments if c.id not in treated]
        if untreated:
            ctx.warn(at("plan.commitments"), "plan.commitments", "kit.commitments_untreated",
                     count=len(untreated), ids=", ".join(str(i) for i in untreated))

    if ev.logo is not None:
        _check_logo(ev.logo, ctx)


def _check_logo(logo: str, ctx: Ctx) -> None:
    p = "event.logo"
    node = ctx.marks.get(p)
    rel = Path(logo)
    if rel.is_absolute() or logo.startswith(("/", "\\")) or (len(logo) > 1 and logo[1] == ":"):
        ctx.error(node, p, "kit.logo_absolute")
        return
    if ".." in rel.parts or ".." in logo.replace("\\", "/").split("/"):
        ctx.error(node, p, "kit.logo_outside")
        return
    if ctx.folder is None:
        return
    folder = Path(ctx.folder).resolve()
    target = (folder / rel).resolve()
    if not target.is_relative_to(folder):
        ctx.error(node, p, "kit.logo_outside")
        return
    if not target.is_file():
        ctx.error(node, p, "kit.logo_missing", file=logo)
        return
    try:
        with open(target, "rb") as fh:
            head = fh.read(8)
    except OSError:
        head = b""
    if not (head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff")):
        ctx.error(node, p, "kit.logo_format", file=logo)


def _line(node: Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 0


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def load_kit(path: str | Path, lang: str | None = None) -> m.Kit:
    """The kit at ``path``, or ``KitError`` listing every error (nothing partial is returned)."""
    report = read_kit(path, lang)
    if report.kit is None:
        raise KitError(report.errors or report.issues)
    return report.kit


def load_kit_text(text: str, name: str = "<kit>", folder: Path | None = None) -> m.Kit:
    """A kit from its YAML text (the copy kept in an event file)."""
    report = read_kit_bytes(text.encode("utf-8"), name, folder=folder)
    if report.kit is None:
        raise KitError(report.errors)
    return report.kit
