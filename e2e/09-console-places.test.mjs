// The staff pages of the Muslim-friendly map: a new place through the form
// (a field's error beside it first, then saved), marked verified today, and
// found in the list; an import whose rejected record is shown with its
// number, id, field, value and reason while nothing is written, then a clean
// file previewed and confirmed. A large file is followed on its job's page:
// the bar moves without a reload, then the check's result; confirmed, the
// writing job's page says what it did; in Japanese at 390 px too. axe-core
// on each page.

import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations, describeViolations, useKizuna } from './harness.mjs';

const NAME = 'E2E Halal Curry, Sapporo Station (demo)';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Today in Japan, written as the English pages write dates ("23 Nov 2026"). */
function todayInJapan() {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  return `${Number(parts.day)} ${MONTHS[Number(parts.month) - 1]} ${parts.year}`;
}

/** The text of the elements a field's aria-describedby points at. */
async function description(field) {
  return field.evaluate((el) =>
    (el.getAttribute('aria-describedby') || '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent.trim() ?? `(no element #${id})`)
      .join(' | '),
  );
}

async function noAxeViolations(page, what) {
  const vs = await axeViolations(page);
  assert.equal(vs.length, 0, `serious or critical axe violations on ${what}:\n${describeViolations(vs)}`);
}

function feature(id, name, category) {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [141.3508, 43.0687] },
    properties: { name_en: name, category, assurance: 'pork_free', opening_hours: 'Mo-Su 10:00-20:00' },
  };
}

/** Places in the large file: several megabytes, seconds of work for the server. */
const BULK = 15_000;

function bulkFeature(i) {
  return {
    type: 'Feature',
    id: `e2e-bulk-${i}`,
    geometry: { type: 'Point', coordinates: [141 + i / 100_000, 43 + i / 200_000] },
    properties: { name_en: `E2E Bulk Place ${i} (demo)`, category: 'restaurant', assurance: 'self_declared', last_verified: '2026-11-01' },
  };
}

/**
 * On a job's page: the bar and status move without the page being loaded
 * again — or, when the job ends before its first progress poll (a fast
 * machine), the page's script shows the result (`done`) with no click.
 */
async function barMoves(page, what, done) {
  await page.evaluate(() => {
    window.e2eSamePage = true;
  });
  const before = await page.evaluate(() => ({
    value: document.getElementById('import-bar')?.getAttribute('value') ?? null,
    status: document.getElementById('import-status')?.textContent ?? '',
    numbers: document.getElementById('import-numbers')?.textContent ?? '',
  }));
  const moved = page
    .waitForFunction(
      (b) =>
        window.e2eSamePage === true &&
        ((document.getElementById('import-bar')?.getAttribute('value') ?? null) !== b.value ||
          document.getElementById('import-status')?.textContent !== b.status ||
          document.getElementById('import-numbers')?.textContent !== b.numbers),
      before,
      { timeout: 60_000 },
    )
    .then(
      () => 'moved',
      () => 'left',
    );
  const finished = page
    .getByRole('heading', { name: done })
    .waitFor({ timeout: 60_000 })
    .then(
      () => 'finished',
      () => 'not finished',
    );
  if ((await Promise.race([moved, finished])) === 'moved') {
    assert.ok(await page.evaluate(() => window.e2eSamePage === true), `${what}: moved by the script, not a reload`);
    return;
  }
  assert.equal(await finished, 'finished', `${what}: the bar neither moved nor gave way to the result`);
}

