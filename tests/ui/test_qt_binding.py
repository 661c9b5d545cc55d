"""The Qt binding keeps Python's reference counts right (PySide6 6.12.0 did not, fatally).

PySide6 6.12.0 returned ``None`` from void methods without a reference: on CPython 3.11 the app
aborted ("none_dealloc") after a few thousand calls. pyproject.toml excludes that release; this
test fails on any binding with the same bug.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QComboBox, QPushButton


def test_void_calls_and_empty_variants_keep_reference_counts(qtbot):
    button, combo = QPushButton(), QComboBox()
    qtbot.addWidget(button)
    qtbot.addWidget(combo)
    combo.addItem("a")
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(500):
        button.setEnabled(True)
        combo.setCurrentIndex(0)
        combo.currentData()
    after = sys.getrefcount(None), sys.getrefcount(True)
    assert after[0] >= before[0] - 5 and after[1] >= before[1] - 5, (before, after)
