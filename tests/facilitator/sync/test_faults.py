"""Real faults: laptops syncing live with ``--watch``; the hub killed (SIGKILL) mid-push, laptops
killed mid-push and mid-pull, the hub restarted on a new data folder: nothing acknowledged is
lost or duplicated, every file passes ``PRAGMA integrity_check``, everyone converges."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from facilitator.demo import create_demo
from facilitator.kit.model import Item
from facilitator.merge import canonical_dump
from facilitator.store import EventFile
from facilitator.sync import server
from tests.hub_support import (
    facilitator,
    hub_folder,
    own_hub,
    restart,
    spawn,
    stop_and_remove,
)

HUB_KILLS = 5
LAPTOP_KILLS = 15
WAIT = 60  # seconds a laptop may take to see another's notes (bounded loops)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FACILITATOR_HOME", str(folder / "home"))
        path = folder / "demo-2016.fae"
        create_demo(path, device="organisers").close()
    return path


def revision_ids(path: Path) -> set[str]:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {r[0] for r in con.execute("SELECT id FROM note_revision UNION ALL SELECT id FROM record_revision")}
    finally:
        con.close()


def integrity(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def hub_ids(info: server.HubInfo) -> list[str]:
    import psycopg

    with psycopg.connect(connect_timeout=5, **info.admin_conninfo()) as con:
        return [r[0] for r in con.execute("SELECT id FROM revision")]


def wait_for_push(info: server.HubInfo, code: str, proc) -> bool:
    """Wait (bounded) until the laptop's push transaction is open on the hub; False if the
    laptop ended first."""
    import psycopg

    role = code.split("://", 1)[1].split(":", 1)[0]
    end = time.monotonic() + WAIT
    with psycopg.connect(autocommit=True, connect_timeout=5, **info.admin_conninfo()) as con:
        while time.monotonic() < end and proc.poll() is None:
            busy = con.execute("SELECT count(*) FROM pg_stat_activity WHERE usename = %s AND "
                               "state IN ('active', 'idle in transaction') AND query ILIKE '%%INSERT%%'",
                               (role,)).fetchone()[0]
            if busy:
                return True
            time.sleep(0.01)
    return False


def wait_for(condition, what: str) -> None:
    end = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < end, f"not within {WAIT} s: {what}"
        time.sleep(0.1)


def stop(proc) -> tuple[str, str]:
    """Ctrl+C to a watching laptop; what it printed."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
    try:
        return proc.communicate(timeout=20)
    except Exception:  # noqa: BLE001 — then for good
        proc.kill()
        return proc.communicate(timeout=20)


def test_two_watching_laptops_see_each_others_notes(tmp_path, demo_file, make_hub):
    a, b = tmp_path / "a.fae", tmp_path / "b.fae"
    shutil.copy(demo_file, a)
    shutil.copy(demo_file, b)
    code = str(make_hub(a))
    home = tmp_path / "home"
    watchers = [spawn("sync", a, "--hub", code, "--watch", "--poll", "0.5", device="laptop-a", home=home),
                spawn("sync", b, "--hub", code, "--watch", "--poll", "0.5", device="laptop-b", home=home)]
    try:
        with EventFile.open(a, device="laptop-a") as ev:
            typed = [ev.add_note(1, "defis", f"Note tapée sur A n°{i}").focus for i in range(20)]
        wait_for(lambda: set(typed) <= {n for n in note_ids(b)}, "A's notes in B's file")
        with EventFile.open(b, device="laptop-b") as ev:
            ev.edit_note(typed[0], text="Reprise par B")
            back = ev.add_note(2, "defis", "Réponse de B").focus
        wait_for(lambda: back in note_ids(a), "B's note in A's file")
        wait_for(lambda: revision_ids(a) == revision_ids(b), "the same revisions")
    finally:
        said = [stop(w) for w in watchers]
    for out, err in said:
        assert "Synchronisation continue" in out and code not in out + err
    with EventFile.open(a, device="laptop-a") as ev:
        assert ev.note(typed[0]).text == "Reprise par B"
    assert canonical_dump(a) == canonical_dump(b)


def note_ids(path: Path) -> set[str]:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {r[0] for r in con.execute("SELECT id FROM note")}
    finally:
        con.close()


