// Tourism both ways (seed 002): staff import a visitor-flows file shaped
// like JNTO's monthly tables at phone width. A file with a bad count is
// refused whole (row, column, value and reason shown, nothing written);
// in the fixed file a later stage replaces the demo's earlier figure (the
// replacement listed with its import) and an earlier stage than the
// figure on record is reported and not applied. The two-way chart
// (Thailand ⇄ Hokkaido) is drawn; the table and the footnote naming the
// stages shown agree with it; at 390 px nothing is wider than the screen,
// in four languages, with axe-core and no script errors.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, describeViolations, useKizuna, waitForChart } from './harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function overflow(page) {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

// The demo's figures run from January 2023 (definitive) to June 2024
// (preliminary from April 2024): the file makes May 2024 provisional
// (a later stage: replaces) and says January 2023 is provisional (an
// earlier stage than the definitive figure on record: reported, kept).
const BAD = 'nationality,destination,stage,2023年1月,2024年5月\nTH,jp/hokkaido,provisional,3000,2O00\n';
const GOOD = 'nationality,destination,stage,2023年1月,2024年5月\nTH,jp/hokkaido,provisional,3000,"2,050"\n';

describe('visitor flows in the console', () => {
  const k = useKizuna('25 tourism');

  test('staff import a flows file and see the two-way chart with its footnote', async () => {
    const page = await k.page(PHONE);
    await k.signIn(page, '/console');
    await k.step(page, 'the flows page from the menu', async () => {
      await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Tourism', exact: true }).click();
      await page.getByRole('link', { name: 'Visitor flows', exact: true }).click();
      await waitForChart(page, '#flows-chart');
      assert.equal(await page.locator('#flows-table tbody tr').count(), 18);
      assert.match(await page.locator('#imports').innerText(), /FICTIONAL/);
    });
    await k.step(page, 'a bad count refuses the whole file', async () => {
      await page.locator('#f-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD) });
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.locator('#rejected').waitFor();
      const cells = await page.locator('#rejected tbody tr').first().locator('th, td').allInnerTexts();
      assert.deepEqual(cells.slice(0, 3), ['2', '2024年5月', '2O00']);
      assert.match(cells[3], /2O00/);
      assert.equal(await page.locator('#history').count(), 0, 'nothing replaced');
    });
    await k.step(page, 'the fixed file: May 2024 replaced, January 2023 kept', async () => {
      await page.locator('#f-file').setInputFiles({ name: 'jnto-2024-05.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD) });
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.locator('#flows-done').waitFor();
      const done = await page.locator('#flows-done').innerText();
      assert.match(done, /1 replaced/);
      assert.match(done, /1 kept at a later stage/);
      assert.match(await page.locator('#kept').innerText(), /2023年1月/);
      const history = await page.locator('#history tbody tr').first().innerText();
      assert.match(history, /2024-05/);
      assert.match(history, /1,900 \(preliminary\)/);
      assert.match(history, /2,050 \(provisional\)/);
    });
    await k.step(page, 'the chart and the table agree, the footnote names the stages', async () => {
      await page.goto('/console/tourism/flows');
      await waitForChart(page, '#flows-chart');
      const may = page.locator('#flows-table tbody tr', { hasText: '2024-05' });
      assert.match(await may.innerText(), /2,050†/);
      const jan = page.locator('#flows-table tbody tr', { hasText: '2023-01' });
      assert.match(await jan.innerText(), /3,100\s/);
      const notes = await page.locator('#flows-footnote').innerText();
      assert.match(notes, /definitive/);
      assert.match(notes, /† marks a provisional figure/);
      assert.match(notes, /\* marks a preliminary figure/);
      const data = JSON.parse(await page.locator('#flows-data').textContent());
      const i = data.months.indexOf('2024-05');
      assert.equal(data.series[0].data[i], 2050);
      assert.equal(await overflow(page), 0, 'nothing wider than the phone');
    });
    await page.context().close();
  });

  for (const lang of ['en', 'ja', 'th', 'ms']) {
    test(`tourism pages fit a phone in ${lang}`, async () => {
      const page = await k.page({ ...PHONE, bypassCSP: true });
      await k.signIn(page, '/console/tourism');
      const fair = await page.locator('#fair-list a').first().getAttribute('href');
      const campaign = await page.locator('#campaign-list a').first().getAttribute('href');
      for (const path of ['/console/tourism', '/console/tourism/flows', fair, `${fair}/edit`, campaign, '/console/tourism/leads/new']) {
        await k.step(page, `${lang} ${path}`, async () => {
          const r = await page.goto(`${path}?lang=${lang}`);
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
