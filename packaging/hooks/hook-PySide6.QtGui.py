"""PyInstaller's own PySide6.QtGui hook, with only the Qt plugins packaging/contents.py lists."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from contents import qt_hook  # noqa: E402

hiddenimports, binaries, datas = qt_hook(__file__)
