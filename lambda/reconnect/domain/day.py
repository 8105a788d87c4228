"""The couple's day as a request begins: one pure function from what the adapter gathered."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo

from reconnect.domain import program, ritual
from reconnect.domain.program import Greeting
from reconnect.domain.record import Record


@dataclass(frozen=True)
class Day:
    """Today for this couple: their local date, their record as today finds it, the greeting."""

    local_date: date
    record: Record  # the device's zone kept, a finished ritual counted, settled, the visit noted
    greeting: Greeting  # chosen from the record as it was before today's visit was counted


def begin(record: Record, moment: datetime, local: tzinfo, device_zone: str | None) -> Day:
    """The day at `moment` in the couple's zone `local`, from their record as it was stored.

    `device_zone` is the time zone the device reported this session (None when it was not
    asked or could not be had): the record keeps it, so "today" stays theirs next time too.
    """
    if device_zone is not None and device_zone != record.time_zone:
        record = replace(record, time_zone=device_zone)
    today = moment.astimezone(local).date()
    # A ritual that reached 10:00 since the last request counts, on the day it ended.
    record = ritual.conclude(record, moment, local)
    settled = program.settle(record, today)
    return Day(today, program.note_visit(settled, today), program.greeting(settled, today))
