"""The hub's database: what it stores, how a laptop joins, pushes and pulls (see docs/sync.md).

Tables (SQLAlchemy Core, PostgreSQL through psycopg 3), their columns those of the event file's
tables in the one schema declaration (``facilitator/store/declaration.py``):
- ``hub``: one row, the hub's own id (a new one for a new data folder), the event id, the kit's
  text and hash; a laptop of another event or kit is refused.
- ``revision``: every revision of every record (notes with kind ``note``, proposals, the
  synthesis): the columns of the event file's ``record_revision``; ``revision_parent`` and
  ``participants`` as in the event file.
- ``record_heads``: every record's heads (the event file's columns), one row per record, rewritten
  by each push in its transaction from all the record's revisions on the hub: two or more heads
  are resolved as the event file does (merged, or a conflict kept side by side).
- every pulled row carries ``seq``, the hub's own sequence number (one sequence for the three tables):
  a laptop pulls what is above the last one it saw. Pushes take one transaction-wide advisory
  lock, so rows become visible in ``seq`` order and a reader never skips a number that a slower
  writer commits later.

A push inserts with ``ON CONFLICT DO NOTHING`` (a revision is immutable: pushing it twice changes
nothing) and then ``NOTIFY facilitator_hub``; notifications only wake laptops up.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Sequence,
    String,
    Table,
    Text,
    func,
    select,
    text,
    tuple_,
)
from sqlalchemy.dialects.postgresql import insert

from facilitator.i18n import tr
from facilitator.store import declaration
from facilitator.sync.server import DATABASE, HubError

CHANNEL = "facilitator_hub"
LOCK = 1717  # pg_advisory_xact_lock key of pushes
CONNECT_TIMEOUT = 5  # seconds
SCHEME = "facilitator"
SECRET_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no 0/o, 1/l: a code may be typed from paper
SECRET_LENGTH = 24  # 120 bits

metadata = MetaData()
hub_seq = Sequence("hub_seq", metadata=metadata)


def _seq() -> Column:
    return Column("seq", BigInteger, hub_seq, server_default=hub_seq.next_value(), nullable=False, index=True)


_TYPES = {"string": String, "text": Text, "integer": BigInteger, "float": Float, "boolean": Boolean,
          "blob": LargeBinary}


def _from_declaration(name: str, declared: str, *, seq: bool = True, indexes: dict[str, str] | None = None) -> Table:
    """A hub table with the columns of the event file's table ``declared`` (the one schema
    declaration, ``facilitator/store/declaration.py``), and the hub's ``seq`` when it is pulled;
    its declared indexes renamed by ``indexes`` (names are per database on PostgreSQL)."""
    t = declaration.TABLE[declared]
    columns = [Column(c.name, _TYPES[c.type](), primary_key=c.primary_key, nullable=c.nullable,
                      index=c.index or None, server_default=None if c.default is None else text(repr(c.default)))
               for c in t.columns]
    table = Table(name, metadata, *([_seq()] if seq else []), *columns, comment=t.doc or None)
    for index, cols in t.indexes:
        Index((indexes or {}).get(index, f"{name}_{index}"), *(table.c[n] for n in cols))
    return table


hub_table = Table(
    "hub", metadata,
    Column("id", Integer, primary_key=True),
    Column("hub_id", String, nullable=False),
    Column("event_id", String, nullable=False),
    Column("kit_sha256", String, nullable=False),
    Column("kit_source", Text, nullable=False),
    Column("created_at", String, nullable=False),
)
# every revision of every record, notes included (kind "note"): record_revision's columns
revision = _from_declaration("revision", "record_revision", indexes={"record_revision_record": "revision_record"})
revision_parent = _from_declaration("revision_parent", "revision_parent")
participants = _from_declaration("participants", "participants")
# every record's heads (one for most; two or more after concurrent edits, with the conflict),
# kept right by each push in its transaction; not pulled: each laptop computes its own
record_heads = _from_declaration("record_heads", "record_heads", seq=False)
SYNCED = (revision, revision_parent, participants)


# ------------------------------------------------------------------------------------------
# the join code


@dataclass(frozen=True)
class JoinCode:
    """Where the hub is and how to log in: ``facilitator://ROLE:SECRET@HOST:PORT/EVENT``."""

    host: str
    port: int
    event_id: str
    role: str
    secret: str = field(repr=False)

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{SCHEME}://{self.role}:{quote(self.secret, safe='')}@{host}:{self.port}/{quote(self.event_id, safe='')}"

    @property
    def where(self) -> str:
        """Host and port, without the secret (for messages and the status)."""
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    @classmethod
    def parse(cls, code: str) -> JoinCode:
        code = (code or "").strip()
        try:
            parts = urlsplit(code)
            port = parts.port
        except ValueError:
            parts, port = None, None
        if (parts is None or parts.scheme != SCHEME or not parts.hostname or not port or not parts.username
                or not parts.password or len(parts.path) < 2):
            raise HubError(tr("hub.bad_code"))
        return cls(parts.hostname, port, unquote(parts.path[1:]), unquote(parts.username), unquote(parts.password))


