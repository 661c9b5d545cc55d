"""The PDF documents: restitution, participant booklet with QR codes, facilitator sheets.

Pure functions from content to bytes (``render_restitution``, ``render_booklet``,
``render_sheets``), each in its module; reportlab and qrcode are imported only by those modules,
so importing this package stays cheap. Fonts: the vendored DejaVu Sans family (exports/fonts).
"""