describe('staff pages of the map', () => {
  const k = useKizuna('09 console places');
  const dir = mkdtempSync(join(tmpdir(), 'kizuna-e2e-places-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const badFile = join(dir, 'places-bad.geojson');
  const goodFile = join(dir, 'places-good.geojson');
  writeFileSync(
    badFile,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [feature('e2e-deli', 'E2E Import Deli (demo)', 'grocery'), feature('e2e-bar', 'E2E Import Bar (demo)', 'bar')],
    }),
  );
  const bulkFile = join(dir, 'places-bulk.geojson');
  writeFileSync(
    bulkFile,
    JSON.stringify({ type: 'FeatureCollection', features: Array.from({ length: BULK }, (_, i) => bulkFeature(i + 1)) }),
  );
  writeFileSync(
    goodFile,
    JSON.stringify({ type: 'FeatureCollection', features: [feature('e2e-deli', 'E2E Import Deli (demo)', 'grocery')] }),
  );

  test('add a place, verify it, find it in the list', async () => {
    // axe is added as a script tag: let it past the pages' Content-Security-Policy.
    const page = await k.page({ bypassCSP: true });
    await k.signIn(page, '/console');

    await k.step(page, 'the list, from the menu', async () => {
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/console/places'),
        page.getByRole('banner').getByRole('link', { name: 'Places', exact: true }).click(),
      ]);
      await page.getByRole('heading', { level: 1, name: 'Places on the map' }).waitFor();
      await page.getByText('60 places match these filters.').waitFor();
      assert.equal(await page.locator('#places tbody tr').count(), 50, 'fifty a page');
      await noAxeViolations(page, 'the places list');
    });

    await k.step(page, 'a latitude that is not a number is refused', async () => {
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/console/places/new'),
        page.getByRole('link', { name: 'Add a place' }).click(),
      ]);
      await page.getByRole('heading', { level: 1, name: 'Add a place' }).waitFor();
      await page.getByLabel('Name in English').fill(NAME);
      await page.getByLabel('Name in Japanese').fill('E2Eハラールカレー 札幌駅前（デモ）');
      await page.getByLabel('Category', { exact: true }).selectOption({ label: 'Restaurant' });
      await page.getByLabel('Latitude').fill('north');
      await page.getByLabel('Longitude').fill('141.3508');
      await page.getByLabel('Assurance level').selectOption({ label: 'Self-declared Muslim-friendly' });
      await page.getByLabel('No', { exact: true }).check();
      await page.getByLabel('Prayer space', { exact: true }).check();
      await page.getByLabel('Opening hours').fill('Mo-Sa 11:00-21:00; Su off');
      const [resp] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/console/places/new') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Save' }).click(),
      ]);
      assert.equal(resp.status(), 422);
      await page.getByRole('alert').filter({ hasText: 'Some values need fixing.' }).waitFor();
      const lat = page.getByLabel('Latitude');
      assert.equal(await lat.getAttribute('aria-invalid'), 'true');
      assert.match(await description(lat), /“north” is not a latitude/);
      await page.locator('#e-lat').waitFor({ state: 'visible' });
      // What was typed is kept; the other fields are not blamed.
      assert.equal(await page.getByLabel('Name in English').inputValue(), NAME);
      assert.equal(await page.getByLabel('Opening hours').inputValue(), 'Mo-Sa 11:00-21:00; Su off');
      assert.ok(await page.getByLabel('Prayer space', { exact: true }).isChecked());
      assert.ok(await page.getByLabel('No', { exact: true }).isChecked());
      assert.equal(await page.getByLabel('Longitude').getAttribute('aria-invalid'), null);
      assert.equal(await page.getByLabel('Name in English').getAttribute('aria-invalid'), null);
      await noAxeViolations(page, 'the form with an error');
    });

    await k.step(page, 'fixed and saved: not yet verified', async () => {
      await page.getByLabel('Latitude').fill('43.0687');
      await Promise.all([
        page.waitForURL(/\/console\/places\/\d+\/edit\?saved=1$/),
        page.getByRole('button', { name: 'Save' }).click(),
      ]);
      await page.getByRole('status').filter({ hasText: 'The place was saved.' }).waitFor();
      await page.getByRole('heading', { level: 1, name: `Change ${NAME}` }).waitFor();
      const state = await page.locator('#verified-state').innerText();
      assert.match(state, /Never verified/);
      assert.match(state, /Stale/);
    });

    await k.step(page, 'marked verified today', async () => {
      await Promise.all([
        page.waitForURL(/\/console\/places\/\d+\/edit\?verified=\d+$/),
        page.getByRole('button', { name: 'Mark verified today' }).click(),
      ]);
      await page.getByRole('status').filter({ hasText: 'The place was marked as verified today.' }).waitFor();
      const state = await page.locator('#verified-state').innerText();
      assert.equal(state.trim(), `Last verified on ${todayInJapan()}.`);
      assert.equal(await page.locator('#standing .badge', { hasText: 'Stale' }).count(), 0);
    });

    await k.step(page, 'found in the list by name', async () => {
      await page.goto('/console/places');
      const filters = page.getByRole('form', { name: 'Filters' });
      await filters.getByLabel('Name').fill('e2e halal curry');
      await Promise.all([
        page.waitForURL((u) => u.searchParams.get('q') === 'e2e halal curry'),
        filters.getByRole('button', { name: 'Show' }).click(),
      ]);
      await page.getByText('One place matches these filters.').waitFor();
      const row = page.locator('#places tbody tr');
      assert.equal(await row.count(), 1);
      const cells = (await row.locator('th, td').allInnerTexts()).map((s) => s.trim());
      assert.match(cells[0], /E2E Halal Curry, Sapporo Station \(demo\)/);
      assert.match(cells[0], /E2Eハラールカレー/);
      assert.equal(cells[1], 'Restaurant');
      assert.equal(cells[2], 'Self-declared Muslim-friendly');
      assert.equal(cells[4], todayInJapan(), 'verified today, not stale');
    });

    await k.step(page, 'the review lists', async () => {
      await page.goto('/console/places/review');
      await page.getByRole('heading', { level: 1, name: 'Places to review' }).waitFor();
      assert.ok((await page.locator('#expiring tbody tr').count()) >= 1);
      assert.match(await page.locator('#expiring tbody').innerText(), /days? left|ends today/);
      assert.ok((await page.locator('#stale tbody tr').count()) >= 1);
      assert.ok(!(await page.locator('#stale').innerText()).includes(NAME), 'the verified place is not stale');
      await noAxeViolations(page, 'the review lists');
    });
    assert.deepEqual(k.errorsOf(page), [], 'no script errors');
    await page.context().close();
  });

  test('an import shows its rejected record and writes nothing, then a clean file is confirmed', async () => {
    const page = await k.page({ bypassCSP: true });
    await k.signIn(page, '/console/places/import');

    await k.step(page, 'the bad file is checked', async () => {
      await page.getByRole('heading', { level: 1, name: 'Import places' }).waitFor();
      await page.getByLabel('Places file').setInputFiles(badFile);
      const [resp] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/console/places/import') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Check the file' }).click(),
      ]);
      assert.equal(resp.status(), 422);
      await page.getByRole('heading', { name: 'Records that cannot be accepted' }).waitFor();
      await page.getByRole('alert').filter({ hasText: 'Nothing was written' }).first().waitFor();
      const rows = page.locator('#rejected tbody tr');
      assert.equal(await rows.count(), 1, 'one value is refused');
      const [record, id, field, value, reason] = (await rows.first().locator('th, td').allInnerTexts()).map((s) => s.trim());
      assert.equal(record, '2', 'the second record of the file');
      assert.equal(id, 'e2e-bar');
      assert.equal(field, 'category');
      assert.equal(value, 'bar');
      assert.equal(reason, '“bar” is not a category: write restaurant, cafe, grocery, halal_shop, hotel, mosque, prayer_room or other.');
      assert.equal(await page.getByRole('button', { name: 'Import these places' }).count(), 0, 'nothing to confirm');
      await noAxeViolations(page, 'the import with a rejected record');
    });

    await k.step(page, 'nothing was written', async () => {
      await page.goto('/console/places?q=E2E+Import');
      await page.getByText('No place matches these filters.').waitFor();
    });

    await k.step(page, 'the clean file is previewed', async () => {
      await page.goto('/console/places/import');
      await page.getByLabel('Places file').setInputFiles(goodFile);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/console/places/import') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Check the file' }).click(),
      ]);
      await page.getByRole('heading', { name: 'What the import would do' }).waitFor();
      const preview = await page.locator('#preview').innerText();
      assert.match(preview, /The file is clean: one record read\. Nothing has been written yet\./);
      assert.match(preview, /One new place would be added\./);
      assert.equal(await page.locator('#rejected').count(), 0);
    });

    await k.step(page, 'confirmed and listed', async () => {
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/console/places/import' && u.searchParams.get('added') === '1'),
        page.getByRole('button', { name: 'Import these places' }).click(),
      ]);
      await page.getByRole('status').filter({ hasText: 'One place was added.' }).waitFor();
      await page.goto('/console/places?q=E2E+Import');
      await page.getByText('One place matches these filters.').waitFor();
      const row = await page.locator('#places tbody tr').innerText();
      assert.match(row, /E2E Import Deli \(demo\)/);
      assert.match(row, /Grocery/);
      assert.match(row, /Pork-free/);
    });
    assert.deepEqual(k.errorsOf(page), [], 'no script errors');
    await page.context().close();
  });

  test('a large file is followed on its page: the bar moves, then the result; confirmed; in Japanese at 390 px', async () => {
    const page = await k.page({ bypassCSP: true });
    await k.signIn(page, '/console/places/import');
    let job = '';

    await k.step(page, 'the check runs in the background, its bar moving', async () => {
      await page.getByLabel('Places file').setInputFiles(bulkFile);
      await Promise.all([
        page.waitForURL(/\/console\/places\/import\/jobs\/[0-9a-f]{32}$/),
        page.getByRole('button', { name: 'Check the file' }).click(),
      ]);
      job = new URL(page.url()).pathname;
      await page.getByRole('heading', { level: 2, name: 'Checking places-bulk.geojson' }).waitFor();
      await page.getByRole('progressbar', { name: 'How far the import has got' }).waitFor();
      assert.match(await page.getByRole('status').innerText(), /Waiting|Reading|counting/);
      await noAxeViolations(page, 'a check under way');
      await barMoves(page, 'the check', 'What the import would do');
    });

    await k.step(page, 'the result on the same page, without a click', async () => {
      await page.getByRole('heading', { name: 'What the import would do' }).waitFor({ timeout: 180_000 });
      assert.equal(new URL(page.url()).pathname, job, 'the job page, loaded again by its script');
      assert.equal(await page.getByRole('progressbar').count(), 0, 'done: no bar');
      const preview = await page.locator('#preview').innerText();
      assert.match(preview, /The file is clean: 15,000 records read\./);
      assert.match(preview, /15,000 new places would be added\./);
      await noAxeViolations(page, 'a check done');
    });

    await k.step(page, 'confirmed: written by a job of its own', async () => {
      await Promise.all([
        page.waitForURL((u) => /^\/console\/places\/import\/jobs\/[0-9a-f]{32}$/.test(u.pathname) && u.pathname !== job),
        page.getByRole('button', { name: 'Import these places' }).click(),
      ]);
      const done = page.getByRole('status').filter({ hasText: 'The import is done.' });
      await done.waitFor({ timeout: 300_000 });
      assert.match(await done.innerText(), /15,000 places were added\./);
      await page.goto('/console/places?q=E2E+Bulk+Place+14999');
      await page.getByText('One place matches these filters.').waitFor();
    });
    assert.deepEqual(k.errorsOf(page), [], 'no script errors');
    await page.context().close();

    const phone = await k.page({ bypassCSP: true, viewport: { width: 390, height: 844 } });
    await k.signIn(phone, '/console/places/import?lang=ja');
    await k.step(phone, 'in Japanese at 390 px: the bar, then the result', async () => {
      await phone.locator('#f-file').setInputFiles(bulkFile);
      await Promise.all([
        phone.waitForURL(/\/console\/places\/import\/jobs\/[0-9a-f]{32}$/),
        phone.getByRole('button', { name: 'ファイルを確認' }).click(),
      ]);
      await phone.getByRole('heading', { level: 2, name: 'places-bulk.geojson を確認しています' }).waitFor();
      await phone.getByRole('progressbar', { name: '取り込みの進み具合' }).waitFor();
      const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 390, `nothing wider than the phone: ${wide}px`);
      await noAxeViolations(phone, 'a check under way, in Japanese');
      await phone.getByRole('heading', { name: '取り込むとどうなるか' }).waitFor({ timeout: 180_000 });
      assert.match(await phone.locator('#preview').innerText(), /15,000/);
      const after = await phone.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(after <= 390, `nothing wider than the phone: ${after}px`);
    });
    await k.step(phone, 'the list at 390 px in four languages: its table scrolls inside its frame', async () => {
      for (const lang of ['en', 'ja', 'th', 'ms']) {
        await phone.goto(`/console/places?lang=${lang}`);
        await phone.locator('#places tbody tr').first().waitFor();
        const page = await phone.evaluate(() => ({
          lang: document.documentElement.lang,
          wide: document.documentElement.scrollWidth,
          frame: document.querySelector('.table-wrap').getBoundingClientRect().right,
        }));
        assert.equal(page.lang, lang);
        assert.ok(page.wide <= 390, `${lang}: nothing wider than the phone, hidden labels included: ${page.wide}px`);
        assert.ok(page.frame <= 390, `${lang}: the table's frame fits: ${page.frame}px`);
      }
    });
    assert.deepEqual(k.errorsOf(phone), [], 'no script errors');
    await phone.context().close();
  });
});
