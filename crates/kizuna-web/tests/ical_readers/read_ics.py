"""Reads an iCalendar file with Python's icalendar (PyPI) and prints what a
calendar application would take from it, as JSON: the calendar's name and
method, and each event's UID, start and end (UTC), summary, location and
description, with any problem the parser noted. Used by
crates/kizuna-web/tests/it/console_documents.rs to check Kizuna's .ics files.

Usage: python read_ics.py FILE.ics
"""

import json
import sys
from datetime import timezone

from icalendar import Calendar


def utc(value):
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def main(path):
    with open(path, "rb") as f:
        cal = Calendar.from_ical(f.read())
    problems = [str(e) for c in cal.walk() for e in getattr(c, "errors", [])]
    events = []
    for ev in cal.walk("VEVENT"):
        events.append(
            {
                "uid": str(ev["UID"]),
                "start": utc(ev.decoded("DTSTART")),
                "end": utc(ev.decoded("DTEND")),
                "summary": str(ev["SUMMARY"]),
                "location": str(ev.get("LOCATION", "")),
                "description": str(ev.get("DESCRIPTION", "")),
            }
        )
    print(
        json.dumps(
            {
                "calname": str(cal.get("X-WR-CALNAME", "")),
                "method": str(cal.get("METHOD", "")),
                "version": str(cal.get("VERSION", "")),
                "problems": problems,
                "events": events,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
