"""One ``decide`` (EventFile.decide): the date is checked and defaults to today, through the core
and through the CLI alike."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.demo import create_demo
from facilitator.errors import OperationError
from facilitator.store import EventFile

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("decide")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FACILITATOR_HOME", str(folder / "home"))
        create_demo(folder / "demo.fae", device="base").close()
    return folder / "demo.fae"


@pytest.fixture
def event(tmp_path, demo, monkeypatch) -> Path:
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path / "home"))
    return Path(shutil.copy(demo, tmp_path / "e.fae"))


@pytest.mark.parametrize("bad", ["15/09/2016", "2016-13-01", "demain", "2016-02-30"])
def test_the_core_refuses_a_date_that_is_not_one_and_stores_nothing(event, bad):
    with EventFile.open(event) as ev:
        p = ev.proposals()[0]
        with pytest.raises(OperationError, match="date") as caught:
            ev.decide(p.id, "retenue", "motif", bad)
        assert bad in str(caught.value)
        assert ev.proposal(p.id).state == p.state


def test_the_core_dates_a_decision_today_and_clears_it_whole(event):
    with EventFile.open(event) as ev:
        p = ev.proposals()[0]
        ev.decide(p.id, "a-l-etude", "à voir")
        got = ev.proposal(p.id)
        assert (got.decision, got.decision_reason) == ("a-l-etude", "à voir")
        assert got.decision_date == dt.date.today().isoformat()
        ev.decide(p.id, "retenue", "inscrite", "20160915")  # an ISO date in its basic form
        assert ev.proposal(p.id).decision_date == "2016-09-15"
        ev.decide(p.id, None)
        got = ev.proposal(p.id)
        assert (got.decision, got.decision_reason, got.decision_date) == (None, "", None)


def test_the_cli_refuses_a_bad_date_with_exit_1_and_a_french_message(event, capsys):
    with EventFile.open(event) as ev:
        p = ev.proposals()[0]
    code = main(["decide", str(event), p.id[:8], "retenue", "--reason", "motif", "--date", "15/09/2016"])
    err = capsys.readouterr().err
    assert code == 1
    assert "15/09/2016" in err and "date" in err
    with EventFile.open(event) as ev:
        assert ev.proposal(p.id).state == p.state


def test_the_cli_process_dates_a_decision_today(event, tmp_path):
    with EventFile.open(event) as ev:
        p = ev.proposals()[1]
    env = {"PYTHONPATH": str(ROOT), "FACILITATOR_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "facilitator", "decide", str(event), p.id[:8], "non-retenue",
                           "--reason", "hors périmètre"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    bad = subprocess.run([sys.executable, "-m", "facilitator", "decide", str(event), p.id[:8], "retenue",
                          "--date", "31/12/2016"], capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == 1 and "31/12/2016" in bad.stderr and "Traceback" not in bad.stderr
    with EventFile.open(event) as ev:
        got = ev.proposal(p.id)
        assert (got.decision, got.decision_reason) == ("non-retenue", "hors périmètre")
        assert got.decision_date == dt.date.today().isoformat()
