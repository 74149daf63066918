// The map as a Malaysian visitor uses it on a phone at Sapporo Station
// (and on a laptop): from /map to a certified restaurant open now within
// 1 km and its next prayer, counting taps; no page wider than the screen;
// no request to any server but Kizuna's.
//
// The server's clock starts at 12:30 on Tuesday 24 November 2026 in Japan
// (KIZUNA_CLOCK_START), so "open now" does not depend on when the test runs;
// it serves no tiles (`--tile-url ''`), only the built-in offline map.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useKizuna, axeViolations, describeViolations, visibleText, waitForChart } from './harness.mjs';

process.env.KIZUNA_CLOCK_START = '2026-11-24T12:30:00+09:00';

/** Sapporo Station, as the browser tells it. */
const STATION = { latitude: 43.0687, longitude: 141.3508 };

const VIEWPORTS = [
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  { name: 'laptop', viewport: { width: 1366, height: 900 } },
];

/** Metres in a card's distance ("120 m away", "1.2 km away"). */
const metres = (text) => {
  const m = text.match(/([\d.,]+)\s*(km|m)\b/);
  return m ? Number(m[1].replace(/,/g, '')) * (m[2] === 'km' ? 1000 : 1) : NaN;
};

/** The page is no wider than the window. */
async function fits(page, what) {
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  assert.ok(scroll <= inner, `${what}: ${scroll} px wide in a ${inner} px window`);
}

/** The element's box ends within the first screen. */
async function inFirstScreen(page, selector) {
  const box = await page.locator(selector).first().boundingBox();
  const height = await page.evaluate(() => window.innerHeight);
  assert.ok(box, `${selector} is shown`);
  assert.ok(box.y >= 0 && box.y + box.height <= height, `${selector} in the first screen: ${box.y}+${box.height} of ${height}`);
}

