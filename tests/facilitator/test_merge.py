"""Merging laptops' event files: the 2016 demo on three laptops, safety, refusals, undo."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

import kits
from facilitator.demo import create_demo
from facilitator.errors import OperationError
from facilitator.kit import load_kit_text
from facilitator.merge import MergeError, canonical_dump, merge
from facilitator.store import EventFile


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("FACILITATOR_DEVICE", "test-laptop")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FACILITATOR_HOME", str(folder / "home"))
        path = folder / "demo-2016.fae"
        create_demo(path, device="organisers").close()
    return path


def _copy(src: Path, dest: Path) -> Path:
    shutil.copy(src, dest)
    return dest


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _ids(ev: EventFile) -> list[str]:
    return [n.id for n in ev.notes()]


@pytest.fixture
def laptops(tmp_path, demo_file):
    """Three laptops' files of the 2016 demo, each edited differently, plus what was done."""
    files = [_copy(demo_file, tmp_path / f"{name}.fae") for name in ("a", "b", "c")]
    a, b, c = (EventFile.open(f, device=d) for f, d in zip(files, ("laptop-a", "laptop-b", "laptop-c"), strict=True))
    facts: dict = {}
    try:
        w1 = a.outline(1, "defis")
        # the same note edited differently on two laptops: a conflict
        facts["conflict"] = w1[0][0].id
        a.edit_note(w1[0][0].id, text="Version du portable A")
        b.edit_note(w1[0][0].id, text="Version du portable B")
        # deleted on A, edited on B: kept and flagged
        facts["deleted_edited"] = w1[1][0].id
        a.delete_note(w1[1][0].id)
        b.edit_note(w1[1][0].id, votes=4)
        # deleted on A only: deleted
        facts["deleted"] = w1[2][0].id
        a.delete_note(w1[2][0].id)
        # concurrent reorders of one list (atelier 2, indicateurs): A moves up, B moves down
        w2 = [r.id for r, _ in a.outline(2, "indicateurs")]
        facts["reordered"] = set(w2)
        a.move_up(w2[3])
        a.move_up(w2[3])
        b.move_down(w2[1])
        b.move_down(w2[5])
        c.move_up(w2[5])  # the same note moved differently on two laptops: a conflict of place
        facts["moved_twice"] = w2[5]
        # different fields of one note on two laptops: merged without conflict
        w3 = a.outline(1, "futurs")
        facts["two_fields"] = w3[0][0].id
        a.edit_note(w3[0][0].id, text="Texte revu sur A")
        c.vote(w3[0][0].id, 2)
        # three levels of nesting made on C, and new notes on B
        top = c.add_note(3, "futurs", "Idée de C").focus
        mid = c.add_note(3, "futurs", "Sous-idée", parent=top).focus
        low = c.add_note(3, "futurs", "Sous-sous-idée", parent=mid).focus
        facts["nested"] = (top, mid, low)
        facts["new_b"] = [b.add_note(4, "initiatives", f"Initiative B{i}").focus for i in range(3)]
        # synthesis and decisions on A (the note-taker's laptop)
        p = a.proposals()[0]
        a.decide(p.id, "retenue", "Inscrit au plan 2018", "2016-09-01")
        facts["decided"] = p.id
        a.edit_synthesis(object="Synthèse revue")
        # participants typed on two laptops for the same atelier
        a.set_participants(1, "administration", 8)
        b.set_participants(1, "administration", 9)
        facts["visible"] = {i for ev in (a, b, c) for i in _ids(ev)}
    finally:
        for ev in (a, b, c):
            ev.close()
    return files, facts


