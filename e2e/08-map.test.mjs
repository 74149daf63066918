// The public Muslim-friendly map with no internet: the tile server is a
// loopback port nothing listens on, so what draws is the offline basemap
// (world-atlas land shapes from the binary). Clustered markers, a filter
// chip narrowing the list and the markers (kinds behind "More filters"), a place's page with today's
// prayer times and the qibla, "near me" sending the position only to
// Kizuna, and the four languages.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { useKizuna, axeViolations, describeViolations, visibleText } from './harness.mjs';

// A loopback port that was free a moment ago and that nothing listens on now.
const deadPort = await new Promise((resolve, reject) => {
  const srv = createServer();
  srv.on('error', reject);
  srv.listen(0, '127.0.0.1', () => {
    const { port } = srv.address();
    srv.close(() => resolve(port));
  });
});
const TILES = `http://127.0.0.1:${deadPort}`;
// The harness starts `kizuna serve` with this environment.
process.env.KIZUNA_TILE_URL = `${TILES}/tiles/{z}/{x}/{y}.png`;

const PRAYERS = ['fajr', 'sunrise', 'dhuhr', 'asr', 'maghrib', 'isha'];

/** Wait until the list page's map has drawn its land, markers and given up on tiles. */
async function mapDrawn(page) {
  await page.locator('#map-pane').waitFor({ state: 'visible' });
  await page.waitForFunction(() => {
    const m = document.getElementById('map');
    return m && m.dataset.basemap === 'drawn' && m.dataset.markers && m.dataset.tiles === 'offline';
  });
}

/**
 * Clusters and single markers on the map add up to `n` places, once the
 * clustering has settled: while the map zooms to fit, the clusters of the
 * zoom it leaves and of the one it reaches are both on the page for a moment.
 */
async function markersAddUp(page, n, message) {
  const sum = () => {
    const clustered = [...document.querySelectorAll('#map .place-cluster span[aria-hidden]')]
      .reduce((a, e) => a + Number(e.textContent), 0);
    return clustered + document.querySelectorAll('#map .place-marker').length;
  };
  try {
    await page.waitForFunction((want) => {
      const clustered = [...document.querySelectorAll('#map .place-cluster span[aria-hidden]')]
        .reduce((a, e) => a + Number(e.textContent), 0);
      return clustered + document.querySelectorAll('#map .place-marker').length === want;
    }, n, { timeout: 5000 });
  } catch {
    assert.equal(await page.evaluate(sum), n, message);
  }
}

/** The path data of the land drawn on a map. */
async function landPaths(page, map) {
  return page.$$eval(`${map} .leaflet-basemap-pane path`, (ps) => ps.map((p) => (p.getAttribute('d') || '').length));
}

/** The heading's count: "Places: N of M". */
async function shownCount(page) {
  const h = await page.locator('#results-h').innerText();
  const m = h.match(/(\d+)\D+(\d+)/);
  assert.ok(m, `a count in "${h}"`);
  return [Number(m[1]), Number(m[2])];
}

/** Every request the page's context makes, with its URL. */
function watchRequests(ctx) {
  const urls = [];
  ctx.on('request', (r) => urls.push(r.url()));
  return urls;
}

