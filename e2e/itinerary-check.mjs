// An independent checker of an itinerary's iCalendar file (issue 15 item 3).
//
// It knows nothing of Kizuna's planner: it reads the file with ical.js
// (the VTIMEZONEs registered, so local times become instants as a calendar
// application would), recomputes the prayer times with the npm `adhan`
// package at each event's GEO position, and counts violations:
//
//   - a prayer block (CATEGORIES prayer + fajr|dhuhr|asr|maghrib|isha)
//     starting before its prayer's time or ending after the next one begins
//     (sunrise for fajr, midnight for isha);
//   - a jumu'ah block (CATEGORIES jumuah) not inside the dhuhr window;
//   - on a day of Ramadan, a meal (lunch, dinner, iftar) overlapping the
//     fast (fajr to maghrib), an iftar starting later than maghrib + 15
//     minutes, a suhoor note ending after fajr;
//   - a Friday of the itinerary with neither a jumu'ah block nor a warning
//     (an all-day event with CATEGORIES warning + no_jumuah_venue);
//   - timed events of the itinerary overlapping each other (the suhoor note
//     aside), and an event without GEO.
//
// Two implementations may differ by a minute in rounding, so times are
// compared with a one-minute tolerance.
//
//   node e2e/itinerary-check.mjs FILE.ics [--method MuslimWorldLeague|Jakim|Kemenag|...]
//        [--ramadan] [--ramadan-period 2027-02-08..2027-03-09]
//
// Prints one JSON object: { events, checked: {...}, violations: [...] };
// exits 1 if there is any violation, 2 on bad usage.

import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { CalculationMethod, Coordinates, HighLatitudeRule, Madhab, PrayerTimes } from 'adhan';

const MIN = 60_000;
const TOLERANCE = 1 * MIN;
const PRAYERS = ['fajr', 'dhuhr', 'asr', 'maghrib', 'isha'];

