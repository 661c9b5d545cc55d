"""ICU's data library with only what the app uses (Linux): Qt's ``libicudata.so.73`` is 32 MB of
Unicode and CLDR data for every language and legacy character set; QtCore uses ICU for collation
(the file dialog sorts names with QCollator), locale-aware case mapping and the names of
character sets. What is kept is declared in ``contents.ICU_KEEP`` (the interface's languages,
each tree's root and shared pool, the data that is no one locale's); the rest is removed with
ICU's own packaging tool, ``icupkg`` (Debian package ``icu-devtools``), which refuses to leave an
item whose dependency is removed, and the library is rebuilt around the trimmed data with the
same exported symbol and soname (``gcc``, an ``.incbin``): nothing else in Qt changes.

Called by packaging/facilitator.spec; ``python packaging/icudata.py LIB OUT`` runs it by hand.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path


class IcuError(Exception):
    pass


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise IcuError(f"outil « {name} » introuvable : installer le paquet "
                       f"{'icu-devtools' if name == 'icupkg' else name} (docs/bundle.md)")
    return path


def _data_symbol(lib: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the ``icudtNN_dat`` symbol the library exports."""
    out = subprocess.run([_tool("readelf"), "-W", "--dyn-syms", str(lib)], check=True,
                         capture_output=True, text=True).stdout
    m = re.search(r":\s*([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+\d+\s+(icudt\d+_dat)\b", out)
    if m is None:
        raise IcuError(f"{lib} : symbole icudt*_dat introuvable")
    address, size, name = int(m.group(1), 16), int(m.group(2), 0), m.group(3)
    data = lib.read_bytes()
    shoff = struct.unpack_from("<Q", data, 0x28)[0]
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    for i in range(shnum):
        _, kind, _, addr, offset, sh_size = struct.unpack_from("<IIQQQQ", data, shoff + i * shentsize)
        if kind != 8 and addr <= address < addr + sh_size:  # 8: SHT_NOBITS
            return name, offset + address - addr, size
    raise IcuError(f"{lib} : section du symbole {name} introuvable")


def trim(lib: Path, out: Path, keep) -> tuple[int, int]:
    """Write to ``out`` a copy of ICU's data library ``lib`` holding only the items ``keep(item)``
    accepts (item: ``coll/fr.res``); returns the data's sizes before and after."""
    name, offset, size = _data_symbol(lib)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # icupkg reads the package's name from the file's: icudt73l.dat (l: little-endian)
        (tmp / "in").mkdir()
        (tmp / "out").mkdir()
        full = tmp / "in" / f"{name[:-4]}l.dat"
        small = tmp / "out" / full.name
        with lib.open("rb") as f:
            f.seek(offset)
            full.write_bytes(f.read(size))
        items = subprocess.run([_tool("icupkg"), "-l", str(full)], check=True, capture_output=True,
                               text=True).stdout.split()
        removed = [i for i in items if not keep(i)]
        (tmp / "remove.txt").write_text("\n".join(removed) + "\n")
        run = subprocess.run([_tool("icupkg"), "-r", str(tmp / "remove.txt"), str(full), str(small)],
                             capture_output=True, text=True)
        if run.returncode or not small.exists():
            raise IcuError(f"icupkg : {(run.stderr or run.stdout).strip()[-800:]}")
        (tmp / "data.S").write_text(
            '\t.section .rodata\n'
            f'\t.globl {name}\n\t.type {name}, @object\n\t.balign 16\n{name}:\n'
            f'\t.incbin "{small}"\n\t.size {name}, .-{name}\n'
            '\t.section .note.GNU-stack,"",@progbits\n')
        soname = lib.name
        run = subprocess.run([_tool("gcc"), "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-o", str(out),
                              str(tmp / "data.S")], capture_output=True, text=True)
        if run.returncode:
            raise IcuError(f"gcc : {run.stderr.strip()[-800:]}")
        return size, small.stat().st_size


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    from contents import icu_keep

    before, after = trim(Path(sys.argv[1]), Path(sys.argv[2]), icu_keep)
    print(f"données ICU : {before / 1e6:.1f} Mo -> {after / 1e6:.1f} Mo")
