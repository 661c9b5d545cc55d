"""What the self-contained app must hold (packaging/contents.py) keeps up with the repository.

The build itself (scripts/build_app.py) and its smoke test (scripts/bundle_smoke.sh) run in
.ci/run's last stage; these checks catch a forgotten data file before that.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
from contents import BABEL_LOCALES, DATA, QT_TRANSLATIONS, wanted_data  # noqa: E402

PACKAGES = ("facilitator", "exports", "ui", "kits")
SOURCES = {".py", ".pyc", ".po", ".ts"}  # what the app reads compiled, or as code


def test_every_data_file_of_the_packages_is_bundled():
    declared = {f for folder, pattern in DATA for f in (ROOT / folder).glob(pattern)}
    data = {p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*")
            if p.is_file() and p.suffix not in SOURCES and "__pycache__" not in p.parts}
    assert data, "no data file found"
    missing = sorted(str(p.relative_to(ROOT)) for p in data - declared)
    assert not missing, f"data files missing from packaging/contents.py DATA: {missing}"


def test_only_the_interface_languages_of_qt_and_babel():
    assert wanted_data("PySide6/Qt/translations/qtbase_fr.qm")
    assert not wanted_data("PySide6/Qt/translations/qtbase_de.qm")
    assert not wanted_data("PySide6/Qt/translations/qt_help_fr.qm")
    assert all(wanted_data(f"babel/locale-data/{name}.dat") for name in BABEL_LOCALES)
    assert not wanted_data("babel/locale-data/de.dat")
    assert not wanted_data("babel/locale-data/fr_CA.dat")
    assert wanted_data("babel/global.dat")
    assert wanted_data("kits/ministere-ouvert-2016.yaml")
    assert QT_TRANSLATIONS == ("qtbase_fr.qm", "qtbase_en.qm")
