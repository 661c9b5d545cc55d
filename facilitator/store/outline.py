"""The order of an outline: one function for the event file, the app's cache and the documents."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar


class _Node(Protocol):
    id: str
    parent_id: str | None
    position: float


N = TypeVar("N", bound=_Node)


def tree_order(rows: Iterable[N]) -> list[tuple[N, int]]:
    """Rows of one outline (one atelier section) depth-first, with their depth (0 = top).

    Siblings go by (position, id). A row whose parent is not among ``rows`` is at the top. Rows
    caught in a cycle (two laptops each moved a note under the other, then merged) are shown too,
    from the smallest (position, id) of them at the top: no note ever disappears from view.
    """
    by_id = {r.id: r for r in rows}
    children: dict[str | None, list[N]] = {}
    for r in by_id.values():
        parent = r.parent_id if r.parent_id in by_id and r.parent_id != r.id else None
        children.setdefault(parent, []).append(r)
    for lst in children.values():
        lst.sort(key=lambda r: (r.position, r.id))
    out: list[tuple[N, int]] = []
    seen: set[str] = set()

    def walk(tops: list[N]) -> None:
        stack = [(r, 0) for r in reversed(tops)]
        while stack:
            r, depth = stack.pop()
            if r.id in seen:
                continue
            seen.add(r.id)
            out.append((r, depth))
            stack.extend((c, depth + 1) for c in reversed(children.get(r.id, [])))

    walk(children.get(None, []))
    if len(seen) < len(by_id):
        for r in sorted((r for r in by_id.values() if r.id not in seen), key=lambda r: (r.position, r.id)):
            if r.id not in seen:
                walk([r])
    return out
