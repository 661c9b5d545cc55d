"""What each laptop keeps of its own: participants counts (per atelier, type and laptop, never
summed), the phase timers (per atelier) and the laptops' human names. A part of ``EventFile``
(``event.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from facilitator.errors import OperationError
from facilitator.i18n import tr
from facilitator.store.access import reads
from facilitator.store.states import CONTRIBUTORS, Change, Edit

if TYPE_CHECKING:
    from facilitator.store.timer import TimerRecord


class PerLaptop:
    """Counts, timers and names of laptops (a part of ``EventFile``)."""

    @reads
    def participants(self, workshop: int | None = None) -> dict[int, dict[str, dict[str, int]]]:
        """Counts by atelier, contributor type and laptop: ``{workshop: {type: {device: n}}}``.

        Counts typed on different laptops are kept side by side, never summed.
        """
        sql = "SELECT workshop, contributor, device, count FROM participants"
        rows = self._all(sql) if workshop is None else self._all(sql + " WHERE workshop = ?", (workshop,))
        out: dict[int, dict[str, dict[str, int]]] = {}
        for w, contributor, device, count in rows:
            out.setdefault(w, {}).setdefault(contributor, {})[device] = count
        return out

    def participant_counts(self, workshop: int) -> dict[str, int]:
        """This laptop's counts for an atelier (what its form shows), falling back to another's."""
        out: dict[str, int] = {}
        for contributor, by_device in self.participants(workshop).get(workshop, {}).items():
            out[contributor] = by_device.get(self.device, max(by_device.values()))
        return out

    def participants_total(self) -> dict[str, int]:
        """Event totals by type (for each atelier, this laptop's count or the largest)."""
        totals = dict.fromkeys(CONTRIBUTORS, 0)
        for w in self.kit.workshops:
            for k, v in self.participant_counts(w.number).items():
                totals[k] = totals.get(k, 0) + v
        return totals

    def set_participants(self, workshop: int, contributor: str, count: int | None) -> Change:
        if self.kit.workshop(workshop) is None:
            raise OperationError(tr("store.unknown_workshop", number=workshop))
        if contributor not in CONTRIBUTORS:
            raise OperationError(tr("store.bad_contributor", value=contributor))
        if count is not None and count < 0:
            raise OperationError(tr("store.negative_count"))
        row = self._one("SELECT count FROM participants WHERE workshop = ? AND contributor = ? AND device = ?",
                        (workshop, contributor, self.device))
        before = row[0] if row else None
        return self.apply(Change("set_participants", (Edit("participants", (workshop, contributor), before, count),)))

    @reads
    def timer_state(self, workshop: int) -> TimerRecord | None:
        """The phase timer of ``workshop`` as last stored (``facilitator.store.timer``)."""
        from facilitator.store.timer import META_PREFIX, TimerRecord

        row = self._one("SELECT value FROM meta WHERE key = ?", (f"{META_PREFIX}{workshop}",))
        return TimerRecord.from_json(row[0]) if row else None

    def set_timer_state(self, workshop: int, record: TimerRecord | None) -> Change:
        """Store the phase timer of ``workshop`` (None: forget it)."""
        if self.kit.workshop(workshop) is None:
            raise OperationError(tr("store.unknown_workshop", number=workshop))
        if record is not None and record.problems():
            raise OperationError(tr("store.bad_timer", fields=", ".join(record.problems())))
        return self.apply(Change("set_timer_state", (Edit("timer", workshop, self.timer_state(workshop), record),)))

    @reads
    def laptop_names(self) -> dict[str, str]:
        """The human name of each laptop this file knows, by device id (``store.laptops``)."""
        from facilitator.store.laptops import META_PREFIX, newest

        rows = self._all("SELECT key, value FROM meta WHERE key LIKE ?", (f"{META_PREFIX}%",))
        return {device: found.name for device, found in newest(rows).items()}

    def set_laptop_name(self, name: str) -> Change:
        """Name this laptop (``self.device``) in the event file; a merge carries the name along."""
        from facilitator.store.laptops import LaptopName

        record = LaptopName.now(name)
        if record.problems():
            raise OperationError(tr("store.bad_laptop_name", fields=", ".join(record.problems())))
        before = self.laptop_names().get(self.device)
        if before == record.name:
            return Change("set_laptop_name")
        return self.apply(Change("set_laptop_name", (Edit("laptop", self.device, None, record),)))
