"""The response-time promise (S2, S18): when each mention must be answered by.

Within service hours the clock runs only while the team is at work: a complaint that
arrives an hour before closing, with a two-hour promise, is due an hour after opening
on the next working day.  Outside service hours the brand's public promise for those
hours holds (``outside_hours`` of plain time, e.g. 72 hours).  Without service hours
the team answers at any time and ``within_hours`` holds day and night.  Holidays are
closed days.  Every instant is an aware datetime; results are in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from oteo.rota import Schedule

#: how far ahead the calendar is searched for working time (a year of holidays at most)
HORIZON = timedelta(days=400)
_CHUNK = timedelta(days=14)


class Clock(StrEnum):
    OK = "ok"
    WARNING = "warning"  # the promise runs out within ``warn_before``
    BREACHED = "breached"


@dataclass(frozen=True, slots=True)
class ServiceCalendar:
    schedule: Schedule | None  # None: always open
    within: timedelta = timedelta(hours=2)
    outside: timedelta = timedelta(hours=72)
    warn_before: timedelta = timedelta(minutes=30)

    @classmethod
    def from_config(cls, config) -> ServiceCalendar:  # type: ignore[no-untyped-def]
        sla = config.sla
        return cls(config.service_schedule(), sla.within_hours, sla.outside_hours, sla.warn_before)

    def is_open(self, at: datetime) -> bool:
        return self.schedule is None or bool(self.schedule.active(at))

    def deadline(self, arrived: datetime) -> datetime:
        """When a mention that arrived at ``arrived`` must have been answered."""
        arrived = arrived.astimezone(UTC)
        if self.schedule is None:
            return arrived + self.within
        if self.is_open(arrived):
            return self.add_working_time(arrived, self.within)
        return arrived + self.outside

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """The instant at which ``amount`` of service time has passed since ``start``."""
        start = start.astimezone(UTC)
        if self.schedule is None:
            return start + amount
        left = amount
        at = start
        while at - start < HORIZON:
            for a, b in self.schedule.intervals(at, at + _CHUNK):
                if b - a >= left:
                    return a + left
                left -= b - a
            at += _CHUNK
        # a calendar with no working time at all: fall back on the plain promise
        return start + self.outside

    def working_time(self, start: datetime, end: datetime) -> timedelta:
        """Service time between two instants (how long a reply took, in working hours)."""
        if end <= start:
            return timedelta(0)
        if self.schedule is None:
            return end - start
        return sum((b - a for a, b in self.schedule.intervals(start, end)), timedelta(0))

    def clock(self, due: datetime, now: datetime) -> Clock:
        if now >= due:
            return Clock.BREACHED
        if due - now <= self.warn_before:
            return Clock.WARNING
        return Clock.OK
