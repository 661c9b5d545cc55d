"""Loading a kit from untrusted media: bounded, safe, every error located and reported at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, MappingStartEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, SequenceNode
from yaml.resolver import Resolver

from facilitator.errors import KitError
from facilitator.i18n import tr
from facilitator.kit import model as m
from facilitator.kit.spec import INVALID, KIT, Ctx, Issue

MAX_BYTES = 5 * 1024 * 1024
MAX_ALIASES = 100
MAX_NODES = 100_000
MAX_DEPTH = 50


class _Limit(Exception):
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

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise _Limit(self.peek_event().start_mark, "kit.too_many_aliases", limit=MAX_ALIASES)
            return super().compose_node(parent, index)
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _Limit(self.peek_event().start_mark, "kit.too_many_nodes", limit=MAX_NODES)
        collection = self.check_event(SequenceStartEvent, MappingStartEvent)
        if collection:
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise _Limit(self.peek_event().start_mark, "kit.too_deep", limit=MAX_DEPTH)
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
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        ctx.error(None, "", "kit.not_found")
        return KitReport(path, None, ctx.issues)
    except OSError as exc:
        ctx.error(None, "", "kit.unreadable", reason=exc.strerror or str(exc))
        return KitReport(path, None, ctx.issues)
    if len(data) > MAX_BYTES:
        size = path.stat().st_size
        ctx.error(None, "", "kit.too_big", size=size, limit=MAX_BYTES)
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
    loader = None
    try:
        loader = _LOADER(text)
        root = loader.get_single_node()
    except _Limit as lim:
        ctx.issues.append(Issue(ctx.file, lim.mark.line + 1, lim.mark.column + 1, "", ""))
        ctx.issues[-1].message = tr(lim.key, ctx.lang, **lim.kw)
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or str(exc)
        context = exc.context or ""
        if problem.startswith("found unexpected end of stream") and exc.context_mark is not None:
            mark = exc.context_mark  # the quote or bracket left open, not the end of the file
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "expected a single document" in problem or "expected a single document" in context:
            message = tr("kit.several_documents", ctx.lang)
        elif "found undefined alias" in problem:
            name = problem.split("'")[1] if problem.count("'") >= 2 else problem
            message = tr("kit.undefined_alias", ctx.lang, problem=f"« {name} »")
        else:
            message = tr("kit.yaml_syntax", ctx.lang, problem=_french_problem(problem))
        ctx.issues.append(Issue(ctx.file, line, col, "", message))
        return None
    except yaml.reader.ReaderError as exc:  # a control character (the text is valid UTF-8 here)
        if _LOADER is _BoundedLoader:
            before = text[: exc.position]
        else:  # libyaml counts bytes
            before = text.encode("utf-8")[: exc.position].decode("utf-8", "replace")
        ln = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        ctx.issues.append(Issue(ctx.file, ln, col, "", ""))
        ctx.issues[-1].message = tr("kit.control_character", ctx.lang, code=f"U+{exc.character:04X}"
                                    if isinstance(exc.character, int) else repr(exc.character))
        return None
    except yaml.YAMLError as exc:  # reader errors (control characters) and the like
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "mark", None)
        line = getattr(exc, "position", None)
        ln, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if line is not None and mark is None:
            before = text[:line]
            ln = before.count("\n") + 1
            col = len(before) - (before.rfind("\n") + 1) + 1
        ctx.issues.append(Issue(ctx.file, ln, col, "", ""))
        ctx.issues[-1].message = tr("kit.yaml_syntax", ctx.lang, problem=_french_problem(str(exc)))
        return None
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        ctx.error(None, "", "kit.empty")
        return None
    node, key = _count_expanded(root)
    if node is not None:
        ctx.error(node, "", key, limit=MAX_NODES)
        return None
    return root


_PROBLEMS = {
    "mapping values are not allowed here": "« : » inattendu ici (une valeur contenant « : » doit être entre guillemets)",
    "mapping values are not allowed in this context": "« : » inattendu ici (une valeur contenant « : » doit être entre guillemets)",
    "found character that cannot start any token": "caractère qui ne peut pas commencer une valeur (tabulation ? « @ » ? « ` » ?) : indentez avec des espaces, mettez la valeur entre guillemets",
    "did not find expected <document start>": "le kit doit contenir un seul document YAML",
    "did not find expected ',' or ']'": "« , » ou « ] » attendu (crochet non fermé ?)",
    "did not find expected ',' or '}'": "« , » ou « } » attendu (accolade non fermée ?)",
    "did not find expected node content": "valeur attendue",
    "did not find expected comment or line break": "commentaire ou fin de ligne attendu",
    "did not find expected whitespace or line break": "espace ou fin de ligne attendu",
    "did not find expected alphabetic or numeric character": "nom d'ancre ou d'alias invalide",
    "did not find URI escaped octet": "étiquette YAML invalide",
    "found a tab character that violates indentation": "tabulation interdite en YAML : indentez avec des espaces",
    "found a tab character where an indentation space is expected": "tabulation interdite en YAML : indentez avec des espaces",
    "found unexpected end of stream": "fin de fichier inattendue (guillemet ou crochet non fermé ?)",
    "found unknown escape character": "caractère d'échappement inconnu entre guillemets",
    "found duplicate anchor": "ancre YAML déclarée deux fois",
    "found undefined tag handle": "étiquette YAML inconnue",
    "found incompatible YAML document": "version de YAML non prise en charge",
    "found duplicate %YAML directive": "directive %YAML répétée",
    "found extra tokens": "contenu inattendu en fin de document",
    "control characters are not allowed": "caractère de contrôle interdit",
    "invalid leading UTF-8 octet": "encodage invalide",
    "block sequence entries are not allowed in this context": "« - » inattendu ici (indentation incohérente ?)",
    "could not find expected ':'": "« : » attendu",
    "found character '\\t' that cannot start any token": "tabulation interdite en YAML : indentez avec des espaces",
    "did not find expected key": "clé attendue (indentation incohérente ?)",
    "did not find expected '-' indicator": "« - » attendu (indentation incohérente ?)",
    "expected <block end>, but found '-'": "« - » inattendu (indentation incohérente ?)",
    "expected <block end>, but found": "indentation incohérente (une ligne est plus ou moins décalée que ses voisines ?)",
    "expected <block end>": "indentation incohérente",
    "expected ',' or ']'": "« , » ou « ] » attendu (crochet non fermé ?)",
    "expected ',' or '}'": "« , » ou « } » attendu (accolade non fermée ?)",
    "found character '@' that cannot start any token": "« @ » ne peut pas commencer une valeur : mettez-la entre guillemets",
    "found character '`' that cannot start any token": "« ` » ne peut pas commencer une valeur : mettez-la entre guillemets",
    "found character '%' that cannot start any token": "« % » ne peut pas commencer une valeur : mettez-la entre guillemets",
    "found character": "caractère qui ne peut pas commencer une valeur : mettez-la entre guillemets",
    "expected the node content": "valeur attendue",
    "expected alphabetic or numeric character": "nom d'ancre ou d'alias invalide",
    "found unexpected ':'": "« : » inattendu ici (mettez la valeur entre guillemets)",
    "found a tab character": "tabulation interdite en YAML : indentez avec des espaces",
    "expected a comment or a line break": "commentaire ou fin de ligne attendu",
    "expected a mapping node": "un tableau de clés était attendu",
    "but found another document": "le kit doit contenir un seul document YAML",
}


def _french_problem(problem: str) -> str:
    for en, fr in _PROBLEMS.items():
        if problem.startswith(en):
            return fr
    return f"structure invalide ({problem})"


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
        if w.start and w.end and w.end > w.start and w.phases:
            slot = _minutes(w.end) - _minutes(w.start)
            if w.total_minutes > slot:
                pp = base + ".phases"
                ctx.warn(at(pp), pp, "kit.phases_too_long", minutes=w.total_minutes, slot=slot)

    if kit.plan:
        for i, c in enumerate(kit.plan.commitments):
            if c.id not in treated:
                p = path_of(c, f"plan.commitments[{i}]")
                ctx.warn(at(p), p, "kit.commitment_untreated", id=c.id)

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
