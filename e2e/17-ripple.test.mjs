// Seeing the ripples: staff open the Malaysian programme's causal graph
// from the page of every programme, select the Halal Daifuku on the drawn
// graph (its details shown, its row marked), filter to Japan (kept in the
// address); the impact report links its files. A visitor reads the public
// story and the map of local-to-local links (lines drawn on the offline
// basemap, no tile server) at 390 px in four languages: nothing wider than
// the screen, axe-core, no script errors.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, describeViolations, useKizuna, waitForChart } from './harness.mjs';

// No tile server: the links map draws the embedded land only.
process.env.KIZUNA_TILE_URL = '';

const STORY = '/programmes/food-valley-tokachi-malaysia/story';

async function overflow(page) {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

describe('the ripple pages', () => {
  const k = useKizuna('17 ripple');

  test('staff see the graph, select a node and filter it', async () => {
    const page = await k.page();
    await k.signIn(page);
    await k.step(page, 'every programme', async () => {
      await page.goto('/console/ripple?lang=en');
      await page.locator('#ripple-programmes').getByRole('link', { name: 'Food Valley Tokachi in Malaysia' }).click();
      await page.waitForURL(/\/console\/partnerships\/\d+\/ripple$/);
      await waitForChart(page, '#ripple-graph');
      const drawn = Number(await page.locator('#ripple-graph').getAttribute('data-nodes'));
      assert.equal(drawn, await page.locator('#ripple-nodes tbody tr').count());
    });
    await k.step(page, 'select the Halal Daifuku', async () => {
      // Where ECharts drew the node, in the page's pixels.
      const at = await page.evaluate(() => {
        const el = document.getElementById('ripple-graph');
        const chart = echarts.getInstanceByDom(el);
        const node = chart.getOption().series[0].data.find((d) => d.name.startsWith('Halal Daifuku developed'));
        const [x, y] = chart.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, node.value);
        const box = el.getBoundingClientRect();
        return { x: box.left + x, y: box.top + y, id: node.id };
      });
      await page.mouse.click(at.x, at.y);
      await page.locator('#ripple-details[data-node]').waitFor();
      assert.equal(await page.locator('#ripple-details').getAttribute('data-node'), at.id);
      assert.match(await page.locator('#ripple-details').innerText(), /Halal Daifuku developed jointly/);
      assert.match(await page.locator('#ripple-details').innerText(), /Halal certification at the Tokachi factory/, 'what it led to');
      assert.equal(await page.locator(`#node-${at.id}.selected`).count(), 1);
    });
    await k.step(page, 'filter to Japan', async () => {
      await page.locator('select[name=side]').selectOption('japan');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/side=japan/);
      assert.equal(await page.locator('#ripple-nodes tbody tr.side-abroad').count(), 0);
      assert.ok((await page.locator('#ripple-nodes tbody tr.side-japan').count()) > 0);
      await waitForChart(page, '#ripple-graph');
    });
    await k.step(page, 'impact report', async () => {
      await page.getByRole('link', { name: 'Impact report' }).click();
      await page.waitForURL(/\/impact$/);
      const hrefs = await page.locator('#impact-downloads a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.ok(hrefs.some((h) => h.endsWith('/impact.xlsx')), hrefs.join(' '));
      const r = await page.request.get(hrefs.find((h) => h.endsWith('/impact.csv')));
      assert.equal(r.status(), 200);
      assert.match(await r.text(), /Total,\d+,\d+,\d+,\d+/);
    });
    assert.deepEqual(k.errorsOf(page), []);
  });

  for (const lang of ['en', 'ja', 'th', 'ms']) {
    test(`the story and the links map at phone width in ${lang}`, async () => {
      // bypassCSP: only so that axe-core can be injected.
      const page = await k.page({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true });
      for (const path of ['/stories', STORY, '/links']) {
        await k.step(page, `${lang} ${path}`, async () => {
          const r = await page.goto(`${path}?lang=${lang}`);
          assert.equal(r.status(), 200, `${path}: ${r.status()}`);
          assert.equal(await page.getAttribute('html', 'lang'), lang);
          if (path === STORY) await waitForChart(page, '#ripple-graph');
          if (path === '/links') {
            await page.waitForFunction(() => {
              const m = document.getElementById('links-map');
              return m && m.dataset.basemap === 'drawn' && Number(m.dataset.lines) >= 2;
            });
          }
          assert.equal(await overflow(page), 0, `${path} in ${lang} is wider than a phone`);
          const vs = await axeViolations(page);
          assert.equal(vs.length, 0, `axe on ${path} in ${lang}:\n${describeViolations(vs)}`);
          assert.deepEqual(k.errorsOf(page), []);
        });
      }
    });
  }
});
