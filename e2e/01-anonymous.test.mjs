// An anonymous visitor: the console asks them to sign in; the home page
// shows the demo's figures.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useKizuna } from './harness.mjs';

describe('anonymous visitor', () => {
  const k = useKizuna('01 anonymous');

  test('the console redirects to the sign-in page', async () => {
    const page = await k.page();
    await k.step(page, 'console trainees asks to sign in', async () => {
      await page.goto('/console/trainees');
      const url = new URL(page.url());
      assert.equal(url.pathname, '/sign-in');
      assert.equal(url.searchParams.get('next'), '/console/trainees');
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await page.getByLabel('E-mail address').waitFor();
      await page.getByLabel('Password').waitFor();
    });
    await page.context().close();
  });

  test('the home page shows the demo figures', async () => {
    const page = await k.page();
    // What the public report says today, to compare with what the page shows.
    const report = await k.api(page, '/api/v1/reports/trainees');
    const fmt = (n) => n.toLocaleString('en-US');
    await k.step(page, 'home page', async () => {
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: 'International cooperation and exchanges' }).waitFor();
      await page.getByText('This site shows demonstration data').waitFor();
      assert.ok(report.trainees > 600, `the demo has trainees (report: ${report.trainees})`);
      assert.equal((await page.locator('#total-trainees').innerText()).trim(), fmt(report.trainees));
      assert.equal((await page.locator('#total-countries').innerText()).trim(), fmt(report.countries));
      await page.getByText('trainees accepted').waitFor();
      // The demo's training course is listed by its title and summary; its
      // internal key is never shown.
      await page.getByRole('heading', { level: 3, name: 'General Management for Regional Development and Planning' }).waitFor();
      await page.getByText('General course for administrative officials', { exact: false }).waitFor();
      assert.equal(await page.getByText('gmrdp').count(), 0, 'the key gmrdp is not shown');
      // Nobody is signed in: no console in the menu, a sign-in link.
      assert.equal(await page.getByRole('link', { name: 'Console', exact: true }).count(), 0);
      await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
    });
    await page.context().close();
  });
});
