"""Weekly schedules with nights, weekends and holidays: the listening rota and the
service hours of the response promise.

A shift starts on the days it lists and runs ``HH:MM-HH:MM`` in its time zone; an end
before the start runs past midnight (``22:00-08:00``), and ``00:00-24:00`` is all day.
On a date listed as a holiday only the shifts that list ``holidays`` apply, when any
do; otherwise the usual shifts of that weekday.  Service hours are stricter: a business
is closed on its holidays unless some entry lists ``holidays`` (``closed_on_holidays``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_ALIASES: dict[str, tuple[str, ...]] = {
    **{d: (d,) for d in DAY_NAMES},
    "lun": ("mon",),
    "mar": ("tue",),
    "mie": ("wed",),
    "mié": ("wed",),
    "jue": ("thu",),
    "vie": ("fri",),
    "sab": ("sat",),
    "sáb": ("sat",),
    "dom": ("sun",),
    "weekdays": DAY_NAMES[:5],
    "laborables": DAY_NAMES[:5],
    "weekends": DAY_NAMES[5:],
    "fines_de_semana": DAY_NAMES[5:],
    "all": DAY_NAMES,
    "todos": DAY_NAMES,
    "holidays": ("holidays",),
    "festivos": ("holidays",),
}
_HOURS = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def day_key(alias: str) -> str:
    """The English alias of a shift's day alias, which names it in messages
    ("laborables" → "weekdays", "sáb" → "sat"); an unknown one as it is."""
    days = DAY_ALIASES.get(alias.strip().lower())
    return next((k for k, v in DAY_ALIASES.items() if v == days), alias)


def expand_days(specs: Iterable[str]) -> frozenset[str]:
    """``["weekdays", "sab"]`` → ``{"mon", …, "fri", "sat"}``; raises KeyError."""
    out: set[str] = set()
    for spec in specs:
        out.update(DAY_ALIASES[spec.strip().lower()])
    return frozenset(out)


def parse_hours(text: str) -> tuple[time, timedelta]:
    """``"22:00-08:00"`` → (start, length).  Raises ValueError."""
    m = _HOURS.match(text)
    if not m:
        raise ValueError(text)
    h1, m1, h2, m2 = (int(x) for x in m.groups())
    if h1 > 23 or m1 > 59 or h2 > 24 or m2 > 59 or (h2 == 24 and m2):
        raise ValueError(text)
    start = timedelta(hours=h1, minutes=m1)
    end = timedelta(hours=h2, minutes=m2)
    length = end - start if end > start else end + timedelta(days=1) - start
    return time(h1, m1), length


@dataclass(frozen=True, slots=True)
class Shift:
    who: tuple[str, ...]
    days: frozenset[str]
    start: time
    length: timedelta
    tz: ZoneInfo

    def covers(self, at: datetime, holidays: frozenset[date], holiday_mode: bool) -> bool:
        local = at.astimezone(self.tz)
        # the shift may have started today or (running past midnight) on an earlier day
        for back in range(0, 2 + int(self.length / timedelta(days=1))):
            day = local.date() - timedelta(days=back)
            if not self._runs_on(day, holidays, holiday_mode):
                continue
            begin = datetime.combine(day, self.start, self.tz)
            if begin <= local < begin + self.length:
                return True
        return False

    def spans(
        self, start: datetime, end: datetime, holidays: frozenset[date], holiday_mode: bool
    ) -> list[tuple[datetime, datetime]]:
        """The stretches of ``[start, end)`` this shift covers, as UTC pairs.

        Begin and end are wall-clock times of the shift's zone, so a 09:00-17:00 shift
        ends at 17:00 on the days the clocks change too.
        """
        first = start.astimezone(self.tz).date() - timedelta(days=1 + self.length.days)
        last = end.astimezone(self.tz).date()
        out = []
        day = first
        while day <= last:
            if self._runs_on(day, holidays, holiday_mode):
                begin = datetime.combine(day, self.start, self.tz)
                a = max(begin.astimezone(UTC), start)
                b = min((begin + self.length).astimezone(UTC), end)
                if a < b:
                    out.append((a, b))
            day += timedelta(days=1)
        return out

    def _runs_on(self, day: date, holidays: frozenset[date], holiday_mode: bool) -> bool:
        if day in holidays and holiday_mode:
            return "holidays" in self.days
        return DAY_NAMES[day.weekday()] in self.days


@dataclass(frozen=True, slots=True)
class Schedule:
    shifts: tuple[Shift, ...]
    holidays: frozenset[date] = frozenset()
    closed_on_holidays: bool = False

    @property
    def holiday_mode(self) -> bool:
        """Whether holidays use only the shifts dedicated to them."""
        return self.closed_on_holidays or any("holidays" in s.days for s in self.shifts)

    def active(self, at: datetime) -> list[Shift]:
        mode = self.holiday_mode
        return [s for s in self.shifts if s.covers(at, self.holidays, mode)]

    def on_duty(self, at: datetime) -> list[str]:
        """Who is on duty at ``at`` (an aware datetime), in rota order, without repeats."""
        return list(dict.fromkeys(who for s in self.active(at) for who in s.who))

    def gaps(
        self, start: datetime, days: int = 7, step: timedelta = timedelta(minutes=30)
    ) -> list[datetime]:
        """Instants in ``[start, start + days)`` when nobody is on duty (sampled)."""
        out = []
        at = start
        end = start + timedelta(days=days)
        while at < end:
            if not self.active(at):
                out.append(at)
            at += step
        return out

    def gap_ranges(
        self, start: datetime, days: int = 7, step: timedelta = timedelta(minutes=30)
    ) -> list[tuple[datetime, datetime]]:
        """The stretches of :meth:`gaps` as ``(first, last + step)`` ranges."""
        out: list[tuple[datetime, datetime]] = []
        for at in self.gaps(start, days, step):
            if out and at - out[-1][1] < step / 2:
                out[-1] = (out[-1][0], at + step)
            else:
                out.append((at, at + step))
        return out

    def intervals(self, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
        """The covered stretches of ``[start, end)``, merged and in order, in UTC."""
        start, end = start.astimezone(UTC), end.astimezone(UTC)
        mode = self.holiday_mode
        spans = sorted(p for s in self.shifts for p in s.spans(start, end, self.holidays, mode))
        merged: list[tuple[datetime, datetime]] = []
        for a, b in spans:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        return merged


def make_schedule(
    shifts: Sequence[tuple[Sequence[str], Iterable[str], str, str]],
    holidays: Iterable[date] = (),
    *,
    closed_on_holidays: bool = False,
) -> Schedule:
    """Build a schedule from ``(who, days, "HH:MM-HH:MM", timezone)`` tuples."""
    built = []
    for who, days, hours, tz in shifts:
        start, length = parse_hours(hours)
        built.append(Shift(tuple(who), expand_days(days), start, length, ZoneInfo(tz)))
    return Schedule(tuple(built), frozenset(holidays), closed_on_holidays)
