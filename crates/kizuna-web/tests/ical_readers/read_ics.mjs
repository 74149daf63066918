// Reads an iCalendar file with ical.js (npm, Mozilla's parser used by
// Thunderbird) and prints what a calendar application would take from it,
// as JSON: the calendar's name and method, and each event's UID, start and
// end (UTC), summary, location and description. Used by
// crates/kizuna-web/tests/it/console_documents.rs to check Kizuna's .ics files.
//
// Usage: node read_ics.mjs FILE.ics
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const utc = (t) => t.toJSDate().toISOString().replace(/\.\d{3}Z$/, 'Z');
const text = readFileSync(process.argv[2], 'utf8');
const cal = new ICAL.Component(ICAL.parse(text));
const events = cal.getAllSubcomponents('vevent').map((v) => {
  const e = new ICAL.Event(v);
  return {
    uid: e.uid,
    start: utc(e.startDate),
    end: utc(e.endDate),
    summary: e.summary,
    location: e.location ?? '',
    description: e.description ?? '',
  };
});
console.log(
  JSON.stringify({
    calname: cal.getFirstPropertyValue('x-wr-calname') ?? '',
    method: cal.getFirstPropertyValue('method') ?? '',
    version: cal.getFirstPropertyValue('version') ?? '',
    problems: [],
    events,
  }),
);
