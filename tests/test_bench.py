"""The bench scripts still run (small sizes), and print their figures in the shared format.

No time is asserted here (the machine is noisy; targets are checked by running ``bench/`` by
hand): exit 1, a target missed, is accepted; a crash is not. Scripts are run, not imported, as
``bench/run_all.py`` runs them.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from run_all import FIGURE  # noqa: E402

SCRIPTS = [
    ("scale.py", ["--quick"]),
    ("exports.py", ["--quick"]),
    ("merge.py", ["--quick"]),
    ("keystrokes.py", ["--keys", "40", "--notes", "30"]),
    ("startup.py", ["--quick"]),
    ("kit_editor.py", ["--quick"]),
    # the self-contained app: the one .ci/run built ($FACILITATOR_BUNDLE), else built here
    ("bundle.py", ["--quick"]),
    ("sync.py", ["--quick"]),
]
_NO_BUNDLE = not os.environ.get("FACILITATOR_BUNDLE") and importlib.util.find_spec("PyInstaller") is None


def test_every_bench_script_is_covered():
    scripts = {p.name for p in (ROOT / "bench").glob("*.py")} - {"run_all.py"}
    assert scripts == {name for name, _args in SCRIPTS}


def test_no_bench_script_shadows_a_standard_module():
    """``python bench/x.py`` puts bench/ first on the path: a bench/typing.py would be imported
    instead of the standard ``typing`` (it was, on a fresh virtualenv)."""
    for p in (ROOT / "bench").glob("*.py"):
        assert p.stem not in sys.stdlib_module_names, p.name


@pytest.mark.parametrize("script, args", [
    pytest.param(s, a, marks=pytest.mark.skipif(
        s == "bundle.py" and _NO_BUNDLE, reason="no built app ($FACILITATOR_BUNDLE) and no PyInstaller to build one "
                                                "(pip install -e '.[bundle]')"))
    for s, a in SCRIPTS], ids=[s for s, _ in SCRIPTS])
def test_bench_script_runs(script, args, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FACILITATOR_HOME=str(tmp_path))
    r = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args], capture_output=True, text=True,
                       cwd=ROOT, env=env, timeout=600)
    assert r.returncode in (0, 1), r.stderr[-3000:]
    assert "Traceback" not in r.stdout + r.stderr, r.stderr[-3000:]
    figures = [line for line in r.stdout.splitlines() if FIGURE.match(line.strip())]
    assert figures, r.stdout[-2000:]
    print(*figures, sep="\n")  # (pytest -s shows them: the bundle's ratio, for one)
