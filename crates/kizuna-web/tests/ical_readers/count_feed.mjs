// Reads a calendar feed with ical.js (npm) and prints, as JSON, the number
// of events, how many lack a UID or a DTSTAMP (or have one not in UTC),
// the zones of the timed events (each registered from the file's own
// VTIMEZONE, so a zone the file does not define stays unresolved) and
// how many date-times are floating. Used by
// crates/kizuna-web/tests/it/calendar_feeds.rs.
//
// Usage: node count_feed.mjs FILE.ics
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const cal = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], 'utf8')));
const defined = new Set();
for (const vtz of cal.getAllSubcomponents('vtimezone')) {
  const tz = new ICAL.Timezone(vtz);
  ICAL.TimezoneService.register(tz);
  defined.add(tz.tzid);
}
const out = { events: 0, no_uid: 0, no_stamp: 0, stamp_not_utc: 0, floating: 0, zones: [], undefined_zones: [] };
const zones = new Set();
for (const v of cal.getAllSubcomponents('vevent')) {
  out.events += 1;
  const e = new ICAL.Event(v);
  if (!e.uid || !e.uid.trim()) out.no_uid += 1;
  const stamp = v.getFirstPropertyValue('dtstamp');
  if (!stamp) out.no_stamp += 1;
  else if (stamp.zone !== ICAL.Timezone.utcTimezone) out.stamp_not_utc += 1;
  for (const t of [e.startDate, e.endDate]) {
    if (!t || t.isDate) continue;
    const id = t.zone && t.zone.tzid;
    if (!id || t.zone === ICAL.Timezone.localTimezone || id === 'floating') {
      out.floating += 1;
    } else {
      zones.add(id);
      if (!defined.has(id) || !ICAL.TimezoneService.has(id)) out.undefined_zones.push(id);
    }
  }
}
out.zones = [...zones].sort();
console.log(JSON.stringify(out));
