"""Benchmark of the exports. Run ``python bench/exports.py``; not a test.

PDF documents (exports/pdf), each against a baseline measured in the same run (rendering a
one-paragraph reportlab document with the same fonts):

- the 2016 demo restitution, content read from the event file and rendered: under 1 s;
- a participant booklet with 100 QR codes (100 distinct URLs, QR cache cleared): under 3 s;
- one long note: the restitution with a 1 MB note against the same with a 100 kB note, the demo
  event's own time taken off both (best of 3 each): at most 12× for 10× the text (linear, not quadratic);
- the restitution of an event of 20,000 notes: under 15 s and 400 MB peak memory, time growing
  linearly (2,500 / 5,000 / 10,000 / 20,000 notes, each in a fresh process so that its peak RSS
  is its own; per-note time at 8× at most 1.5 × the per-note time at 1×).

Prints one line per figure with its target and its ratio to the baseline; exits 1 on any miss.
Other exports add their own ``*_benchmarks()`` function to ``GROUPS``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = (2_500, 5_000, 10_000, 20_000)


@dataclasses.dataclass
class Result:
    name: str
    value: float
    unit: str
    target: float
    ratio: float | None = None  # against the baseline

    @property
    def ok(self) -> bool:
        return self.value < self.target

    def line(self) -> str:
        ratio = f"{self.ratio:8.1f}× baseline" if self.ratio is not None else " " * 17
        status = "ok" if self.ok else "MISS"
        return f"{self.name:<44} {self.value:9.3f} {self.unit:<3} target < {self.target:g} {self.unit:<3} {ratio}  {status}"


def best_of(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


# --- PDF ----------------------------------------------------------------------------------------

def pdf_baseline() -> float:
    """A one-paragraph document with the vendored fonts: reportlab's fixed cost."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph

    from exports.pdf.base import Document, Styles

    styles = Styles()

    def empty():
        doc = Document(A4, title="t", author="a", subject="s", lang="fr", header="h",
                       margins=(50, 50, 50, 50))
        doc.render([Paragraph("Bonjour", styles.body)])

    empty()  # font registration, imports
    return best_of(empty, 5)


def _env(home: str) -> dict:
    env = dict(os.environ, FACILITATOR_HOME=home, FACILITATOR_DEVICE="bench")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def bench_demo_restitution(tmp: Path) -> float:
    from exports.content import restitution
    from exports.pdf.restitution import render_restitution
    from facilitator.demo import create_demo

    ev = create_demo(tmp / "demo.facilitator")
    try:
        render_restitution(restitution(ev))  # warm: imports, fonts
        return best_of(lambda: render_restitution(restitution(ev)), 3)
    finally:
        ev.close()


LONG_NOTE = (100_000, 1_000_000)  # characters


def long_text(n: int) -> str:
    """``n`` characters of words of 2 to 9 letters (reproducible)."""
    import random

    r = random.Random(n)
    out, size = [], 0
    while size < n:
        word = "".join(r.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(r.randint(2, 9)))
        out.append(word)
        size += len(word) + 1
    return " ".join(out)[:n]


def bench_long_note(tmp: Path, chars: int) -> float:
    """The demo restitution with one more note of ``chars`` characters, minus the demo's own."""
    from exports.content import restitution
    from exports.pdf.restitution import render_restitution
    from facilitator.demo import create_demo

    ev = create_demo(tmp / f"long-{chars}.facilitator")
    try:
        plain = best_of(lambda: render_restitution(restitution(ev)), 3)  # warm, like the next
        first = ev.kit.workshops[0]
        ev.add_note(first.number, ev.kit.sections[0].id, long_text(chars))
        return best_of(lambda: render_restitution(restitution(ev)), 3) - plain
    finally:
        ev.close()


def booklet_kit(codes: int = 100):
    """The 2021 kit with ``codes`` links over 10 ateliers, every URL distinct."""
    import kits
    from facilitator.kit import load_kit
    from facilitator.kit.model import Link

    kit = load_kit(kits.kit_path("forum-open-etat-2021-1"))
    base = kit.workshops[0]
    per = codes // 10
    workshops = tuple(
        dataclasses.replace(base, number=n + 1, online=(), readings=tuple(
            Link(f"Lecture {n + 1}.{i + 1} avant l'atelier",
                 f"https://exemple.gouv.fr/atelier-{n + 1}/lecture/{i + 1}?source=livret")
            for i in range(per)))
        for n in range(10))
    return dataclasses.replace(kit, workshops=workshops, event=dataclasses.replace(kit.event, links=()),
                               plan=dataclasses.replace(kit.plan, url=None))


