// The public statistics page: the figures as of the end of FY2007, and the
// charts drawn by stats.js.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useKizuna, waitForChart } from './harness.mjs';

describe('statistics', () => {
  const k = useKizuna('05 statistics');

  test('as of 2008-03-31: 680 trainees from 57 countries, charts drawn', async () => {
    const page = await k.page();
    await k.step(page, 'figures', async () => {
      await page.goto('/statistics?as_of=2008-03-31');
      await page.getByRole('heading', { level: 1, name: 'Statistics' }).waitFor();
      assert.equal((await page.locator('#stats-trainees').innerText()).trim(), '680');
      assert.equal((await page.locator('#stats-countries').innerText()).trim(), '57');
      // The same figures in the tables' totals.
      const total = page.locator('#table-regions tfoot');
      assert.match(await total.innerText(), /\b680\b/);
      assert.match(await total.innerText(), /\b57\b/);
      // The date field shows the date asked for.
      assert.equal(await page.locator('input[name=as_of]').inputValue(), '2008-03-31');
    });
    await k.step(page, 'charts drawn', async () => {
      await page.locator('#stats-charts').waitFor({ state: 'visible' });
      await waitForChart(page, '#chart-years');
      await waitForChart(page, '#chart-map');
      await page.locator('#chart-map').scrollIntoViewIfNeeded();
      assert.deepEqual(k.errorsOf(page), [], 'the page logged no script errors');
    });
    await page.context().close();
  });
});
