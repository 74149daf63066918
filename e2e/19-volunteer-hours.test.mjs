// Volunteers log their own hours: the administrator makes volunteer
// accounts for the demo's Friends From Thailand volunteer and for another
// placement's volunteer; the FFT volunteer, at 390 px, signs in (landing on
// /volunteer), logs 3.5 hours with a short report in Thai (the hours' error
// beside the field first), changes it while pending; staff approve it in the
// review queue and the fiscal year's hours report grows by 3.5; the
// volunteer can no longer change it (409 page saying why); the other
// volunteer is refused it (403 page). The volunteer pages in four languages
// fit the phone and pass axe-core.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, describeViolations, submitSignIn, useKizuna } from './harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const FFT = 'fft.volunteer.e2e@example.org';
const OTHER = 'other.volunteer.e2e@example.org';
const PASSWORD = 'Lake Akan in September, 2022!';
const REPORT_TH = 'พาชาวไทยเดินชมทะเลสาบอากังและแนะนำร้านอาหารฮาลาล';

async function overflow(page) {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

/** The fiscal year (April to March) containing today in Japan. */
function fiscalYear() {
  const now = new Date(Date.now() + 9 * 3600 * 1000);
  return now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
}

function today() {
  return new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10);
}

describe('volunteer hours', () => {
  const k = useKizuna('19 volunteer hours');

  /** An account made by the administrator, its password set through its link, signed in. */
  async function volunteer(admin, email, personId, what) {
    const link = await k.step(admin, `a volunteer account: ${what}`, async () => {
      await admin.goto('/admin/accounts');
      await admin.getByLabel('E-mail address').fill(email);
      await admin.getByLabel('Role').selectOption('volunteer');
      await admin.getByLabel(/Person id/).fill(String(personId));
      await admin.getByRole('button', { name: 'Add the account' }).click();
      return (await admin.locator('#secret').textContent()).trim();
    });
    const page = await k.page({ ...PHONE, bypassCSP: true });
    await k.step(page, `${what} signs in`, async () => {
      await page.goto(new URL(link, k.url).pathname);
      await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('New password again').fill(PASSWORD);
      await page.locator('main form').getByRole('button').click();
      await page.waitForLoadState();
      await page.goto('/sign-in?next=%2Fconsole');
      await page.getByLabel('E-mail address').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      assert.equal(await submitSignIn(page), 303);
      await page.waitForURL((u) => u.pathname === '/volunteer');
    });
    return page;
  }

  async function reportTotal(staff) {
    await staff.goto(`/console/hours/report?fy=${fiscalYear()}&by=scheme`);
    return Number((await staff.locator('#report-total').textContent()).trim());
  }

  test('a volunteer logs hours, staff approve them, the report counts them', async () => {
    const admin = await k.page();
    await k.signIn(admin, '/admin/accounts');
    const placements = (await k.api(admin, '/api/v1/placements?limit=100')).items;
    const fft = placements.find((p) => p.scheme === 'fft');
    const other = placements.find((p) => p.person_id !== fft.person_id);
    assert.ok(fft && other, 'the demo has an FFT placement and another');
    const before = await reportTotal(admin);

    const me = await volunteer(admin, FFT, fft.person_id, 'the FFT volunteer');
    await k.step(me, 'the home page: placements and hours', async () => {
      await me.getByRole('heading', { level: 1 }).waitFor();
      assert.ok((await me.locator('#my-placements li').count()) > 0, 'their placements');
      assert.equal(await overflow(me), 0, 'no sideways scrolling at 390 px');
    });
    let entry;
    await k.step(me, 'hours refused beside the field, then logged with a Thai report', async () => {
      await me.goto('/volunteer/hours');
      await me.locator('select[name=placement_id]').selectOption(String(fft.id));
      await me.locator('input[name=worked_on]').fill(today());
      await me.locator('input[name=hours]').fill('25');
      await me.locator('input[name=activity]').fill('Guided walk at Lake Akan');
      await me.locator('textarea[name=report]').fill(REPORT_TH);
      await me.locator('select[name=report_lang]').selectOption('th');
      await me.getByRole('button', { name: 'Log these hours' }).click();
      await me.locator('input[name=hours][aria-invalid=true]').waitFor();
      assert.equal(await me.locator('input[name=activity]').inputValue(), 'Guided walk at Lake Akan', 'typing kept');
      await me.locator('input[name=hours]').fill('3.5');
      await me.getByRole('button', { name: 'Log these hours' }).click();
      await me.waitForURL(/done=logged/);
      const row = me.locator('#hours-entries tr', { hasText: 'Guided walk at Lake Akan' });
      assert.match(await row.textContent(), /3\.5/);
      assert.match(await row.textContent(), /Waiting for review/);
      assert.match(await row.textContent(), /ทะเลสาบอากัง/);
      entry = (await row.getAttribute('id')).replace('entry-', '');
      assert.equal(await overflow(me), 0);
    });
    await k.step(me, 'changed while pending', async () => {
      await me.goto(`/volunteer/hours/${entry}/edit`);
      await me.locator('input[name=activity]').fill('Guided walk at Lake Akan for Thai visitors');
      await me.getByRole('button', { name: 'Save' }).click();
      await me.waitForURL(/done=saved/);
      await me.locator('#hours-entries tr', { hasText: 'for Thai visitors' }).waitFor();
    });

    const staff = admin;
    await k.step(staff, 'staff approve it in the queue', async () => {
      await staff.goto('/console/hours');
      const row = staff.locator(`#entry-${entry}`);
      assert.match(await row.textContent(), /for Thai visitors/);
      await row.locator('input[type=checkbox]').check();
      await staff.getByRole('button', { name: 'Approve the selected entries' }).click();
      await staff.waitForURL(/done=approved/);
      assert.equal(await staff.locator(`#entry-${entry}`).count(), 0, 'no longer waiting');
    });
    await k.step(staff, 'the hours report counts it', async () => {
      assert.equal(await reportTotal(staff), before + 3.5);
      const csv = await staff.request.get(`/console/hours/report.csv?fy=${fiscalYear()}&by=scheme`);
      assert.equal(csv.status(), 200);
      assert.match(await csv.text(), /Friends From Thailand/);
    });
    await k.step(me, 'approved: no longer changed (409, saying why)', async () => {
      const r = await me.goto(`/volunteer/hours/${entry}/edit`);
      assert.equal(r.status(), 409);
      assert.match(await me.locator('main').textContent(), /approved/);
      await me.goto('/volunteer');
      assert.match(await me.locator('#hours-approved').textContent(), /\d/);
    });

    const them = await volunteer(admin, OTHER, other.person_id, 'another volunteer');
    await k.step(them, "another volunteer's entry is refused (403)", async () => {
      const r = await them.goto(`/volunteer/hours/${entry}/edit`);
      assert.equal(r.status(), 403);
      assert.match(await them.locator('main').textContent(), /another volunteer/);
      const console = await them.goto('/console/hours');
      assert.equal(console.status(), 403, 'the staff queue is refused');
    });

    for (const lang of ['en', 'ja', 'th', 'ms']) {
      for (const path of ['/volunteer', '/volunteer/hours', '/volunteer/reports']) {
        await k.step(me, `${path} in ${lang}`, async () => {
          await me.goto(`${path}?lang=${lang}`);
          assert.equal(await me.getAttribute('html', 'lang'), lang);
          assert.equal(await overflow(me), 0, `${path} wider than a phone in ${lang}`);
          const vs = await axeViolations(me);
          assert.equal(vs.length, 0, `axe on ${path} in ${lang}:\n${describeViolations(vs)}`);
        });
      }
    }
    assert.deepEqual(k.errorsOf(me), []);
  });
});
