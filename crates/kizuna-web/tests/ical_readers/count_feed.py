"""Reads a calendar feed with Python's icalendar and with the strict `ical`
package (PyPI, by Allen Porter) and prints, as JSON, what each found: the
number of events, how many lack a UID or a DTSTAMP or have a DTSTAMP
that is not UTC, the time zones the timed events are in (resolved by each
parser from the file's VTIMEZONE), and how many date-times are floating
(no zone). Used by crates/kizuna-web/tests/it/calendar_feeds.rs.

Usage: python count_feed.py FILE.ics
"""

import json
import sys
from datetime import date, datetime, timedelta

from icalendar import Calendar
from ical.calendar_stream import IcsCalendarStream


def with_icalendar(data):
    cal = Calendar.from_ical(data)
    defined = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    out = {"events": 0, "no_uid": 0, "no_stamp": 0, "stamp_not_utc": 0, "floating": 0, "zones": [], "undefined_zones": []}
    zones = set()
    for ev in cal.walk("VEVENT"):
        out["events"] += 1
        if not str(ev.get("UID", "")).strip():
            out["no_uid"] += 1
        stamp = ev.get("DTSTAMP")
        if stamp is None:
            out["no_stamp"] += 1
        elif stamp.dt.utcoffset() != timedelta(0):
            out["stamp_not_utc"] += 1
        for key in ("DTSTART", "DTEND"):
            prop = ev.get(key)
            if prop is None:
                continue
            value = prop.dt
            if isinstance(value, datetime):
                tzid = prop.params.get("TZID")
                if value.tzinfo is None or tzid is None:
                    out["floating"] += 1
                else:
                    zones.add(str(tzid))
                    if str(tzid) not in defined:
                        out["undefined_zones"].append(str(tzid))
    out["zones"] = sorted(zones)
    return out


def with_ical(text):
    cal = IcsCalendarStream.calendar_from_ics(text)
    defined = {tz.tz_id for tz in cal.timezones}
    out = {"events": 0, "no_uid": 0, "no_stamp": 0, "stamp_not_utc": 0, "floating": 0, "zones": [], "undefined_zones": []}
    zones = set()
    for ev in cal.events:
        out["events"] += 1
        if not (ev.uid or "").strip():
            out["no_uid"] += 1
        if ev.dtstamp is None:
            out["no_stamp"] += 1
        elif ev.dtstamp.utcoffset() != timedelta(0):
            out["stamp_not_utc"] += 1
        for value in (ev.dtstart, ev.dtend):
            if isinstance(value, datetime):
                if value.tzinfo is None:
                    out["floating"] += 1
                else:
                    key = getattr(value.tzinfo, "key", None) or str(value.tzinfo)
                    zones.add(key)
                    if key not in defined:
                        out["undefined_zones"].append(key)
            elif value is not None and not isinstance(value, date):
                out["floating"] += 1
    out["zones"] = sorted(zones)
    return out


def main(path):
    with open(path, "rb") as f:
        data = f.read()
    print(json.dumps({"icalendar": with_icalendar(data), "ical": with_ical(data.decode("utf-8"))}))


if __name__ == "__main__":
    main(sys.argv[1])
