"""Laptops syncing through a real PostgreSQL hub: convergence, the same result as a file merge,
refusals of another event or kit, and of a bad record pulled (never written)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from facilitator.demo import create_demo
from facilitator.merge import canonical_dump, merge
from facilitator.store import EventFile
from facilitator.sync import hub as db
from facilitator.sync.laptop import Laptop, Refused
from tests.hub_support import admin, facilitator


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FACILITATOR_HOME", str(folder / "home"))
        path = folder / "demo-2016.fae"
        create_demo(path, device="organisers").close()
    return path


def edit_apart(a_path: Path, b_path: Path) -> dict:
    """Edits made on two laptops while apart: a conflict, a delete/edit, reorders, new nested
    notes, a decision, the synthesis, participant counts."""
    facts = {}
    with EventFile.open(a_path, device="laptop-a") as a, EventFile.open(b_path, device="laptop-b") as b:
        w1 = a.outline(1, "defis")
        facts["conflict"] = w1[0][0].id
        a.edit_note(w1[0][0].id, text="Version du portable A")
        b.edit_note(w1[0][0].id, text="Version du portable B")
        a.delete_note(w1[1][0].id)
        b.edit_note(w1[1][0].id, votes=4)
        w2 = [r.id for r, _ in a.outline(2, "indicateurs")]
        a.move_up(w2[3])
        b.move_down(w2[1])
        top = b.add_note(3, "futurs", "Idée de B").focus
        facts["nested"] = b.add_note(3, "futurs", "Sous-idée de B", parent=top).focus
        p = a.proposals()[0]
        a.decide(p.id, "retenue", "Inscrit au plan 2018", "2016-09-01")
        a.edit_synthesis(object="Synthèse revue")
        a.set_participants(1, "administration", 8)
        b.set_participants(1, "administration", 9)
    return facts


def exported(path: Path, out: Path, home: Path) -> dict:
    facilitator("export", "json", path, "-o", out, device="reader", home=home)
    data = json.loads(out.read_text("utf-8"))
    # laptop-specific: where this laptop is in the hub's numbering
    data["meta"] = {k: v for k, v in data.get("meta", {}).items() if not k.startswith("hub/")}
    return data


def integrity(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def file_heads(path: Path) -> dict[tuple[str, str], tuple[list[str], str | None]]:
    """Every record's heads as the event file holds them: ``record_heads`` for records with
    several, else the record's current revision."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        out = {(kind, str(record)): ([revision], None) for kind, table in
               (("note", "note"), ("proposal", "proposal"), ("synthesis", "synthesis"))
               for record, revision in con.execute(f"SELECT id, revision FROM {table}") if revision}
        for kind, record, heads, conflict in con.execute("SELECT kind, record_id, heads, conflict FROM record_heads"):
            out[(kind, record)] = (json.loads(heads), conflict)
        return out
    finally:
        con.close()


