// Staff record a delegation received at phone width (seed 000: delegations
// from overseas governments): the leaving day before the arrival is refused
// beside its field, then a member and a visit are added on its page, and a
// JPEG carrying GPS Exif is uploaded with a Thai caption. The page in Thai
// shows the Thai caption (in English it is shown with its language named);
// the photo's bytes as served have no Exif and no GPS block; anyone else
// gets "not found" for the photo of a record that is not public. Then the
// exchanges pages at 390 px in four languages: nothing wider than the
// screen, each id once, axe-core, no script errors.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, describeViolations, useKizuna } from './harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const THAI_CAPTION = 'คณะผู้แทนเยี่ยมศาลากลางเมืองฮาโกดาเตะ';

async function overflow(page) {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

/** An Exif APP1 segment (big-endian TIFF): orientation 1 and a GPS block
 * (latitude reference "N", latitude 43° 0' 0"). */
function exifWithGps() {
  const t = [];
  const u16 = (n) => t.push((n >> 8) & 255, n & 255);
  const u32 = (n) => t.push((n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255);
  t.push(...Buffer.from('MM\0\x2a'), 0, 0, 0, 8);
  u16(2);
  t.push(0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 1, 0, 0);
  const gpsAt = 8 + 2 + 2 * 12 + 4;
  t.push(0x88, 0x25, 0, 4, 0, 0, 0, 1);
  u32(gpsAt);
  u32(0);
  u16(2);
  t.push(0x00, 0x01, 0, 2, 0, 0, 0, 2, 0x4e, 0, 0, 0);
  const rationalAt = gpsAt + 2 + 2 * 12 + 4;
  t.push(0x00, 0x02, 0, 5, 0, 0, 0, 3);
  u32(rationalAt);
  u32(0);
  for (const [n, d] of [[43, 1], [0, 1], [0, 1]]) {
    u32(n);
    u32(d);
  }
  const len = 2 + 6 + t.length;
  return Buffer.from([0xff, 0xe1, len >> 8, len & 255, ...Buffer.from('Exif\0\0'), ...t]);
}

/** A real 8 × 8 grey baseline JPEG with the given segments after JFIF. */
function tinyJpeg(extra) {
  const parts = [Buffer.from([0xff, 0xd8]), Buffer.from('\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00', 'latin1')];
  parts.push(...extra);
  parts.push(Buffer.from([0xff, 0xdb, 0x00, 0x43, 0x00, ...new Array(64).fill(1)]));
  parts.push(Buffer.from([0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00]));
  for (const cls of [0x00, 0x10]) {
    parts.push(Buffer.from([0xff, 0xc4, 0x00, 0x14, cls, 1, ...new Array(15).fill(0), 0x00]));
  }
  parts.push(Buffer.from([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x3f, 0xff, 0xd9]));
  return Buffer.concat(parts);
}

describe('exchanges in the console', () => {
  const k = useKizuna('20 exchanges');

  test('staff record a delegation with a member, a visit and a photo with a Thai caption', async () => {
    const page = await k.page(PHONE);
    await k.signIn(page, '/console');
    let record;
    await k.step(page, 'a delegation refused, then saved', async () => {
      await page.goto('/console');
      await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Exchanges', exact: true }).click();
      await page.getByRole('link', { name: 'Delegations', exact: true }).first().click();
      await page.getByRole('link', { name: 'New', exact: true }).click();
      await page.locator('#f-country').selectOption('TH');
      await page.locator('#f-organisation_name_en').fill('Ministry of Interior, Department of Public Works');
      await page.locator('#f-arrives_on').fill('2019-10-10');
      await page.locator('#f-leaves_on').fill('2019-10-07');
      await page.locator('#f-purpose_en').fill('Study of land-use planning in southern Hokkaido');
      await page.getByRole('button', { name: 'Save' }).click();
      const error = page.locator('#e-leaves_on');
      await error.waitFor();
      assert.match(await error.innerText(), /cannot leave before it arrives/);
      assert.equal(await page.locator('#f-leaves_on').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('#f-purpose_en').inputValue(), 'Study of land-use planning in southern Hokkaido');
      assert.equal(await overflow(page), 0, 'the refused form fits a phone');
      await page.locator('#f-leaves_on').fill('2019-10-12');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(/\/console\/delegations\/\d+\?done=saved/);
      record = new URL(page.url()).pathname;
      await page.getByRole('heading', { level: 1, name: 'Study of land-use planning in southern Hokkaido' }).waitFor();
    });
    await k.step(page, 'a member and a visit', async () => {
      await page.locator('#members-f-name').fill('Somchai Phanit');
      await page.locator('#members-f-title_en').fill('Head of delegation');
      await page.getByRole('button', { name: 'Add a member' }).click();
      await page.waitForURL(/done=part-added/);
      assert.match(await page.locator('#members-list').innerText(), /Somchai Phanit · Head of delegation/);
      await page.locator('#visits-f-visit_on').fill('2019-10-11');
      await page.locator('#visits-f-place').fill('Hakodate City Hall');
      await page.locator('#visits-f-what_en').fill('Courtesy call and briefing on city planning');
      await page.getByRole('button', { name: 'Add a visit' }).click();
      await page.waitForURL(/done=part-added/);
      assert.match(await page.locator('#visits-list').innerText(), /Hakodate City Hall · Courtesy call and briefing/);
    });
    let photo;
    await k.step(page, 'a photo with GPS Exif and a Thai caption', async () => {
      const jpeg = tinyJpeg([exifWithGps()]);
      assert.ok(jpeg.includes(Buffer.from('Exif')), 'the file sent carries Exif');
      await page.locator('#f-file').setInputFiles({ name: 'visit.jpg', mimeType: 'image/jpeg', buffer: jpeg });
      await page.locator('#f-caption_th').fill(THAI_CAPTION);
      await page.locator('#f-taken_on').fill('2019-10-11');
      await page.getByRole('button', { name: 'Add a photo' }).click();
      await page.waitForURL(/done=photo-added/);
      photo = await page.locator('#photo-list img').first().getAttribute('src');
      assert.match(photo, /^\/photos\/\d+$/);
    });
    await k.step(page, 'the caption in Thai, and named as Thai in English', async () => {
      await page.goto(`${record}?lang=th`);
      const th = await page.locator('#photo-list figcaption').first().innerText();
      assert.ok(th.includes(THAI_CAPTION), th);
      await page.goto(`${record}?lang=en`);
      const en = await page.locator('#photo-list figcaption').first().innerText();
      assert.ok(en.includes(THAI_CAPTION), en);
      assert.match(en, /caption not in this language; shown in: ไทย/);
    });
    await k.step(page, 'the bytes served carry no location', async () => {
      const r = await page.request.get(photo);
      assert.equal(r.status(), 200);
      assert.equal(r.headers()['content-type'], 'image/jpeg');
      const body = await r.body();
      assert.deepEqual([...body.subarray(0, 2)], [0xff, 0xd8], 'still a JPEG');
      assert.ok(!body.includes(Buffer.from('Exif')), 'no Exif segment');
      assert.ok(!body.includes(Buffer.from([0x88, 0x25])), 'no GPS IFD pointer');
      assert.ok(body.includes(Buffer.from([0xff, 0xc0])), 'the picture itself is kept');
      // Not public: anyone else is told it is not there.
      const anon = await fetch(new URL(photo, k.url));
      assert.equal(anon.status, 404);
    });
    await page.context().close();
  });

  for (const lang of ['en', 'ja', 'th', 'ms']) {
    test(`exchanges pages fit a phone in ${lang}`, async () => {
      // bypassCSP: only so that axe-core can be injected.
      const page = await k.page({ ...PHONE, bypassCSP: true });
      await k.signIn(page, '/console/exchanges');
      await page.goto('/console/delegations');
      const delegation = await page.locator('#exchanges a[href^="/console/delegations/"]').first().getAttribute('href');
      await page.goto('/console/dispatches');
      const dispatch = await page.locator('#exchanges a[href^="/console/dispatches/"]').first().getAttribute('href');
      await page.goto('/console/symposiums');
      const symposium = await page.locator('#exchanges a[href^="/console/symposiums/"]').first().getAttribute('href');
      await page.goto('/console/courtesy-calls');
      const call = await page.locator('#exchanges a[href^="/console/courtesy-calls/"]').first().getAttribute('href');
      const paths = [
        '/console/exchanges',
        '/console/delegations',
        '/console/delegations/new',
        delegation,
        `${delegation}/edit`,
        `${delegation}/delete`,
        '/console/dispatches',
        dispatch,
        '/console/dispatches/new',
        '/console/symposiums',
        symposium,
        `${symposium}/edit`,
        '/console/courtesy-calls',
        '/console/courtesy-calls/new',
        call,
      ];
      for (const path of paths) {
        await k.step(page, `${lang} ${path}`, async () => {
          const r = await page.goto(`${path}?lang=${lang}`);
          assert.equal(r.status(), 200, `${path}: ${r.status()}`);
          assert.equal(await page.getAttribute('html', 'lang'), lang);
          assert.equal(await overflow(page), 0, `${path} in ${lang} is wider than a phone`);
          const twice = await page.evaluate(() => {
            const seen = new Map();
            for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
            return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
          });
          assert.deepEqual(twice, [], `ids used more than once on ${path}`);
          const vs = await axeViolations(page);
          assert.equal(vs.length, 0, `axe on ${path} in ${lang}:\n${describeViolations(vs)}`);
          assert.deepEqual(k.errorsOf(page), []);
        });
      }
      await page.context().close();
    });
  }
});
