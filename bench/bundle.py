"""Self-contained app bench: its start-up to a usable window against the installed app's, in one
run, and its size. Target: ratio ≤ 1.2× and under 120 MB unpacked.

Both are started the same way, ``facilitator self-test --event FILE`` on a fresh copy of the 2016
demo, each in a new process, alternated, median of 9 (the machine is noisy): the installed app
is the ``facilitator`` command pip installed beside this Python, the bundle the frozen
executable. "Usable" is the moment self-test says so on its output: the first turn of the event
loop after the window's first frame is painted (as in bench/startup.py). The figure includes
the command line's parsing, which ``facilitator open FILE`` skips: the same for both, it
measures what the bundle adds (its bootloader, modules read from its archive) to the same path.

    QT_QPA_PLATFORM=offscreen python bench/bundle.py --app dist/facilitator
    QT_QPA_PLATFORM=offscreen python bench/bundle.py          # builds the app first (2 min)

Without ``--app``, ``$FACILITATOR_BUNDLE`` names the built folder (.ci/run sets it), or the app
is built in a temporary folder with scripts/build_app.py (needs ``pip install -e '.[bundle]'``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from facilitator.i18n import tr  # noqa: E402

RATIO_TARGET = 1.2  # issue 19
SIZE_TARGET_MB = 120
RUNS = 9
READY = tr("selftest.usable", "fr", path="\0").split("\0")[0]  # what self-test says when usable


def installed_command() -> list[str]:
    script = Path(sys.executable).with_name("facilitator.exe" if os.name == "nt" else "facilitator")
    if not script.is_file():
        raise SystemExit(f"commande installée introuvable : {script} (pip install -e .)")
    return [str(script)]


def frozen_executable(app: Path) -> Path:
    for exe in (app / "facilitator", app / "facilitator.exe", app / "Contents" / "MacOS" / "facilitator"):
        if exe.is_file():
            return exe
    raise SystemExit(f"pas d'exécutable facilitator dans {app}")


def build(into: Path) -> Path:
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_app.py"), "--dist", str(into / "dist"),
                        "--work", str(into / "work"), "--no-archive"], cwd=ROOT)
    if r.returncode != 0:
        raise SystemExit("la construction de l'application a échoué (scripts/build_app.py, ci-dessus)")
    return into / "dist" / ("facilitator.app" if sys.platform == "darwin" else "facilitator")


def once(command: list[str], template: Path, work: Path, env: dict[str, str]) -> float:
    """Seconds from launch to the usable window (self-test's line), the note then stored."""
    event = work / "run.facilitator"
    for leftover in work.glob("run.facilitator*"):
        leftover.unlink()
    shutil.copy(template, event)
    t = time.perf_counter()
    proc = subprocess.Popen([*command, "self-test", "--event", str(event)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=work)
    ready = None
    for line in proc.stdout:
        if ready is None and line.startswith(READY):
            ready = time.perf_counter() - t
    err = proc.stderr.read()
    proc.wait()
    if ready is None or proc.returncode != 0:
        raise SystemExit(f"{command[0]} self-test : code {proc.returncode} : {err[-2000:]}")
    return ready


def unpacked_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", type=Path, help="dossier de l'application construite (défaut : la construire)")
    parser.add_argument("--quick", action="store_true", help="un lancement de chaque (tests/test_bench.py)")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else RUNS
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        app = args.app or (Path(os.environ["FACILITATOR_BUNDLE"]) if os.environ.get("FACILITATOR_BUNDLE")
                           else build(tmp / "build"))
        frozen = [str(frozen_executable(app.resolve()))]
        installed = installed_command()
        work = tmp / "work"
        work.mkdir()
        env = {k: v for k, v in os.environ.items() if k not in ("FACILITATOR_LANG", "PYTHONPATH")}
        env.update(QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   FACILITATOR_HOME=str(tmp / "home"), FACILITATOR_DEVICE="bench")
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: pip compiles the bytecode
        template = tmp / "demo.facilitator"
        subprocess.run([*installed, "new", "--demo", str(template)], check=True, env=env, cwd=work,
                       capture_output=True)
        once(installed, template, work, env)  # warm the file cache (and the installed .pyc)
        once(frozen, template, work, env)
        inst, bund = [], []
        for _ in range(runs):
            inst.append(once(installed, template, work, env))
            bund.append(once(frozen, template, work, env))
        size = unpacked_size(app)
    inst_s, bund_s = statistics.median(inst), statistics.median(bund)
    ratio = bund_s / inst_s
    size_mb = size / 1e6
    print(f"installed app: {inst_s * 1000:.0f} ms to a usable window; bundle: {bund_s * 1000:.0f} ms; "
          f"ratio {ratio:.2f}× (target ≤ {RATIO_TARGET}×); bundle {size_mb:.1f} MB unpacked; "
          f"runs: installed {[round(v * 1000) for v in inst]}, bundle {[round(v * 1000) for v in bund]}")
    ok_ratio, ok_size = ratio <= RATIO_TARGET, size_mb < SIZE_TARGET_MB
    # the shared one-line format read by bench/run_all.py
    # (the times themselves have no target here: bench/startup.py holds the start-up's, on the
    # path a desktop launch takes; this one says what the bundle adds to the same path)
    print(f"bundle vs installed start-up ({bund_s:.2f} s vs {inst_s:.2f} s)   {ratio:.2f} ×   "
          f"target ≤ {RATIO_TARGET} ×   {'ok' if ok_ratio else 'MISS'}")
    print(f"bundle size, unpacked   {size_mb:.1f} MB   target < {SIZE_TARGET_MB} MB   {'ok' if ok_size else 'MISS'}")
    ok = ok_ratio and ok_size
    print("OK" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