def test_two_laptops_converge_like_a_file_merge(tmp_path, demo_file, make_hub, hub_server):
    a, b = tmp_path / "a.fae", tmp_path / "b.fae"
    shutil.copy(demo_file, a)
    shutil.copy(demo_file, b)
    facts = edit_apart(a, b)
    # the same edits exchanged by file: B merged into a copy of A
    merged = tmp_path / "merged.fae"
    shutil.copy(a, merged)
    with EventFile.open(merged, device="laptop-a") as ev:
        merge(ev, [b], make_backup=False)

    code = str(make_hub(a))
    home = tmp_path / "home"
    first = facilitator("sync", a, "--hub", code, device="laptop-a", home=home)
    assert "envoyée" in first.stdout and code not in first.stdout + first.stderr
    facilitator("sync", b, "--hub", "-", stdin=code + "\n", device="laptop-b", home=home)
    facilitator("sync", a, "--hub", code, device="laptop-a", home=home)
    again = facilitator("sync", b, "--hub", code, device="laptop-b", home=home)
    assert " 0 envoyée(s), 0 reçue(s)" in again.stdout  # nothing left to exchange

    assert canonical_dump(a) == canonical_dump(b) == canonical_dump(merged)
    ja, jb, jm = (exported(p, tmp_path / f"{p.stem}.json", home) for p in (a, b, merged))
    assert ja == jb == jm
    secret = db.JoinCode.parse(code).secret
    for p in (a, b):  # the secret is never stored with the event, so never exported
        assert secret not in (tmp_path / f"{p.stem}.json").read_text("utf-8")
        assert secret.encode() not in p.read_bytes()
    with EventFile.open(b, device="laptop-b") as ev:
        assert [c.record_id for c in ev.conflicts("note") if c.record_id == facts["conflict"]]
        assert ev.meta("hub/seq") is not None
    with EventFile.open(a, device="laptop-a") as ev:
        assert ev.note(facts["nested"]).text == "Sous-idée de B"
    for p in (a, b):
        assert integrity(p) == "ok"
    # the hub holds every revision once
    with admin(hub_server) as con:
        ids = [r[0] for r in con.execute("SELECT id FROM revision")]
    assert len(ids) == len(set(ids)) == len(canonical_dump(a)["note_revision"]) + len(canonical_dump(a)["record_revision"])
    # and every record's heads, the conflict side by side, as each laptop has them
    engine = db.admin_engine(hub_server.admin_conninfo())
    try:
        on_hub = db.heads(engine)
    finally:
        engine.dispose()
    assert on_hub == file_heads(a) == file_heads(b)
    assert len(on_hub[("note", facts["conflict"])][0]) == 2 and on_hub[("note", facts["conflict"])][1] == "edit"

    # a hub made before ``record_heads`` existed, or left short of some rows: completed when it
    # is prepared again (hub start), to the same heads, and preparing it once more changes nothing
    with admin(hub_server) as con:
        event_id, sha, source = con.execute("SELECT event_id, kit_sha256, kit_source FROM hub").fetchone()
        con.execute("DELETE FROM record_heads WHERE record_id IN "
                    "(SELECT record_id FROM record_heads ORDER BY record_id LIMIT 40)")
        assert con.execute("SELECT count(*) FROM record_heads").fetchone()[0] == len(on_hub) - 40
    engine = db.admin_engine(hub_server.admin_conninfo())
    try:
        db.prepare(engine, event_id, sha, source)
        assert db.heads(engine) == on_hub
        with admin(hub_server) as con:
            con.execute("DROP TABLE record_heads")
        db.prepare(engine, event_id, sha, source)
        db.prepare(engine, event_id, sha, source)
        assert db.heads(engine) == on_hub
    finally:
        engine.dispose()


def test_other_event_or_kit_is_refused_in_french(tmp_path, demo_file, make_hub, hub_server, kit_2021):
    a = tmp_path / "a.fae"
    shutil.copy(demo_file, a)
    code = make_hub(a)
    other = tmp_path / "other.fae"
    EventFile.create(other, kit_2021, device="laptop-x").close()
    home = tmp_path / "home"
    proc = facilitator("sync", other, "--hub", str(code), device="laptop-x", home=home, check=False)
    assert proc.returncode == 1
    assert "autre événement" in proc.stderr and "rien n'a été envoyé" in proc.stderr
    assert code.secret not in proc.stderr + proc.stdout
    # the same event with another version of its kit
    with EventFile.open(a) as ev:
        source = ev.meta("kit_source")
    from facilitator.kit import load_kit_text

    kit = load_kit_text(source + "\n# une autre version\n", name="kit")
    changed = tmp_path / "changed.fae"
    EventFile.create(changed, kit, device="laptop-y").close()
    proc = facilitator("sync", changed, "--hub", str(code), device="laptop-y", home=home, check=False)
    assert proc.returncode == 1 and "autre version du kit" in proc.stderr
    with EventFile.open(changed, device="laptop-y") as ev, Laptop(ev, code) as laptop, pytest.raises(Refused):
        laptop.round()
    with admin(hub_server) as con:
        assert con.execute("SELECT count(*) FROM revision").fetchone()[0] == 0


