"""The phase timer's state, stored with the event (``meta`` key ``timer/<atelier>``), so that a
crash or a restart finds the timer where it was: the phase, the minutes added, the time already
counted, and whether it is running and since when (a wall-clock time, UTC).

A running timer goes on counting while the app is closed: at ``started_at`` it had counted
``elapsed`` seconds; now it has counted ``elapsed + (now - started_at)``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import asdict, dataclass

META_PREFIX = "timer/"


@dataclass(frozen=True)
class TimerRecord:
    phase: int  # index of the phase in the atelier's phases
    phase_title: str  # its title then (a kit edited since: the phase is found again by title)
    extra: float = 0.0  # seconds added to the phase (+5 min)
    elapsed: float = 0.0  # seconds counted before ``started_at`` (or in all, when paused)
    started_at: str | None = None  # running since (ISO 8601, UTC); None: paused

    @property
    def running(self) -> bool:
        return self.started_at is not None

    def counted(self, now: dt.datetime) -> float:
        """Seconds counted in the phase at ``now``."""
        if self.started_at is None:
            return self.elapsed
        since = dt.datetime.fromisoformat(self.started_at)
        return self.elapsed + max(0.0, (now - since).total_seconds())

    def problems(self) -> list[str]:
        """What makes it unfit to be stored (empty when it is fine)."""
        out = []
        if not isinstance(self.phase, int) or isinstance(self.phase, bool) or self.phase < 0:
            out.append(f"phase={self.phase!r}")
        if not isinstance(self.phase_title, str):
            out.append(f"phase_title={self.phase_title!r}")
        for name in ("extra", "elapsed"):
            v = getattr(self, name)
            if not isinstance(v, int | float) or isinstance(v, bool) or not math.isfinite(v) or v < 0:
                out.append(f"{name}={v!r}")
        if self.started_at is not None:
            try:
                when = dt.datetime.fromisoformat(self.started_at)
                if when.tzinfo is None:
                    out.append(f"started_at={self.started_at!r} (no time zone)")
            except (TypeError, ValueError):
                out.append(f"started_at={self.started_at!r}")
        return out

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> TimerRecord | None:
        """The record stored, or None if it is not one (a crafted or damaged file)."""
        try:
            d = json.loads(text)
            record = cls(**{k: d[k] for k in ("phase", "phase_title", "extra", "elapsed", "started_at")})
        except (TypeError, ValueError, KeyError):
            return None
        return None if record.problems() else record


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
