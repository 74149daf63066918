// Completion certificates: staff open the demo's gmrdp/fy2007 edition,
// follow its "Completion certificates" link, issue a certificate to every
// trainee who completed, open one's PDF link (200, application/pdf) and
// revoke another with a reason through the confirmation. Then an
// anonymous visitor at 390 px checks both numbers at /verify/NUMBER in
// en, ja, th and ms (valid, revoked with its day), types one into the
// /verify form, and an unknown number answers 404 with the not-found
// message; the pages name no trainee, fit the phone, pass axe-core and
// throw no script errors.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, describeViolations, useKizuna } from './harness.mjs';

const EDITION = 'gmrdp/fy2007';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const UNKNOWN = 'KZC-0000-0000-0000';

const WORDS = {
  en: { valid: 'Valid', revoked: 'Revoked', missing: 'No certificate has this number.' },
  ja: { valid: '有効', revoked: '取消済み', missing: 'この番号の証書はありません。' },
  th: { valid: 'ใช้ได้', revoked: 'ถูกเพิกถอน', missing: 'ไม่มีประกาศนียบัตรเลขที่นี้' },
  ms: { valid: 'Sah', revoked: 'Dibatalkan', missing: 'Tiada sijil dengan nombor ini.' },
};

async function overflow(page) {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

describe('completion certificates', () => {
  const k = useKizuna('26 certificates');
  // Filled by the staff test, read by the visitor's.
  const issued = { valid: null, revoked: null, names: [] };

  test('staff issue, download and revoke', async () => {
    const page = await k.page();
    await k.signIn(page, '/console');
    const id = (await k.api(page, `/api/v1/editions?key=${encodeURIComponent(EDITION)}`)).items[0].id;
    await k.step(page, 'the edition links to its certificates', async () => {
      await page.goto(`/console/editions/${id}`);
      await page.locator('#edition-certificates').click();
      await page.waitForURL(new RegExp(`/console/editions/${id}/certificates$`));
      assert.match(await page.locator('#cert-issue').innerText(), /completed and ha(s|ve) no certificate yet/);
    });
    await k.step(page, 'issued to every trainee who completed', async () => {
      await page.locator('#cert-issue-button').click();
      await page.waitForURL(/\/certificates\?issued=\d+$/);
      const count = Number(new URL(page.url()).searchParams.get('issued'));
      assert.ok(count >= 2, `issued ${count}`);
      assert.match(await page.getByRole('status').innerText(), /certificates issued/);
      assert.equal(await page.locator('#certificates tbody tr').count(), count);
      assert.equal(await page.locator('#cert-issue-button').count(), 0, 'nobody left to issue to');
      const numbers = await page.locator('#certificates tbody th code').allInnerTexts();
      [issued.valid, issued.revoked] = numbers;
      issued.names = await page.locator('#certificates tbody td a[href^="/console/people/"]').allInnerTexts();
      for (const n of numbers) assert.match(n, /^KZC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    });
    await k.step(page, 'the PDF link gives a PDF', async () => {
      const href = await page.locator(`#cert-${issued.valid} a.cert-pdf`).getAttribute('href');
      const r = await page.request.get(href);
      assert.equal(r.status(), 200);
      assert.equal(r.headers()['content-type'], 'application/pdf');
      const body = await r.body();
      assert.equal(body.subarray(0, 5).toString('latin1'), '%PDF-');
    });
    await k.step(page, 'one revoked with a reason', async () => {
      await page.locator(`#cert-${issued.revoked} a.cert-revoke`).click();
      await page.waitForURL(/\/revoke$/);
      await page.getByLabel('Reason').fill('Issued to the wrong edition');
      await page.locator('#cert-revoke-confirm').click();
      await page.waitForURL(/\/certificates\?revoked=/);
      const row = await page.locator(`#cert-${issued.revoked}`).innerText();
      assert.match(row, /Revoked/);
      assert.match(row, /Issued to the wrong edition/);
      assert.match(await page.locator(`#cert-${issued.valid}`).innerText(), /Valid/);
      assert.equal(await page.locator('#certificates .badge.withdrawn').count(), 1, 'one revoked');
    });
    assert.deepEqual(k.errorsOf(page), []);
    await page.context().close();
  });

  for (const lang of ['en', 'ja', 'th', 'ms']) {
    test(`an anonymous visitor checks the numbers at 390 px in ${lang}`, async () => {
      assert.ok(issued.valid && issued.revoked, 'the staff test issued certificates');
      // bypassCSP: only so that axe-core can be injected.
      const page = await k.page({ ...PHONE, bypassCSP: true });
      const w = WORDS[lang];
      const shows = async () => {
        const text = await page.locator('main').innerText();
        for (const name of issued.names) {
          const family = name.split(/[ ,]/)[0];
          assert.ok(!text.includes(family), `the page names ${family}`);
        }
        assert.equal(await overflow(page), 0, 'nothing wider than the phone');
        const vs = await axeViolations(page);
        assert.deepEqual(vs, [], describeViolations(vs));
      };
      await k.step(page, `${lang}: a valid certificate`, async () => {
        const r = await page.goto(`/verify/${issued.valid}?lang=${lang}`);
        assert.equal(r.status(), 200);
        assert.match(await page.locator('#verify-status').innerText(), new RegExp(w.valid));
        assert.equal((await page.locator('#verify-number').innerText()).trim(), issued.valid);
        await shows();
      });
      await k.step(page, `${lang}: a revoked certificate`, async () => {
        const r = await page.goto(`/verify/${issued.revoked}?lang=${lang}`);
        assert.equal(r.status(), 200);
        assert.match(await page.locator('#verify-status').innerText(), new RegExp(w.revoked));
        await shows();
      });
      await k.step(page, `${lang}: an unknown number`, async () => {
        const r = await page.goto(`/verify/${UNKNOWN}?lang=${lang}`);
        assert.equal(r.status(), 404);
        assert.match(await page.locator('#verify-not-found').innerText(), new RegExp(w.missing));
        await shows();
      });
      if (lang === 'en') {
        await k.step(page, 'a number typed into the form', async () => {
          await page.goto('/verify?lang=en');
          await page.getByLabel('Certificate number').fill(issued.valid.toLowerCase().replaceAll('-', ' '));
          await page.getByRole('button', { name: 'Check' }).click();
          await page.waitForURL(new RegExp(`/verify/${issued.valid}`));
          assert.match(await page.locator('#verify-status').innerText(), /Valid/);
        });
      }
      // The unknown number's 404 is the page's own answer, not a script's.
      assert.deepEqual(k.errorsOf(page), []);
      await page.context().close();
    });
  }
});