def test_a_bad_pulled_record_is_refused_and_never_written(tmp_path, demo_file, make_hub):
    a, b = tmp_path / "a.fae", tmp_path / "b.fae"
    shutil.copy(demo_file, a)
    shutil.copy(demo_file, b)
    code = make_hub(a)
    with EventFile.open(a, device="laptop-a") as ev:
        good = ev.add_note(1, "defis", "Une bonne note").focus
        with Laptop(ev, code) as laptop:
            laptop.round()
    # a hostile laptop with the join code pushes a note whose votes are text
    bad_state = json.dumps({"workshop": 1, "section": "defis", "parent_id": None, "position": 9.0,
                            "text": "piégée", "votes": "beaucoup"})
    hub = db.Connection(code)
    try:
        hub.push([("bad-rev", "note", "bad-note", None, "intrus", "2016-06-01T10:00:00", bad_state)], [], [])
    finally:
        hub.close()
    home = tmp_path / "home"
    proc = facilitator("sync", b, "--hub", str(code), device="laptop-b", home=home, check=False)
    assert proc.returncode == 1
    assert "bad-note" in proc.stdout and "votes" in proc.stdout
    with EventFile.open(b, device="laptop-b") as ev:
        assert ev.note(good).text == "Une bonne note"
        assert "bad-note" not in {n.id for n in ev.notes(include_deleted=True)}
        assert int(ev.meta("hub/seq")) > 0  # past the bad record: the next sync does not stall
    con = sqlite3.connect(b)
    assert con.execute("SELECT count(*) FROM note_revision WHERE id = 'bad-rev'").fetchone()[0] == 0
    con.close()


def test_the_join_role_may_add_but_never_delete_and_needs_its_secret(tmp_path, demo_file, make_hub):
    import psycopg

    a = tmp_path / "a.fae"
    shutil.copy(demo_file, a)
    code = make_hub(a)
    with EventFile.open(a, device="laptop-a") as ev, Laptop(ev, code) as laptop:
        laptop.round()
    with psycopg.connect(host=code.host, port=code.port, user=code.role, password=code.secret,
                         dbname="facilitator", connect_timeout=5) as con:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute("DELETE FROM revision")
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(host=code.host, port=code.port, user=code.role, password="pas-le-secret",
                        dbname="facilitator", connect_timeout=5)
    bad = db.JoinCode(code.host, code.port, code.event_id, code.role, "pas-le-secret")
    with EventFile.open(a, device="laptop-a") as ev, Laptop(ev, bad) as laptop:
        with pytest.raises(db.HubError, match="injoignable") as caught:
            laptop.round()
    assert "pas-le-secret" not in str(caught.value)


def test_join_codes_parse_back_and_bad_ones_are_explained():
    code = db.JoinCode("192.168.1.20", 5432, "forum/2021 é", "join_ab12", "s3cr/et+=")
    assert db.JoinCode.parse(str(code)) == code
    v6 = db.JoinCode("fe80::1", 5433, "e", "join_x", "y")
    assert db.JoinCode.parse(str(v6)) == v6
    assert code.secret not in repr(code) and code.secret not in code.where
    for bad in ("", "postgresql://a:b@h:1/e", "facilitator://h:1/e", "facilitator://a:b@h/e", "facilitator://a:b@h:x/e"):
        with pytest.raises(db.HubError, match="Code pour rejoindre invalide"):
            db.JoinCode.parse(bad)


def test_participant_counts_alone_travel_too(tmp_path, demo_file, make_hub):
    a, b = tmp_path / "a.fae", tmp_path / "b.fae"
    shutil.copy(demo_file, a)
    shutil.copy(demo_file, b)
    code = make_hub(a)
    with EventFile.open(a, device="laptop-a") as ea, EventFile.open(b, device="laptop-b") as eb:
        la, lb = Laptop(ea, code), Laptop(eb, code)
        try:
            la.round()
            lb.round()
            ea.set_participants(2, "administration", 12)  # no revision: a count of this laptop
            assert la.round().pushed == 0
            lb.round()
            assert eb.participants(2)[2]["administration"] == {"laptop-a": 12}
            ea.set_participants(2, "administration", 14)
            la.round()
            lb.round()
            assert eb.participants(2)[2]["administration"] == {"laptop-a": 14}
        finally:
            la.close()
            lb.close()
