"""Benchmark: 20 laptops × 1,000 notes merged into one event file (target: under 2 s).

Run ``python bench/merge.py``. Builds the laptops' files in a temporary folder (each starting
from the same kit, each with 1,000 notes of its own in nested outlines, and a few edits of the
shared prepared notes, so that there are concurrent heads and conflicts), then times:

- the baseline: a plain copy of the same revision and note rows into an empty database with
  sqlite3 (one transaction, no checks);
- the merge: ``facilitator.merge.merge`` into a copy of the starting file, backup included.

Prints both times and their ratio; exits 1 if the merge takes 2 s or more. Not a test.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from facilitator.kit import load_kit_text  # noqa: E402
from facilitator.kit.model import Item  # noqa: E402
from facilitator.kit.template import template_text  # noqa: E402
from facilitator.merge import merge  # noqa: E402
from facilitator.store import EventFile  # noqa: E402
from facilitator.store.schema import metadata  # noqa: E402

LAPTOPS = 20
NOTES = 1000
EDITS = 10
TARGET_SECONDS = 2.0
SECTIONS = ("projets", "indicateurs", "initiatives", "defis", "futurs")


def items(laptop: int) -> list[Item]:
    """1,000 notes: 100 top-level items with 3 children each, 2 of them with 2 children."""
    out = []
    n = 0
    while n < NOTES:
        kids = []
        n += 1
        for k in range(3):
            if n >= NOTES:
                break
            n += 1
            grand = []
            for g in range(2 if k < 2 else 0):
                if n >= NOTES:
                    break
                n += 1
                grand.append(Item(f"portable {laptop} détail {n} {g}"))
            kids.append(Item(f"portable {laptop} sous-point {n}", items=tuple(grand)))
        out.append(Item(f"portable {laptop} idée {n}", items=tuple(kids)))
    return out


def build(folder: Path) -> tuple[Path, list[Path]]:
    base = folder / "base.fae"
    kit = load_kit_text(template_text())
    EventFile.create(base, kit, device="organisers").close()
    files = []
    for i in range(LAPTOPS):
        path = folder / f"portable-{i:02d}.fae"
        shutil.copy(base, path)
        with EventFile.open(path, device=f"portable-{i:02d}") as ev:
            per = items(i)
            chunk = len(per) // len(SECTIONS) + 1
            for s, section in enumerate(SECTIONS):
                ev.add_items(1, section, per[s * chunk:(s + 1) * chunk])
            shared = ev.notes(1, "projets")[:EDITS]
            for j, note in enumerate(shared):  # everyone edits the prepared notes: conflicts
                if j % 2 == 0:
                    ev.edit_note(note.id, text=f"{note.text} (revu sur le portable {i})")
                else:
                    ev.vote(note.id)
        files.append(path)
    return base, files


def baseline(folder: Path, files: list[Path]) -> float:
    path = folder / "baseline.db"
    con = sqlite3.connect(path)
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{path}")
    metadata.create_all(engine)
    engine.dispose()
    start = time.perf_counter()
    con.execute("BEGIN")
    for f in files:
        src = sqlite3.connect(f"{f.resolve().as_uri()}?mode=ro", uri=True)
        revs = src.execute("SELECT * FROM note_revision").fetchall()
        notes = src.execute("SELECT * FROM note").fetchall()
        src.close()
        con.executemany("INSERT OR IGNORE INTO note_revision VALUES (?,?,?,?,?,?)", revs)
        con.executemany(f"INSERT OR REPLACE INTO note VALUES ({','.join('?' * 15)})", notes)
    con.commit()
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ.setdefault("FACILITATOR_HOME", str(folder / "home"))
        t0 = time.perf_counter()
        base, files = build(folder)
        print(f"préparation : {LAPTOPS} portables × {NOTES} notes en {time.perf_counter() - t0:.1f} s")
        base_time = baseline(folder, files)
        target = folder / "fusion.fae"
        shutil.copy(base, target)
        with EventFile.open(target, device="rapporteur") as ev:
            start = time.perf_counter()
            report = merge(ev, files)
            elapsed = time.perf_counter() - start
            notes = len(ev.notes())
            conflicts = len(ev.conflicts())
        print(f"copie brute des mêmes lignes (référence) : {base_time:.3f} s")
        print(f"fusion (sauvegarde comprise) : {elapsed:.3f} s — {elapsed / base_time:.1f} × la référence")
        print(f"notes visibles : {notes}, conflits : {conflicts}, "
              f"révisions nouvelles : {sum(s.new_revisions for s in report.sources)}")
        ok = elapsed < TARGET_SECONDS
        # the shared one-line format read by bench/run_all.py
        print(f"merge, {LAPTOPS} laptops × {NOTES} notes   {elapsed:.3f} s   target < {TARGET_SECONDS:.0f} s   "
              f"{elapsed / base_time:.1f}× baseline  {'ok' if ok else 'MISS'}")
        print(f"objectif < {TARGET_SECONDS:.0f} s : {'atteint' if ok else 'MANQUÉ'}")
        return 0 if ok else 1


if __name__ == "__main__":
    if "--quick" in sys.argv[1:]:  # small sizes: checks that the script runs (tests/test_bench.py)
        LAPTOPS, NOTES = 3, 100
    sys.exit(main())
