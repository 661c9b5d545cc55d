"""Commands of the live sync: ``hub start`` / ``hub stop`` / ``hub status`` and ``sync``
(imported by ``facilitator.cli``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from facilitator.cli import command, event_argument, option, out
from facilitator.i18n import tr


def hub_folder(value: Path | None) -> Path:
    from facilitator.config import config_dir

    return Path(value) if value is not None else config_dir() / "hub"


def _data_option(p: argparse.ArgumentParser) -> None:
    option(p, "--data", type=Path, default=None, metavar="DOSSIER", help=tr("cli.help.hub_data"))


def _listen(value: str) -> tuple[str, int]:
    from facilitator.sync.server import HubError

    host, sep, port = value.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise HubError(tr("hub.bad_listen", value=value))
    return host, int(port)


def _start_configure(p: argparse.ArgumentParser) -> None:
    event_argument(p, "cli.help.hub_event")
    _data_option(p)
    option(p, "--listen", default=None, metavar="ADRESSE:PORT", help=tr("cli.help.hub_listen"))
    option(p, "--url", default=None, metavar="postgresql://…", help=tr("cli.help.hub_url"))


def lan_address() -> str:
    """This laptop's address on the venue network (the one a packet out would leave from)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))  # nothing is sent: UDP connect only picks a route
            return s.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def terminal_qr(text: str) -> str:
    import io

    import qrcode

    qr = qrcode.QRCode(border=1, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(text)
    buf = io.StringIO()
    qr.print_ascii(out=buf, invert=True)
    return buf.getvalue().rstrip("\n")


@command(("hub", "start"), tr("cli.help.hub_start"), _start_configure)
def cmd_hub_start(args) -> int:
    from facilitator.store import EventFile
    from facilitator.sync import hub as db
    from facilitator.sync import server

    with EventFile.open(args.event) as ev:
        event_id, sha, source = ev.event_id, ev.kit_sha256, ev.meta("kit_source") or ""
    folder = hub_folder(args.data)
    if args.url:
        conninfo = db.url_conninfo(args.url)
        engine = db.admin_engine(conninfo)
        if args.listen:  # the address laptops reach the server at
            host, port = _listen(args.listen)
        else:
            host, port = str(conninfo.get("host", "127.0.0.1")), int(conninfo.get("port", 5432))
            if host.startswith("/"):  # a Unix socket: laptops need a network address
                from facilitator.sync.server import HubError

                raise HubError(tr("hub.url_socket"))
        try:
            db.prepare(engine, event_id, sha, source)
            role, secret = db.add_join_role(engine)
        finally:
            engine.dispose()
        code = db.JoinCode(host, port, event_id, role, secret)
        out(tr("hub.using_server", where=code.where))
    else:
        address, port = _listen(args.listen or "127.0.0.1:0")
        info = server.start(folder, address, port)
        db.create_database(info.admin_conninfo())
        engine = db.admin_engine(info.admin_conninfo())
        try:
            db.prepare(engine, event_id, sha, source)
            if info.join_code and db.JoinCode.parse(info.join_code).event_id == event_id:
                code = db.JoinCode.parse(info.join_code)
            else:
                role, secret = db.add_join_role(engine)
                shown = lan_address() if address in ("0.0.0.0", "*", "::") else address
                code = db.JoinCode(shown, info.port, event_id, role, secret)
                info.join_code = str(code)
                info.save()
        finally:
            engine.dispose()
        if address in ("127.0.0.1", "::1", "localhost"):
            out(tr("hub.listening_loopback", address=address, port=info.port, folder=folder))
        else:
            out(tr("hub.listening", address=address, port=info.port, folder=folder))
    out(tr("hub.join_code", code=str(code)))
    out(terminal_qr(str(code)))
    out(tr("hub.card_hint", folder=folder))
    return 0


@command(("hub", "stop"), tr("cli.help.hub_stop"), _data_option)
def cmd_hub_stop(args) -> int:
    from facilitator.sync import server

    folder = hub_folder(args.data)
    if server.stop(folder):
        out(tr("hub.stopped", folder=folder))
    else:
        out(tr("hub.was_stopped", folder=folder))
    return 0


@command(("hub", "status"), tr("cli.help.hub_status"), _data_option)
def cmd_hub_status(args) -> int:
    from facilitator.sync import hub as db
    from facilitator.sync import server

    folder = hub_folder(args.data)
    info = server.HubInfo.load(folder)
    pid = server.running(info)
    if not pid:
        out(tr("hub.status_stopped", folder=folder))
        return 1
    engine = db.admin_engine(info.admin_conninfo())
    try:
        n = db.counts(engine)
    finally:
        engine.dispose()
    event = db.JoinCode.parse(info.join_code).event_id if info.join_code else "?"
    out(tr("hub.status_running", address=info.address, port=info.port, pid=pid, event=event,
           revisions=n["revision"], seq=n["seq"], folder=folder))
    return 0


def _sync_configure(p: argparse.ArgumentParser) -> None:
    event_argument(p)
    option(p, "--hub", required=True, metavar="CODE", help=tr("cli.help.sync_hub"))
    option(p, "--watch", action="store_true", help=tr("cli.help.sync_watch"))
    option(p, "--poll", type=float, default=2.0, metavar="SECONDES", help=tr("cli.help.sync_poll"))


def read_code(value: str) -> str:
    return sys.stdin.readline().strip() if value == "-" else value


@command(("sync",), tr("cli.help.sync"), _sync_configure)
def cmd_sync(args) -> int:
    from facilitator.store import EventFile
    from facilitator.sync.laptop import Laptop, watch

    code = read_code(args.hub)
    with EventFile.open(args.event) as ev:
        laptop = Laptop(ev, code)
        try:
            if not args.watch:
                r = laptop.round()
                for line in r.refused:
                    out(line)
                out(tr("sync.done", where=laptop.code.where, pushed=r.pushed, pulled=r.pulled, seq=r.seq))
                return 1 if r.refused else 0

            def report(r, error):
                if error is not None:
                    out(tr("sync.offline", reason=error))
                    return
                if not (r.pushed or r.pulled or r.refused):
                    return  # a round with nothing to say
                for line in r.refused:
                    out(line)
                out(tr("sync.done", where=laptop.code.where, pushed=r.pushed, pulled=r.pulled, seq=r.seq))
                sys.stdout.flush()

            out(tr("sync.watching", where=laptop.code.where))
            sys.stdout.flush()
            watch(laptop, poll=max(0.2, args.poll), report=report)
        finally:
            laptop.close()
    return 0