def test_sigkills_of_the_hub_and_the_laptops_lose_and_duplicate_nothing(tmp_path, demo_file):
    rng = random.Random(17)
    a, b = tmp_path / "a.fae", tmp_path / "b.fae"
    shutil.copy(demo_file, a)
    shutil.copy(demo_file, b)
    with EventFile.open(a, device="laptop-a") as ev:  # enough revisions for a push that takes a while
        for w in (1, 2, 3):
            ev.add_items(w, "defis", [Item(f"Note {w}.{i} " + "texte " * 20) for i in range(250)])
    with EventFile.open(b, device="laptop-b") as ev:
        for i in range(50):
            ev.add_note(4, "initiatives", f"Initiative de B n°{i}")
    folder = hub_folder()
    home = tmp_path / "home"
    kills = 0
    try:
        info, code = own_hub(folder, a)
        code = str(code)
        port = info.port
        # the hub killed while A pushes: once the push's transaction is on the server
        for _ in range(HUB_KILLS):
            proc = spawn("sync", a, "--hub", code, device="laptop-a", home=home)
            pushing = wait_for_push(info, code, proc)
            time.sleep(rng.uniform(0, 0.05))
            pid = server.running(server.HubInfo.load(folder))
            if pid:
                os.kill(pid, signal.SIGKILL)
                kills += pushing
            _out, err = proc.communicate(timeout=120)
            assert proc.returncode in (0, 1), err  # 1: the hub was lost, said in French
            info = restart(folder, port)
            assert len(hub_ids(info)) == len(set(hub_ids(info)))
        # A killed mid-push, B killed mid-pull: at a random moment of a sync's usual duration
        took = {}
        for laptop, device in ((b, "laptop-b"), (a, "laptop-a")):
            shutil.copy(laptop, tmp_path / "probe.fae")  # how long a whole sync takes, on a copy
            start = time.monotonic()
            facilitator("sync", tmp_path / "probe.fae", "--hub", code, device=device, home=home)
            took[laptop] = time.monotonic() - start
        laptop_kills = 0
        for i in range(3 * LAPTOP_KILLS):  # bounded: a sync may end before its kill lands
            if laptop_kills == LAPTOP_KILLS:
                break
            laptop, device = (a, "laptop-a") if i % 2 == 0 else (b, "laptop-b")
            proc = spawn("sync", laptop, "--hub", code, device=device, home=home)
            time.sleep(rng.uniform(0.4, 0.95) * took[laptop])
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                laptop_kills += 1
            proc.communicate(timeout=120)
            assert integrity(laptop) == "ok"
        kills += laptop_kills
        for laptop, device in ((a, "laptop-a"), (b, "laptop-b"), (a, "laptop-a")):
            facilitator("sync", laptop, "--hub", code, device=device, home=home)
        held = hub_ids(info)
        assert len(held) == len(set(held))  # nothing duplicated
        assert set(held) == revision_ids(a) == revision_ids(b)  # nothing lost
        assert canonical_dump(a) == canonical_dump(b)
        assert integrity(a) == integrity(b) == "ok"
        assert kills >= 15  # of the 20, at least 15 while a laptop was working
        # the hub restarted on a new data folder: the laptops fill it again
        stop_and_remove(folder)
        folder2 = hub_folder()
        try:
            info2, code2 = own_hub(folder2, a)
            code2 = str(code2)
            facilitator("sync", b, "--hub", code2, device="laptop-b", home=home)
            facilitator("sync", a, "--hub", code2, device="laptop-a", home=home)
            assert set(hub_ids(info2)) == revision_ids(a) == revision_ids(b)
        finally:
            stop_and_remove(folder2)
    finally:
        stop_and_remove(folder)


TYPIST = """
import sys
from facilitator.store import EventFile

paths, count = sys.argv[1:-1], int(sys.argv[-1])
files = [EventFile.open(p, device=f"laptop-{i}") for i, p in enumerate(paths)]
try:
    for n in range(count):
        for i, ev in enumerate(files):
            ev.add_note(1 + n % 3, "defis", f"Portable {i}, note {n}")
finally:
    for ev in files:
        ev.close()
"""


