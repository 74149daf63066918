// The calendar in a browser: a visitor at desktop width opens February
// 2008 filtered to symposiums (the demo's Pan-Okhotsk symposium) in the
// month grid and the list; the subscribe link's feed, parsed by ical.js in
// node, holds the same events for that month as the list shows; the month
// grid becomes a list of days at 390 px, both views in four languages with
// nothing wider than the screen and axe-core clean; staff see private
// items and reach the private feeds.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { axeViolations, describeViolations, useKizuna } from './harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };
const MONTH = '2008-02';

async function overflow(page) {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

/** The events of an iCalendar text, with zones registered from its VTIMEZONEs. */
function events(text) {
  const cal = new ICAL.Component(ICAL.parse(text));
  for (const vtz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
  return cal.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return { uid: e.uid, start: e.startDate, stamp: v.getFirstPropertyValue('dtstamp') };
  });
}

describe('the calendar', () => {
  const k = useKizuna('21 calendar');

  test('a visitor filters to symposiums and subscribes', async () => {
    const page = await k.page({ bypassCSP: true });
    let listed;
    await k.step(page, 'the month grid filtered by kind', async () => {
      await page.goto(`/calendar?month=${MONTH}`);
      await page.locator('#filter-kind').selectOption('symposium');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/kind=symposium/);
      await page.getByRole('heading', { name: 'February 2008' }).waitFor();
      const kinds = await page.locator('#calendar-month li.item').evaluateAll((els) => els.map((e) => e.dataset.kind));
      assert.ok(kinds.length >= 1, 'the Pan-Okhotsk symposium is on the grid');
      assert.ok(kinds.every((k) => k === 'symposium'), kinds.join());
      assert.match(await page.locator('#calendar-month').innerText(), /Pan-Okhotsk/);
    });
    await k.step(page, 'the list view', async () => {
      await page.getByRole('link', { name: 'List', exact: true }).click();
      await page.waitForURL(/view=list/);
      listed = await page.locator('#calendar-list tr.item').evaluateAll((els) => els.map((e) => e.dataset.uid));
      assert.ok(listed.length >= 1);
      const vs = await axeViolations(page);
      assert.equal(vs.length, 0, describeViolations(vs));
    });
    await k.step(page, 'the subscribe link downloads the same events', async () => {
      const href = await page.locator('#subscribe').getAttribute('href');
      assert.match(href, /^\/calendar\.ics\?kind=symposium/);
      const r = await page.request.get(href);
      assert.equal(r.status(), 200);
      assert.match(r.headers()['content-type'], /^text\/calendar/);
      const text = await r.text();
      assert.ok(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75), 'lines of at most 75 octets');
      const all = events(text);
      assert.ok(all.every((e) => e.uid && e.stamp && e.stamp.zone === ICAL.Timezone.utcTimezone), 'UID and UTC DTSTAMP');
      const inMonth = all.filter((e) => `${e.start.year}-${String(e.start.month).padStart(2, '0')}` === MONTH);
      assert.deepEqual(inMonth.map((e) => e.uid).sort(), [...listed].sort());
    });
    assert.deepEqual(k.errorsOf(page), []);
  });

  for (const lang of ['en', 'ja', 'th', 'ms']) {
    test(`both views fit a phone in ${lang}`, async () => {
      const page = await k.page(PHONE);
      for (const view of ['', '&view=list']) {
        await k.step(page, `${lang} ${view || 'month'}`, async () => {
          const r = await page.goto(`/calendar?month=${MONTH}${view}&lang=${lang}`);
          assert.equal(r.status(), 200);
          assert.equal(await page.getAttribute('html', 'lang'), lang);
          assert.equal(await overflow(page), 0, `the calendar in ${lang} is wider than a phone`);
          if (!view) {
            // A list of days: the weekday header is hidden, each day with items shows its weekday.
            assert.equal(await page.locator('#calendar-month li.head').first().isVisible(), false);
            assert.ok((await page.locator('#calendar-month li.item').count()) >= 1);
          }
          const vs = await axeViolations(page);
          assert.equal(vs.length, 0, `axe in ${lang}:\n${describeViolations(vs)}`);
        });
      }
      assert.deepEqual(k.errorsOf(page), []);
    });
  }

  test('staff see every item and reach the private feeds', async () => {
    const page = await k.page();
    await k.signIn(page, '/calendar');
    await k.step(page, 'staff calendar', async () => {
      await page.goto(`/calendar?month=${MONTH}&view=list`);
      const kinds = await page.locator('#calendar-list tr.item').evaluateAll((els) => els.map((e) => e.dataset.kind));
      assert.ok(kinds.length >= 1);
      await page.getByRole('link', { name: 'Private feeds' }).click();
      await page.getByRole('heading', { level: 1, name: 'Private calendar feeds' }).waitFor();
      await page.getByLabel('Name').fill('Everything for the office');
      await page.getByRole('button', { name: 'Create a private feed' }).click();
      const url = await page.locator('#feed-url').innerText();
      const r = await page.request.get(new URL(url).pathname);
      assert.equal(r.status(), 200);
      assert.ok(events(await r.text()).length > kinds.length);
    });
    assert.deepEqual(k.errorsOf(page), []);
  });
});
