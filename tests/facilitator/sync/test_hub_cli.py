"""``facilitator hub start`` / ``status`` / ``stop`` with a server of its own, and ``--url`` on an
existing one: where it listens is said, the secret only in the join code."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import psycopg
import pytest

from facilitator.sync import hub as db
from tests.hub_support import facilitator, hub_folder, stop_and_remove


@pytest.fixture
def demo(tmp_path) -> Path:
    path = tmp_path / "demo.fae"
    facilitator("new", "--demo", path, device="organisers", home=tmp_path / "home")
    return path


def test_start_status_stop_on_loopback(tmp_path, demo):
    folder = hub_folder()
    home = tmp_path / "home"
    try:
        started = facilitator("hub", "start", demo, "--data", folder, device="organisers", home=home)
        said = started.stdout
        m = re.search(r"écoute sur 127\.0\.0\.1:(\d+), ce portable seulement", said)
        assert m, said
        code = db.JoinCode.parse(re.search(r"(facilitator://\S+)", said).group(1))
        assert code.host == "127.0.0.1" and code.port == int(m.group(1)) and code.event_id == "ministere-ouvert-1"
        assert "█" in said  # the QR code, drawn in the terminal
        # the server listens on loopback only, with passwords
        with psycopg.connect(host="127.0.0.1", port=code.port, user=code.role, password=code.secret,
                             dbname="facilitator", connect_timeout=5) as con:
            assert con.execute("SHOW listen_addresses").fetchone()[0] == "127.0.0.1"
            assert con.execute("SHOW password_encryption").fetchone()[0] == "scram-sha-256"
        with pytest.raises(psycopg.OperationalError):  # the administrator never over TCP
            psycopg.connect(host="127.0.0.1", port=code.port, user="postgres", password="x",
                            dbname="facilitator", connect_timeout=5)
        # started again: the same code, not a second server
        again = facilitator("hub", "start", demo, "--data", folder, device="organisers", home=home)
        assert str(code) in again.stdout
        status = facilitator("hub", "status", "--data", folder, device="organisers", home=home)
        assert f"127.0.0.1:{code.port}" in status.stdout and "ministere-ouvert-1" in status.stdout
        assert code.secret not in status.stdout + status.stderr
        facilitator("sync", demo, "--hub", str(code), device="organisers", home=home)
        status = facilitator("hub", "status", "--data", folder, device="organisers", home=home)
        assert re.search(r"[1-9]\d* révisions", status.stdout), status.stdout
        # the server's own log never holds the secret
        assert code.secret not in (folder / "server.log").read_text(errors="replace")
        stopped = facilitator("hub", "stop", "--data", folder, device="organisers", home=home)
        assert "Hub arrêté" in stopped.stdout
        after = facilitator("hub", "status", "--data", folder, device="organisers", home=home, check=False)
        assert after.returncode == 1 and "arrêté" in after.stdout
        # the join code is kept for its owner only
        assert oct((folder / "hub.json").stat().st_mode & 0o777) == "0o600"
        assert json.loads((folder / "hub.json").read_text())["join_code"] == str(code)
    finally:
        stop_and_remove(folder)


def test_start_with_url_prepares_an_existing_server(tmp_path, demo, hub_server):
    from tests.hub_support import fresh_database

    fresh_database(hub_server)
    home = tmp_path / "home"
    url = (f"postgresql://postgres:{hub_server.admin_password}@/facilitator"
           f"?host={hub_server.socket_dir}&port={hub_server.port}")
    refused = facilitator("hub", "start", demo, "--url", url, device="organisers", home=home, check=False)
    assert refused.returncode == 1 and "--listen" in refused.stderr
    started = facilitator("hub", "start", demo, "--url", url, "--listen", f"127.0.0.1:{hub_server.port}",
                          device="organisers", home=home)
    assert "serveur existant" in started.stdout
    assert hub_server.admin_password not in started.stdout + started.stderr
    code = db.JoinCode.parse(re.search(r"(facilitator://\S+)", started.stdout).group(1))
    other = tmp_path / "other.fae"
    shutil.copy(demo, other)
    done = facilitator("sync", other, "--hub", str(code), device="b", home=home)
    assert "Synchronisé" in done.stdout


def test_bad_listen_address_and_missing_hub_are_explained(tmp_path, demo):
    home = tmp_path / "home"
    proc = facilitator("hub", "start", demo, "--listen", "partout", "--data", tmp_path / "h", device="o",
                       home=home, check=False)
    assert proc.returncode == 1 and "Adresse d'écoute invalide" in proc.stderr
    proc = facilitator("hub", "status", "--data", tmp_path / "nowhere", device="o", home=home, check=False)
    assert proc.returncode == 1 and "Aucun hub" in proc.stderr
    proc = facilitator("sync", demo, "--hub", "n'importe quoi", device="o", home=home, check=False)
    assert proc.returncode == 1 and "Code pour rejoindre invalide" in proc.stderr