describe('map', () => {
  const k = useKizuna('08 map');

  test('offline basemap, clustered markers, a filter chip narrows list and markers', async () => {
    // bypassCSP: only so that axe-core can be injected.
    const page = await k.page({ bypassCSP: true });
    const requests = watchRequests(page.context());
    await k.step(page, 'map drawn offline', async () => {
      await page.goto('/map');
      await page.getByRole('heading', { level: 1, name: 'Muslim-friendly map' }).waitFor();
      await mapDrawn(page);
      const land = await landPaths(page, '#map');
      assert.ok(land.length >= 1 && Math.max(...land) > 200, `land shapes drawn (${land})`);
      assert.match(await page.locator('.map-note').innerText(), /offline map/);
      assert.equal(await page.getAttribute('#map', 'data-markers'), '60');
      assert.equal(await page.locator('#place-list > li').count(), 60);
      assert.deepEqual(await shownCount(page), [60, 60]);
      const clusters = await page.locator('#map .place-cluster').count();
      assert.ok(clusters > 0, 'nearby places are clustered');
      await markersAddUp(page, 60, 'clusters and single markers add up to every place');
    });
    await k.step(page, 'accessibility of the map page', async () => {
      const v = await axeViolations(page);
      assert.equal(v.length, 0, `axe-core found serious or critical problems:\n${describeViolations(v)}`);
    });
    await k.step(page, 'certified only', async () => {
      await page.getByLabel('Halal certified', { exact: true }).check();
      await page.waitForURL(/assurance=certified/);
      await page.waitForFunction(() => document.getElementById('results-h').textContent.match(/^\D*(\d+)/)[1] !== '60');
      const [shown, total] = await shownCount(page);
      assert.equal(total, 60);
      assert.ok(shown > 0 && shown < 60, `certified places: ${shown}`);
      assert.equal(await page.locator('#place-list > li').count(), shown);
      await page.waitForFunction((n) => document.getElementById('map').dataset.markers === String(n), shown);
      const badges = await page.$$eval('#place-list > li .badge[class*="level-"]', (b) => b.map((e) => e.textContent.trim()));
      assert.ok(badges.every((b) => b === 'Halal certified'), `only certified places: ${badges}`);
      // The markers on the map are the listed ones.
      await markersAddUp(page, shown, 'the markers on the map are the listed places');
    });
    await k.step(page, 'a category too, then clear', async () => {
      // The kinds of place other than restaurants are behind "More filters".
      await page.locator('#more-filters > summary').click();
      await page.getByLabel('Mosque').check();
      await page.waitForURL(/category=mosque/);
      const listed = await page.locator('#place-list > li').count();
      assert.ok(listed < 60);
      assert.equal(await page.getAttribute('#map', 'data-markers'), String(listed));
      await page.getByRole('link', { name: 'Clear filters' }).click();
      await page.waitForFunction(() => document.getElementById('map').dataset.markers === '60');
      assert.equal(await page.locator('#place-list > li').count(), 60);
      assert.equal(await page.getByLabel('Mosque').isChecked(), false);
    });
    // Nothing was asked of any server but Kizuna and the (dead) tile server.
    const elsewhere = requests.filter((u) => !u.startsWith(k.url) && !u.startsWith(TILES) && !u.startsWith('data:'));
    assert.deepEqual(elsewhere, [], 'no request leaves the machine');
    assert.deepEqual(k.errorsOf(page), [], 'the page logged no script errors');
    await page.context().close();
  });

  test('open a place: today\'s prayer times and the qibla', async () => {
    const page = await k.page({ bypassCSP: true });
    let id;
    await k.step(page, 'a place from the list', async () => {
      await page.goto('/map?category=restaurant&assurance=certified');
      const link = page.locator('#place-list > li h3 a').first();
      const name = (await link.innerText()).trim();
      await link.click();
      await page.waitForURL(/\/map\/places\/\d+/);
      id = Number(new URL(page.url()).pathname.split('/').pop());
      await page.getByRole('heading', { level: 1, name }).waitFor();
    });
    await k.step(page, 'prayer times and qibla', async () => {
      const place = await k.api(page, `/api/v1/places/${id}`);
      const date = await page.locator('input[name=date]').inputValue();
      assert.match(date, /^\d{4}-\d{2}-\d{2}$/);
      const want = await k.api(page, `/api/v1/prayer-times?lat=${place.lat}&lon=${place.lon}&date=${date}&tz=Asia/Tokyo`);
      for (const p of PRAYERS) {
        const shown = (await page.locator(`#prayer-times tr[data-prayer=${p}] time`).innerText()).trim();
        assert.equal(shown, want[p].slice(11, 16), `${p} as the API computes it`);
      }
      const names = await page.$$eval('#prayer-times tbody th', (th) => th.map((e) => e.textContent.trim()));
      assert.deepEqual(names, ['Fajr', 'Sunrise', 'Dhuhr', 'Asr', 'Maghrib', 'Isha']);
      const bearing = (await page.locator('#qibla-bearing').innerText()).trim();
      const qibla = await k.api(page, `/api/v1/qibla?lat=${place.lat}&lon=${place.lon}`);
      assert.equal(bearing, `${qibla.bearing_deg.toFixed(1)}°`);
      assert.ok(qibla.bearing_deg > 290 && qibla.bearing_deg < 296, 'west-north-west from Hokkaido');
      assert.match(await page.locator('#certificate-status').innerText(), /valid today/);
      assert.match(await page.locator('#place-directions').getAttribute('href'), /^https:\/\/www\.openstreetmap\.org\/directions\?route=%3B/);
      await page.locator('#place-map-box').waitFor({ state: 'visible' });
      await page.waitForFunction(() => document.getElementById('place-map').dataset.basemap === 'drawn');
      await page.locator('#place-qibla').scrollIntoViewIfNeeded();
    });
    await k.step(page, 'another method', async () => {
      const before = await page.locator('#prayer-times tr[data-prayer=fajr] time').innerText();
      await page.getByLabel('Calculation method').selectOption('Egyptian');
      await page.getByRole('button', { name: 'Show times' }).click();
      await page.waitForURL(/method=Egyptian/);
      assert.match(await page.locator('#prayer-method').innerText(), /Egyptian General Authority of Survey/);
      assert.notEqual(await page.locator('#prayer-times tr[data-prayer=fajr] time').innerText(), before, 'fajr moves with the method');
    });
    await k.step(page, 'accessibility of a place', async () => {
      const v = await axeViolations(page);
      assert.equal(v.length, 0, `axe-core found serious or critical problems:\n${describeViolations(v)}`);
    });
    assert.deepEqual(k.errorsOf(page), [], 'the page logged no script errors');
    await page.context().close();
  });

  test('near me: sorted by distance; the position goes only to Kizuna', async () => {
    // Obihiro station, as the browser would tell it.
    const here = { latitude: 42.9173, longitude: 143.2040 };
    const page = await k.page({ permissions: ['geolocation'], geolocation: here });
    const requests = watchRequests(page.context());
    await k.step(page, 'near me', async () => {
      await page.goto('/map');
      await mapDrawn(page);
      await page.getByRole('button', { name: 'Places near me' }).click();
      await page.waitForSelector('#place-list[data-sorted="distance"]');
      assert.match(await page.locator('#map-status').innerText(), /sorted by distance/);
    });
    await k.step(page, 'the list by distance', async () => {
      const metres = await page.$$eval('#place-list > li .distance', (ds) =>
        ds.map((d) => {
          const m = d.textContent.match(/([\d.,]+)\s*(km|m)\b/);
          return m ? Number(m[1].replace(/,/g, '')) * (m[2] === 'km' ? 1000 : 1) : NaN;
        }),
      );
      assert.equal(metres.length, 60);
      assert.ok(metres.every((m) => Number.isFinite(m)), `every place has its distance: ${metres}`);
      for (let i = 1; i < metres.length; i++) assert.ok(metres[i] >= metres[i - 1], `sorted: ${metres}`);
      assert.ok(metres[0] < 5000, `an Obihiro place first (${metres[0]} m)`);
      // As far as the API says each is.
      const api = await k.api(page, `/api/v1/places/nearest?lat=${here.latitude}&lon=${here.longitude}&k=60`);
      const byId = new Map(api.items.map((p) => [p.id, p.distance_m]));
      const ids = await page.$$eval('#place-list > li', (li) => li.map((e) => Number(e.dataset.id)));
      // Shown to 10 m under a kilometre, to 100 m under 10 km, whole kilometres beyond.
      const slack = (m) => (m < 1000 ? 5 : m < 10000 ? 50 : 500) + 1;
      ids.forEach((id, i) => assert.ok(Math.abs(byId.get(id) - metres[i]) <= slack(metres[i]), `place ${id}: ${metres[i]} m, ${byId.get(id)} m`));
    });
    const lat = String(here.latitude).slice(0, 6);
    const lon = String(here.longitude).slice(0, 7);
    const carrying = requests.filter((u) => {
      const d = decodeURIComponent(u);
      return d.includes(lat) || d.includes(lon);
    });
    assert.ok(carrying.length >= 1, 'the position was sent to find the nearest places');
    for (const u of carrying) {
      const url = new URL(u);
      assert.equal(url.origin, k.url, `only Kizuna is told the position: ${u}`);
    }
    assert.ok(
      carrying.some((u) => new URL(u).pathname === '/map'),
      `the list was asked for, sorted from the position: ${carrying}`,
    );
    assert.ok(!page.url().includes(lat), 'the position is not put in the address bar');
    assert.deepEqual(k.errorsOf(page), [], 'the page logged no script errors');
    await page.context().close();
  });

  for (const [lang, locale, words, english] of [
    ['ja', 'ja-JP', ['ムスリムフレンドリーマップ', '現在地の近くの施設', 'ファジュル'], ['Zoom in', 'Places near me', 'Show on the map', 'Filters']],
    ['th', 'th-TH', ['แผนที่เป็นมิตรกับมุสลิม', 'สถานที่ใกล้ฉัน', 'อิชาอ์'], ['Zoom in', 'Places near me', 'Show on the map', 'Filters']],
    ['ms', 'ms-MY', ['Peta mesra Muslim', 'Tempat berhampiran saya', 'Subuh'], ['Zoom in', 'Places near me', 'Show on the map', 'Filters']],
  ]) {
    test(`the map in ${lang}, offline`, async () => {
      const page = await k.page({ locale });
      await k.step(page, `${lang} map`, async () => {
        await page.goto(`/map?lang=${lang}`);
        await mapDrawn(page);
        assert.equal(await page.locator('html').getAttribute('lang'), lang);
        const text = await visibleText(page);
        assert.ok(text.includes(words[0]) && text.includes(words[1]), `${lang} words on the map page`);
        for (const e of english) assert.ok(!text.includes(e), `no English "${e}" on the ${lang} map page`);
        assert.ok(Math.max(...(await landPaths(page, '#map'))) > 200, 'land drawn');
      });
      await k.step(page, `${lang} place`, async () => {
        await page.locator('#place-list > li h3 a').first().click();
        await page.waitForURL(/\/map\/places\/\d+/);
        await page.locator('#prayer-times').waitFor();
        const text = await visibleText(page);
        assert.ok(text.includes(words[2]), `${lang} prayer names`);
        assert.ok(!/\b(Prayer times|Opening hours|Directions)\b/.test(text), `no English headings on the ${lang} place page`);
      });
      assert.deepEqual(k.errorsOf(page), [], 'the page logged no script errors');
      await page.context().close();
    });
  }
});
