"""The app on a 1920×1080 screen, at device pixel ratio 1 and 2 (a 4K laptop at 200 %): the
window uses the screen, nothing sticks out, the projector fills it with its text whole, the
images are drawn at the screen's resolution, and the symbols the PDFs draw are drawn too. Each
screen is a real Qt offscreen screen (its configuration file), in a child process; the PNGs are
kept in the test's folder to be looked at."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("dpr", [1, 2])
def test_full_hd_and_hidpi(demo_file, tmp_path, dpr):
    config = tmp_path / "screen.json"
    # a 4K panel at 192 dpi is what Qt scales by 2 (its high-DPI scaling): 1920×1080 logical pixels
    config.write_text(json.dumps({"screens": [{"name": "Full HD", "x": 0, "y": 0, "width": 1920 * dpr,
                                               "height": 1080 * dpr, "logicalDpi": 96 * dpr,
                                               "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", PYTHONPATH=str(ROOT),
               FACILITATOR_HOME=str(tmp_path / "home"), FACILITATOR_DEVICE="laptop-screen")
    run = subprocess.run([sys.executable, str(ROOT / "tests" / "ui" / "screen_child.py"), str(demo_file),
                          str(tmp_path)], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    line = next((ln for ln in run.stdout.splitlines() if ln.startswith("FACTS ")), None)
    assert line is not None, run.stderr[-3000:]
    assert "ERROR" not in run.stderr, run.stderr[-3000:]
    f = json.loads(line[6:])
    assert f["screen"] == [1920, 1080] and f["dpr"] == dpr
    # the window uses the screen at its first opening (never a 1320×820 corner of it)
    assert f["window"][0] >= 0.8 * 1920 and f["window"][1] >= 0.8 * 1080
    assert f["window"][0] <= 1920 and f["window"][1] <= 1080
    # drawn at the screen's resolution: every physical pixel, not an image scaled up
    assert f["image"] == [f["window"][0] * dpr, f["window"][1] * dpr, dpr]
    assert f["projector"] == [1920, 1080, True] and f["projector_image"] == [1920 * dpr, 1080 * dpr]
    assert f["outside"] == []
    assert f["question_whole"] and f["note_in_view"] and f["projected"]
    # the symbols of the note (those the PDFs draw) are glyphs in the note and on the projector, no boxes
    assert len(f["note_glyphs"]) == 8 and 0 not in f["note_glyphs"]
    assert len(f["projector_glyphs"]) == 8 and 0 not in f["projector_glyphs"]
    # the same text size on both screens, in logical pixels (so twice the physical pixels at 2)
    assert f["font_px"][0] >= 12
    for name in ("main.png", "projector.png"):
        image = QImage(str(tmp_path / name))
        assert not image.isNull() and image.width() == (f["window"][0] if name == "main.png" else 1920) * dpr
