// Administration as an administrator does it, in the browser: add a staff
// account (a one-time link to set its password, shown once), and in a
// second browser set the password through the link (a guessable one
// refused first) and sign in; disable it through its confirmation page, and that
// browser is signed out at once; refuse a guessable new password beside its
// field; read the audit log, which names the change. Then the accounts
// page, the own-account page and the audit log at phone width in English,
// Japanese, Thai and Malay: nothing wider than the screen, no serious axe
// violation, the page in its language.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, describeViolations, submitSignIn, useKizuna } from './harness.mjs';

const NEW_STAFF = 'e2e.staff@kizuna.example';

/** Nothing on the page is wider than the window. */
async function fitsTheScreen(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

describe('administration', () => {
  const k = useKizuna('10 administration');

  test('an administrator adds, then disables, a staff account; the audit log tells it', async () => {
    const admin = await k.page();
    await k.signIn(admin, '/admin/accounts');
    const link = await k.step(admin, 'account added with a one-time password link', async () => {
      await admin.goto('/admin/accounts');
      await admin.getByRole('link', { name: 'Accounts' }).first().waitFor();
      await admin.getByLabel('E-mail address').fill(NEW_STAFF);
      await admin.getByLabel('Role').selectOption('staff');
      await admin.getByRole('button', { name: 'Add the account' }).click();
      const secret = (await admin.locator('#secret').textContent()).trim();
      assert.match(secret, /\/reset-password\/[0-9a-f]{32,}$/, `a one-time link is shown once: ${secret}`);
      await admin.goto('/admin/accounts');
      assert.equal(await admin.locator(`tr[data-email="${NEW_STAFF}"]`).count(), 1, 'the new account is listed');
      return secret;
    });

    const password = 'Tokachi halal daifuku, 2018 award!';
    const other = await k.page();
    await k.step(other, 'the password is set through the link, a guessable one refused first', async () => {
      await other.goto(new URL(link, k.url).pathname);
      await other.getByLabel('New password', { exact: true }).fill('password1234');
      await other.getByLabel('New password again').fill('password1234');
      await other.locator('main form').getByRole('button').click();
      await other.locator('main form .field-error').first().waitFor();
      await other.getByLabel('New password', { exact: true }).fill(password);
      await other.getByLabel('New password again').fill(password);
      await other.locator('main form').getByRole('button').click();
      await other.waitForLoadState();
      assert.equal(await other.locator('main form .field-error').count(), 0, 'a strong password is taken');
    });
    await k.step(other, 'the link works once', async () => {
      const r = await other.goto(new URL(link, k.url).pathname);
      assert.ok(r.status() >= 400 || (await other.locator('input[name=password]').count()) === 0, 'a used link sets nothing');
    });
    await k.step(other, 'the new account signs in', async () => {
      await other.goto('/sign-in?next=/console');
      await other.getByLabel('E-mail address').fill(NEW_STAFF);
      await other.getByLabel('Password').fill(password);
      assert.equal(await submitSignIn(other), 303);
      await other.waitForURL((u) => u.pathname === '/console');
    });

    await k.step(admin, 'disabled through its confirmation page', async () => {
      await admin.locator(`tr[data-email="${NEW_STAFF}"]`).getByRole('link', { name: 'Disable' }).click();
      await admin.getByRole('heading', { name: `Disable ${NEW_STAFF}?` }).waitFor();
      await admin.locator('main form').getByRole('button').click();
      await admin.getByText('The account is disabled and signed out everywhere.').waitFor();
      const state = await admin.locator(`tr[data-email="${NEW_STAFF}"] .state`).textContent();
      assert.match(state, /Disabled since/);
    });

    await k.step(other, 'its browser is signed out at once', async () => {
      await other.goto('/console');
      assert.equal(new URL(other.url()).pathname, '/sign-in', 'a disabled account is sent to sign in');
    });

    await k.step(admin, 'a guessable new password is refused beside its field', async () => {
      await admin.goto('/account');
      await admin.getByLabel('Current password').fill(k.server.password);
      await admin.getByLabel('New password', { exact: true }).fill('password1234');
      await admin.getByLabel('New password again').fill('password1234');
      await admin.locator('form[action="/account/password"]').getByRole('button').click();
      const error = admin.locator('form[action="/account/password"] .field-error');
      await error.first().waitFor();
      assert.ok((await error.first().textContent()).trim().length > 0);
      // The old password still works: nothing was changed.
      const again = await k.page();
      await again.goto('/sign-in');
      await again.getByLabel('E-mail address').fill(k.server.email);
      await again.getByLabel('Password').fill(k.server.password);
      assert.equal(await submitSignIn(again), 303);
    });

    await k.step(admin, 'the audit log lists what happened', async () => {
      await admin.goto('/console/audit');
      const rows = admin.locator('main table tbody tr');
      assert.ok((await rows.count()) > 0, 'the audit log has entries');
      const text = await admin.locator('main').innerText();
      assert.doesNotMatch(text, new RegExp(password), 'no secret in the audit log');
    });
  });

  for (const lang of ['en', 'ja', 'th', 'ms']) {
    test(`administration pages at phone width in ${lang}`, async () => {
      // bypassCSP: only so that axe-core can be injected.
      const page = await k.page({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true });
      await k.signIn(page);
      const headings = new Set();
      for (const path of ['/admin/accounts', '/admin/tokens', '/account', '/console/audit']) {
        await k.step(page, `${lang} ${path} at phone width`, async () => {
          const r = await page.goto(`${path}?lang=${lang}`);
          assert.equal(r.status(), 200, `${path}: ${r.status()}`);
          assert.equal(await page.getAttribute('html', 'lang'), lang);
          assert.ok(await fitsTheScreen(page), `${path} in ${lang} is wider than a phone`);
          const vs = await axeViolations(page);
          assert.equal(vs.length, 0, `axe on ${path} in ${lang}:\n${describeViolations(vs)}`);
          headings.add(await page.locator('h1').first().textContent());
          assert.deepEqual(k.errorsOf(page), []);
        });
      }
      assert.equal(headings.size, 4, 'four pages, four headings');
    });
  }
});