def test_watching_laptops_converge_while_another_program_types_into_their_files(tmp_path, demo_file, make_hub):
    """Two ``sync --watch`` laptops while a third program (the app, say) types into both files:
    what it typed between a watcher's push and its next pull is pushed too (found by
    bench/sync.py: the watchers stopped pushing and never converged)."""
    import subprocess
    import sys

    paths = [tmp_path / "a.fae", tmp_path / "b.fae"]
    for p in paths:
        shutil.copy(demo_file, p)
    code = str(make_hub(paths[0]))
    home = tmp_path / "home"
    watchers = [spawn("sync", p, "--hub", code, "--watch", "--poll", "0.5", device=f"laptop-{i}", home=home)
                for i, p in enumerate(paths)]
    try:
        time.sleep(2)  # the watchers' first rounds
        for _ in range(3):  # bursts of typing, each while the watchers push and pull
            typist = subprocess.run([sys.executable, "-c", TYPIST, *map(str, paths), "20"], cwd=Path(__file__).parents[3],
                                    env=dict(os.environ, FACILITATOR_HOME=str(home)), capture_output=True, text=True,
                                    timeout=120)
            assert typist.returncode == 0, typist.stderr
        typed = note_ids(paths[0]) | note_ids(paths[1])
        wait_for(lambda: note_ids(paths[0]) == note_ids(paths[1]) == typed, "each file holds the other's notes")
        wait_for(lambda: revision_ids(paths[0]) == revision_ids(paths[1]), "the same revisions")
    finally:
        said = [stop(w) for w in watchers]
    for out, err in said:
        assert code not in out + err
    assert canonical_dump(paths[0]) == canonical_dump(paths[1])
    assert integrity(paths[0]) == integrity(paths[1]) == "ok"


def test_four_watching_laptops_converge_through_a_killed_laptop_and_a_restarted_hub(tmp_path, demo_file):
    """Four laptops syncing live while a program types into all four files: one laptop's sync
    killed (SIGKILL) mid-sync and restarted, the hub killed and restarted under everyone, two
    laptops editing one note while apart. Every file and the hub end with the same revisions,
    each once; the concurrent edits are kept side by side on every laptop."""
    import subprocess
    import sys

    paths = [tmp_path / f"portable-{i}.fae" for i in range(4)]
    for p in paths:
        shutil.copy(demo_file, p)
    with EventFile.open(paths[0], device="laptop-0") as ev:
        shared = ev.outline(1, "defis")[0][0].id
        ev.edit_note(shared, text="Version du portable 0")
    with EventFile.open(paths[1], device="laptop-1") as ev:
        ev.edit_note(shared, text="Version du portable 1")
    folder = hub_folder()
    home = tmp_path / "home"
    root = Path(__file__).parents[3]

    def watcher(i: int):
        return spawn("sync", paths[i], "--hub", code, "--watch", "--poll", "0.5", device=f"laptop-{i}", home=home)

    def typist(count: int):
        return subprocess.Popen([sys.executable, "-c", TYPIST, *map(str, paths), str(count)], cwd=root,
                                env=dict(os.environ, FACILITATOR_HOME=str(home)), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)

    def typed(proc) -> None:
        assert proc.wait(timeout=120) == 0

    watchers, info, code = [], None, "?"
    try:
        info, code = own_hub(folder, paths[0])
        code, port = str(code), info.port
        watchers = [watcher(i) for i in range(4)]
        # laptop 2's sync killed while it works (the others and the typing go on), then restarted
        typing = typist(15)
        wait_for(lambda: typing.poll() is not None or len(hub_ids(info)) > 0, "a first push")
        time.sleep(0.3)
        watchers[2].send_signal(signal.SIGKILL)
        watchers[2].communicate(timeout=20)
        typed(typing)
        watchers[2] = watcher(2)
        # the hub killed under everyone while they type, then started again on its port
        typing = typist(15)
        time.sleep(0.5)
        pid = server.running(server.HubInfo.load(folder))
        assert pid
        os.kill(pid, signal.SIGKILL)
        typed(typing)
        info = restart(folder, port)
        typed(typist(10))
        wait_for(lambda: len({frozenset(revision_ids(p)) for p in paths}) == 1, "the same revisions on the four")
        wait_for(lambda: set(hub_ids(info)) == revision_ids(paths[0]), "the hub holds them too")
    finally:
        said = [stop(w) for w in watchers]
        held = hub_ids(info) if info is not None and server.running(info) else []
        stop_and_remove(folder)
    for out, err in said:
        assert code not in out + err
    assert len(held) == len(set(held))  # nothing duplicated
    first_burst = {f"Portable {i}, note {n}" for i in range(4) for n in range(15)}
    dumps = [canonical_dump(p) for p in paths]
    assert all(d == dumps[0] for d in dumps)
    for p in paths:
        assert integrity(p) == "ok"
        with EventFile.open(p, device="reader") as ev:
            texts = {n.text for n in ev.notes()}
            assert first_burst <= texts  # nothing typed lost, on every laptop
            assert len([n for n in ev.notes() if n.text.startswith("Portable ")]) == 4 * (15 + 15 + 10)
            conflict = [c for c in ev.conflicts("note") if c.record_id == shared]
            assert conflict and {v.state.text for v in conflict[0].versions} >= {
                "Version du portable 0", "Version du portable 1"}
