// Accessibility: axe-core on the main pages; any serious or critical
// violation fails, and is printed.

import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, describeViolations, useKizuna, waitForChart } from './harness.mjs';

describe('accessibility (axe-core)', () => {
  const k = useKizuna('07 accessibility');
  let anon;
  let staff;
  let signedIn = null;
  before(async () => {
    // axe is added as a script tag: let it past the pages' Content-Security-Policy.
    anon = await k.page({ bypassCSP: true });
    staff = await k.page({ bypassCSP: true });
  });
  // Signed in once, by the first console page (so that the public pages are checked whatever happens).
  const signIn = () => (signedIn ??= k.signIn(staff, '/console'));

  const check = async (page, name, open) => {
    if (page === staff) await signIn();
    await k.step(page, name, async () => {
      await open();
      await page.waitForLoadState('load');
      const vs = await axeViolations(page);
      if (vs.length) console.log(`axe on ${name} (${page.url()}):\n${describeViolations(vs)}`);
      assert.equal(vs.length, 0, `serious or critical axe violations on ${name}:\n${describeViolations(vs)}`);
    });
  };
  const h1 = (page) => page.locator('main h1').first().waitFor();

  test('home', () => check(anon, 'home', async () => {
    await anon.goto('/');
    await h1(anon);
  }));

  test('sign-in', () => check(anon, 'sign-in', async () => {
    await anon.goto('/sign-in');
    await anon.getByLabel('Password').waitFor();
  }));

  test('statistics', () => check(anon, 'statistics', async () => {
    await anon.goto('/statistics?as_of=2008-03-31');
    await h1(anon);
    await waitForChart(anon, '#chart-years');
    await waitForChart(anon, '#chart-map');
  }));

  test('console dashboard', () => check(staff, 'console dashboard', async () => {
    await staff.goto('/console');
    await h1(staff);
  }));

  test('trainee list', () => check(staff, 'trainee list', async () => {
    await staff.goto('/console/trainees');
    await staff.locator('#trainees').waitFor();
  }));

  test('edition page', () => check(staff, 'edition page', async () => {
    await staff.goto('/console/courses');
    await Promise.all([
      staff.waitForURL(/\/console\/editions\/\d+$/),
      staff.getByRole('link', { name: 'gmrdp/fy2007', exact: true }).click(),
    ]);
    await h1(staff);
  }));

  test('person page', () => check(staff, 'person page', async () => {
    // A trainee of the edition opened above.
    if (!/\/console\/editions\/\d+$/.test(staff.url())) {
      await staff.goto('/console/courses');
      await staff.getByRole('link', { name: 'gmrdp/fy2007', exact: true }).click();
      await staff.waitForURL(/\/console\/editions\/\d+$/);
    }
    const person = staff.locator('main a[href^="/console/people/"]').first();
    await Promise.all([staff.waitForURL(/\/console\/people\/\d+$/), person.click()]);
    await staff.locator('#roles').waitFor();
  }));

  test('import page', () => check(staff, 'import page', async () => {
    await staff.goto('/console/import');
    await h1(staff);
  }));

  // More console pages people use every day.
  test('courses', () => check(staff, 'courses', async () => {
    await staff.goto('/console/courses');
    await h1(staff);
  }));

  test('attendance', () => check(staff, 'attendance', async () => {
    await staff.goto('/console/courses');
    await Promise.all([
      staff.waitForURL(/\/console\/editions\/\d+$/),
      staff.getByRole('link', { name: 'gmrdp/fy2007', exact: true }).click(),
    ]);
    await Promise.all([
      staff.waitForURL(/\/console\/sessions\/\d+\/attendance$/),
      staff.getByRole('link', { name: 'Mark attendance' }).first().click(),
    ]);
    await staff.locator('main form').waitFor();
  }));

  test('staff statistics', () => check(staff, 'staff statistics', async () => {
    await staff.goto('/console/statistics?as_of=2008-03-31');
    await h1(staff);
    await waitForChart(staff, '#chart-years');
    await waitForChart(staff, '#chart-map');
  }));
});
