"""PyInstaller's own QtWidgets hook (its "styles" plugins), keeping only the Qt plugins that packaging/contents.py lists.

Filtering here, before PyInstaller follows the plugins' library dependencies, also leaves out
the libraries that only the unused plugins need (QtWaylandClient, QtSvg, QtOpenGL, GTK…).
"""

import os
import sys

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from contents import wanted_plugin  # noqa: E402

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)


def _keep(entry) -> bool:
    src, dest = entry
    parts = dest.replace("\\", "/").split("/")
    if "plugins" not in parts:
        return True
    kind = "/".join(parts[parts.index("plugins") + 1:])
    return wanted_plugin(kind, os.path.basename(src))


binaries = [b for b in binaries if _keep(b)]
