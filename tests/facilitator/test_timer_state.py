"""The phase timer's state stored with the event: written by the one writer, read back after
the file is reopened, refused when malformed, ignored when crafted."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from facilitator.errors import OperationError
from facilitator.store import EventFile
from facilitator.store.timer import TimerRecord


def test_stored_read_back_after_reopening_and_forgotten(demo_path):
    started = dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC)
    record = TimerRecord(phase=1, phase_title="Échanges", extra=300.0, elapsed=125.5,
                         started_at=started.isoformat())
    with EventFile.open(demo_path) as ev:
        assert ev.timer_state(1) is None
        change = ev.set_timer_state(1, record)
        assert change.touches("timer") and not change.notes() and not change.places()
        ev.set_timer_state(2, TimerRecord(phase=0, phase_title="Atelier"))
    with EventFile.open(demo_path) as ev:
        again = ev.timer_state(1)
        assert again == record and again.running
        assert again.counted(started + dt.timedelta(seconds=60)) == pytest.approx(185.5)
        assert not ev.timer_state(2).running and ev.timer_state(2).counted(started) == 0
        ev.set_timer_state(1, None)
    with EventFile.open(demo_path) as ev:
        assert ev.timer_state(1) is None and ev.timer_state(2) is not None


@pytest.mark.parametrize("bad", [
    TimerRecord(phase=-1, phase_title="x"), TimerRecord(phase=0, phase_title="x", elapsed=float("nan")),
    TimerRecord(phase=0, phase_title="x", extra=-5), TimerRecord(phase=0, phase_title="x", started_at="hier"),
    TimerRecord(phase=0, phase_title="x", started_at="2026-12-03T09:30:00"),  # no time zone
])
def test_a_malformed_state_is_refused_and_nothing_written(demo_path, bad):
    with EventFile.open(demo_path) as ev:
        with pytest.raises(OperationError, match="minuteur"):
            ev.set_timer_state(1, bad)
        assert ev.timer_state(1) is None
        with pytest.raises(OperationError, match="atelier 99"):
            ev.set_timer_state(99, TimerRecord(phase=0, phase_title="x"))


@pytest.mark.parametrize("crafted", ["{", "[]", '{"phase": "un"}', "null",
                                     '{"phase": 0, "phase_title": "x", "extra": 0, "elapsed": -1, "started_at": null}'])
def test_a_crafted_state_in_the_file_reads_as_none(demo_path, crafted):
    with EventFile.open(demo_path):
        pass
    con = sqlite3.connect(demo_path)
    con.execute("INSERT INTO meta (key, value) VALUES ('timer/1', ?)", (crafted,))
    con.commit()
    con.close()
    with EventFile.open(demo_path) as ev:
        assert ev.timer_state(1) is None
