// Signing in through the form, then creating a course edition through the
// console: a field with an error first, its message beside it, then fixed.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { submitSignIn, useKizuna } from './harness.mjs';

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

describe('sign in and create a course edition', () => {
  const k = useKizuna('02 sign in and edition');

  test('sign in, then a new edition of gmrdp through the form', async () => {
    const page = await k.page();

    await k.step(page, 'wrong password refused', async () => {
      await page.goto('/sign-in');
      await page.getByLabel('E-mail address').fill(k.server.email);
      await page.getByLabel('Password').fill('not-the-password');
      assert.equal(await submitSignIn(page), 401);
      await page.getByRole('alert').filter({ hasText: 'The e-mail address or password is not right.' }).waitFor();
      assert.equal(await page.getByLabel('E-mail address').inputValue(), k.server.email, 'the address is kept');
    });

    await k.step(page, 'signed in', async () => {
      await page.getByLabel('Password').fill(k.server.password);
      assert.equal(await submitSignIn(page), 303, 'signed in: a redirect');
      await page.waitForURL((u) => u.pathname === '/console');
      await page.getByRole('heading', { level: 1, name: 'Staff console' }).waitFor();
      await page.getByRole('banner').getByText(k.server.email).waitFor();
      await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).waitFor();
    });

    // The course's id, from the API with the browser's session cookie.
    const programmes = await k.api(page, '/api/v1/programmes?key=gmrdp');
    const list = Array.isArray(programmes) ? programmes : programmes.items ?? programmes.data;
    assert.ok(Array.isArray(list), `the programme list: ${JSON.stringify(programmes).slice(0, 200)}`);
    const gmrdp = list.find((p) => p.key === 'gmrdp');
    assert.ok(gmrdp, 'the API knows course gmrdp');

    let fy;
    let key;
    await k.step(page, 'new edition form from the courses page', async () => {
      await page.goto('/console/courses');
      await page.getByRole('heading', { level: 1, name: 'Training courses' }).waitFor();
      const link = page.locator(`a[href="/console/editions/new?programme_id=${gmrdp.id}"]`);
      assert.equal(await link.count(), 1, "the courses page links to gmrdp's new-edition form");
      assert.equal((await link.innerText()).trim(), 'New course edition');
      await Promise.all([page.waitForURL(/\/console\/editions\/new\?programme_id=/), link.click()]);
      await page.getByRole('heading', { level: 1, name: 'New course edition' }).waitFor();
      assert.equal(await page.getByLabel('Training course').inputValue(), String(gmrdp.id), 'the course is chosen');
      fy = Number(await page.getByLabel('Fiscal year').inputValue());
      assert.ok(fy > 2000, `the fiscal year is filled in (${fy})`);
      key = `gmrdp/fy${fy}-e2e`;
    });

    await k.step(page, 'a last day before the first day is refused', async () => {
      await page.getByLabel('Edition key').fill(key);
      await page.getByLabel('General (many countries)').check();
      await page.getByRole('group', { name: 'Title of this edition' }).getByLabel('English').fill('Browser-test edition');
      await page.getByRole('group', { name: 'Title of this edition' }).getByLabel('ไทย').fill('ฉบับทดสอบเบราว์เซอร์');
      await page.getByLabel('First day').fill(`${fy}-10-01`);
      await page.getByLabel('Last day').fill(`${fy}-09-15`);
      await page.getByLabel('Places').fill('12');
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/console/editions/new') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Save' }).click(),
      ]);
      await page.getByRole('alert').filter({ hasText: 'Some values need fixing.' }).waitFor();
      const last = page.getByLabel('Last day');
      assert.equal(await last.getAttribute('aria-invalid'), 'true', 'the last day is marked invalid');
      assert.match(await description(last), /This ends before it starts\./, "the field's message describes it");
      await page.locator('#e-ends_on').filter({ hasText: 'This ends before it starts.' }).waitFor({ state: 'visible' });
      // What was typed is kept; other fields are not blamed.
      assert.equal(await page.getByLabel('Edition key').inputValue(), key);
      assert.equal(await last.inputValue(), `${fy}-09-15`);
      assert.equal(await page.getByLabel('First day').getAttribute('aria-invalid'), null);
      assert.equal(await page.getByLabel('Edition key').getAttribute('aria-invalid'), null);
    });

    await k.step(page, 'fixed and saved: the edition page', async () => {
      await page.getByLabel('Last day').fill(`${fy}-11-30`);
      await Promise.all([
        page.waitForURL(/\/console\/editions\/\d+(\?|$)/),
        page.getByRole('button', { name: 'Save' }).click(),
      ]);
      await page.getByRole('status').filter({ hasText: 'The course edition was saved.' }).waitFor();
      await page.getByRole('heading', { level: 1, name: /Browser-test edition/ }).waitFor();
      const facts = await page.locator('main dl').innerText();
      assert.ok(facts.includes(key), `the page shows the key ${key}`);
      assert.ok(facts.includes(`FY${fy}`), `the page shows FY${fy}`);
      assert.ok(facts.includes(`1 Oct ${fy}`) && facts.includes(`30 Nov ${fy}`), `the dates: ${facts}`);
      assert.ok(facts.includes('12'), 'the places');
    });

    await k.step(page, 'listed on the courses page', async () => {
      await page.goto('/console/courses');
      await page.getByRole('link', { name: key, exact: true }).waitFor();
    });
    await page.context().close();
  });
});
