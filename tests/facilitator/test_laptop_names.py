"""Laptops' human names travel with the event files: each laptop names itself, a merge brings the
names along (the one given last wins), a crafted name is never copied nor shown."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from facilitator import config
from facilitator.demo import create_demo
from facilitator.errors import OperationError
from facilitator.merge import merge
from facilitator.store import EventFile
from facilitator.store.laptops import LaptopName


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("FACILITATOR_DEVICE", "laptop-here")


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "demo.facilitator"
    create_demo(path, device="organisers").close()
    return path


def _named(demo, tmp_path, device, name, at=None):
    path = shutil.copy(demo, tmp_path / f"{device}.facilitator")
    with EventFile.open(path, device=device) as ev:
        ev.set_laptop_name(name)
    if at is not None:  # (named earlier or later than now)
        con = sqlite3.connect(path)
        with con:
            con.execute("UPDATE meta SET value = ? WHERE key = ?", (LaptopName(name, at).to_json(), f"laptop/{device}"))
        con.close()
    return path


def test_names_come_with_the_merged_files_the_last_given_wins(demo, tmp_path):
    a = _named(demo, tmp_path, "laptop-a", "Portable de Léa", "2026-12-01T09:00:00+00:00")
    old_b = _named(demo, tmp_path, "laptop-b", "Portable 2", "2026-12-01T08:00:00+00:00")
    (tmp_path / "later").mkdir()
    new_b = _named(demo, tmp_path / "later", "laptop-b", "Salle 2", "2026-12-01T10:00:00+00:00")
    with EventFile.open(demo, device="laptop-here") as ev:
        ev.set_laptop_name("  Poste   de l'animatrice ")
        merge(ev, [a, new_b], make_backup=False)
        merge(ev, [old_b], make_backup=False)  # an older name of b does not come back
        assert ev.laptop_names() == {"laptop-here": "Poste de l'animatrice", "laptop-a": "Portable de Léa",
                                     "laptop-b": "Salle 2"}
    # a file naming this laptop otherwise never renames it here
    other = _named(demo, tmp_path, "laptop-here", "Un autre nom", "2030-01-01T00:00:00+00:00")
    with EventFile.open(demo, device="laptop-here") as ev:
        merge(ev, [other], make_backup=False)
        assert ev.laptop_names()["laptop-here"] == "Poste de l'animatrice"


@pytest.mark.parametrize("value", ['{"name": "\\u001b[31mrouge", "named_at": "2026-12-01T09:00:00+00:00"}',
                                   '{"name": "", "named_at": "2026-12-01T09:00:00+00:00"}',
                                   '{"name": "Sans heure", "named_at": "2026-12-01T09:00:00"}',
                                   '{"name": 12}', "pas du JSON"])
def test_a_crafted_name_is_never_copied(demo, tmp_path, value):
    src = shutil.copy(demo, tmp_path / "crafted.facilitator")
    con = sqlite3.connect(src)
    with con:
        con.execute("INSERT INTO meta (key, value) VALUES ('laptop/laptop-x', ?)", (value,))
    con.close()
    with EventFile.open(demo, device="laptop-here") as ev:
        merge(ev, [src], make_backup=False)
        assert "laptop-x" not in ev.laptop_names()
        with pytest.raises(OperationError, match="nom de portable invalide"):
            ev.set_laptop_name("\x1b[31m")


def test_this_laptops_name_is_kept_beside_its_id():
    assert config.laptop_name() is None
    config.set_laptop_name("Portable de Léa")
    assert config.laptop_name() == "Portable de Léa"
    assert config.device_id() == "laptop-here"


def test_the_merge_report_says_which_laptops_wrote_what_it_brings(demo, tmp_path):
    a = _named(demo, tmp_path, "laptop-a", "Portable de Léa")
    with EventFile.open(a, device="laptop-a") as ev:
        ev.add_note(1, "futurs", "Une idée de Léa")
    unnamed = shutil.copy(demo, tmp_path / "sans-nom.facilitator")
    with EventFile.open(unnamed, device="laptop-z") as ev:
        ev.add_note(1, "futurs", "Une idée d'un portable sans nom")
    with EventFile.open(demo, device="laptop-here") as ev:
        report = merge(ev, [a, unnamed], make_backup=False)
    assert [s.laptops for s in report.sources] == [["Portable de Léa"], ["laptop-z"]]
    lines = report.lines()
    assert "    écrites sur : Portable de Léa" in lines and "    écrites sur : laptop-z" in lines
    assert lines.index("    écrites sur : Portable de Léa") == 1 + next(
        i for i, ln in enumerate(lines) if "laptop-a.facilitator" in ln)
