// Alumni follow-up at 390 px: staff open the follow-ups due, record the
// first one's 6-month follow-up (dated before the course ended: refused
// beside the date first, typing kept), and it leaves the list; the
// person's history shows their course and the follow-up; the alumni
// associations by country with an association's members. Then the
// alumni pages in four languages: nothing wider than the screen,
// axe-core, no script errors.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, describeViolations, useKizuna } from './harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function overflow(page) {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

describe('alumni follow-up', () => {
  const k = useKizuna('22 alumni');

  test('staff record a due follow-up and see the history', async () => {
    const page = await k.page(PHONE);
    await k.signIn(page, '/console/alumni/due');
    let rows;
    let record;
    let history;
    await k.step(page, 'the follow-ups due', async () => {
      await page.goto('/console/alumni/due');
      rows = await page.locator('#due tbody tr').count();
      assert.ok(rows > 0, 'the demo leaves follow-ups due');
      const first = page.locator('#due tbody tr').first();
      record = await first.locator('a.button').getAttribute('href');
      history = await first.locator('td a').first().getAttribute('href');
      assert.equal(await overflow(page), 0);
    });
    await k.step(page, 'done before the course ended: refused beside the date', async () => {
      await page.goto(record);
      await page.getByLabel('Done on').fill('2000-01-03');
      await page.getByLabel('Action plan').selectOption('in_progress');
      await page.locator('#f-notes-en').fill('Called; the pilot has begun');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.locator('#e-done').waitFor();
      assert.match(await page.locator('#e-done').innerText(), /before the course or placement ended/);
      assert.equal(await page.locator('#f-notes-en').inputValue(), 'Called; the pilot has begun');
    });
    await k.step(page, 'saved, and gone from the list', async () => {
      const due = await page.locator('#f-due').inputValue();
      await page.getByLabel('Done on').fill(due);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(/\/console\/alumni\/due\?done=/);
      await page.getByRole('status').waitFor();
      assert.equal(await page.locator('#due tbody tr').count(), rows - 1);
      assert.equal(await page.locator(`#due a[href="${record}"]`).count(), 0);
    });
    await k.step(page, 'the history shows the course and the follow-up', async () => {
      await page.goto(history);
      const text = await page.locator('#history').innerText();
      assert.match(text, /Completed/);
      assert.match(text, /6 months/);
      assert.match(text, /Called; the pilot has begun/);
      assert.equal(await overflow(page), 0);
    });
    await k.step(page, 'an association and its members', async () => {
      await page.goto('/console/alumni/associations');
      await page.getByRole('link', { name: 'Hokkaido Alumni Association of Thailand' }).click();
      await page.getByRole('heading', { level: 1, name: 'Hokkaido Alumni Association of Thailand' }).waitFor();
      assert.ok((await page.locator('#members tbody tr').count()) >= 1);
      assert.match(await page.locator('#members').innerText(), /Chair/);
    });
    await page.context().close();
  });

  for (const lang of ['en', 'ja', 'th', 'ms']) {
    test(`alumni pages fit a phone in ${lang}`, async () => {
      // bypassCSP: only so that axe-core can be injected.
      const page = await k.page({ ...PHONE, bypassCSP: true });
      await k.signIn(page, '/console/alumni/due');
      await page.goto('/console/alumni/due');
      const record = await page.locator('#due a.button').first().getAttribute('href');
      const history = await page.locator('#due tbody td a').first().getAttribute('href');
      await page.goto('/console/alumni/associations');
      const association = await page.locator('#associations a').first().getAttribute('href');
      const paths = ['/console/alumni/due', record, history, '/console/alumni/associations', association];
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
      await page.context().close();
    });
  }
});