def test_three_laptops_merge_into_one(tmp_path, demo_file, laptops):
    files, facts = laptops
    before = [_digest(f) for f in files]
    target = _copy(demo_file, tmp_path / "fusion.fae")
    with EventFile.open(target, device="rapporteur") as ev:
        report = merge(ev, files)
        ids = _ids(ev)
        assert len(ids) == len(set(ids)), "a note shown twice"
        expected = facts["visible"] - {facts["deleted"]}
        assert set(ids) >= expected - {facts["deleted"]}
        assert facts["deleted"] not in ids
        # conflicts: both versions kept and shown
        conflicts = {c.record_id: c for c in ev.conflicts()}
        c1 = conflicts[facts["conflict"]]
        assert c1.reason == "edit" and c1.fields == ("text",)
        assert {v.state.text for v in c1.versions} == {"Version du portable A", "Version du portable B"}
        assert {v.device for v in c1.versions} == {"laptop-a", "laptop-b"}
        assert ev.note(facts["conflict"]).text in {"Version du portable A", "Version du portable B"}
        c2 = conflicts[facts["deleted_edited"]]
        assert c2.reason == "deleted-edited"
        kept = ev.note(facts["deleted_edited"])
        assert not kept.deleted and kept.votes == 4
        # two fields changed on two laptops: merged, no conflict
        two = ev.note(facts["two_fields"])
        assert (two.text, two.votes) == ("Texte revu sur A", 2)
        assert facts["two_fields"] not in conflicts
        # concurrent reorders: every note of the list once
        listed = [r.id for r, _ in ev.outline(2, "indicateurs")]
        assert sorted(listed) == sorted(facts["reordered"])
        # three levels of nesting kept
        depth = {r.id: d for r, d in ev.outline(3, "futurs")}
        top, mid, low = facts["nested"]
        assert (depth[top], depth[mid], depth[low]) == (0, 1, 2)
        assert ev.note(low).parent_id == mid
        assert all(n in ids for n in facts["new_b"])
        # synthesis and decisions intact
        p = ev.proposal(facts["decided"])
        assert (p.decision, p.decision_reason, p.decision_date) == ("retenue", "Inscrit au plan 2018", "2016-09-01")
        assert ev.synthesis().object == "Synthèse revue"
        assert ev.participants(1)[1]["administration"] == {"laptop-a": 8, "laptop-b": 9}
        # the report, per atelier
        assert report.workshops[3].added == [top, mid, low] or sorted(report.workshops[3].added) == sorted([top, mid, low])
        assert set(report.workshops[1].conflicts) == {facts["conflict"], facts["deleted_edited"]}
        assert report.workshops[2].conflicts == [facts["moved_twice"]]
        assert conflicts[facts["moved_twice"]].fields == ("place",)
        assert report.workshops[4].added and report.open_conflicts == 3
        assert report.backup is not None and report.backup.exists()
        text = "\n".join(report.lines())
        assert "Atelier 1" in text and "2 conflit(s)" in text and "3 conflits à résoudre" in text
    # sources never written
    assert [_digest(f) for f in files] == before


def test_merge_is_idempotent_and_order_independent(tmp_path, demo_file, laptops):
    files, _ = laptops
    t1 = _copy(demo_file, tmp_path / "t1.fae")
    t2 = _copy(files[2], tmp_path / "t2.fae")
    with EventFile.open(t1) as ev:
        merge(ev, files, make_backup=False)
    dump = canonical_dump(t1)
    with EventFile.open(t1) as ev:
        report = merge(ev, files[::-1], make_backup=False)
        assert not report.changed
    assert canonical_dump(t1) == dump
    with EventFile.open(t2) as ev:
        merge(ev, [files[1], files[0]], make_backup=False)
    assert canonical_dump(t2) == dump
    # A+B then C = C+A+B
    t3 = _copy(files[0], tmp_path / "t3.fae")
    with EventFile.open(t3) as ev:
        merge(ev, [files[1]], make_backup=False)
        merge(ev, [files[2]], make_backup=False)
    assert canonical_dump(t3) == dump


def test_resolve_conflict_is_one_undoable_change(tmp_path, demo_file, laptops):
    files, facts = laptops
    target = _copy(files[0], tmp_path / "t.fae")
    with EventFile.open(target, device="rapporteur") as ev:
        merge(ev, files[1:], make_backup=False)
        nid = facts["conflict"]
        conflict = ev.conflict(nid)
        b_version = next(v for v in conflict.versions if v.device == "laptop-b")
        change = ev.resolve_conflict(nid, revision=b_version.revision[:8])
        assert ev.conflict(nid) is None
        assert ev.note(nid).text == "Version du portable B"
        assert nid in change.notes()
        ev.apply(change.inverse())
        again = ev.conflict(nid)
        assert again is not None and len(again.versions) == 2
        ev.apply(change)  # redo
        assert ev.conflict(nid) is None and ev.note(nid).text == "Version du portable B"
        # a combined version, then an edit continuing it
        other = facts["deleted_edited"]
        combined = ev.conflict(other).shown.with_(text="Fusion des deux", deleted=False)
        ev.resolve_conflict(other, combined)
        ev.edit_note(other, text="Fusion revue")
        assert ev.note(other).text == "Fusion revue"
        ev.resolve_conflict(facts["moved_twice"])  # keep the version shown
        assert ev.conflicts() == []
        with pytest.raises(OperationError):
            ev.resolve_conflict(other)
    # the resolution travels: merging the resolved file back into a laptop closes the conflict
    with EventFile.open(files[1]) as ev:
        merge(ev, [target], make_backup=False)
        assert ev.conflicts() == []
        assert ev.note(facts["conflict"]).text == "Version du portable B"


