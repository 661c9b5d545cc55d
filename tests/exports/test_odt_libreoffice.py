"""The ODT opened by the real LibreOffice (``soffice --headless --convert-to pdf``), when it is
installed (Debian: ``libreoffice-writer-nogui``): the contents is a table of contents whose entries
are links to their headings' pages, and the cover, the contents and each part start a page."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from exports.content import restitution
from exports.odt import render_odt
from facilitator.store import EventFile
from tests.exports.opendata_support import DEVICE, make_demo, norm

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    pypdf = pytest.importorskip("pypdf")
    folder = tmp_path_factory.mktemp("lo")
    path = make_demo(folder)
    with EventFile.open(path, device=DEVICE) as ev:
        content = restitution(ev)
    odt = folder / "restitution.odt"
    odt.write_bytes(render_odt(content))
    profile = folder / "profile"  # a fresh LibreOffice profile: no dialog, no state of this machine
    run = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(folder), str(odt)],
        capture_output=True, text=True, timeout=240, check=False)
    pdf = folder / "restitution.pdf"
    assert run.returncode == 0 and pdf.exists(), run.stderr
    reader = pypdf.PdfReader(str(pdf))
    return {"reader": reader, "content": content,
            "pages": [norm(p.extract_text() or "") for p in reader.pages]}


def test_cover_contents_and_parts_start_a_page(converted):
    pages = converted["pages"]
    c = converted["content"]
    assert c.title in pages[0] and "SOMMAIRE" not in pages[0]
    assert pages[1].startswith("SOMMAIRE")
    firsts = {}
    for title in ("Synthèse des propositions", c.workshops_title, "Ce que nous avons entendu"):
        firsts[title] = next(i for i, p in enumerate(pages) if i > 1 and p.startswith(norm(title)))
    assert firsts["Synthèse des propositions"] == 2
    assert sorted(firsts.values()) == list(firsts.values())


def test_contents_entries_link_to_their_headings(converted):
    reader, pages = converted["reader"], converted["pages"]
    page_of = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    targets = []
    for annot in reader.pages[1].get("/Annots") or []:
        a = annot.get_object()
        if a.get("/Subtype") != "/Link":
            continue
        dest = a.get("/Dest")
        if dest is None and a.get("/A") is not None:
            dest = a["/A"].get("/D")
        if isinstance(dest, str):
            dest = reader.named_destinations[dest]
            targets.append(reader.get_destination_page_number(dest))
        else:
            targets.append(page_of[dest[0].idnum])
    c = converted["content"]
    expected = ["Synthèse des propositions", c.workshops_title,
                *(w.heading for w in c.workshops), "Ce que nous avons entendu"]
    # every entry is a link (an entry on two lines is two link areas) to the page of its heading
    assert len(targets) >= len(expected)
    heading_pages = {next(i for i, p in enumerate(pages) if i > 1 and norm(title) in p) for title in expected}
    assert set(targets) == heading_pages