# ------------------------------------------------------------------------------------------
# connections


def _engine(pooled: bool = False, **conninfo):
    """An engine on the hub; ``pooled``: keep one connection open between rounds (a laptop),
    checked before use (the hub may have gone and come back)."""
    import psycopg
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool, QueuePool

    def connect():
        try:
            return psycopg.connect(connect_timeout=CONNECT_TIMEOUT, application_name="facilitator", **conninfo)
        except psycopg.OperationalError as exc:
            raise HubError(tr("hub.unreachable", where=f"{conninfo.get('host')}:{conninfo.get('port')}",
                              reason=_reason(exc))) from None

    if pooled:
        return create_engine("postgresql+psycopg://", creator=connect, poolclass=QueuePool, pool_size=1,
                             max_overflow=1, pool_pre_ping=True)
    return create_engine("postgresql+psycopg://", creator=connect, poolclass=NullPool)


def _reason(exc: BaseException) -> str:
    """The server's words, without anything that could hold a password."""
    text_ = str(exc).strip().splitlines()
    return text_[-1][:300] if text_ else type(exc).__name__


def admin_engine(conninfo: dict):
    return _engine(**conninfo)


def url_conninfo(url: str) -> dict:
    """psycopg's connection parameters of a ``postgresql://`` URL (an existing server)."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        return {k: v for k, v in conninfo_to_dict(url).items() if v is not None}
    except Exception as exc:  # noqa: BLE001 — psycopg's ProgrammingError and friends
        raise HubError(tr("hub.bad_url", reason=_reason(exc))) from None


# ------------------------------------------------------------------------------------------
# setting a hub up (as its administrator)


def create_database(conninfo: dict) -> None:
    """The ``facilitator`` database on a server of our own (connected to ``postgres``)."""
    import psycopg

    info = dict(conninfo, dbname="postgres")
    with psycopg.connect(connect_timeout=CONNECT_TIMEOUT, autocommit=True, **info) as con:
        if con.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)).fetchone() is None:
            con.execute(f'CREATE DATABASE "{DATABASE}"')
        con.execute(f'REVOKE ALL ON DATABASE "{DATABASE}" FROM PUBLIC')


def prepare(engine, event_id: str, kit_sha256: str, kit_source: str) -> str:
    """Create the hub's tables for the event (or check they are the event's); its hub id."""
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK})
        metadata.create_all(conn)
        row = conn.execute(select(hub_table.c.hub_id, hub_table.c.event_id, hub_table.c.kit_sha256)).first()
        if row is None:
            hub_id = str(uuid.uuid4())
            conn.execute(hub_table.insert().values(id=1, hub_id=hub_id, event_id=event_id, kit_sha256=kit_sha256,
                                                   kit_source=kit_source,
                                                   created_at=dt.datetime.now(dt.UTC).isoformat()))
            return hub_id
        if row.event_id != event_id or row.kit_sha256 != kit_sha256:
            raise HubError(tr("hub.other_event_here", found=row.event_id, expected=event_id))
        _backfill_heads(conn)
        return row.hub_id


def _backfill_heads(conn) -> None:
    """Give every record that has revisions but no ``record_heads`` row its heads: a hub made
    before that table existed (or one a crash left short) is completed when it is next started;
    a hub already complete finds nothing to do (one query)."""
    missing = (select(revision.c.kind, revision.c.record_id).distinct()
               .except_(select(record_heads.c.kind, record_heads.c.record_id)))
    records = {(kind, record) for kind, record in conn.execute(missing)}
    if records:
        _keep_heads(conn, records)


def add_join_role(engine) -> tuple[str, str]:
    """A new login role for one join code, with a random secret; ``(role, secret)``.

    The server gets the SCRAM verifier, never the secret itself (nothing to log). The role may
    read everything and insert revisions (and update participant counts): never delete.
    """
    role = f"join_{secrets.token_hex(4)}"
    secret = "".join(secrets.choice(SECRET_ALPHABET) for _ in range(SECRET_LENGTH))
    with engine.begin() as conn:
        raw = conn.connection.driver_connection
        verifier = raw.pgconn.encrypt_password(secret.encode(), role.encode(), b"scram-sha-256").decode()
        from psycopg import sql

        cur = raw.cursor()
        cur.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(role), sql.Literal(verifier)))
        cur.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(DATABASE), sql.Identifier(role)))
        cur.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(sql.Identifier(role)))
        cur.execute(sql.SQL("GRANT SELECT ON hub TO {}").format(sql.Identifier(role)))
        cur.execute(sql.SQL("GRANT SELECT, INSERT ON revision, revision_parent TO {}").format(sql.Identifier(role)))
        cur.execute(sql.SQL("GRANT SELECT, INSERT, UPDATE ON participants, record_heads TO {}").format(
            sql.Identifier(role)))
        cur.execute(sql.SQL("GRANT USAGE ON SEQUENCE hub_seq TO {}").format(sql.Identifier(role)))
    return role, secret


def counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        out = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in SYNCED}
        out["seq"] = _top(conn)
        return out


def _keep_heads(conn, records: set[tuple[str, str]]) -> None:
    """Rewrite the ``record_heads`` rows of ``records`` from all their revisions on the hub
    (inside the push's transaction, under its lock): the heads are the revisions no other one
    descends from; two or more are resolved as the event file does (``history.resolve_heads``:
    merged, or a conflict kept side by side)."""
    import json

    from facilitator.store.history import Rev, resolve_heads

    keys = sorted(records)
    for i in range(0, len(keys), 1000):
        chunk = keys[i:i + 1000]
        revs: dict[tuple[str, str], list[tuple]] = {}
        for row in conn.execute(select(revision.c.kind, revision.c.record_id, revision.c.id, revision.c.parent_id,
                                       revision.c.device, revision.c.at, revision.c.state)
                                .where(tuple_(revision.c.kind, revision.c.record_id).in_(chunk))):
            revs.setdefault((row[0], row[1]), []).append(tuple(row[2:]))
        ids = [r[0] for rs in revs.values() for r in rs]
        extra: dict[str, list[str]] = {}
        for j in range(0, len(ids), 5000):
            for rid, pid in conn.execute(select(revision_parent.c.revision_id, revision_parent.c.parent_id)
                                         .where(revision_parent.c.revision_id.in_(ids[j:j + 5000]))):
                extra.setdefault(rid, []).append(pid)
        rows = []
        for (kind, record), rs in revs.items():
            parents = {r[0]: ((r[1],) if r[1] else ()) + tuple(sorted(extra.get(r[0], ()))) for r in rs}
            referenced = {p for ps in parents.values() for p in ps}
            heads = sorted(r[0] for r in rs if r[0] not in referenced)
            conflict, fields = None, ()
            if len(heads) != 1:
                resolved = resolve_heads(kind, [Rev(r[0], parents[r[0]], r[2], r[3], json.loads(r[4])) for r in rs])
                heads, conflict, fields = list(resolved.heads), resolved.conflict, resolved.fields
            rows.append({"kind": kind, "record_id": record, "heads": json.dumps(list(heads)),
                         "conflict": conflict, "fields": json.dumps(list(fields))})
        if rows:
            ins = insert(record_heads).values(rows)
            conn.execute(ins.on_conflict_do_update(
                index_elements=["kind", "record_id"],
                set_={"heads": ins.excluded.heads, "conflict": ins.excluded.conflict, "fields": ins.excluded.fields}))


def heads(engine) -> dict[tuple[str, str], tuple[list[str], str | None]]:
    """Every record's heads on the hub: ``{(kind, record id): (head revision ids, conflict)}``."""
    import json

    with engine.connect() as conn:
        return {(k, r): (json.loads(h), c) for k, r, h, c in conn.execute(
            select(record_heads.c.kind, record_heads.c.record_id, record_heads.c.heads, record_heads.c.conflict))}


def _top(conn) -> int:
    return max(conn.execute(select(func.coalesce(func.max(t.c.seq), 0))).scalar_one() for t in SYNCED)


# ------------------------------------------------------------------------------------------
# a laptop's side


@dataclass(frozen=True)
class Identity:
    hub_id: str
    event_id: str
    kit_sha256: str
    kit_source: str


@dataclass
class Batch:
    """Rows pulled from the hub above ``after``, up to ``upto`` (the new position)."""

    after: int
    upto: int
    revisions: list[tuple] = field(default_factory=list)  # id, kind, record_id, parent_id, device, at, state
    parents: list[tuple] = field(default_factory=list)
    participants: list[tuple] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.revisions or self.parents or self.participants)


