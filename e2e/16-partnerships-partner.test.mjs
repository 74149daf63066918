// A partner's outcomes: an account for Tokachi Seika (implementing in the
// demo's Malaysia programme) made by the administrator; at phone width the
// partner opens its outcomes from /partner, sees its programme's outcomes
// and not the Thailand programme's (whose outcome is "not found" at its
// address), proposes an outcome, and sees it waiting for staff; staff find
// it marked as the partner's among the outcomes to substantiate and
// substantiate it; the partner then sees the verdict. The partner's pages
// in four languages fit the screen and pass axe-core.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, describeViolations, submitSignIn, useKizuna } from './harness.mjs';

const PARTNER = 'seika.e2e@example.org';
const PARTNER_PASSWORD = 'Halal daifuku from Tokachi, 2016!';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function overflow(page) {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

describe("a partner's outcomes", () => {
  const k = useKizuna('16 partnerships partner');

  test('a partner proposes an outcome and staff substantiate it', async () => {
    const admin = await k.page();
    await k.signIn(admin, '/admin/accounts');
    const link = await k.step(admin, 'a partner account for Tokachi Seika', async () => {
      await admin.goto('/admin/accounts');
      await admin.getByLabel('E-mail address').fill(PARTNER);
      await admin.getByLabel('Role').selectOption('partner');
      await admin.getByLabel('Organisation (partners only)').selectOption('tokachi-seika');
      await admin.getByRole('button', { name: 'Add the account' }).click();
      return (await admin.locator('#secret').textContent()).trim();
    });
    // An outcome of the Thailand programme, which Tokachi Seika is not in.
    const [thai] = (await k.api(admin, '/api/v1/programmes?key=food-valley-tokachi-thailand')).items;
    const [thaiOutcome] = (await k.api(admin, `/api/v1/outcomes?programme_id=${thai.id}`)).items;

    const partner = await k.page({ ...PHONE, bypassCSP: true });
    await k.step(partner, 'the partner sets a password and signs in', async () => {
      await partner.goto(new URL(link, k.url).pathname);
      await partner.getByLabel('New password', { exact: true }).fill(PARTNER_PASSWORD);
      await partner.getByLabel('New password again').fill(PARTNER_PASSWORD);
      await partner.locator('main form').getByRole('button').click();
      await partner.waitForLoadState();
      await partner.goto('/sign-in');
      await partner.getByLabel('E-mail address').fill(PARTNER);
      await partner.getByLabel('Password').fill(PARTNER_PASSWORD);
      assert.equal(await submitSignIn(partner), 303);
      await partner.waitForURL((u) => u.pathname === '/partner');
    });
    await k.step(partner, 'its programmes and their outcomes, no one else’s', async () => {
      await partner.getByRole('link', { name: 'Outcomes of our programmes' }).click();
      await partner.getByRole('heading', { level: 1, name: 'Outcomes of our programmes' }).waitFor();
      const text = await partner.locator('main').textContent();
      assert.match(text, /Malaysia/);
      assert.equal(await partner.locator(`#o-${thaiOutcome.id}`).count(), 0);
      assert.equal(await overflow(partner), 0, 'no sideways scrolling at 390 px');
      const r = await partner.goto(`/partner/outcomes/${thaiOutcome.id}`);
      assert.equal(r.status(), 404, "another programme's outcome is not found");
    });
    await k.step(partner, 'a proposal: an error beside the field, then sent', async () => {
      await partner.goto('/partner/outcomes');
      await partner.locator('#f-title_en').fill('Halal sweets for a Kuala Lumpur hotel');
      await partner.locator('#f-description_en').fill('A Kuala Lumpur hotel serves our halal daifuku at breakfast');
      await partner.getByLabel('Kind of outcome').selectOption('new_business');
      await partner.getByLabel('Where it landed').selectOption('abroad');
      await partner.getByLabel('When it happened').fill('2024-06-15');
      await partner.getByLabel('Evidence (web address)').fill('not a link');
      await partner.getByRole('button', { name: 'Send the proposal' }).click();
      await partner.locator('#e-evidence_url').waitFor();
      await partner.getByLabel('Evidence (web address)').fill('https://example.org/hotel-menu');
      await partner.getByRole('button', { name: 'Send the proposal' }).click();
      await partner.waitForURL(/done=proposed/);
      const item = partner.locator('li', { hasText: 'Halal sweets for a Kuala Lumpur hotel' });
      await item.waitFor();
      assert.match(await item.textContent(), /waiting for a verifier/);
      assert.match(await item.textContent(), /Proposed by a partner/);
    });

    const staff = admin;
    await k.step(staff, 'staff substantiate the proposal', async () => {
      await staff.goto('/console/outcomes/unsubstantiated');
      const section = staff.locator('section.waiting', { hasText: 'Halal sweets for a Kuala Lumpur hotel' });
      assert.match(await section.textContent(), /Proposed by a partner/);
      await section.getByLabel('Confirmed by').fill('Office staff, after a visit');
      await section.getByLabel('Confirmed on').fill('2024-07-01');
      await section.getByLabel('Partly agree').check();
      await section.getByRole('button', { name: /Record the substantiation/ }).click();
      await staff.waitForURL(/done=substantiated/);
    });
    await k.step(partner, 'the partner sees the verdict', async () => {
      await partner.goto('/partner/outcomes');
      const item = partner.locator('li', { hasText: 'Halal sweets for a Kuala Lumpur hotel' });
      assert.match(await item.textContent(), /Partly agree/);
    });
    for (const lang of ['en', 'ja', 'th', 'ms']) {
      await k.step(partner, `the partner's outcomes in ${lang}`, async () => {
        await partner.goto(`/partner/outcomes?lang=${lang}`);
        assert.equal(await partner.getAttribute('html', 'lang'), lang);
        assert.equal(await overflow(partner), 0, `wider than a phone in ${lang}`);
        const vs = await axeViolations(partner);
        assert.equal(vs.length, 0, `axe in ${lang}:\n${describeViolations(vs)}`);
        const own = await partner.locator('main ul.items a').first().getAttribute('href');
        await partner.goto(`${own}?lang=${lang}`);
        assert.equal(await overflow(partner), 0, `an outcome wider than a phone in ${lang}`);
        const vs2 = await axeViolations(partner);
        assert.equal(vs2.length, 0, `axe on an outcome in ${lang}:\n${describeViolations(vs2)}`);
        assert.deepEqual(k.errorsOf(partner), []);
      });
    }
  });
});
