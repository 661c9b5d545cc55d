"""The card « Rejoindre l'événement »: one page, the join code in its QR code and written out,
the steps; the terminal QR of ``hub start`` decodes to the same code."""

from __future__ import annotations

import subprocess
import sys

from exports.pdf.join_card import render_join_card
from facilitator.sync.hub import JoinCode
from tests.exports.pdf_support import decode_qr, norm, pages_text, reader, render_pages, uris

CODE = JoinCode("192.168.1.20", 5432, "forum-open-etat-2021-1", "join_1a2b3c4d", "k7mxq2vtr9wz4hp8ncs3ydfa")


def test_the_card_is_one_page_with_the_code_in_its_qr_and_in_words(kit_2021):
    data = render_join_card(kit_2021, str(CODE), CODE.where)
    assert len(reader(data).pages) == 1
    (page,) = pages_text(data)
    said = norm(page)
    assert norm("Rejoindre l'événement") in said and norm("192.168.1.20:5432") in said
    assert norm(str(CODE)) in said
    (image,) = render_pages(data, [0], dpi=100)
    assert decode_qr(image) == [str(CODE)]
    assert uris(data) == []  # the code is no web link


def test_hub_card_command_refuses_a_code_of_another_event(tmp_path, demo_path):
    env_out = tmp_path / "card.pdf"
    proc = subprocess.run([sys.executable, "-m", "facilitator", "hub", "card", demo_path, "--hub", str(CODE),
                           "-o", env_out], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "autre événement" in proc.stderr and not env_out.exists()
    assert CODE.secret not in proc.stderr
    ok = JoinCode("127.0.0.1", 5432, "ministere-ouvert-1", "join_x", "abc")
    proc = subprocess.run([sys.executable, "-m", "facilitator", "hub", "card", demo_path, "--hub", "-",
                           "-o", env_out], input=str(ok) + "\n", capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    (image,) = render_pages(env_out.read_bytes(), [0], dpi=100)
    assert decode_qr(image) == [str(ok)]


def test_the_terminal_qr_decodes_to_the_code():
    from PIL import Image, ImageDraw

    from facilitator.sync.cli import terminal_qr

    rows = terminal_qr(str(CODE)).split("\n")
    # each character is two modules high: upper and lower half blocks
    scale, w = 8, max(len(r) for r in rows)
    img = Image.new("L", ((w + 8) * scale, (len(rows) * 2 + 8) * scale), 255)
    draw = ImageDraw.Draw(img)
    for y, row in enumerate(rows):
        for x, ch in enumerate(row):
            top = ch in "█▀"
            bottom = ch in "█▄"
            for dy, dark in ((0, top), (1, bottom)):
                if dark:
                    x0, y0 = (x + 4) * scale, (2 * y + dy + 4) * scale
                    draw.rectangle([x0, y0, x0 + scale - 1, y0 + scale - 1], fill=0)
    inverted = Image.eval(img, lambda v: 255 - v)
    assert str(CODE) in decode_qr(img) + decode_qr(inverted)  # printed inverted for dark terminals
