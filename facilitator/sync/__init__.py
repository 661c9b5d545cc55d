"""The live sync of an event through a PostgreSQL hub (see docs/sync.md): the hub's server and
database (``server``, ``hub``), a laptop's rounds of push and pull (``laptop``), the commands
(``cli``). No Qt here; the app's worker lives in ``ui/``."""