def bench_booklet(codes: int = 100) -> float:
    from exports.pdf import qr
    from exports.pdf.booklet import qr_links, render_booklet

    kit = booklet_kit(codes)
    assert len(qr_links(kit)) == codes
    render_booklet(booklet_kit(10))  # warm: imports, fonts

    def run():
        qr.runs.cache_clear()
        render_booklet(kit)

    return best_of(run, 3)


def big_event_child(notes: int, folder: str) -> dict:
    """In a fresh process: build an event of ``notes`` notes, then time its restitution."""
    import kits
    from exports.content import restitution
    from exports.pdf.restitution import render_restitution
    from facilitator.kit import load_kit
    from facilitator.kit.model import Item
    from facilitator.store import EventFile

    kit = load_kit(kits.kit_path("ministere-ouvert-2016"))
    ev = EventFile.create(Path(folder) / f"big-{notes}.facilitator", kit)
    places = [(w.number, s.id) for w in kit.workshops for s in kit.sections]
    per_place = notes // len(places)
    text = ("Proposition des participants sur la mise en œuvre de l'engagement : "
            "publier les données, associer la société civile, mesurer l'impact ; voir {n}.")
    n = 0
    for w, s in places:
        items = []
        while sum(1 + len(i.items) for i in items) + 3 <= per_place:
            kids = tuple(Item(text.format(n=n + k + 1)) for k in range(2))
            items.append(Item(text.format(n=n), url=f"https://exemple.fr/note/{n}" if n % 7 == 0 else None,
                              items=kids))
            n += 3
        ev.add_items(w, s, items)  # one transaction per atelier section
    total = sum(ev.count_notes().values())
    t = time.perf_counter()
    content = restitution(ev)
    t_content = time.perf_counter() - t
    pdf = render_restitution(content)
    elapsed = time.perf_counter() - t
    ev.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    return {"notes": total, "seconds": elapsed, "content_seconds": t_content, "peak_mb": peak,
            "bytes": len(pdf)}


def bench_big_events(tmp: Path) -> list[dict]:
    out = []
    for size in SIZES:
        proc = subprocess.run(
            [sys.executable, __file__, "--big-event", str(size), str(tmp)],
            capture_output=True, text=True, env=_env(str(tmp / "home")), timeout=600,
        )
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr)
            raise SystemExit(f"big event of {size} notes failed")
        out.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return out


def pdf_benchmarks(tmp: Path) -> list[Result]:
    base = pdf_baseline()
    results = [Result("pdf baseline (one-paragraph document)", base, "s", 0.2, 1.0)]
    t = bench_demo_restitution(tmp)
    results.append(Result("restitution, 2016 demo event", t, "s", 1.0, t / base))
    t = bench_booklet(100)
    results.append(Result("booklet, 100 QR codes", t, "s", 3.0, t / base))
    short, long = (bench_long_note(tmp, n) for n in LONG_NOTE)
    results.append(Result(f"one note of {LONG_NOTE[1] // 1000:,} kB vs {LONG_NOTE[0] // 1000:,} kB "
                          f"({long:.1f} s vs {short:.1f} s)", long / short, "×", 12.0))
    runs = bench_big_events(tmp)
    for r in runs:
        results.append(Result(f"restitution, {r['notes']:,} notes ({r['bytes'] // 1024:,} kB)",
                              r["seconds"], "s", 15.0, r["seconds"] / base))
    biggest = runs[-1]
    results.append(Result(f"restitution, {biggest['notes']:,} notes: peak RSS", biggest["peak_mb"],
                          "MB", 400.0))
    per_note = [r["seconds"] / r["notes"] for r in runs]
    for r, pn in zip(runs[1:], per_note[1:], strict=True):
        growth = pn / per_note[0]
        results.append(Result(f"per-note time at {r['notes'] / runs[0]['notes']:.0f}× vs 1×", growth,
                              "×", 1.5))
    return results


GROUPS = [pdf_benchmarks]


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-exports-") as folder:
        tmp = Path(folder)
        (tmp / "home").mkdir()
        os.environ.setdefault("FACILITATOR_HOME", str(tmp / "home"))
        os.environ.setdefault("FACILITATOR_DEVICE", "bench")
        results: list[Result] = []
        for group in GROUPS:
            for r in group(tmp):
                print(r.line(), flush=True)
                results.append(r)
    missed = [r for r in results if not r.ok]
    if missed:
        print(f"{len(missed)} target(s) missed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--big-event":
        print(json.dumps(big_event_child(int(sys.argv[2]), sys.argv[3])))
        sys.exit(0)
    if "--quick" in sys.argv[1:]:  # small sizes: checks that the script runs (tests/test_bench.py)
        SIZES = (500, 1_000)
        LONG_NOTE = (5_000, 50_000)
    sys.exit(main())