def test_edit_of_a_conflicted_note_keeps_the_conflict(tmp_path, laptops):
    files, facts = laptops
    target = _copy(files[0], tmp_path / "t.fae")
    with EventFile.open(target, device="rapporteur") as ev:
        merge(ev, files[1:], make_backup=False)
        nid = facts["conflict"]
        ev.edit_note(nid, text="Reformulé pendant le conflit")
        c = ev.conflict(nid)
        assert c is not None
        assert "Reformulé pendant le conflit" in {v.state.text for v in c.versions}
        assert ev.note(nid).text == "Reformulé pendant le conflit"


def test_other_event_is_refused_unless_forced(tmp_path, demo_file):
    other = tmp_path / "forum.fae"
    EventFile.create(other, load_kit_text(kits.kit_path("forum-open-etat-2021-1").read_text("utf-8"))).close()
    target = _copy(demo_file, tmp_path / "t.fae")
    before = canonical_dump(target)
    with EventFile.open(target) as ev:
        with pytest.raises(MergeError) as err:
            merge(ev, [other])
        message = str(err.value)
        assert "autre événement" in message and "ministere-ouvert-1" in message and "--force" in message
        assert canonical_dump(target) == before
        assert not list(tmp_path.glob("*.bak"))
        report = merge(ev, [other], force=True, make_backup=False)
        assert report.sources[0].forced


def test_other_kit_version_is_refused_with_the_difference(tmp_path, demo_file):
    text = kits.kit_path("ministere-ouvert-2016").read_text("utf-8") + "\n# version 2 du kit\n"
    other = tmp_path / "v2.fae"
    EventFile.create(other, load_kit_text(text)).close()
    target = _copy(demo_file, tmp_path / "t.fae")
    with EventFile.open(target) as ev:
        with pytest.raises(MergeError, match="autre version du kit"):
            merge(ev, [other])
        merge(ev, [other], force=True, make_backup=False)


def test_failed_merge_leaves_the_target_intact(tmp_path, demo_file, laptops, monkeypatch):
    files, _ = laptops
    target = _copy(demo_file, tmp_path / "t.fae")
    before = canonical_dump(target)
    import facilitator.merge as m

    def boom(*a, **k):
        raise RuntimeError("panne au milieu")

    monkeypatch.setattr(m, "_merge_proposals", boom)
    with EventFile.open(target) as ev:
        with pytest.raises(RuntimeError):
            merge(ev, files)
        assert len(ev.notes()) == 126
    assert canonical_dump(target) == before
    backups = list(tmp_path.glob("t.fae.avant-fusion-*.bak"))
    assert len(backups) == 1 and canonical_dump(backups[0]) == before


def test_merging_the_target_itself_is_skipped(tmp_path, demo_file):
    target = _copy(demo_file, tmp_path / "t.fae")
    with EventFile.open(target) as ev:
        report = merge(ev, [target], make_backup=False)
        assert report.sources[0].skipped and not report.changed


def test_validation_is_reopened_by_merged_content(tmp_path, demo_file, laptops):
    files, _ = laptops
    target = _copy(demo_file, tmp_path / "t.fae")
    with EventFile.open(target) as ev:
        ev.validate_synthesis("Préfète")
        report = merge(ev, [files[0]], make_backup=False)
        assert report.reopened and not ev.synthesis().validated
    # merging a file that holds nothing new keeps a validation
    with EventFile.open(target) as ev:
        ev.validate_synthesis("Préfète")
        report = merge(ev, [files[0]], make_backup=False)
        assert not report.reopened and ev.synthesis().validated_by == "Préfète"


def test_independently_created_demos_merge_without_conflicts(tmp_path):
    a = tmp_path / "a.fae"
    b = tmp_path / "b.fae"
    create_demo(a, device="a").close()
    create_demo(b, device="b").close()
    with EventFile.open(b, device="b") as ev:
        n = ev.notes()[10].id
        ev.edit_note(n, text="modifiée sur b")
    with EventFile.open(a, device="a") as ev:
        merge(ev, [b], make_backup=False)
        assert ev.conflicts() == []
        assert len(ev.notes()) == 126
        assert ev.note(n).text == "modifiée sur b"