function usage(msg) {
  process.stderr.write(`${msg}\nusage: node e2e/itinerary-check.mjs FILE.ics [--method NAME] [--ramadan] [--ramadan-period FIRST..LAST]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let file = null;
let method = 'MuslimWorldLeague';
let ramadanAll = false;
const periods = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--method') method = args[++i];
  else if (a === '--ramadan') ramadanAll = true;
  else if (a === '--ramadan-period') {
    const [f, l] = (args[++i] || '').split('..');
    if (!f || !l) usage('--ramadan-period FIRST..LAST');
    periods.push([f, l]);
  } else if (!file) file = a;
  else usage(`unexpected ${a}`);
}
if (!file) usage('no file');

function params() {
  const m = method.toLowerCase().replace(/[-_ ]/g, '');
  let p;
  // JAKIM and KEMENAG are not among adhan's presets: their published
  // angles (Fajr 20°, Isha 18°) with the one-minute dhuhr offset.
  if (m === 'jakim' || m === 'kemenag') {
    p = CalculationMethod.Other();
    p.fajrAngle = 20;
    p.ishaAngle = 18;
    p.methodAdjustments = { ...p.methodAdjustments, dhuhr: 1 };
  } else if (m === 'muis') p = CalculationMethod.Singapore();
  else if (m === 'diyanet') p = CalculationMethod.Turkey();
  else {
    const key = Object.keys(CalculationMethod).find((k) => k.toLowerCase() === m);
    if (!key) usage(`unknown method ${method}`);
    p = CalculationMethod[key]();
  }
  p.madhab = Madhab.Shafi;
  return p;
}
const baseParams = params();

// Local date (Asia/Tokyo: UTC+9, no daylight saving) of an instant.
function tokyoDate(ms) {
  const d = new Date(ms + 9 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
}
function tokyoMidnight(date) {
  return Date.parse(`${date}T00:00:00+09:00`);
}

const cache = new Map();
function times(lat, lon, date) {
  const key = `${lat},${lon},${date}`;
  if (cache.has(key)) return cache.get(key);
  const [y, m, d] = date.split('-').map(Number);
  const coords = new Coordinates(lat, lon);
  const p = { ...baseParams };
  Object.setPrototypeOf(p, Object.getPrototypeOf(baseParams));
  p.highLatitudeRule = HighLatitudeRule.recommended(coords);
  const t = new PrayerTimes(coords, new Date(y, m - 1, d), p);
  const out = {
    fajr: t.fajr.getTime(),
    sunrise: t.sunrise.getTime(),
    dhuhr: t.dhuhr.getTime(),
    asr: t.asr.getTime(),
    maghrib: t.maghrib.getTime(),
    isha: t.isha.getTime(),
    midnight: tokyoMidnight(date) + 24 * 3600 * 1000,
  };
  cache.set(key, out);
  return out;
}
const CLOSES = { fajr: 'sunrise', dhuhr: 'asr', asr: 'maghrib', maghrib: 'isha', isha: 'midnight' };

const text = readFileSync(file, 'utf8');
const root = new ICAL.Component(ICAL.parse(text));
for (const tz of root.getAllSubcomponents('vtimezone')) {
  ICAL.TimezoneService.register(tz);
}

const events = [];
const warnings = [];
for (const v of root.getAllSubcomponents('vevent')) {
  const ev = new ICAL.Event(v);
  const cats = v.getAllProperties('categories').flatMap((p) => p.getValues()).map(String);
  if (ev.startDate.isDate) {
    warnings.push({ date: ev.startDate.toString().slice(0, 10), cats, summary: ev.summary });
    continue;
  }
  const geo = v.getFirstPropertyValue('geo');
  events.push({
    uid: ev.uid,
    summary: ev.summary,
    cats,
    start: ev.startDate.toJSDate().getTime(),
    end: ev.endDate.toJSDate().getTime(),
    geo: Array.isArray(geo) ? geo.map(Number) : null,
  });
}
events.sort((a, b) => a.start - b.start || a.end - b.end);

const violations = [];
const checked = { prayers: 0, jumuah: 0, meals: 0, iftar: 0, suhoor: 0, fridays: 0 };
const hm = (ms) => new Date(ms + 9 * 3600 * 1000).toISOString().slice(11, 16);
function violation(kind, e, detail) {
  violations.push({ kind, uid: e?.uid, summary: e?.summary, detail });
}

const days = new Set(events.map((e) => tokyoDate(e.start)));
const ramadanDays = new Set();
for (const d of days) {
  if (ramadanAll || periods.some(([f, l]) => f <= d && d <= l)) ramadanDays.add(d);
}
for (const e of events) {
  if (e.cats.includes('iftar') || e.cats.includes('suhoor')) ramadanDays.add(tokyoDate(e.end));
}

for (const e of events) {
  if (!e.geo || e.geo.length !== 2 || !e.geo.every(Number.isFinite)) {
    violation('no_geo', e, 'an event without GEO cannot be checked');
    continue;
  }
  const date = tokyoDate(e.start);
  const t = times(e.geo[0], e.geo[1], date);
  if (e.cats.includes('prayer')) {
    checked.prayers++;
    const p = PRAYERS.find((x) => e.cats.includes(x));
    if (!p) {
      violation('prayer_unnamed', e, 'a prayer block without its prayer');
      continue;
    }
    const opens = t[p];
    const closes = t[CLOSES[p]];
    if (e.start < opens - TOLERANCE) violation('prayer_before_window', e, `${p} at ${hm(opens)}, block starts ${hm(e.start)}`);
    if (e.end > closes + TOLERANCE) violation('prayer_after_window', e, `${p} window closes ${hm(closes)}, block ends ${hm(e.end)}`);
  }
  if (e.cats.includes('jumuah')) {
    checked.jumuah++;
    if (e.start < t.dhuhr - TOLERANCE || e.end > t.asr + TOLERANCE) {
      violation('jumuah_outside_dhuhr', e, `dhuhr ${hm(t.dhuhr)}–${hm(t.asr)}, block ${hm(e.start)}–${hm(e.end)}`);
    }
    if (new Date(tokyoMidnight(date) + 12 * 3600 * 1000).getUTCDay() !== 5) violation('jumuah_not_friday', e, date);
  }
  const meal = ['lunch', 'dinner', 'iftar'].some((m) => e.cats.includes(m));
  if (meal) checked.meals++;
  if (ramadanDays.has(date)) {
    if (meal && e.start < t.maghrib - TOLERANCE && e.end > t.fajr + TOLERANCE) {
      violation('meal_while_fasting', e, `fast ${hm(t.fajr)}–${hm(t.maghrib)}, meal ${hm(e.start)}–${hm(e.end)}`);
    }
    if (e.cats.includes('iftar')) {
      checked.iftar++;
      if (e.start > t.maghrib + 15 * MIN + TOLERANCE) violation('iftar_late', e, `maghrib ${hm(t.maghrib)}, iftar ${hm(e.start)}`);
    }
    if (e.cats.includes('suhoor')) {
      checked.suhoor++;
      if (e.end > t.fajr + TOLERANCE) violation('suhoor_after_fajr', e, `fajr ${hm(t.fajr)}, suhoor ends ${hm(e.end)}`);
    }
  }
}

// Fridays: a jumu'ah block or the explicit warning.
for (const d of days) {
  const weekday = new Date(tokyoMidnight(d) + 12 * 3600 * 1000).getUTCDay();
  if (weekday !== 5) continue;
  checked.fridays++;
  const hasJumuah = events.some((e) => e.cats.includes('jumuah') && tokyoDate(e.start) === d);
  const warned = warnings.some((w) => w.date.replaceAll('-', '') === d.replaceAll('-', '') && w.cats.includes('no_jumuah_venue'));
  if (!hasJumuah && !warned) violation('friday_without_jumuah', null, `${d}: no jumu'ah block and no warning`);
}

// No two timed events at once (the suhoor note is a note, not a stop).
const timed = events.filter((e) => !e.cats.includes('suhoor'));
for (let i = 1; i < timed.length; i++) {
  if (timed[i].start < timed[i - 1].end) {
    violation('overlap', timed[i], `starts ${hm(timed[i].start)} before ${timed[i - 1].summary} ends ${hm(timed[i - 1].end)}`);
  }
}

process.stdout.write(`${JSON.stringify({ events: events.length, warnings: warnings.length, checked, violations }, null, 2)}\n`);
process.exit(violations.length ? 1 : 0);
