// The annual report: staff at 390 px open /console/reports/annual, type
// the fiscal year 2007 and choose English in the form, and read "680
// trainees from 57 countries" with both charts drawn and the year's photos
// shown; the PDF and JSON links answer with the same report. Then the page
// in en, ja, th and ms (the report in the page's language): the
// cumulative sentence in each, no English heading left in the others,
// nothing wider than the phone, no request to another origin, axe-core,
// no script errors.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, describeViolations, useKizuna } from './harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const WORDS = {
  en: 'trainees from 57 countries cumulative as of 31 March 2008',
  ja: '累計 57 か国から 680 名の研修員',
  th: 'ผู้รับการฝึกอบรมสะสม 680 คนจาก 57 ประเทศ',
  ms: '680 pelatih dari 57 negara secara kumulatif',
};
const ENGLISH = ['Delegations received', 'Courtesy calls', 'Partnership outcomes', 'Download PDF', 'None recorded.'];

async function overflow(page) {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

describe('the annual report', () => {
  const k = useKizuna('29 annual report');

  test('staff choose FY2007 and download it', async () => {
    const page = await k.page(PHONE);
    await k.signIn(page, '/console');
    await k.step(page, 'the form', async () => {
      await page.goto('/console/reports/annual?lang=en');
      await page.locator('#fy').fill('2007');
      await page.locator('#report-lang').selectOption('en');
      await page.locator('#annual-show').click();
      await page.waitForURL(/fy=2007/);
    });
    await k.step(page, '680 trainees from 57 countries, charts and photos', async () => {
      assert.match(await page.locator('#cumulative').innerText(), /^680 trainees from 57 countries cumulative as of 31 March 2008/);
      assert.equal(await page.locator('article.annual-report svg').count(), 2);
      assert.ok((await page.locator('article.annual-report svg polyline').count()) === 1, 'the cumulative line');
      const photos = page.locator('article.annual-report .photos img');
      assert.ok((await photos.count()) >= 1);
      assert.match(await photos.first().getAttribute('src'), /^data:image\//);
      assert.ok(await photos.first().evaluate((img) => img.complete && img.naturalWidth > 0), 'the photo is drawn');
      assert.equal(await overflow(page), 0, 'nothing wider than the phone');
    });
    await k.step(page, 'the PDF and JSON links', async () => {
      const pdf = await page.request.get(await page.locator('#annual-pdf').getAttribute('href'));
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');
      const json = await (await page.request.get(await page.locator('#annual-json').getAttribute('href'))).json();
      assert.equal(json.trainees.cumulative_trainees, 680);
      assert.equal(json.trainees.cumulative_countries, 57);
    });
    assert.deepEqual(k.errorsOf(page), []);
    await page.context().close();
  });

  for (const lang of ['en', 'ja', 'th', 'ms']) {
    test(`the report at 390 px in ${lang}`, async () => {
      // bypassCSP: only so that axe-core can be injected.
      const page = await k.page({ ...PHONE, bypassCSP: true });
      const elsewhere = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(k.url) && !r.url().startsWith('data:')) elsewhere.push(r.url());
      });
      await k.signIn(page, '/console');
      await k.step(page, `${lang}: FY2007`, async () => {
        const r = await page.goto(`/console/reports/annual?fy=2007&lang=${lang}`);
        assert.equal(r.status(), 200);
        const text = await page.locator('main').innerText();
        assert.ok(text.includes(WORDS[lang]), `${lang}: ${text.slice(0, 400)}`);
        if (lang !== 'en') {
          for (const english of ENGLISH) assert.ok(!text.includes(english), `${lang}: English left: ${english}`);
        }
        assert.equal(await overflow(page), 0, 'nothing wider than the phone');
        const vs = await axeViolations(page);
        assert.deepEqual(vs, [], describeViolations(vs));
      });
      assert.deepEqual(elsewhere, [], 'no request to another origin');
      assert.deepEqual(k.errorsOf(page), []);
      await page.context().close();
    });
  }
});
