"""Creation is atomic: ``new --kit``, ``new --demo`` and ``import json`` killed with SIGKILL at
random moments leave either no file or a complete event file under the chosen name, never replace
a file that appeared there meanwhile, and their temporary files are recognisable and cleaned.

The commands run as real processes forked from a "zygote" that has imported the core (a fresh
interpreter costs ~0.5 s a kill); one round per command also uses a fresh ``python -m facilitator``.
Kill moments are drawn uniformly over the length of an uncut run of the same command.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kits
from facilitator.files import clean_abandoned, is_temporary, publish, temporary_name
from facilitator.importer import import_json
from facilitator.store import EventFile, inspect
from facilitator.store.schema import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("FACILITATOR_CREATION_KILLS", "20"))
RACES = 4  # rounds per command where a file appears under the chosen name during the run
PRECIOUS = b"un fichier qui existait deja et ne doit jamais etre remplace\n"

ZYGOTE = r'''
import os, sys, json
import facilitator.cli, facilitator.demo, facilitator.importer, exports.cli  # noqa: F401 (imported once)
from facilitator.store.engine import preload
preload()
for line in sys.stdin:
    if line.startswith("QUIT"):
        break
    argv, log = json.loads(line)
    pid = os.fork()
    if pid == 0:
        code = 3
        try:
            fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            code = facilitator.cli.main(argv)
        except BaseException:
            import traceback
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            os._exit(code)
    os.write(1, f"PID {pid}\n".encode())
    _, status = os.waitpid(pid, 0)
    os.write(1, f"DONE {status}\n".encode())
'''


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    return env


class Zygote:
    def __init__(self, errors: Path) -> None:
        self.errors = errors
        with open(errors, "w") as err:
            self.proc = subprocess.Popen([sys.executable, "-c", ZYGOTE], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=err, text=True, env=_env(), cwd=ROOT)

    def _line(self) -> str:
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError("le zygote s'est arrêté : " + self.errors.read_text(errors="replace"))
        return line.strip()

    def run(self, argv: list[str], log: Path, action=None) -> int:
        """Run ``facilitator argv`` in a forked process; ``action(pid)`` is called once it runs
        (to kill it, or to race it). Returns the wait status."""
        self.proc.stdin.write(json.dumps([argv, str(log)]) + "\n")
        self.proc.stdin.flush()
        head = self._line()
        assert head.startswith("PID "), head
        if action is not None:
            action(int(head.split()[1]))
        done = self._line()
        assert done.startswith("DONE "), done
        return int(done.split()[1])

    def close(self) -> None:
        try:
            if self.proc.poll() is None:
                self.proc.stdin.write("QUIT\n")
                self.proc.stdin.flush()
                self.proc.wait(timeout=30)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            self.proc.stdin.close()
            self.proc.stdout.close()


@pytest.fixture
def zygote(tmp_path):
    z = Zygote(tmp_path / "zygote-stderr.txt")
    try:
        yield z
    finally:
        z.close()


@pytest.fixture(scope="module")
def json_export(tmp_path_factory) -> tuple[Path, int]:
    """A JSON export of the demo event with a few changes, and its number of notes."""
    from exports.json_export import render_json

    folder = tmp_path_factory.mktemp("export")
    old = os.environ.get("FACILITATOR_HOME")
    os.environ["FACILITATOR_HOME"] = str(folder / "home")
    try:
        from facilitator.demo import create_demo

        with create_demo(folder / "demo.facilitator", device="laptop-export") as ev:
            ev.set_participants(1, "citoyen", 7)
            n = ev.notes()[4]
            ev.edit_note(n.id, text="modifié avant l'export")
            source = folder / "demo.json"
            source.write_bytes(render_json(ev))
            count = len(ev.notes(include_deleted=True))
    finally:
        if old is None:
            os.environ.pop("FACILITATOR_HOME", None)
        else:
            os.environ["FACILITATOR_HOME"] = old
    return source, count


def _complete(path: Path) -> int:
    """Check that ``path`` is a complete event file; its number of notes."""
    assert inspect(path) == SCHEMA_VERSION
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()
    with EventFile.open(path) as ev:
        return len(ev.notes(include_deleted=True))


def _argv(command: str, target: Path, source: Path | None) -> list[str]:
    if command == "new --kit":
        return ["new", "--kit", str(kits.kit_path("ministere-ouvert-2016")), str(target)]
    if command == "new --demo":
        return ["new", "--demo", str(target)]
    return ["import", "json", str(source), str(target)]


def _others(folder: Path, known: set[str]) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name not in known)


@pytest.mark.parametrize("command", ["new --kit", "new --demo", "import json"])
def test_sigkill_during_creation_leaves_no_file_or_a_complete_one(command, zygote, json_export, tmp_path):
    rnd = random.Random(int(os.environ.get("FACILITATOR_CREATION_SEED", "20160621")) + len(command))
    source = json_export[0] if command == "import json" else None
    work = tmp_path / "dossier"
    work.mkdir()
    logs = tmp_path / "logs"
    logs.mkdir()
    existing = work / "existant.facilitator"
    existing.write_bytes(PRECIOUS)
    known = {existing.name}

    # an uncut run: how long a creation takes, and what a complete one holds
    lengths, counts = [], set()
    for i in range(3):  # (the shortest of three: the first one also fills caches)
        target = work / f"complet-{i}.facilitator"
        started = time.monotonic()
        status = zygote.run(_argv(command, target, source), logs / "complet.txt")
        lengths.append(time.monotonic() - started)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, (logs / "complet.txt").read_text()
        counts.add(_complete(target))
        known.add(target.name)
        assert _others(work, known) == []  # an uncut run leaves no temporary file
    length = min(lengths)
    (expected,) = counts
    if command == "import json":
        assert expected == json_export[1]

    # the same command refuses an existing file, and leaves it as it was
    status = zygote.run(_argv(command, existing, source), logs / "existant.txt")
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 1, (logs / "existant.txt").read_text()
    assert "existe déjà" in (logs / "existant.txt").read_text()
    assert existing.read_bytes() == PRECIOUS

    kills = rounds = complete = left_temporary = 0
    while kills < KILLS:
        rounds += 1
        assert rounds < 4 * KILLS, f"trop peu de SIGKILL pendant la création ({kills} en {rounds} essais)"
        target = work / f"tue-{rounds}.facilitator"
        delay = rnd.uniform(0.0, length)

        def kill(pid: int, delay=delay) -> None:
            time.sleep(delay)
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:  # finished (and reaped by the zygote) before
                pass

        status = zygote.run(_argv(command, target, source), logs / f"tue-{rounds}.txt", kill)
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        if not killed:  # it finished before the kill: it must have succeeded
            assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, (logs / f"tue-{rounds}.txt").read_text()
        kills += killed
        if target.exists():
            assert _complete(target) == expected  # never a partial event under the chosen name
            known.add(target.name)
            complete += 1
        # what else is in the folder: only recognisable temporary files of the killed run
        others = _others(work, known)
        assert all(is_temporary(p) for p in others), others
        left_temporary += bool(others)
        assert existing.read_bytes() == PRECIOUS

    # a file appearing under the chosen name during the run is never replaced
    for race in range(RACES):
        target = work / f"course-{race}.facilitator"
        mine: list[bool] = []

        def appear(_pid: int, target=target, mine=mine) -> None:
            time.sleep(rnd.uniform(0.0, length))
            try:
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:  # the creation was published first: it must be complete
                return
            os.write(fd, PRECIOUS)
            os.close(fd)
            mine.append(True)

        status = zygote.run(_argv(command, target, source), logs / f"course-{race}.txt", appear)
        known.add(target.name)
        if mine:
            assert target.read_bytes() == PRECIOUS
            assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 1, (logs / f"course-{race}.txt").read_text()
        else:
            assert _complete(target) == expected
    assert all(is_temporary(p) for p in _others(work, known))

    # the temporary files of the killed runs go at the next creation in that folder
    last = work / "apres.facilitator"
    status = zygote.run(_argv(command, last, source), logs / "apres.txt")
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, (logs / "apres.txt").read_text()
    known.add(last.name)
    assert _others(work, known) == []
    assert existing.read_bytes() == PRECIOUS
    print(f"{command}: {kills} SIGKILL en {rounds} essais ({complete} fichiers complets, "
          f"{left_temporary} fois un fichier temporaire reconnu), création en {length:.2f} s")
    # (with the kill moments spread over a whole run, some land before anything is published)
    assert kills >= KILLS and complete < rounds


def test_a_fresh_process_killed_during_new_demo(tmp_path):
    """Once without the fork: ``python -m facilitator new --demo`` killed half-way."""
    target = tmp_path / "demo.facilitator"
    proc = subprocess.Popen([sys.executable, "-m", "facilitator", "new", "--demo", str(target)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env(), cwd=ROOT)
    try:
        deadline = time.monotonic() + 120
        while not any(is_temporary(p) for p in tmp_path.iterdir()) and proc.poll() is None:
            assert time.monotonic() < deadline
            time.sleep(0.005)
        time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()
    if proc.returncode == -signal.SIGKILL:
        assert not target.exists() or _complete(target) > 0
        left = [p for p in tmp_path.iterdir() if p != target]
        assert left and all(is_temporary(p) for p in left)
        assert clean_abandoned(tmp_path)  # its process is gone: recognised and removed
    assert [p for p in tmp_path.iterdir() if p != target] == []


def test_publish_never_replaces_and_leaves_the_temporary_file(tmp_path):
    target = tmp_path / "evenement.facilitator"
    target.write_bytes(PRECIOUS)
    tmp = temporary_name(target)
    tmp.write_bytes(b"nouveau")
    with pytest.raises(FileExistsError):
        publish(tmp, target)
    assert target.read_bytes() == PRECIOUS and tmp.read_bytes() == b"nouveau"
    assert is_temporary(tmp) and not is_temporary(target)
    other = tmp_path / "libre.facilitator"
    publish(tmp, other)
    assert other.read_bytes() == b"nouveau" and not tmp.exists()


def test_rename_without_replace_where_there_are_no_hard_links(tmp_path):
    """The fallback of file systems without hard links (FAT on a USB stick)."""
    from facilitator.files import _rename_noreplace

    target = tmp_path / "evenement.facilitator"
    target.write_bytes(PRECIOUS)
    tmp = temporary_name(target)
    tmp.write_bytes(b"nouveau")
    try:
        _rename_noreplace(tmp, target)
    except FileExistsError:
        pass
    except OSError as exc:  # a libc or file system without renameat2: the link path is the one used
        pytest.skip(f"renameat2 indisponible ici : {exc}")
    else:
        raise AssertionError("un fichier existant a été remplacé")
    assert target.read_bytes() == PRECIOUS
    _rename_noreplace(tmp, tmp_path / "libre.facilitator")
    assert (tmp_path / "libre.facilitator").read_bytes() == b"nouveau" and not tmp.exists()


def test_a_file_appearing_during_create_is_never_replaced(tmp_path):
    """``EventFile.create`` checks the name first, and again (atomically) when it publishes."""
    from facilitator.errors import StoreError
    from facilitator.kit import load_kit

    target = tmp_path / "evenement.facilitator"
    with pytest.raises(StoreError, match="existe déjà"):
        EventFile.create(target, load_kit(kits.kit_path("ministere-ouvert-2016")),
                         fill=lambda ev: target.write_bytes(PRECIOUS))
    assert target.read_bytes() == PRECIOUS
    assert sorted(tmp_path.iterdir()) == [target]  # no temporary file left


def test_temporary_files_of_a_live_process_are_left_alone(tmp_path):
    target = tmp_path / "evenement.facilitator"
    mine = temporary_name(target)  # this process: alive
    mine.write_bytes(b"en cours")
    (tmp_path / "notes.tmp").write_bytes(b"pas a nous")  # not ours: never touched
    assert clean_abandoned(tmp_path) == []
    assert mine.exists() and (tmp_path / "notes.tmp").exists()


def test_import_reopens_a_validation_without_a_matching_fingerprint(json_export, tmp_path):
    """A crafted document cannot carry a validated synthesis: one without a fingerprint, or with
    one of another content, is reopened by the import (as a merge does); a matching one is kept."""
    source, _ = json_export
    doc = json.loads(source.read_bytes())
    with EventFile.open(_imported(doc, tmp_path / "reference")) as ev:
        fingerprint = ev.content_fingerprint()
    cases = {"sans-empreinte": None, "autre-empreinte": "0" * 64, "bonne-empreinte": fingerprint}
    for name, value in cases.items():
        doc["synthesis"].update(validated_by="Jeanne Martin", validated_at="2016-07-21T10:00:00+00:00",
                                fingerprint=value)
        with EventFile.open(_imported(doc, tmp_path / name)) as ev:
            syn = ev.synthesis()
            if value == fingerprint:
                assert (syn.validated_by, syn.fingerprint) == ("Jeanne Martin", fingerprint)
            else:
                assert not syn.validated and syn.validated_by is None and syn.fingerprint is None, name


def _imported(doc: dict, folder: Path) -> Path:
    folder.mkdir()
    src = folder / "source.json"
    src.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return import_json(src, folder / "importe.facilitator")
