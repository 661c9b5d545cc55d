"""What the frozen app must contain, declared once: read by the PyInstaller spec and hook (to
collect it) and by ``scripts/build_app.py`` (to check that the built folder holds it all).

Qt: only the three Qt modules the app imports, and of Qt's plugins only those it needs on each
platform. A plugin listed here and missing from the build fails the build.
"""

from __future__ import annotations

import sys

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


# The app's own data files (package, glob), as setuptools ships them (pyproject package-data)
DATA = (
    ("kits", "*.yaml"),
    ("exports/fonts", "*.ttf"),
    ("exports/fonts", "*.txt"),
    ("ui/i18n", "*.qm"),
    ("facilitator/kit", "*.yaml"),
)

# Linux libraries taken from the laptop rather than bundled (regular expressions on file names,
# as PyInstaller's own exclusion list): the X11 client libraries, fontconfig and FreeType (they
# read the laptop's font configuration), and D-Bus with what libdbus needs (the session bus).
HOST_LIBS = (
    r"libX11\.so(\..*)?", r"libX11-xcb\.so(\..*)?", r"libxcb\.so(\..*)?", r"libXau\.so(\..*)?",
    r"libXdmcp\.so(\..*)?", r"libbsd\.so(\..*)?", r"libmd\.so(\..*)?",
    r"libfontconfig\.so(\..*)?", r"libfreetype\.so(\..*)?", r"libexpat\.so(\..*)?",
    r"libpng16\.so(\..*)?", r"libbrotli(common|dec)\.so(\..*)?",
    r"libdbus-1\.so(\..*)?", r"libsystemd\.so(\..*)?", r"libgcrypt\.so(\..*)?",
    r"libgpg-error\.so(\..*)?", r"liblz4\.so(\..*)?", r"libcap\.so(\..*)?",
)