describe('the map on a phone', () => {
  const k = useKizuna('24 map phone', { serveArgs: ['--tile-url', ''] });

  for (const v of VIEWPORTS) {
    test(`${v.name}: a certified lunch open now within 1 km and the next prayer`, async () => {
      const page = await k.page({
        viewport: v.viewport,
        isMobile: v.isMobile ?? false,
        hasTouch: v.hasTouch ?? false,
        permissions: ['geolocation'],
        geolocation: STATION,
      });
      const requests = [];
      page.context().on('request', (r) => requests.push(r.url()));
      let taps = 0;
      const tap = async (locator) => {
        taps++;
        await locator.click();
      };
      await k.step(page, `${v.name} map opened`, async () => {
        await page.goto('/map');
        await page.locator('#near-me-box').waitFor({ state: 'visible' });
        await inFirstScreen(page, '#near-me');
        await inFirstScreen(page, 'fieldset.main-chips');
        await inFirstScreen(page, '#more-filters > summary');
        await fits(page, '/map');
      });
      await k.step(page, `${v.name} near me`, async () => {
        await tap(page.getByRole('button', { name: 'Places near me' }));
        await page.waitForSelector('#place-list[data-sorted="distance"]');
        const cards = await page.$$eval('#place-list > li', (lis) =>
          lis.map((li) => ({
            lead: li.querySelector('.lead-line .badge').textContent.trim(),
            leadIsFirst: li.firstElementChild.classList.contains('lead-line'),
            open: li.querySelector('.meta .badge').textContent.trim(),
            distance: li.querySelector('.distance')?.textContent.trim() ?? '',
            kind: li.querySelector('.kind').textContent.trim(),
          })),
        );
        const d = cards.map((c) => metres(c.distance));
        assert.ok(d.every(Number.isFinite), `every card has its distance: ${cards.map((c) => c.distance)}`);
        for (let i = 1; i < d.length; i++) assert.ok(d[i] >= d[i - 1], `sorted by distance: ${d}`);
        assert.ok(cards.every((c) => c.leadIsFirst), 'every card leads with its assurance');
        // No card of a place of prayer wears a food badge.
        assert.ok(!cards.some((c) => c.lead === 'Halal status not known' && /Mosque|Prayer room/.test(c.kind)));
        const first = cards.findIndex(
          (c) => c.lead === 'Halal certified' && c.kind === 'Restaurant' && /^Open/.test(c.open) && metres(c.distance) <= 1000,
        );
        assert.equal(first, 0, `the first card is a certified restaurant open now within 1 km: ${JSON.stringify(cards.slice(0, 3))}`);
        await inFirstScreen(page, '#place-list > li:first-child h3 a');
      });
      await k.step(page, `${v.name} the place`, async () => {
        await tap(page.locator('#place-list > li:first-child h3 a'));
        await page.waitForURL(/\/map\/places\/\d+/);
        assert.equal(await page.locator('#place-assurance').innerText(), 'Halal certified');
        assert.match(await page.locator('#place-open').innerText(), /^Open · closes \d\d:\d\d$/);
        assert.match(await page.locator('#place-today').innerText(), /^Today: /);
        assert.match(await page.locator('#place-next-prayer').innerText(), /^Next prayer: \S+ at \d\d:\d\d in (\d+ h )?\d+ min$/);
        await inFirstScreen(page, '#place-next-prayer');
        await inFirstScreen(page, '#place-open');
        await fits(page, page.url());
      });
      assert.ok(taps <= 3, `${taps} taps from /map to the next prayer`);
      console.log(`# ${v.name}: ${taps} taps from /map to a certified restaurant open now within 1 km and its next prayer`);
      await k.step(page, `${v.name} list and map`, async () => {
        await page.goto('/map');
        await page.locator('#map-pane').waitFor({ state: 'visible' });
        const list = await page.locator('#map-results').boundingBox();
        const map = await page.locator('#map-pane').boundingBox();
        if (v.viewport.width >= 1000) {
          assert.ok(map.x >= list.x + list.width - 1, 'the map beside the list on a wide screen');
        } else {
          assert.ok(map.y >= list.y + list.height - 1, 'the map below the list on a phone');
          assert.ok(await page.locator('#map-jump').isVisible(), 'a link to the map');
        }
      });
      const elsewhere = requests.filter((u) => !u.startsWith(k.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
      assert.deepEqual(elsewhere, [], 'no request to another origin');
      assert.deepEqual(k.errorsOf(page), [], 'the page logged no script errors');
      await page.context().close();
    });
  }

  test('no public page is wider than a phone, in four languages', async () => {
    const page = await k.page({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true });
    const requests = [];
    page.context().on('request', (r) => requests.push(r.url()));
    const paths = ['/', '/statistics', '/statistics?as_of=2008-03-31', '/map', '/map?assurance=certified&open_now=true', '/calendar', '/stories', '/links', '/sign-in'];
    await k.step(page, 'a story and a place', async () => {
      await page.goto('/stories');
      const story = await page.locator('a[href^="/programmes/"][href$="/story"]').first().getAttribute('href').catch(() => null);
      if (story) paths.push(story);
      await page.goto('/map');
      paths.push(await page.locator('#place-list > li h3 a').first().getAttribute('href'));
    });
    for (const lang of ['en', 'ja', 'th', 'ms']) {
      for (const path of paths) {
        await k.step(page, `${lang} ${path}`, async () => {
          const sep = path.includes('?') ? '&' : '?';
          await page.goto(`${path}${sep}lang=${lang}`);
          // The statistics' charts drawn first: they must fit too.
          if (path.startsWith('/statistics') && (await page.locator('#stats-charts').count())) {
            await waitForChart(page, '#chart-years');
            await waitForChart(page, '#chart-map');
          }
          await fits(page, `${path} in ${lang}`);
        });
      }
    }
    await k.step(page, 'the phone map in Malay, no English, accessible', async () => {
      await page.goto('/map?lang=ms');
      const text = await visibleText(page);
      for (const e of ['More filters', 'Places near me', 'Halal certified', 'Open now']) {
        assert.ok(!text.includes(e), `no English "${e}" on the Malay map`);
      }
      assert.ok(text.includes('Penapis lain'));
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, `axe-core:\n${describeViolations(violations)}`);
      await page.locator('#place-list > li h3 a').first().click();
      await page.waitForURL(/\/map\/places\/\d+/);
      const place = await visibleText(page);
      assert.ok(place.includes('Solat seterusnya'), 'the next prayer in Malay');
      const v2 = await axeViolations(page);
      assert.equal(v2.length, 0, `axe-core on the place page:\n${describeViolations(v2)}`);
    });
    const elsewhere = requests.filter((u) => !u.startsWith(k.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
    assert.deepEqual(elsewhere, [], 'no request to another origin');
    await page.context().close();
  });
});
