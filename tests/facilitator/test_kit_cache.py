"""The cache of kits already read (facilitator/kit/cache.py): the same kit as the YAML gives,
never a stale or broken entry, never needed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kits
from facilitator.errors import StoreError
from facilitator.kit import cache, load_kit
from facilitator.store import EventFile

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ["ministere-ouvert-2016", "forum-open-etat-2021-1", "forum-open-etat-2021-2"]


@pytest.mark.parametrize("name", BUNDLED)
def test_encoded_kit_decodes_to_the_same_kit(name):
    kit = load_kit(kits.kit_path(name))
    back = cache.decode(cache.encode(kit), kit.source)
    assert back == kit  # every field of every object, recursively
    assert back.source == kit.source and back.folder is None


def test_second_opening_reads_the_cache_without_yaml(demo_path, _isolated_home):
    shutil.rmtree(_isolated_home / "cache", ignore_errors=True)  # (making the demo filled it)
    with EventFile.open(demo_path) as ev:
        first = ev.kit
    entries = list((_isolated_home / "cache" / "kits").glob("*.json"))
    assert len(entries) == 1  # written by the first opening, after validation
    child = ("import sys; from facilitator.store import EventFile\n"
             "ev = EventFile.open(sys.argv[1]); print(ev.kit.event.title, len(ev.kit.workshops))\n"
             "print('yaml' in sys.modules)")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", child, str(demo_path)], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=60, check=True).stdout.splitlines()
    assert out == [f"{first.event.title} {len(first.workshops)}", "False"]


def test_damaged_entry_is_ignored_and_written_anew(demo_path, _isolated_home):
    with EventFile.open(demo_path) as ev:
        expected = ev.kit
    (entry,) = (_isolated_home / "cache" / "kits").glob("*.json")
    for damage in (b"", b"{not json", b'{"$": "Kit", "version": 1}', b'{"$": "Os", "x": 1}', b"[1, 2]"):
        entry.write_bytes(damage)
        with EventFile.open(demo_path) as ev:
            assert ev.kit == expected
        assert cache.decode(entry.read_bytes(), expected.source) == expected


def test_an_unwritable_cache_only_costs_time(demo_path, _isolated_home):
    shutil.rmtree(_isolated_home / "cache", ignore_errors=True)
    (_isolated_home / "cache").write_text("a file where the folder should be")
    with EventFile.open(demo_path) as ev:
        assert ev.kit.workshops


def test_a_broken_kit_copy_is_refused_and_never_cached(demo_path, _isolated_home):
    import sqlite3

    before = set((_isolated_home / "cache").rglob("*.json"))
    con = sqlite3.connect(demo_path)
    con.execute("UPDATE meta SET value = 'kit:\n  version: 1\nevent: [' WHERE key = 'kit_source'")
    con.commit()
    con.close()
    with pytest.raises(StoreError):
        EventFile.open(demo_path)
    assert set((_isolated_home / "cache").rglob("*.json")) == before


def test_a_changed_text_or_code_is_another_entry(monkeypatch):
    kit = load_kit(kits.kit_path("forum-open-etat-2021-1"))
    assert cache.entry(kit.source) != cache.entry(kit.source + "\n# une ligne de plus\n")
    assert cache.entry(kit.source) == cache.entry(kit.source)
    before = cache.entry(kit.source)
    cache._version.cache_clear()
    monkeypatch.setattr(cache, "_CODE", ("model.py", "spec.py"))  # the loader's source no longer counted
    try:
        assert cache.entry(kit.source) != before
    finally:
        cache._version.cache_clear()


def test_an_entry_of_another_text_under_the_same_name_is_not_read(_isolated_home):
    """Entries are named by a CRC: two texts may share a name; the text held decides."""
    kit = load_kit(kits.kit_path("forum-open-etat-2021-1"))
    other = load_kit(kits.kit_path("forum-open-etat-2021-2"))
    path = cache.entry(kit.source)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(cache.encode(other), "utf-8")  # as if the other text's name were the same
    with pytest.raises(ValueError):
        cache.decode(path.read_bytes(), kit.source)
    assert cache.load_kit_text(kit.source) == kit
    assert cache.decode(path.read_bytes(), kit.source) == kit  # written anew, for this text
