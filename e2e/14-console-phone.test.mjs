// Every staff console page a person opens in a day's work, at phone width
// in English, Japanese, Thai and Malay: nothing wider than the screen
// (a wide table scrolls inside its own box), the page in its language, no
// serious axe-core violation, no script error. The forms are among them:
// a select of long country or organisation names once widened them.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, describeViolations, useKizuna } from './harness.mjs';

/** How many pixels the page is wider than the window (0: it fits). */
async function overflow(page) {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

describe('the console at phone width', () => {
  const k = useKizuna('14 console phone');

  for (const lang of ['en', 'ja', 'th', 'ms']) {
    test(`console pages fit a phone in ${lang}`, async () => {
      // bypassCSP: only so that axe-core can be injected.
      const page = await k.page({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true });
      await k.signIn(page);
      // An edition of the demo, a session of it and a person in it, found as staff find them.
      await page.goto('/console/courses');
      const edition = await page.getByRole('link', { name: 'gmrdp/fy2007', exact: true }).getAttribute('href');
      await page.goto(edition);
      const session = await page.locator('main a[href$="/attendance"]').first().getAttribute('href');
      const person = await page.locator('main a[href^="/console/people/"]').first().getAttribute('href');
      const paths = [
        '/console',
        '/console/courses',
        '/console/courses/new',
        edition,
        `${edition}/edit`,
        `${edition}/timetable`,
        '/console/editions/new',
        session,
        '/console/people',
        '/console/people/new',
        person,
        `${person}/edit`,
        '/console/trainees',
        '/console/awards',
        '/console/import',
        '/console/nominations',
        '/console/statistics',
        '/statistics?as_of=2008-03-31',
      ];
      for (const path of paths) {
        await k.step(page, `${lang} ${path}`, async () => {
          const sep = path.includes('?') ? '&' : '?';
          const r = await page.goto(`${path}${sep}lang=${lang}`);
          assert.equal(r.status(), 200, `${path}: ${r.status()}`);
          assert.equal(await page.getAttribute('html', 'lang'), lang);
          assert.equal(await overflow(page), 0, `${path} in ${lang} is wider than a phone`);
          const vs = await axeViolations(page);
          assert.equal(vs.length, 0, `axe on ${path} in ${lang}:\n${describeViolations(vs)}`);
          assert.deepEqual(k.errorsOf(page), []);
        });
      }
    });
  }
});
