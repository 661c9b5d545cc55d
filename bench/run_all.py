"""Run every ``bench/*.py`` script and print the README's "Fiabilité et performances" table.

    python bench/run_all.py              # every script, full size
    python bench/run_all.py --quick      # passes --quick to the scripts (those that know it)
    python bench/run_all.py scale merge  # only these scripts

Each script runs in its own process with a timeout. Its figures are read from its output, one
line per figure, in the shared format::

    <figure>   <measured> <unit>   target < <target> <unit>   [<ratio>× baseline]  ok|MISS

Lines in another format are ignored; a script that prints none still gets one row (its last
line, ok when it exited 0). Exits 1 when any script failed or any target was missed.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TIMEOUT = 1800  # seconds per script
FIGURE = re.compile(
    r"^(?P<name>\S.*?)\s+(?P<value>-?[\d.]+)\s+(?P<unit>\S+)\s+target\s*(?P<op>[<>≤≥]=?)\s*(?P<target>[\d.e+-]+)\s*\S*"
    r"\s*(?:(?P<ratio>[\d.]+)×\s*baseline)?\s+(?P<status>ok|OK|MISS|MISSED)\s*$"
)


def run(script: Path, quick: bool) -> tuple[list[tuple[str, str, str, str]], bool, str]:
    args = [sys.executable, str(script)]
    if quick and "--quick" in script.read_text("utf-8"):
        args.append("--quick")
    start = time.perf_counter()
    try:
        r = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT, cwd=ROOT)
        out, code = r.stdout, r.returncode
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        code = None
    took = time.perf_counter() - start
    rows = []
    for line in out.splitlines():
        m = FIGURE.match(line.strip())
        if m:
            ratio = f" ({m['ratio']}× réf.)" if m["ratio"] else ""
            rows.append((m["name"], f"{m['op']} {m['target']} {m['unit']}",
                         f"{m['value']} {m['unit']}{ratio}", "oui" if m["status"] in ("ok", "OK") else "**non**"))
    if not rows:
        last = next((ln.strip() for ln in reversed(out.splitlines()) if ln.strip()), "(aucune sortie)")
        status = "délai dépassé" if code is None else ("oui" if code == 0 else "**non**")
        rows.append((script.stem, "voir le script", last.replace("|", "\\|"), status))
    ok = code == 0
    print(f"# {script.name}: exit {code}, {took:.0f} s", file=sys.stderr, flush=True)
    return rows, ok, out


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    only = [a for a in argv if not a.startswith("-")]
    scripts = sorted(p for p in HERE.glob("*.py") if p.name != Path(__file__).name and not p.name.startswith("_"))
    if only:
        scripts = [p for p in scripts if p.stem in only]
    table = ["| figure | objectif | mesuré | atteint |", "|---|---|---|---|"]
    all_ok = True
    for script in scripts:
        rows, ok, _ = run(script, quick)
        all_ok &= ok and all(r[3] == "oui" for r in rows)
        table += [f"| {name} | {target} | {measured} | {status} |" for name, target, measured, status in rows]
    print("\n".join(table))
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