class Connection:
    """A laptop's link to a hub (one join code); every error a ``HubError`` in French."""

    def __init__(self, code: JoinCode) -> None:
        self.code = code
        self.engine = _engine(pooled=True, host=code.host, port=code.port, user=code.role,
                              password=code.secret, dbname=DATABASE)

    def _errors(self):
        from contextlib import contextmanager

        import sqlalchemy.exc

        @contextmanager
        def guard():
            try:
                yield
            except sqlalchemy.exc.DBAPIError as exc:
                raise HubError(tr("hub.lost", where=self.code.where, reason=_reason(exc.orig or exc))) from None

        return guard()

    def identity(self) -> Identity:
        with self._errors(), self.engine.connect() as conn:
            row = conn.execute(select(hub_table.c.hub_id, hub_table.c.event_id, hub_table.c.kit_sha256,
                                      hub_table.c.kit_source)).first()
        if row is None:
            raise HubError(tr("hub.empty", where=self.code.where))
        return Identity(*row)

    def revision_ids(self) -> set[str]:
        with self._errors(), self.engine.connect() as conn:
            return set(conn.execute(select(revision.c.id)).scalars())

    def push(self, revisions: list[tuple], parents: list[tuple], counts_: list[tuple]) -> int:
        """Insert what the hub lacks, in one transaction; the number of new revisions."""
        if not (revisions or parents or counts_):
            return 0
        with self._errors(), self.engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK})
            new = 0
            touched: set[tuple[str, str]] = set()
            cols = ("id", "kind", "record_id", "parent_id", "device", "at", "state")
            for i in range(0, len(revisions), 1000):
                chunk = [dict(zip(cols, r, strict=True)) for r in revisions[i:i + 1000]]
                res = conn.execute(insert(revision).values(chunk).on_conflict_do_nothing()
                                   .returning(revision.c.kind, revision.c.record_id)).fetchall()
                new += len(res)
                touched.update((k, r) for k, r in res)
            changed = new
            if parents:
                changed += len(conn.execute(insert(revision_parent).values(
                    [{"revision_id": a, "parent_id": b} for a, b in parents]).on_conflict_do_nothing()
                    .returning(revision_parent.c.revision_id)).fetchall())
            _keep_heads(conn, touched)
            if counts_:
                ins = insert(participants).values([dict(zip(("workshop", "contributor", "device", "count", "at"), r,
                                                            strict=True)) for r in counts_])
                changed += len(conn.execute(ins.on_conflict_do_update(
                    index_elements=["workshop", "contributor", "device"],
                    set_={"count": ins.excluded["count"], "at": ins.excluded.at, "seq": hub_seq.next_value()},
                    where=tuple_(ins.excluded.at, ins.excluded["count"]) > tuple_(participants.c.at,
                                                                                  participants.c["count"]))
                    .returning(participants.c.workshop)).fetchall())
            if changed:  # wake the other laptops only when there is something to pull
                conn.execute(text("SELECT pg_notify(:c, '')"), {"c": CHANNEL})
        return new

    def pull(self, after: int, window: int = 20_000) -> Batch:
        """What the hub holds above ``after`` (at most ``window`` sequence numbers at a time)."""
        with self._errors(), self.engine.connect() as conn:
            conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
            top = _top(conn)
            upto = min(top, after + window)
            batch = Batch(after, max(upto, after))
            if upto <= after:
                return batch
            span = lambda t: (t.c.seq > after) & (t.c.seq <= upto)  # noqa: E731
            batch.revisions = [tuple(r) for r in conn.execute(
                select(revision.c.id, revision.c.kind, revision.c.record_id, revision.c.parent_id,
                       revision.c.device, revision.c.at, revision.c.state).where(span(revision))
                .order_by(revision.c.seq))]
            batch.parents = [tuple(r) for r in conn.execute(
                select(revision_parent.c.revision_id, revision_parent.c.parent_id).where(span(revision_parent)))]
            batch.participants = [tuple(r) for r in conn.execute(
                select(participants.c.workshop, participants.c.contributor, participants.c.device,
                       participants.c["count"], participants.c.at).where(span(participants)))]
            return batch

    def listener(self):
        """A psycopg connection listening on the hub's channel (autocommit), or a ``HubError``."""
        import psycopg

        try:
            con = psycopg.connect(host=self.code.host, port=self.code.port, user=self.code.role,
                                  password=self.code.secret, dbname=DATABASE, autocommit=True,
                                  connect_timeout=CONNECT_TIMEOUT, application_name="facilitator-listen")
            con.execute(f"LISTEN {CHANNEL}")
            return con
        except psycopg.Error as exc:
            raise HubError(tr("hub.lost", where=self.code.where, reason=_reason(exc))) from None

    def close(self) -> None:
        self.engine.dispose()
